import Foundation
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// A person's profile as stored: the row, its job target and preferences, and whether a default
/// resume exists. `Profiles` turns it into the `ProfileDTO` the API shows.
struct ProfileRecord: Sendable, Equatable {
    var userID: UUID
    var name: String?
    var email: String?
    var headline: String?
    var educationLevel: EducationLevel?
    var background: String?
    var jobTarget: JobTargetDTO?
    var preferences: PreferencesDTO?
    var onboardingCompleted: Bool
    var hasDefaultResume: Bool
    var updatedAt: Date
}

/// Profiles, job targets and onboarding answers, one set per person. A write for a person whose
/// account was erased throws `ProfileError.accountErased`.
protocol ProfileStore: Sendable {
    /// Creates the profile when the account is registered, or fills in the email and name of one made
    /// on first access; changes nothing for an erased account or a second delivery.
    func createProfile(for event: UserRegistered, in work: UnitOfWork) async throws
    /// Erases everything the person has here: resumes, preferences, job target, profile.
    func erase(_ event: UserDeleted, in work: UnitOfWork) async throws
    /// The profile, created on first access.
    func profile(of user: UUID) async throws -> ProfileRecord
    func update(_ user: UUID, with patch: ProfilePatch) async throws -> ProfileRecord
    /// Replaces the job target; publishes `profile.job_target_changed` when the target's hash changes.
    func setJobTarget(of user: UUID, to target: JobTargetRecord, at now: Date) async throws -> ProfileRecord
    /// Removes the job target; publishes `profile.job_target_changed` when there was one.
    func clearJobTarget(of user: UUID, at now: Date) async throws
    /// Stores the answers and marks onboarding complete.
    func completeOnboarding(of user: UUID, with answers: OnboardingAnswers) async throws -> ProfileRecord
    /// The stored answers; `nil` before onboarding.
    func preferences(of user: UUID) async throws -> PreferencesDTO?
    /// Replaces the answers; `ProfileError.onboardingIncomplete` before onboarding is complete.
    func replacePreferences(of user: UUID, with answers: OnboardingAnswers) async throws -> PreferencesDTO
    /// Job target, preferences and the default resume's skills, for the services that tailor to a person.
    /// Who the person is for other services: target, preferences, and the skills of their default
    /// resume or of `resume`; `ProfileError.resumeNotFound` when `resume` is not one of theirs.
    func audience(of user: UUID, resume: UUID?) async throws -> AudienceDTO
}

/// A validated job target with its inferred role, as it is stored.
struct JobTargetRecord: Sendable {
    var input: JobTargetInput
    var roleType: String
    var roleScore: Double
}

struct PostgresProfileStore: ProfileStore {
    let client: PostgresClient
    let outbox: Outbox
    let logger: Logger

    func createProfile(for event: UserRegistered, in work: UnitOfWork) async throws {
        // Events arrive in no promised order: a `user.registered` after its `user.deleted` makes nothing.
        try await work.connection().query(
            """
            INSERT INTO profiles (user_id, email, name)
            SELECT \(event.userID), \(event.email), \(event.name)
            WHERE NOT EXISTS (SELECT 1 FROM erased_users WHERE user_id = \(event.userID))
            ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, name = coalesce(profiles.name, excluded.name)
            """,
            logger: work.logger
        )
    }

    /// A person's tables, children before parents.
    static let erasure = UserErasure(tables: ["resumes", "preferences", "job_targets", "profiles"])
    /// Kept on purpose (docs/security.md): the erased id alone, for an hour, so a still-valid old token
    /// gets 401 instead of making a new profile.
    static let keptAfterErasure = ["erased_users"]

    func erase(_ event: UserDeleted, in work: UnitOfWork) async throws {
        try await Self.erasure.erase(event, in: work)
        let (connection, logger) = (try work.connection(), work.logger)
        // An access token lives five minutes; after an hour the bare id is no longer worth keeping.
        try await connection.query("DELETE FROM erased_users WHERE erased_at < now() - interval '1 hour'", logger: logger)
        try await connection.query("INSERT INTO erased_users (user_id) VALUES (\(event.userID)) ON CONFLICT DO NOTHING", logger: logger)
    }

    func profile(of user: UUID) async throws -> ProfileRecord {
        if let profile = try await client.withConnection({ try await Self.read(user, on: $0, logger: logger) }) { return profile }
        return try await client.inTransaction(logger: logger) { connection in
            try await Self.touchProfile(user, on: connection, logger: logger)
            return try await Self.readExisting(user, on: connection, logger: logger)
        }
    }

