import ServiceKit

/// Profile's schema history: append-only, applied in order at start.
enum ProfileMigrations {
    static let all: [Migration] = [
        Migration(1, "outbox and inbox", Outbox.migrationStatements + Inbox.migrationStatements),
        Migration(
            2, "profiles",
            [
                """
                CREATE TABLE profiles (
                    user_id uuid PRIMARY KEY,
                    email text NOT NULL,
                    name text,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                )
                """
            ]
        ),
        Migration(
            3, "profile fields, job targets, preferences, resumes, erased users",
            [
                """
                ALTER TABLE profiles
                    ALTER COLUMN email DROP NOT NULL,
                    ADD COLUMN headline text,
                    ADD COLUMN education_level text,
                    ADD COLUMN background text,
                    ADD COLUMN onboarding_completed_at timestamptz
                """,
                """
                CREATE TABLE job_targets (
                    user_id uuid PRIMARY KEY REFERENCES profiles (user_id) ON DELETE CASCADE,
                    job_title text,
                    job_description text,
                    job_seniority text NOT NULL,
                    firm text,
                    role_template text,
                    role_type text NOT NULL,
                    role_score double precision NOT NULL,
                    target_hash text NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    CHECK (job_description IS NOT NULL OR role_template IS NOT NULL)
                )
                """,
                """
                CREATE TABLE preferences (
                    user_id uuid PRIMARY KEY REFERENCES profiles (user_id) ON DELETE CASCADE,
                    experience_level text NOT NULL,
                    programming_experience text NOT NULL,
                    math_background text NOT NULL,
                    learning_goals text[] NOT NULL,
                    learning_style text NOT NULL,
                    weekly_hours integer NOT NULL CHECK (weekly_hours BETWEEN 1 AND 60),
                    updated_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                """
                CREATE TABLE resumes (
                    id uuid PRIMARY KEY,
                    user_id uuid NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
                    filename text NOT NULL,
                    content_type text NOT NULL,
                    size_bytes integer NOT NULL,
                    sha256 text NOT NULL,
                    content bytea NOT NULL,
                    extracted_text text NOT NULL,
                    page_count integer,
                    word_count integer NOT NULL,
                    skills jsonb NOT NULL,
                    implied_skills jsonb NOT NULL,
                    warnings jsonb NOT NULL,
                    is_default boolean NOT NULL DEFAULT false,
                    created_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                "CREATE INDEX resumes_by_user ON resumes (user_id, created_at DESC)",
                "CREATE UNIQUE INDEX resumes_one_default ON resumes (user_id) WHERE is_default",
                // Erased accounts, so that a request still carrying an old token cannot bring a profile back.
                "CREATE TABLE erased_users (user_id uuid PRIMARY KEY, erased_at timestamptz NOT NULL DEFAULT now())",
            ]
        ),
        // A skill in JSON is {id, name, category} (API.md): stored resumes written with `skill_id` are rewritten.
        Migration(
            4, "skills keyed by id",
            [
                """
                UPDATE resumes SET
                    skills = (
                        SELECT coalesce(jsonb_agg(
                            CASE WHEN s ? 'skill_id' THEN (s - 'skill_id') || jsonb_build_object('id', s -> 'skill_id') ELSE s END
                            ORDER BY position), '[]'::jsonb)
                        FROM jsonb_array_elements(skills) WITH ORDINALITY AS t(s, position)
                    ),
                    implied_skills = (
                        SELECT coalesce(jsonb_agg(
                            CASE WHEN s ? 'skill_id' THEN (s - 'skill_id') || jsonb_build_object('id', s -> 'skill_id') ELSE s END
                            ORDER BY position), '[]'::jsonb)
                        FROM jsonb_array_elements(implied_skills) WITH ORDINALITY AS t(s, position)
                    )
                WHERE jsonb_path_exists(skills, '$[*].skill_id') OR jsonb_path_exists(implied_skills, '$[*].skill_id')
                """,
            ]
        ),
    ]
}
