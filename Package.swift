// swift-tools-version:6.0
import PackageDescription

/// Swift 6 language mode everywhere, with the upcoming features the server code relies on.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The six services: (executable product, target name, folder under Services/).
let services: [(product: String, target: String)] = [
    ("identity", "Identity"),
    ("profile", "Profile"),
    ("content", "Content"),
    ("pathing", "Pathing"),
    ("coaching-session", "Coaching"),
    ("analytics", "Analytics"),
]

/// Declares one service: its executable target, its product and its test target.
func service(
    _ product: String, target: String, extra: [Target.Dependency] = [], testExtra: [Target.Dependency] = [], resources: [Resource]? = nil,
    testExclude: [String] = []
)
    -> (targets: [Target], product: Product)
{
    let executable = Target.executableTarget(
        name: target,
        dependencies: [
            "ServiceKit",
            "PathwiseProtocol",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ] + extra,
        path: "Services/\(target)",
        resources: resources,
        swiftSettings: swiftSettings
    )
    let tests = Target.testTarget(
        name: "\(target)Tests",
        dependencies: [
            .target(name: target),
            "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ] + testExtra,
        path: "Tests/\(target)Tests",
        exclude: testExclude,
        swiftSettings: swiftSettings
    )
    return ([executable, tests], .executable(name: product, targets: [target]))
}

let identity = service(
    "identity", target: "Identity",
    extra: [
        "CArgon2",
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    ],
    resources: [.copy("Resources")]
)
let content = service(
    "content", target: "Content",
    extra: ["Intelligence", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")],
    resources: [.copy("Library")]
)
let profile = service(
    "profile", target: "Profile",
    extra: [
        "Intelligence",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "MultipartKit", package: "multipart-kit"),
        .product(name: "Subprocess", package: "swift-subprocess"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOFoundationCompat", package: "swift-nio"),
    ],
    testExtra: [.product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "PostgresNIO", package: "postgres-nio")]
)
// The golden file's generator (the reference FSRS in Python) is kept beside its output, not built.
let pathing = service("pathing", target: "Pathing", extra: ["Intelligence"], testExclude: ["Golden/fsrs_golden.py"])
let coaching = service(
    "coaching-session", target: "Coaching", extra: ["Intelligence", .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio")]
)
let declared = [identity, profile, content, pathing, coaching]
    + services.dropFirst(5).map { service($0.product, target: $0.target) }

let package = Package(
    name: "Pathwise",
    platforms: [.macOS(.v15)],
    products: declared.map(\.product),
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: declared.flatMap(\.targets) + [
        .target(
            name: "PathwiseProtocol",
            path: "Shared/Protocol",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Intelligence",
            path: "Shared/Intelligence",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntelligenceTests",
            dependencies: ["Intelligence", "TestSupport"],
            path: "Tests/IntelligenceTests",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MatcherBenchmark",
            dependencies: ["Intelligence"],
            path: "Tests/MatcherBenchmark",
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CArgon2",
            path: "Shared/CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        .target(
            name: "ServiceKit",
            dependencies: [
                "PathwiseProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ServiceKit",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "ServiceKit",
                "PathwiseProtocol",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: [
                "ServiceKit", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            path: "Tests/ServiceKitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SystemTests",
            dependencies: [
                "TestSupport", "PathwiseProtocol", "ServiceKit", "Identity", "Profile", "Content", "Pathing", "Coaching", "Analytics",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/SystemTests",
            swiftSettings: swiftSettings
        ),
    ]
)
