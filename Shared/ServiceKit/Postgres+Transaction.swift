public import Logging
public import PostgresNIO

extension PostgresClient {
    /// Runs `body` in a transaction and rethrows the body's own error (not postgres-nio's wrapper),
    /// so a `ProblemError` thrown inside still reaches the caller as itself.
    public func inTransaction<Result>(
        logger: Logger,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            if let closureError = error.closureError { throw closureError }
            throw error
        }
    }
}
