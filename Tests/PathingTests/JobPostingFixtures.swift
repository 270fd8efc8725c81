/// Job postings written for the job-analysis quality test, each labelled by hand with what a careful
/// recruiter reads as required and as preferred (taxonomy skill ids), and the role it is.
enum JobPostingFixtures {
    struct Posting: Sendable, CustomStringConvertible {
        var name: String
        var title: String?
        var text: String
        /// The role template it is; `nil` for a role outside the seven templates.
        var role: String?
        /// Expected seniority: junior, mid, senior, lead or not_specified.
        var seniority: String
        var required: Set<String>
        var preferred: Set<String>
        /// Skills a word matcher would find in the text but a recruiter would not list (negated,
        /// a customer's or competitor's tool, a place or product name, a degree subject, benefits).
        var notRequirements: Set<String>
        var description: String { name }
    }

    static let all: [Posting] = [
        Posting(
            name: "quant-researcher-systematic-futures",
            title: "Senior Quantitative Researcher, Systematic Futures",
            text: """
                Senior Quantitative Researcher, Systematic Futures
                Ashgrove Partners · London

                About us
                Ashgrove Partners is a systematic investment manager running diversified futures portfolios across \
                interest rates, stock indices, commodities and currencies. We are about sixty people, a third of them \
                researchers, and we publish nothing but argue about everything. Our research is slow, careful and \
                shared: every idea gets a written review before it gets capital.

                The role
                You will join the futures research pod led by Adam Okafor and own a book of signals from the first \
                idea to live trading. Day to day that means:
                - researching new predictive signals in daily and intraday futures data;
                - building and maintaining backtests that are honest about transaction costs, roll dates and data \
                revisions;
                - handing your combined forecasts to the portfolio construction team, who size and net them across \
                the whole fund;
                - mentoring two junior researchers and reviewing their code every week.

                What you'll need
                - Five or more years of hands-on research on systematic strategies in futures or similar liquid \
                markets.
                - Deep command of time series analysis and linear regression, including what serial correlation in \
                overlapping returns does to your standard errors.
                - A clear grasp of overfitting and multiple testing, and the discipline to throw away a pretty \
                backtest.
                - Fluent Python with pandas and NumPy; you will write production research code, not notebooks that \
                only you can run.
                - Solid probability and linear algebra.

                Bonus points
                Bayesian methods or shrinkage estimators for covariance matrix estimation would help you here, and some \
                C++ would let you speed up our simulator. If you have built a risk model with principal component \
                analysis, tell us about it in your cover letter.

                What we offer
                A competitive salary plus equity in the partnership pool, a discretionary bonus, pension matching, \
                private health cover for your family, a gym stipend and lunch cooked every day by our in-house chef. \
                We offer hybrid working: three days in the office, two at home.

                Ashgrove Partners is an equal opportunity employer. We consider every qualified applicant regardless \
                of race, religion, sex, sexual orientation, gender identity, national origin, age or disability.
                """,
            role: "quant_researcher",
            seniority: "senior",
            required: [
                "alpha_research", "backtesting", "transaction_cost_analysis", "mentoring", "code_review", "trading_strategies",
                "time_series_analysis", "linear_regression", "autocorrelation", "overfitting", "multiple_testing", "python", "pandas",
                "numpy", "probability_theory", "linear_algebra",
            ],
            preferred: [
                "bayesian_statistics", "shrinkage_estimation", "covariance_matrix_estimation", "cpp", "principal_component_analysis",
            ],
            notRequirements: ["adam_optimizer", "commodity_markets", "portfolio_management", "equity_markets", "chef"]
        ),
        Posting(
            name: "graduate-quant-researcher-spark",
            title: "Graduate Quantitative Researcher (SPARK Programme)",
            text: """
                Graduate Quantitative Researcher — SPARK Programme
                Meridian Lane Capital · New York and Chicago

                Who we are
                Meridian Lane is a proprietary trading firm that has traded its own capital for eighteen years. SPARK \
                is our two-year rotational programme for new graduates: you spend eight months in each of three \
                research teams before choosing a permanent home. SPARK graduates now lead four of our eleven desks.

                What you will work on
                Graduates in SPARK join real projects from the first week. You will test trading ideas with care, \
                write research code that a colleague can rerun a year later, and present your results to the \
                partners at the end of each rotation. Expect to be wrong often and to say so quickly.

                Qualifications
                We hire on ability, not on background. You should be finishing, or have recently finished, a degree \
                in Mathematics, Statistics, Physics, Computer Science or Engineering. You should be comfortable with \
                probability, statistical hypothesis testing and linear regression, and able to write clean Python \
                without leaning on a framework. Above all we look for people who enjoy probability puzzles and keep \
                working on them after the interview is over.

                You do not need prior finance experience or any knowledge of stochastic calculus; we teach the markets \
                side from scratch in your first month. No C++ is required either, although many graduates pick it up \
                in their second rotation.

                Nice to have
                - A thesis, research project or competition entry involving machine learning or time series analysis.
                - Familiarity with pandas or another dataframe library.
                - Some exposure to Bayesian inference.

                What we offer
                A graduate salary of $200,000 plus a sign-on bonus, relocation support, a 401(k) with a 6% match and \
                fully paid health, dental and vision cover. Your SPARK cohort also takes a two-week markets course \
                taught by our senior traders, and every graduate has a budget for books and conferences.

                Meridian Lane Capital is proud to be an equal opportunity workplace. We welcome applicants of every \
                background and will provide reasonable accommodations throughout the interview process.
                """,
            role: "quant_researcher",
            seniority: "junior",
            required: [
                "presentation_skills", "probability_theory", "statistical_hypothesis_testing", "linear_regression", "python",
                "probability_brainteasers",
            ],
            preferred: ["machine_learning", "time_series_analysis", "pandas", "bayesian_inference"],
            notRequirements: ["apache_spark", "mathematics", "statistics", "computer_science", "stochastic_calculus", "cpp"]
        ),
        Posting(
            name: "quant-trader-index-options",
            title: "Quantitative Trader, Index Options",
            text: """
                Kestrel Bay Trading · Chicago

                About Kestrel Bay
                Kestrel Bay is an options market maker on the Chicago and European exchanges. We are a small firm of \
                about ninety people, and traders sit next to the developers who build their tools. Traders here excel \
                at staying calm and precise when markets move fast.

                What you'll do
                - Run our market making in SPX and NDX options, adjusting edge and size as conditions change.
                - Manage the book's option Greeks through the day and own delta hedging of the position.
                - Work with our quant developers on pricing and on fitting the volatility surface each morning.
                - Query tick data with q on our kdb+ tick store to study fills, adverse selection and queue position.
                - Write a short review of the day's trading for the desk head every evening.

                Requirements
                - Two to four years trading listed options, ideally as a market maker.
                - Quick, reliable probabilistic reasoning, sharp mental math and a strong feel for expected value when \
                information is incomplete.
                - Working knowledge of Black-Scholes, implied volatility and put-call parity, and of where each of them \
                breaks down in practice.
                - An understanding of market microstructure: how the limit order book works and what drives the \
                bid-ask spread on a busy expiry day.
                - Enough Python to analyse your own fills without waiting for a developer.

                It would be great if you
                have done volatility trading, for example in variance swaps, know some game theory, or have written C++ \
                for a pricing engine. None of these is needed to get an offer.

                What we offer
                A base salary, a discretionary bonus tied to the results of your book, a 401(k) with a match, a gym \
                on site and catered lunch every day. We pay for exchange courses and for one conference a year of \
                your choosing.

                Kestrel Bay Trading is an equal opportunity employer and does not discriminate on the basis of race, \
                colour, religion, sex, national origin, age, disability, veteran status or any other protected \
                characteristic.
                """,
            role: "quant_trader",
            seniority: "mid",
            required: [
                "market_making", "option_greeks", "delta_hedging", "volatility_surface", "q_language", "kdb", "market_data",
                "mental_math", "expected_value", "black_scholes", "implied_volatility", "put_call_parity", "market_microstructure",
                "limit_order_book", "bid_ask_spread", "python", "probability_theory",
            ],
            preferred: ["volatility_trading", "game_theory", "cpp"],
            notRequirements: ["excel"]
        ),
        Posting(
            name: "junior-algorithmic-trader-execution",
            title: "Junior Algorithmic Trader, Execution Services",
            text: """
                Junior Algorithmic Trader — Execution Services
                Halyard Markets · London

                About the firm
                Halyard Markets builds execution algorithms for pension funds, insurers and asset managers. Our \
                clients hand us large orders in European shares and we work them over hours or days, trying to leave \
                as small a footprint as we can. Many clients still run their order management on Excel spreadsheets \
                and Oracle databases, and we connect to whatever they have.

                What you'll do
                You will sit with the execution desk and watch our trading algorithms through the day, stepping in \
                when an order behaves strangely. After each trade you will run transaction cost analysis for the \
                client and benchmark the fills against VWAP. Our research team owns the market impact models and \
                the machine learning behind our fill predictions; you will feed them clean data and sharp questions \
                rather than build those models yourself.

                What we look for
                - A recent degree with a large quantitative component, or up to two years in a trading or analytics \
                role.
                - Comfort with probability and expected value, and quick mental arithmetic.
                - Python for your day-to-day analysis, and enough SQL to pull your own data.
                - A grasp of how order types and the limit order book work on a lit exchange.
                - Clear written and verbal communication with the desk and with clients.

                Preferred qualifications
                - Familiarity with optimal execution models such as Almgren-Chriss.
                - Exposure to smart order routing or to the FIX protocol.
                - Some experience with pandas.

                Benefits
                Twenty-five days of holiday, a pension with an 8% employer contribution, a season ticket loan, a \
                cycle-to-work scheme and a yearly learning budget. New joiners spend their first two weeks rotating \
                through operations, compliance and technology.

                Halyard Markets is committed to equal opportunity. We welcome applications from everyone and make \
                hiring decisions on merit alone.
                """,
            role: "quant_trader",
            seniority: "junior",
            required: [
                "algorithmic_trading", "transaction_cost_analysis", "vwap", "probability_theory", "expected_value", "mental_math",
                "python", "sql", "order_types", "limit_order_book", "communication",
            ],
            preferred: ["optimal_execution", "smart_order_routing", "fix_protocol", "pandas"],
            notRequirements: ["excel", "oracle_database", "market_impact", "machine_learning"]
        ),
        Posting(
            name: "senior-risk-quant-model-validation",
            title: "Senior Quantitative Analyst, Model Validation",
            text: """
                Model Validation — Senior Quantitative Analyst
                Northmoor Bank · Model Risk Management · Frankfurt

                About us
                Northmoor Bank is a mid-sized European bank with a growing markets business. Our Model Risk \
                Management function independently reviews every model the bank relies on, from trading book pricers \
                to retail scorecards, and reports directly to the Chief Risk Officer.

                Your responsibilities
                - Lead independent validation of pricing and market risk models used by the trading desks.
                - Re-implement models from scratch, including Monte Carlo simulation engines, and challenge every \
                assumption they make.
                - Review value at risk and expected shortfall methodologies, including VaR backtesting and stress \
                testing.
                - Write clear validation reports that a board member without a quantitative background can follow.
                - Present findings to the model risk committee and agree remediation plans with model owners.

                Must have
                You have at least five years in model validation or front-office quant work at a bank, and you know \
                SR 11-7 or comparable supervisory guidance well. You are fluent in Python and comfortable in Excel, \
                including VBA for the legacy spreadsheets the business still depends on. You have a sound \
                understanding of option Greeks and interest rate models, and you can judge statistical tests on their \
                merits rather than on a single threshold.

                You do not need credit risk experience: the credit models are validated by a separate team in Warsaw.

                Nice to have
                - Experience with counterparty credit risk or XVA models.
                - Knowledge of FRTB and the internal models approach.
                - Enough C++ to read the front-office pricing library.
                - A PhD in a quantitative discipline.

                Benefits
                Company pension, thirty days of annual leave, a subsidised canteen, a public transport ticket and \
                flexible working hours. Relocation support is available for candidates moving to Frankfurt.

                Northmoor Bank values diversity and is an equal opportunity employer. Applications from people with \
                disabilities are explicitly welcome.
                """,
            role: "risk_quant",
            seniority: "senior",
            required: [
                "model_risk_management", "market_risk", "monte_carlo_simulation", "value_at_risk", "expected_shortfall",
                "var_backtesting", "stress_testing", "technical_writing", "presentation_skills", "python", "excel", "vba",
                "option_greeks", "interest_rate_models", "statistical_hypothesis_testing",
            ],
            preferred: ["counterparty_credit_risk", "xva", "regulatory_capital", "cpp"],
            notRequirements: ["credit_risk", "model_evaluation", "securities_trading"]
        ),
        Posting(
            name: "market-risk-analyst-energy",
            title: "Market Risk Analyst",
            text: """
                Brightwater Energy Trading · Houston

                About Brightwater
                Brightwater trades physical and financial power and natural gas across North America, from the \
                Texas grid to the Pacific Northwest. Our risk team is eight people and sits on the trading floor.

                The job
                You will produce and explain the daily risk numbers for our desks — value at risk, expected shortfall \
                and stress scenarios — and chase down every number that moves for no obvious reason. You will \
                maintain the library of stress scenarios, run GARCH models for our volatility forecasts, and automate \
                the reporting in Python and SQL. All of our positions flow through Prophet, our in-house risk \
                platform, which you will learn on the job.

                What you'll need
                - Two to four years in market risk, valuation control or a trading support role.
                - A strong grasp of VaR methods (historical simulation, parametric and Monte Carlo VaR) and of VaR \
                backtesting.
                - Hands-on time series analysis, ideally with volatility models such as GARCH.
                - Python with pandas, and solid SQL.
                - Advanced Excel, because you will still inherit spreadsheets from the desk.
                - A degree in Mathematics, Economics, Engineering or a similar subject.

                Bonus
                Experience in commodity trading, familiarity with copulas or extreme value theory for modelling the \
                tails, and exposure to liquidity risk would all set you apart.

                What we offer
                A competitive salary, an annual bonus, a 401(k) with a 5% match, a health savings account and a \
                wellness budget you can spend on a gym or a bike. We close the office at noon on Fridays in summer.

                Brightwater Energy Trading is an equal opportunity employer. All qualified applicants will receive \
                consideration without regard to race, colour, religion, sex, national origin, disability or veteran \
                status.
                """,
            role: "risk_quant",
            seniority: "mid",
            required: [
                "value_at_risk", "expected_shortfall", "stress_testing", "garch", "volatility_forecasting", "python", "sql",
                "market_risk", "var_backtesting", "time_series_analysis", "volatility_modeling", "pandas", "excel",
            ],
            preferred: ["commodity_markets", "copulas", "extreme_value_theory", "liquidity_risk"],
            notRequirements: ["prophet", "mathematics", "economics"]
        ),
        Posting(
            name: "staff-ml-engineer-search-ranking",
            title: "Staff Machine Learning Engineer, Search Ranking",
            text: """
                Staff Machine Learning Engineer — Search Ranking
                Tessellate · Remote (US or Canada)

                About Tessellate
                Tessellate is a marketplace for handmade furniture with four million shoppers a month. Search is \
                where most of them start, and small improvements in what we show first are worth a great deal to the \
                makers who sell with us.

                What you'll own
                - Design of the end-to-end ML systems behind search, from candidate retrieval to the final ranking \
                models.
                - Model serving at low latency: we answer every query in under eighty milliseconds.
                - Training pipelines in PyTorch on our GPU cluster.
                - Model monitoring in production, catching data drift before shoppers notice it.
                - You will mentor two engineers on the team and provide technical leadership for the wider group.

                Our platform team runs the feature store and the MLflow tracking server; you will be their most \
                demanding customer rather than their maintainer.

                What you'll need
                - Eight or more years building production machine learning, at least three of them on search ranking.
                - Expert Python and deep experience with PyTorch. JAX is welcome too.
                - A strong grounding in deep learning and in feature engineering for tabular and text signals.
                - Rigour about offline evaluation: cross-validation, target leakage and metrics that actually predict \
                online results.
                - Docker and Kubernetes in daily use; we deploy every service with Helm charts.
                - Unit testing for everything that touches a feature.

                Nice to have
                - Experience with transformer models for query understanding.
                - Large language models used in retrieval.
                - Ray for distributed training.
                - Spark for feature backfills.

                Compensation and benefits
                The salary range is $240,000 to $290,000 plus equity, with a 401(k) match, a home-office stipend, \
                four weeks of paid leave and a yearly team offsite somewhere warm.

                Tessellate is an equal opportunity employer. We do not discriminate on the basis of race, religion, \
                colour, national origin, gender, sexual orientation, age, marital status or disability.
                """,
            role: "ml_engineer",
            seniority: "lead",
            required: [
                "ml_system_design", "learning_to_rank", "information_retrieval", "model_serving", "pytorch", "model_monitoring",
                "concept_drift", "mentoring", "leadership", "machine_learning", "python", "deep_learning", "feature_engineering",
                "model_evaluation", "cross_validation", "data_leakage", "docker", "kubernetes", "helm", "unit_testing",
            ],
            preferred: ["jax", "transformers", "large_language_models", "ray", "apache_spark"],
            notRequirements: ["equity_markets", "feature_store", "mlflow"]
        ),
        Posting(
            name: "ml-engineer-llm-applications",
            title: "Machine Learning Engineer, LLM Applications",
            text: """
                Quillstone · Berlin or remote within the EU

                About us
                Quillstone builds an assistant that drafts answers for customer support teams. Our customers run \
                their help desks on Zendesk, Salesforce and Intercom, and we plug into all of them so agents never \
                leave the tool they already know.

                What you'll do
                You will build and improve the retrieval-augmented generation pipeline behind our drafts, and run LLM \
                evaluation that tells us whether a change actually helps. When prompt engineering is not enough you \
                will fine-tune open models with parameter-efficient fine-tuning. You will ship what you build behind \
                our FastAPI service and watch how it behaves with real customers.

                Requirements
                - Experience as a machine learning engineer, or as a backend engineer who has worked closely with \
                models.
                - Strong Python, including asyncio.
                - Hands-on experience with large language models in production, including embeddings and a vector \
                store such as Qdrant.
                - Docker and model deployment behind an API.
                - Solid SQL.
                - Enough statistics to tell a real improvement from noise in an offline comparison.

                You will not need Java or Scala: the whole stack is Python and TypeScript, and our frontend team owns \
                the TypeScript.

                Nice to have
                Experience with PyTorch and Hugging Face Transformers, with Kubernetes, or a background in \
                information retrieval.

                What we offer
                A salary of €75,000 to €95,000, virtual share options, thirty vacation days, a public transport \
                ticket and a yearly learning budget of €1,500. The team meets in Berlin for a week every quarter.

                Quillstone is an equal opportunity employer. We welcome applications from people of every \
                background, and we will adapt the interview process to any access needs you tell us about.
                """,
            role: "ml_engineer",
            seniority: "not_specified",
            required: [
                "retrieval_augmented_generation", "llm_evaluation", "llm_fine_tuning", "prompt_engineering", "fastapi",
                "machine_learning", "python", "asynchronous_programming", "large_language_models", "embeddings", "vector_database",
                "docker", "model_serving", "sql", "statistics",
            ],
            preferred: ["pytorch", "hugging_face_transformers", "kubernetes", "information_retrieval"],
            notRequirements: ["crm", "transformers", "java", "scala", "typescript"]
        ),
        Posting(
            name: "senior-data-scientist-experimentation",
            title: "Senior Data Scientist, Experimentation",
            text: """
                Lumen Grocery · Toronto (hybrid)

                About us
                Lumen Grocery delivers groceries in under an hour to thirty cities across Canada. Every change to the \
                app is shipped as an experiment, and the experimentation group decides what counts as a win.

                What you'll do
                - Design and analyse A/B tests for the checkout, search and pricing teams, and decide with them when \
                a result is real.
                - Run power analysis before every test and push back on designs that cannot detect the effect they \
                are looking for.
                - Build dashboards in Looker so product managers can follow their experiments without asking us.
                - Present findings to leadership in plain language, including the results nobody wanted.

                Qualifications
                We are looking for someone with five or more years of applied statistics in a product setting. You \
                should be expert in statistical hypothesis testing and experimental design, comfortable with variance \
                reduction methods such as CUPED, and fluent in SQL and either Python or R. You should know regression \
                well, both linear regression and logistic regression, and understand when causal inference from \
                observational data can be trusted and when it cannot.

                Nice to have
                - Bayesian inference for experiments.
                - Multi-armed bandits.
                - Familiarity with dbt.

                Benefits
                A competitive salary plus equity, extended health and dental coverage, RRSP matching, a weekly \
                grocery credit and a gym membership. Everyone gets two weeks a year to work on a project of their \
                own choosing.

                Lumen Grocery is an equal opportunity employer. We are committed to an inclusive workplace and \
                provide accommodations for applicants with disabilities on request.
                """,
            role: "data_scientist",
            seniority: "senior",
            required: [
                "ab_testing", "statistical_power", "looker", "business_intelligence", "presentation_skills", "statistics",
                "statistical_hypothesis_testing", "experimental_design", "variance_reduction", "sql", "python", "r_language",
                "linear_regression", "logistic_regression", "causal_inference",
            ],
            preferred: ["bayesian_inference", "multi_armed_bandits", "dbt"],
            notRequirements: ["equity_markets", "leadership"]
        ),
        Posting(
            name: "data-scientist-demand-forecasting",
            title: "Data Scientist, Demand Forecasting",
            text: """
                Fernhill Logistics · Manchester

                About Fernhill
                Fernhill runs warehouses and same-day delivery for two hundred online retailers across the UK. A \
                good forecast decides whether a parcel leaves on time or a shift stands idle.

                The role
                You will join the planning team, reporting to Julia Marsh, and own the forecasts that decide how many \
                people we roster in each warehouse every day.

                Responsibilities
                - Build and maintain time series forecasting models at warehouse and hourly level.
                - Improve our gradient boosting models with better features from promotions, weather and holidays.
                - Measure forecast accuracy honestly, with walk-forward validation rather than a single lucky split.
                - Explain forecasts and their uncertainty to operations managers who are not statisticians.

                Who you are
                You have shipped forecasts or models that other people relied on, and you care more about the \
                decision they drive than about the leaderboard. You bring experience in data science, along with:
                - Python with pandas, and scikit-learn or LightGBM.
                - Strong SQL; our warehouse is Snowflake.
                - Solid statistics for time series, including stationarity, seasonality and autocorrelation.

                Nice to have
                - Prophet or statsmodels for quick baselines.
                - Hierarchical models for forecasting many related series.
                - Airflow.
                - Experience with Bayesian methods.

                What we offer
                A salary of £55,000 to £68,000, an annual bonus, twenty-seven days of holiday plus bank holidays, a \
                pension with 6% matching, private medical insurance and a cycle-to-work scheme.

                We are an equal opportunity employer and welcome applicants from all backgrounds. If you need any \
                adjustments during the hiring process, tell us and we will make them.
                """,
            role: "data_scientist",
            seniority: "not_specified",
            required: [
                "time_series_forecasting", "gradient_boosting", "time_series_cross_validation", "technical_communication",
                "data_science", "python", "pandas", "scikit_learn", "lightgbm", "sql", "snowflake", "statistics", "stationarity",
                "autocorrelation",
            ],
            preferred: ["prophet", "statsmodels", "multilevel_models", "airflow", "bayesian_statistics"],
            notRequirements: ["julia"]
        ),
        Posting(
            name: "senior-backend-engineer-payments",
            title: "Senior Backend Engineer, Payments",
            text: """
                Copperline · Amsterdam

                About us
                Copperline lets small businesses in Europe accept card and bank payments with a single integration. \
                We move four billion euros a year for sixty thousand merchants, and we would like every one of those \
                payments to be boring.

                What you'll be doing
                You will design and build the services that authorise, capture and settle payments, own API design \
                for our merchant-facing endpoints, and keep the ledger correct under retries, timeouts and partial \
                failures. You will review code from the rest of the team, and you will also join the team's \
                on-call rotation, one week in six, with a generous allowance for it.

                What you'll need
                - Six or more years of backend development in a typed language.
                - Deep knowledge of PostgreSQL: transactions, isolation levels and database indexing.
                - Experience with Kafka or another message broker.
                - Sound system design judgment around idempotency, caching and concurrency.
                - A habit of writing tests for the code you ship.
                - Experience with Docker and CI/CD.

                We do not use Java anywhere, so no Java experience is required.

                Bonus points
                - Production experience with Go, which most of our services are written in.
                - Kubernetes and Terraform.
                - Payments, ledgers or other systems that move money.

                Benefits
                A salary of €85,000 to €110,000, stock options, twenty-eight days off, a home-office budget and a \
                business rail card. We help with relocation and with the paperwork for a residence permit.

                Copperline is an equal opportunity employer. We do not discriminate on the basis of race, religion, \
                gender, sexual orientation, age, disability or any other characteristic protected by law.
                """,
            role: "software_engineer",
            seniority: "senior",
            required: [
                "api_design", "code_review", "backend_development", "postgresql", "database_index", "kafka", "message_queue",
                "system_design", "caching", "concurrency", "software_testing", "docker", "ci_cd",
            ],
            preferred: ["go_language", "kubernetes", "terraform"],
            notRequirements: ["site_reliability_engineering", "java"]
        ),
        Posting(
            name: "software-engineer-market-data-cpp",
            title: "Software Engineer, Market Data Platform (C++)",
            text: """
                Vantelle Technologies · Milan

                About Vantelle
                Vantelle builds exchange connectivity and market data software for banks and brokers across Europe. \
                Our Milan office sits two streets from La Scala, and the engineering team is about forty people.

                What you will do
                - Write and maintain the C++ feed handlers that normalise market data from twenty European venues.
                - Profile and fix performance problems in the hot path, where we count in microseconds.
                - Design lock-free data structures and reason carefully about multithreading and memory ordering.
                - Take part in design reviews and code review with the rest of the team.

                Requirements
                You have two to four years of professional C++ (C++17 or later) on Linux, and experience building \
                low-latency systems. You understand how the processor and the network stack affect latency, and you \
                are comfortable with TCP/IP and UDP multicast. You practise unit testing as a matter of course. You \
                know your algorithms and data structures, including hash table design and binary search, and you use \
                Git every day.

                Nice to have
                - Rust: we are writing our first new gateway in Rust.
                - Python for tooling and test harnesses.
                - Knowledge of the FIX protocol or of exchange binary protocols.
                - Experience with FPGA-based feed handling.

                What we offer
                A competitive salary plus a performance bonus, a welfare budget, meal vouchers, supplementary health \
                insurance and hybrid working with three days a week in the office. We pay for one conference a year \
                and give every engineer time to contribute to open source.

                Vantelle Technologies is an equal opportunity employer. We welcome applicants regardless of gender, \
                age, origin, religion, sexual orientation or disability.
                """,
            role: "software_engineer",
            seniority: "mid",
            required: [
                "cpp", "market_data", "profiling", "performance_optimization", "data_structures", "multithreading", "code_review",
                "linux", "computer_networking", "unit_testing", "algorithms", "hash_table", "binary_search", "git",
                "low_latency_systems",
            ],
            preferred: ["rust", "python", "fix_protocol", "fpga"],
            notRequirements: ["scala"]
        ),
        Posting(
            name: "senior-product-manager-dashboards",
            title: "Senior Product Manager, Dashboards",
            text: """
                Cobalt Metrics · San Francisco or remote (US)

                About Cobalt Metrics
                Cobalt Metrics is a self-serve analytics product for mid-market companies. Many of our newest \
                customers are migrating from Tableau and Looker, and they expect us to make the switch painless.

                What you'll do
                You will take the helm of the dashboards product area and own the product roadmap for it. You will \
                run customer interviews every week, write product requirements documents that engineers actually \
                want to read, and make the prioritisation calls when everything seems urgent. You will define the \
                product metrics that tell us whether a release worked. You will partner with design, engineering and \
                our go-to-market team on every major release.

                What you'll need
                - Six or more years of product management, at least three of them on business software or data \
                tools.
                - Strong product sense, and the habit of testing ideas with A/B testing before betting on them.
                - You can write your own SQL.
                - Excellent stakeholder communication, including presenting to executives and changing their minds.
                - Comfort with market sizing and unit economics when you make the case for a bet.

                Preferred qualifications
                - Hands-on experience building dashboards yourself, in any tool.
                - Figma for quick mock-ups.
                - Experience with pricing strategy.

                Benefits
                A base salary of $190,000 to $230,000 plus equity, a 401(k) with a match, medical, dental and vision \
                coverage and a monthly wellness stipend. We meet in person for a week twice a year.

                Cobalt Metrics is an equal opportunity employer. We value a diverse team and do not discriminate on \
                the basis of any protected characteristic.
                """,
            role: "product_manager",
            seniority: "senior",
            required: [
                "roadmapping", "user_research", "product_requirements", "prioritization", "product_metrics", "product_management",
                "product_sense", "ab_testing", "sql", "stakeholder_communication", "presentation_skills", "market_sizing",
                "unit_economics",
            ],
            preferred: ["business_intelligence", "figma", "pricing_strategy"],
            notRequirements: ["tableau", "looker", "helm", "go_to_market", "equity_markets"]
        ),
        Posting(
            name: "associate-product-manager",
            title: "Associate Product Manager",
            text: """
                Pebble & Pine · Seattle

                About us
                Pebble & Pine makes budgeting apps used by three million households. We believe money is easier to \
                manage when it is easier to see.

                About the programme
                Our Associate Product Manager programme takes four graduates a year. You will spend eighteen months \
                owning a real slice of the product, supported by Stan Kowalski, our VP of Product, and by a senior \
                product manager you meet with every week.

                What you will do
                - Talk to users every week and turn what you hear into user stories.
                - Analyse funnels and retention with SQL and our product analytics tools.
                - Run sprint planning with your engineering team and keep the backlog honest.
                - Share what you learned in a short weekly write-up.

                What you'll need
                - A bachelor's degree or equivalent experience. You are a recent graduate, or have at most a year in \
                product, consulting or engineering.
                - You excel at communication, written and spoken.
                - Structured problem solving: you can break an ambiguous question into parts and tackle them in \
                order.
                - You can make a quick back-of-the-envelope estimation of a market and say what would change your \
                mind.
                - Curiosity about how people manage their money.

                Nice to have
                - Experience with Figma and Jira.
                - Any exposure to A/B testing.
                - Basic Python.

                Benefits
                A salary of $120,000 to $135,000, a 401(k) with a 4% match, weekly career coaching, an annual company \
                retreat and a free subscription to every app we make.

                Pebble & Pine is an equal opportunity employer. We encourage people from under-represented groups to \
                apply, even if they do not meet every point above.
                """,
            role: "product_manager",
            seniority: "junior",
            required: [
                "user_research", "product_requirements", "sql", "product_analytics", "agile", "communication",
                "structured_problem_solving", "fermi_estimation",
            ],
            preferred: ["figma", "jira", "ab_testing", "python"],
            notRequirements: ["excel", "stan", "mentoring"]
        ),
        Posting(
            name: "staff-site-reliability-engineer",
            title: "Staff Site Reliability Engineer",
            text: """
                Harbourlight · Dublin or remote (Ireland and UK)

                About Harbourlight
                Harbourlight tracks shipping containers for freight forwarders in real time. Our customers plan \
                ports, trucks and warehouses around our data, so an outage for us is a missed ship for them.

                What you'll do
                - Define SLOs with the product teams and hold all of us to them.
                - Run our Kubernetes clusters on AWS, deployed with Helm and provisioned with Terraform.
                - Improve observability: metrics in Prometheus, dashboards in Grafana and distributed tracing across \
                every service.
                - Lead incident management and the blameless reviews that follow.
                - Share the on-call rotation with five other engineers, and make it quieter every quarter.

                We moved off Datadog last year and run our own monitoring stack now, so you will not need it.

                What we expect
                You have eight or more years in SRE, DevOps or infrastructure roles, and you have provided \
                technical leadership for a team before. You have deep Linux knowledge and solid computer \
                networking. You write real code, not only YAML: our tooling is written in Go and Python. \
                Infrastructure as code is not negotiable here — we keep no snowflake servers, and everything can be \
                rebuilt from the repository. \
                You have built and maintained CI/CD pipelines for dozens of services.

                Nice to have
                - Rust, which we are starting to use for the agents that run on our edge devices.
                - Experience operating Kafka.
                - Load testing or chaos engineering.
                - Mentoring other engineers.

                Benefits
                A salary of €110,000 to €135,000, share options, an 8% pension contribution, health insurance for you \
                and your family and an extra day off every quarter.

                Harbourlight is an equal opportunity employer and welcomes applicants of every race, religion, \
                gender, sexual orientation, age and ability.
                """,
            role: nil,
            seniority: "lead",
            required: [
                "site_reliability_engineering", "leadership", "kubernetes", "aws", "helm", "terraform", "observability", "prometheus",
                "grafana", "devops", "linux", "computer_networking", "go_language", "python", "infrastructure_as_code", "ci_cd",
            ],
            preferred: ["rust", "kafka", "load_testing", "mentoring"],
            notRequirements: ["snowflake", "datadog"]
        ),
        Posting(
            name: "data-engineer-health",
            title: "Data Engineer",
            text: """
                Saltmarsh Health · Boston (hybrid)

                About us
                Saltmarsh Health helps community clinics in New England get paid on time. We turn their clinical and \
                billing records into claims that insurers accept the first time.

                What you'll do
                - Build and run the ETL pipelines that load clinical and billing records into BigQuery.
                - Own data modelling in dbt, so analysts can trust a single definition of each metric.
                - Orchestrate jobs with Airflow.
                - Keep data quality high: we use Monte Carlo for data observability and Great Expectations for tests \
                inside the pipelines.
                - Take part in a light on-call rotation, one week in eight and during business hours only.

                Our analytics engineers build the Power BI reports on top of your models, so you will not need to.

                What you'll need
                - Two to four years of data engineering experience.
                - Strong SQL and Python.
                - Hands-on Spark: we process two terabytes of claims files a night with PySpark.
                - Experience with a cloud data warehouse, ideally BigQuery.
                - Comfort with Git, code review and CI/CD.

                Nice to have
                - Kafka or another streaming platform.
                - Terraform.
                - Knowledge of data governance under HIPAA.

                Benefits
                A salary of $125,000 to $150,000, a 401(k) with a 5% match, comprehensive health coverage, twenty days \
                of paid time off plus holidays and a commuter benefit. We close for the week between Christmas and \
                New Year.

                Saltmarsh Health is an equal opportunity employer. We value diverse perspectives and do not \
                discriminate on the basis of race, colour, religion, sex, national origin, age, disability or \
                veteran status.
                """,
            role: nil,
            seniority: "mid",
            required: [
                "etl", "bigquery", "dbt", "data_modeling", "airflow", "data_quality", "data_engineering", "sql", "python",
                "apache_spark", "data_warehousing", "git", "code_review", "ci_cd",
            ],
            preferred: ["kafka", "terraform", "data_governance"],
            notRequirements: ["monte_carlo_simulation", "observability", "site_reliability_engineering", "power_bi"]
        ),
    ]
}