    func update(_ user: UUID, with patch: ProfilePatch) async throws -> ProfileRecord {
        try await client.inTransaction(logger: logger) { connection in
            try await Self.touchProfile(user, on: connection, logger: logger)
            func change<T: PostgresEncodable & Sendable & Equatable>(_ field: FieldChange<T>) -> (set: Bool, value: T?) {
                switch field {
                case .unchanged: (false, nil)
                case .clear: (true, nil)
                case .set(let value): (true, value)
                }
            }
            let name = change(patch.name)
            let headline = change(patch.headline)
            let education = change(patch.educationLevel.map(\.rawValue))
            let background = change(patch.background)
            try await connection.query(
                """
                UPDATE profiles SET
                    name = CASE WHEN \(name.set) THEN \(name.value) ELSE name END,
                    headline = CASE WHEN \(headline.set) THEN \(headline.value) ELSE headline END,
                    education_level = CASE WHEN \(education.set) THEN \(education.value) ELSE education_level END,
                    background = CASE WHEN \(background.set) THEN \(background.value) ELSE background END,
                    updated_at = now()
                WHERE user_id = \(user)
                """,
                logger: logger
            )
            return try await Self.readExisting(user, on: connection, logger: logger)
        }
    }

    func setJobTarget(of user: UUID, to target: JobTargetRecord, at now: Date) async throws -> ProfileRecord {
        let input = target.input
        let hash = input.hash
        return try await outbox.transaction(on: client, logger: logger) { connection, events in
            try await Self.touchProfile(user, on: connection, logger: logger)
            var previous: String?
            for try await before in try await connection.execute(
                JobTargetUpsert(user: user, input: input, roleType: target.roleType, roleScore: target.roleScore, hash: hash), logger: logger
            ) { previous = before }
            if previous != hash {
                try events.emit(JobTargetChanged(userID: user, targetHash: hash, roleType: target.roleType, changedAt: now), occurredAt: now)
            }
            return try await Self.readExisting(user, on: connection, logger: logger)
        }
    }

    func clearJobTarget(of user: UUID, at now: Date) async throws {
        try await outbox.transaction(on: client, logger: logger) { connection, events in
            let rows = try await connection.query("DELETE FROM job_targets WHERE user_id = \(user) RETURNING target_hash", logger: logger)
            var removed = false
            for try await _ in rows.decode(String.self) { removed = true }
            guard removed else { return }
            try await connection.query("UPDATE profiles SET updated_at = now() WHERE user_id = \(user)", logger: logger)
            try events.emit(JobTargetChanged(userID: user, targetHash: nil, roleType: nil, changedAt: now), occurredAt: now)
        }
    }

    func completeOnboarding(of user: UUID, with answers: OnboardingAnswers) async throws -> ProfileRecord {
        try await client.inTransaction(logger: logger) { connection in
            try await Self.touchProfile(user, on: connection, logger: logger)
            try await Self.writePreferences(answers, of: user, on: connection, logger: logger)
            try await connection.query(
                "UPDATE profiles SET onboarding_completed_at = coalesce(onboarding_completed_at, now()) WHERE user_id = \(user)",
                logger: logger
            )
            return try await Self.readExisting(user, on: connection, logger: logger)
        }
    }

    func preferences(of user: UUID) async throws -> PreferencesDTO? {
        try await client.withConnection { connection in
            try await Self.read(user, on: connection, logger: logger)?.preferences
        }
    }

    func replacePreferences(of user: UUID, with answers: OnboardingAnswers) async throws -> PreferencesDTO {
        try await client.inTransaction(logger: logger) { connection in
            // Touches and locks the profile; refused below, the touch rolls back with the transaction.
            let rows = try await connection.query(
                "UPDATE profiles SET updated_at = now() WHERE user_id = \(user) RETURNING onboarding_completed_at IS NOT NULL", logger: logger
            )
            var completed = false
            for try await done in rows.decode(Bool.self) { completed = done }
            guard completed else { throw ProfileError.onboardingIncomplete }
            let updatedAt = try await Self.writePreferences(answers, of: user, on: connection, logger: logger)
            return PreferencesDTO(answers: answers, updatedAt: updatedAt)
        }
    }

