public import AsyncHTTPClient
import Foundation
public import Hummingbird
import HummingbirdHTTP2
public import Logging
import NIOConcurrencyHelpers
public import PathwiseProtocol
public import PostgresNIO
public import ServiceLifecycle

/// What every service runs on: logger, Postgres pool, internal client, token verification, outbox.
/// A service's `buildApplication` makes one, adds its own routes and stores, then asks it for the application.
public struct ServiceRuntime: Sendable {
    public let config: ServiceConfig
    public let logger: Logger
    public let postgres: PostgresClient
    public let http: HTTPClient
    public let internalClient: InternalClient
    public let revocations: RevocationList
    public private(set) var verifier: AccessTokenVerifier
    public let outbox: Outbox
    /// The optional language model (`LLM_*`), for the services whose engines use one; `nil` when unset.
    public let languageModel: LanguageModelClient?
    /// The language model's own HTTP client: a public server, checked against the system's roots, not the internal CA.
    private let languageModelHTTP: HTTPClient?
    private(set) var revocationSource: any RevocationSource
    let migrated = NIOLockedValueBox(false)

    /// Sets up logging, metrics and clients; signing keys and revocations are read from identity over the
    /// internal client unless `useLocalTokenAuthority` says otherwise.
    public init(config: ServiceConfig) throws {
        LogSetup.bootstrap(format: config.logFormat, level: config.logLevel)
        MetricsSetup.bootstrap()
        var logger = Logger(label: "pathwise.\(config.service.rawValue)")
        logger.logLevel = config.logLevel
        logger[metadataKey: "service"] = .string(config.service.rawValue)
        self.config = config
        self.logger = logger
        self.postgres = config.database.makeClient(logger: logger)
        self.http = try InternalClient.makeHTTPClient(tls: config.tls)
        self.internalClient = InternalClient(http: http, peers: config.peers)
        self.revocations = RevocationList()
        self.revocationSource = RemoteRevocationSource(client: internalClient)
        self.verifier = AccessTokenVerifier(source: RemoteKeySetSource(client: internalClient), revocations: revocations, logger: logger)
        self.outbox = Outbox()
        if let settings = try LanguageModelSettings(config.environment) {
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(5))))
            self.languageModelHTTP = http
            self.languageModel = LanguageModelClient(http: http, settings: settings, logger: logger)
        } else {
            (self.languageModelHTTP, self.languageModel) = (nil, nil)
        }
    }

    /// For identity, which holds the keys and the revocation feed itself.
    public mutating func useLocalTokenAuthority(keySet: any KeySetSource, revocations source: any RevocationSource) {
        revocationSource = source
        verifier = AccessTokenVerifier(source: keySet, revocations: revocations, logger: logger)
    }

    /// A router with the cross-cutting middleware in place: request id and access log, metrics,
    /// problem+json for every error, and the body limit (raised per path prefix where a route needs more).
    /// Every GET route also answers HEAD, with the GET's headers and no body.
    public func makeRouter(bodyLimits: [(pathPrefix: String, bytes: Int)] = []) -> Router<ServiceRequestContext> {
        Self.router(maxBodyBytes: config.maxBodyBytes, bodyLimits: bodyLimits)
    }

    /// The router `makeRouter` makes, for a body limit of `maxBodyBytes`; needs no live dependency.
    public static func router(maxBodyBytes: Int, bodyLimits: [(pathPrefix: String, bytes: Int)] = []) -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBytes: maxBodyBytes, overrides: bodyLimits))
        return router
    }

    /// The event receiver for this service, its receipts in the service's own schema; add handlers with `on(_:_:)`.
    public var inbox: Inbox {
        Inbox(receipts: PostgresInboxReceipts(client: postgres))
    }

    /// The application: TLS server (h2 + http/1.1, client certificates required), health routes, and
    /// the background services (Postgres pool, key set, revocation feed, client shutdown, and the outbox
    /// relay when the service `publishesEvents`). Migrations, then `prepare`, run before the server accepts connections.
    public func application(
        router: Router<ServiceRequestContext>, migrations: [Migration], publishesEvents: Bool = false, readiness: [ReadinessCheck] = [],
        prepare: @escaping @Sendable () async throws -> Void = {}, extraServices: [any Service] = [],
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let postgres = self.postgres
        let verifier = self.verifier
        let migrated = self.migrated
        let logger = self.logger
        router.addHealthRoutes(
            readiness: [
                ReadinessCheck("database") { (try? await postgres.query("SELECT 1", logger: logger).collect()) != nil },
                ReadinessCheck("migrations") { migrated.withLockedValue { $0 } },
                ReadinessCheck("signing_keys") { verifier.isReady },
            ] + readiness
        )
        router.addMethodNotAllowedRoutes()
        var services: [any Service] = [
            postgres,
            HTTPClientService(client: http),
            KeySetRefresher(verifier: verifier, logger: logger),
            RevocationPoller(list: revocations, source: revocationSource, interval: config.revocationPollInterval, logger: logger),
        ]
        if let languageModelHTTP { services.append(HTTPClientService(client: languageModelHTTP)) }
        if publishesEvents {
            services.append(
                OutboxRelay(client: postgres, outbox: outbox, delivery: internalClient, isReady: { migrated.withLockedValue { $0 } }, logger: logger)
            )
        }
        var app = Application(
            router: router,
            server: try .http2Upgrade(tlsConfiguration: try config.tls.serverConfiguration()),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: config.service.rawValue),
            services: services + extraServices,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let migrator = Migrator(schema: config.service.schema, migrations: migrations)
        app.beforeServerStarts {
            try await migrator.migrate(postgres, logger: logger)
            try await prepare()
            migrated.withLockedValue { $0 = true }
        }
        return app
    }
}
