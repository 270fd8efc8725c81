/// Queries written for the search quality test, each with the lesson a reader means by it. Kinds:
/// exact titles, synonyms, taxonomy aliases, misspellings and multi-word phrases.
enum SearchQualityQueries {
    struct Query: Sendable, CustomStringConvertible {
        var text: String
        /// The lesson id that must be among the first three hits.
        var expected: String
        var kind: Kind
        var description: String { "\(kind): \(text) → \(expected)" }
    }

    enum Kind: String, Sendable { case title, synonym, alias, misspelling, phrase }

    static let all: [Query] = [
        // Titles, verbatim or nearly (punctuation and case dropped, as people type them).
        Query(text: "black scholes model", expected: "black-scholes-model", kind: .title),
        Query(text: "common continuous distributions", expected: "common-continuous-distributions", kind: .title),
        Query(text: "Dynamic programming", expected: "dynamic-programming-patterns", kind: .title),
        Query(text: "running effective meetings", expected: "running-effective-meetings", kind: .title),
        Query(text: "Attention and transformers", expected: "attention-and-transformers", kind: .title),
        Query(text: "value at risk and expected shortfall", expected: "var-and-expected-shortfall", kind: .title),
        Query(text: "Conditional probability and Bayes' theorem", expected: "conditional-probability-and-bayes", kind: .title),
        Query(text: "heaps and binary trees", expected: "heaps-and-binary-trees", kind: .title),

        // Synonyms: other words for the lesson's subject, found in its body or its topics' aliases.
        Query(text: "overfitting vs underfitting", expected: "bias-variance-tradeoff", kind: .synonym),
        Query(text: "statistical significance", expected: "hypothesis-testing-p-values-and-power", kind: .synonym),
        Query(text: "L1 and L2 penalty", expected: "ridge-lasso-elastic-net", kind: .synonym),
        Query(text: "steady-state distribution", expected: "markov-chains-stationary-distributions", kind: .synonym),
        Query(text: "option sensitivities", expected: "option-greeks", kind: .synonym),
        Query(text: "sampling without replacement", expected: "common-discrete-distributions", kind: .synonym),
        Query(text: "thread safety", expected: "concurrency-threads-async-locks", kind: .synonym),
        Query(text: "walk-away point", expected: "negotiation-offers-batna-anchoring", kind: .synonym),

        // Taxonomy aliases of a skill among the lesson's topics, in the case people type them.
        Query(text: "AB testing", expected: "ml-system-design", kind: .alias),
        Query(text: "ytm", expected: "bond-yield-duration-convexity", kind: .alias),
        Query(text: "GRU", expected: "recurrent-networks-lstm", kind: .alias),
        Query(text: "MECE", expected: "case-quant-interviews-under-pressure", kind: .alias),
        Query(text: "bant", expected: "sales-discovery-calls", kind: .alias),
        Query(text: "cProfile", expected: "performance-profiling-and-memory", kind: .alias),
        Query(text: "Almgren-Chriss", expected: "execution-algorithms-market-making", kind: .alias),
        Query(text: "Wiener process", expected: "random-walks-to-brownian-motion", kind: .alias),

        // Misspellings: dropped, swapped and phonetically wrong letters in title words or skill names.
        Query(text: "baysian inference", expected: "bayesian-inference-conjugate-priors", kind: .misspelling),
        Query(text: "garch volatilty", expected: "garch-volatility-models", kind: .misspelling),
        Query(text: "heirarchical clustering", expected: "clustering-kmeans-hierarchical-gmm", kind: .misspelling),
        Query(text: "backpropogation", expected: "neural-networks-backpropagation", kind: .misspelling),
        Query(text: "efficent frontier", expected: "mean-variance-efficient-frontier", kind: .misspelling),
        Query(text: "heteroscedasticty", expected: "ols-regression-inference", kind: .misspelling),
        Query(text: "binary serach", expected: "big-o-sorting-binary-search", kind: .misspelling),
        Query(text: "presentaton slides", expected: "presenting-structure-slides-questions", kind: .misspelling),

        // Phrases: natural multi-word questions whose words mostly appear in the lesson.
        Query(text: "how to avoid lookahead bias in a backtest", expected: "backtesting-pitfalls", kind: .phrase),
        Query(text: "window functions in sql", expected: "sql-window-functions-and-indexes", kind: .phrase),
        Query(text: "how to handle missing values in features", expected: "feature-engineering-for-ml", kind: .phrase),
        Query(text: "detecting a cycle in a directed graph", expected: "graph-traversal-bfs-dfs", kind: .phrase),
        Query(text: "expected number of coin tosses until HH", expected: "monty-hall-coupon-collector-patterns", kind: .phrase),
        Query(text: "how does a limit order book work", expected: "order-books-spreads-price-impact", kind: .phrase),
        Query(text: "tell me about a time you failed", expected: "star-method-behavioural-answers", kind: .phrase),
        Query(text: "explaining a model to a non-technical audience", expected: "explaining-technical-work", kind: .phrase),
    ]
}