    func audience(of user: UUID, resume chosen: UUID?) async throws -> AudienceDTO {
        try await client.withConnection { connection in
            let profile = try await Self.read(user, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                SELECT id, skills::text, implied_skills::text FROM resumes
                WHERE user_id = \(user) AND (CASE WHEN \(chosen)::uuid IS NULL THEN is_default ELSE id = \(chosen) END)
                """,
                logger: logger
            )
            var resume: (UUID, String, String)?
            for try await row in rows.decode((UUID, String, String).self) { resume = row }
            if chosen != nil && resume == nil { throw ProfileError.resumeNotFound }
            return AudienceDTO(
                userID: user, jobTarget: profile?.jobTarget, preferences: profile?.preferences, resumeID: resume?.0,
                skills: try resume.map { try JSONCoding.decoder.decode([ResumeSkillDTO].self, from: Data($0.1.utf8)) } ?? [],
                impliedSkills: try resume.map { try JSONCoding.decoder.decode([ImpliedSkillDTO].self, from: Data($0.2.utf8)) } ?? []
            )
        }
    }

    // MARK: - Shared statements

    /// Makes the profile row if it does not exist (first access before `user.registered`), marks it
    /// changed now, and locks it for the rest of the transaction, in one statement. An erased account's
    /// old token gets 401, not a new profile.
    static func touchProfile(_ user: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        var found = false
        for try await _ in try await connection.execute(ProfileTouch(user: user), logger: logger) { found = true }
        guard found else { throw ProfileError.accountErased }
    }

    /// Stores the answers; returns when they were stored.
    @discardableResult
    private static func writePreferences(_ answers: OnboardingAnswers, of user: UUID, on connection: PostgresConnection, logger: Logger) async throws
        -> Date
    {
        let rows = try await connection.query(
            """
            INSERT INTO preferences (user_id, experience_level, programming_experience, math_background, learning_goals, learning_style, weekly_hours)
            VALUES (\(user), \(answers.experienceLevel.rawValue), \(answers.programmingExperience.rawValue), \(answers.mathBackground.rawValue),
                    \(answers.learningGoals.map(\.rawValue)), \(answers.learningStyle.rawValue), \(answers.weeklyHours))
            ON CONFLICT (user_id) DO UPDATE SET
                experience_level = excluded.experience_level, programming_experience = excluded.programming_experience,
                math_background = excluded.math_background, learning_goals = excluded.learning_goals,
                learning_style = excluded.learning_style, weekly_hours = excluded.weekly_hours, updated_at = now()
            RETURNING updated_at
            """,
            logger: logger
        )
        for try await updatedAt in rows.decode(Date.self) { return updatedAt }
        throw InvariantViolation("the preferences upsert returned no row")
    }

    private static func readExisting(_ user: UUID, on connection: PostgresConnection, logger: Logger) async throws -> ProfileRecord {
        guard let profile = try await read(user, on: connection, logger: logger) else {
            throw InvariantViolation("the profile row locked in this transaction is gone")
        }
        return profile
    }

    /// The whole profile in one round trip: the row, its job target and preferences, and whether a
    /// default resume exists.
    static func read(_ user: UUID, on connection: PostgresConnection, logger: Logger) async throws -> ProfileRecord? {
        for try await profile in try await connection.execute(ProfileRead(user: user), logger: logger) { return profile }
        return nil
    }
}

/// A prepared statement whose one parameter is the person's id.
protocol PersonStatement: PostgresPreparedStatement {
    var user: UUID { get }
}

extension PersonStatement {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(user)
        return bindings
    }
}

/// Makes the profile on first access, or marks it updated; no row for an erased account. Prepared,
/// as every write starts with it.
struct ProfileTouch: PersonStatement {
    static let sql = """
        INSERT INTO profiles (user_id) SELECT $1
        WHERE NOT EXISTS (SELECT 1 FROM erased_users WHERE user_id = $1)
        ON CONFLICT (user_id) DO UPDATE SET updated_at = now()
        RETURNING user_id
        """

    var user: UUID

    func decodeRow(_ row: PostgresRow) throws -> UUID {
        try row.decode(UUID.self)
    }
}

/// Replaces the job target and answers the hash it had before (`nil` for none): the CTE reads the row
/// as it was before the upsert, in the same round trip. Prepared: `PUT …/job-target` runs it every time.
struct JobTargetUpsert: PostgresPreparedStatement {
    static let sql = """
        WITH previous AS (SELECT target_hash FROM job_targets WHERE user_id = $1)
        INSERT INTO job_targets (user_id, job_title, job_description, job_seniority, firm, role_template, role_type, role_score, target_hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (user_id) DO UPDATE SET
            job_title = excluded.job_title, job_description = excluded.job_description, job_seniority = excluded.job_seniority,
            firm = excluded.firm, role_template = excluded.role_template, role_type = excluded.role_type,
            role_score = excluded.role_score, target_hash = excluded.target_hash, updated_at = now()
        RETURNING (SELECT target_hash FROM previous)
        """
    // The optional columns may be NULL on the first execution, so their types are named, not inferred.
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .text, .text, .text, .text, .text, .text, .float8, .text]

    var user: UUID
    var input: JobTargetInput
    var roleType: String
    var roleScore: Double
    var hash: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 9)
        bindings.append(user)
        bindings.append(input.jobTitle)
        bindings.append(input.jobDescription)
        bindings.append(input.jobSeniority.rawValue)
        bindings.append(input.firm)
        bindings.append(input.roleTemplate)
        bindings.append(roleType)
        bindings.append(roleScore)
        bindings.append(hash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> String? {
        try row.decode(String?.self)
    }
}

/// The profile read every profile request makes, prepared once per connection: Postgres parsed and
/// planned it on every request before, most of its time for a `GET /api/v1/profile`.
struct ProfileRead: PersonStatement {
    static let sql = """
        SELECT p.user_id, p.name, p.email, p.headline, p.education_level, p.background,
               p.onboarding_completed_at IS NOT NULL AS onboarded, p.updated_at,
               j.job_title, j.job_description, j.job_seniority, j.firm, j.role_template, j.role_type, j.role_score,
               j.target_hash, j.updated_at AS target_updated_at,
               s.experience_level, s.programming_experience, s.math_background, s.learning_goals, s.learning_style,
               s.weekly_hours, s.updated_at AS preferences_updated_at,
               EXISTS (SELECT 1 FROM resumes r WHERE r.user_id = p.user_id AND r.is_default) AS has_default_resume
        FROM profiles p
        LEFT JOIN job_targets j ON j.user_id = p.user_id
        LEFT JOIN preferences s ON s.user_id = p.user_id
        WHERE p.user_id = $1
        """

    var user: UUID

    func decodeRow(_ row: PostgresRow) throws -> ProfileRecord {
        try ProfileRow(row.makeRandomAccess()).profile
    }
}

/// One row of `PostgresProfileStore.read`, decoded by column name.
private struct ProfileRow {
    let profile: ProfileRecord

    init(_ row: PostgresRandomAccessRow) throws {
        let name = try row["name"].decode(String?.self)
        let email = try row["email"].decode(String?.self)
        let education = try row["education_level"].decode(String?.self).flatMap(EducationLevel.init(rawValue:))
        let onboarded = try row["onboarded"].decode(Bool.self)
        var target: JobTargetDTO?
        if let roleType = try row["role_type"].decode(String?.self) {
            target = JobTargetDTO(
                jobTitle: try row["job_title"].decode(String?.self), jobDescription: try row["job_description"].decode(String?.self),
                jobSeniority: JobSeniority(rawValue: try row["job_seniority"].decode(String.self)) ?? .notSpecified,
                firm: try row["firm"].decode(String?.self), roleTemplate: try row["role_template"].decode(String?.self), roleType: roleType,
                roleScore: try row["role_score"].decode(Double.self), targetHash: try row["target_hash"].decode(String.self),
                updatedAt: try row["target_updated_at"].decode(Date.self)
            )
        }
        var preferences: PreferencesDTO?
        if let experience = try row["experience_level"].decode(String?.self).flatMap(ExperienceLevel.init(rawValue:)),
            let programming = try row["programming_experience"].decode(String?.self).flatMap(ProgrammingExperience.init(rawValue:)),
            let math = try row["math_background"].decode(String?.self).flatMap(MathBackground.init(rawValue:)),
            let style = try row["learning_style"].decode(String?.self).flatMap(LearningStyle.init(rawValue:)),
            let hours = try row["weekly_hours"].decode(Int?.self),
            let updatedAt = try row["preferences_updated_at"].decode(Date?.self)
        {
            let goals = try row["learning_goals"].decode([String]?.self) ?? []
            preferences = PreferencesDTO(
                answers: OnboardingAnswers(
                    experienceLevel: experience, programmingExperience: programming, mathBackground: math,
                    learningGoals: goals.compactMap(LearningGoal.init(rawValue:)), learningStyle: style, weeklyHours: hours
                ),
                updatedAt: updatedAt
            )
        }
        let hasDefaultResume = try row["has_default_resume"].decode(Bool.self)
        profile = ProfileRecord(
            userID: try row["user_id"].decode(UUID.self), name: name, email: email, headline: try row["headline"].decode(String?.self),
            educationLevel: education, background: try row["background"].decode(String?.self), jobTarget: target, preferences: preferences,
            onboardingCompleted: onboarded, hasDefaultResume: hasDefaultResume, updatedAt: try row["updated_at"].decode(Date.self)
        )
    }
}
