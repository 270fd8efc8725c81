import Hummingbird
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Identity: accounts, tokens, signing keys and the revocation feed.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let settings = try IdentitySettings(config.environment)
    var runtime = try ServiceRuntime(config: config)
    let logger = runtime.logger

    let users = PostgresUserStore(client: runtime.postgres, outbox: runtime.outbox, logger: logger)
    let signer = TokenSigner(store: PostgresSigningKeyStore(client: runtime.postgres, logger: logger), logger: logger)
    runtime.useLocalTokenAuthority(keySet: signer, revocations: users)
    let dependencies = IdentityDependencies(
        accounts: try await Accounts(
            users: users,
            throttle: PostgresLoginThrottleStore(client: runtime.postgres, logger: logger),
            hasher: PasswordHasher(parameters: settings.argon2, maxConcurrent: settings.maxConcurrentHashes),
            policy: try PasswordPolicy.bundled(),
            signer: signer,
            lifetimes: settings.lifetimes,
            revocations: runtime.revocations,
            logger: logger
        ),
        signer: signer, users: users, verifier: runtime.verifier, inbox: runtime.inbox, maxBodyBytes: config.maxBodyBytes
    )

    return try runtime.application(
        router: buildRouter(dependencies),
        migrations: IdentityMigrations.all,
        publishesEvents: true,
        readiness: [ReadinessCheck("signing") { signer.canSign }],
        prepare: { try await signer.prepare() },
        extraServices: IdentityMaintenance(signer: signer, client: runtime.postgres, rotationAge: settings.keyRotationAge, logger: logger).tasks
    )
}

/// What identity's routes work with; live ones from `buildApplication`, in-memory ones in router tests.
struct IdentityDependencies {
    var accounts: Accounts
    var signer: TokenSigner
    var users: any UserStore
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Identity's routes, with no live dependency of their own: `/api/v1/auth/*`, the key set, the
/// revocation feed, and the inbox (`session.completed` marks an account activated).
func buildRouter(_ dependencies: IdentityDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    router.addRoutes(AuthRoutes(accounts: dependencies.accounts, verifier: dependencies.verifier).endpoints, atPath: "/api/v1/auth")
    router.addRoutes(TokenAuthorityRoutes(signer: dependencies.signer, users: dependencies.users).endpoints)
    let users = dependencies.users
    dependencies.inbox
        .on(SessionCompleted.self) { event, work in try await users.markActivated(user: event.userID, in: work) }
        .addRoutes(to: router)
    return router
}

/// Identity's housekeeping: key rotation every minute, and hourly pruning of expired families,
/// old throttle rows and revocation-feed entries no token can predate any more.
struct IdentityMaintenance {
    let signer: TokenSigner
    let client: PostgresClient
    let rotationAge: Double
    let logger: Logger

    var tasks: [any Service] {
        let (signer, client, rotationAge, logger) = (self.signer, self.client, self.rotationAge, self.logger)
        return [
            // The first key comes from `prepare`, after migrations; rotation has nothing to do before then.
            PeriodicTask("identity.keys.rotate", every: .seconds(60), firstAfter: .seconds(60), logger: logger) {
                try await signer.rotateIfDue(rotationAge: rotationAge)
            },
            PeriodicTask("identity.prune", every: .seconds(3600), firstAfter: .seconds(60), logger: logger) {
                try await client.query("DELETE FROM refresh_families WHERE expires_at < now() - interval '1 day'", logger: logger)
                try await client.query(
                    "DELETE FROM login_throttle WHERE last_failure_at < now() - interval '1 day' AND coalesce(blocked_until, now()) <= now()",
                    logger: logger
                )
                try await client.query("DELETE FROM token_revocations WHERE created_at < now() - interval '1 day'", logger: logger)
            },
        ]
    }
}
