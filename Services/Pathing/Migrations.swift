import ServiceKit

/// Pathing's schema history: append-only, applied in order at start.
enum PathingMigrations {
    static let all: [Migration] = [
        Migration(1, "inbox", Inbox.migrationStatements)
    ]

    /// Tables holding a person's rows, erased when `user.deleted` arrives (children first). Each
    /// migration that adds such a table adds it here too; none has yet.
    static let userOwnedTables: [String] = []
}
