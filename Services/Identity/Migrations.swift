import ServiceKit

/// Identity's schema history: append-only, applied in order at start.
enum IdentityMigrations {
    /// Tables with a `user_id` column that go with the account: deleting the `users` row cascades to them.
    static let userTablesErasedWithAccount = ["refresh_families"]
    /// Tables with a `user_id` column kept on purpose after the account is gone (docs/security.md):
    /// the revocation feed must go on cutting off the person's outstanding tokens; pruned after a day.
    static let userTablesKept = ["token_revocations"]

    static let all: [Migration] = [
        Migration(1, "outbox and inbox", Outbox.migrationStatements + Inbox.migrationStatements),
        Migration(
            2, "users, refresh families, revocations, throttle, signing keys",
            [
                """
                CREATE TABLE users (
                    id uuid PRIMARY KEY,
                    email text NOT NULL,
                    email_normalized text NOT NULL UNIQUE,
                    name text,
                    password_hash text NOT NULL,
                    activated boolean NOT NULL DEFAULT false,
                    tokens_valid_after timestamptz,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                """
                CREATE TABLE refresh_families (
                    id uuid PRIMARY KEY,
                    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    expires_at timestamptz NOT NULL,
                    revoked_at timestamptz,
                    revoked_reason text
                )
                """,
                "CREATE INDEX refresh_families_user ON refresh_families (user_id)",
                """
                CREATE TABLE refresh_tokens (
                    token_hash text PRIMARY KEY,
                    family_id uuid NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
                    issued_at timestamptz NOT NULL DEFAULT now(),
                    used_at timestamptz
                )
                """,
                "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)",
                """
                CREATE TABLE token_revocations (
                    sequence bigserial PRIMARY KEY,
                    user_id uuid NOT NULL,
                    tokens_valid_after bigint NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                """
                CREATE TABLE login_throttle (
                    key text PRIMARY KEY,
                    failures integer NOT NULL,
                    last_failure_at timestamptz NOT NULL,
                    blocked_until timestamptz
                )
                """,
                """
                CREATE TABLE signing_keys (
                    kid text PRIMARY KEY,
                    private_key_pem text NOT NULL,
                    public_jwk text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    signs_from timestamptz NOT NULL,
                    retired_at timestamptz
                )
                """,
            ]
        ),
    ]
}
