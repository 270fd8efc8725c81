import Foundation
import Logging
import NIOConcurrencyHelpers
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// A person's gap reports, newest first.
protocol GapReportStore: Sendable {
    func save(_ report: GapReportDTO, for user: UUID) async throws
    /// A page of `user`'s reports, newest first, and the cursor of the next page.
    func list(for user: UUID, page: PageRequest) async throws -> Page<GapReportDTO>
    /// The report, if it is `user`'s.
    func report(_ id: UUID, of user: UUID) async throws -> GapReportDTO?
    /// Whether a report of `user`'s was deleted.
    func delete(_ id: UUID, of user: UUID) async throws -> Bool
}

struct PostgresGapReportStore: GapReportStore {
    let client: PostgresClient
    let logger: Logger

    func save(_ report: GapReportDTO, for user: UUID) async throws {
        let json = String(decoding: try JSONCoding.encoder.encode(report), as: UTF8.self)
        try await client.query(
            "INSERT INTO gap_reports (id, user_id, created_at, report) VALUES (\(report.id), \(user), \(report.createdAt), \(json)::jsonb)",
            logger: logger
        )
    }

    func list(for user: UUID, page: PageRequest) async throws -> Page<GapReportDTO> {
        // Times compare as the whole microseconds Postgres keeps, exactly as the cursor carries them.
        let rows = try await client.query(
            """
            SELECT report::text, (extract(epoch FROM created_at) * 1000000)::bigint FROM gap_reports
            WHERE user_id = \(user)
              AND (\(page.after?.micros)::bigint IS NULL OR ((extract(epoch FROM created_at) * 1000000)::bigint, id) < (\(page.after?.micros), \(page.after?.id)))
            ORDER BY created_at DESC, id DESC LIMIT \(page.limit + 1)
            """,
            logger: logger
        )
        var reports: [(GapReportDTO, PageCursor)] = []
        for try await (json, micros) in rows.decode((String, Int64).self) {
            let report = try JSONCoding.decoder.decode(GapReportDTO.self, from: Data(json.utf8))
            reports.append((report, PageCursor(micros: micros, id: report.id)))
        }
        return Page(rows: reports, limit: page.limit)
    }

    func report(_ id: UUID, of user: UUID) async throws -> GapReportDTO? {
        let rows = try await client.query("SELECT report::text FROM gap_reports WHERE id = \(id) AND user_id = \(user)", logger: logger)
        for try await json in rows.decode(String.self) { return try JSONCoding.decoder.decode(GapReportDTO.self, from: Data(json.utf8)) }
        return nil
    }

    func delete(_ id: UUID, of user: UUID) async throws -> Bool {
        try await client.query("DELETE FROM gap_reports WHERE id = \(id) AND user_id = \(user) RETURNING 1", logger: logger).collect().count > 0
    }
}

/// Gap reports in memory, for router tests.
final class MemoryGapReportStore: GapReportStore {
    private let reports = NIOLockedValueBox([(user: UUID, report: GapReportDTO)]())

    func save(_ report: GapReportDTO, for user: UUID) async throws {
        reports.withLockedValue { $0.append((user, report)) }
    }

    func list(for user: UUID, page: PageRequest) async throws -> Page<GapReportDTO> {
        let mine = reports.withLockedValue { all in
            all.filter { $0.user == user }.map(\.report).sorted { ($0.createdAt, $0.id.uuidString) > ($1.createdAt, $1.id.uuidString) }
        }
        let cursors = mine.map { ($0, PageCursor(time: $0.createdAt, id: $0.id)) }
        let after = page.after.map { cursor in
            cursors.filter { ($0.1.micros, $0.1.id.uuidString) < (cursor.micros, cursor.id.uuidString) }
        } ?? cursors
        return Page(rows: Array(after.prefix(page.limit + 1)), limit: page.limit)
    }

    func report(_ id: UUID, of user: UUID) async throws -> GapReportDTO? {
        reports.withLockedValue { all in all.first { $0.user == user && $0.report.id == id }?.report }
    }

    func delete(_ id: UUID, of user: UUID) async throws -> Bool {
        reports.withLockedValue { all in
            let before = all.count
            all.removeAll { $0.user == user && $0.report.id == id }
            return all.count < before
        }
    }
}
