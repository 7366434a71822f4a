// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Oversight",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "oversight", targets: ["oversight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        // PostgreSQL, for councils that run several servers on one managed database.
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // OpenID Connect sign-in: ID-token signature checks against the provider's JWKS, and the
        // HTTP client that fetches discovery documents, keys and tokens.
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Operations: background jobs run as services, stopped by the server's graceful shutdown.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Operations: /metrics in the Prometheus text format, recorded through swift-metrics.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The domain: plans, actions, measures, ratings, periods. Pure: Foundation only, no I/O.
        .target(name: "Core"),
        // Tables in and out of files: XLSX, DOCX, CSV, HTML/TSV readers. Knows nothing of plans.
        .target(
            name: "Documents",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Recognises plans, actions, milestones and measures in the tables Documents reads.
        .target(name: "PlanImport", dependencies: ["Core", "Documents"]),
        // The KPI engine: Annex A and local-event readers, the measure catalogue, the engine.
        .target(name: "Measures", dependencies: ["Core", "Documents"]),
        // SQLite and PostgreSQL implementations of Core's storage protocols.
        .target(
            name: "Store",
            dependencies: [
                "Core",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // TLS settings for a managed PostgreSQL server's connections (sslmode=require).
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                // SHA-256 for the audit trail's hash chain.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The fictional demo council, its plan and boards, dated from the day it is loaded: for
        // trying the product, screenshots and tests. Written against Core's storage protocols.
        .target(name: "Demo", dependencies: ["Core"]),
        // SVG charts and exports.
        .target(name: "Reports", dependencies: ["Core", "Documents"]),
        // The Hummingbird application: pages, JSON API, OpenAPI document.
        .target(
            name: "Web",
            dependencies: [
                "Core", "Reports", "Documents", "Measures", "PlanImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The connection cap (MaximumAvailableConnections) lives in the server core.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // bcrypt for passwords; SHA-256 for session ids and API tokens (stored hashed).
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                // bcrypt runs on NIO's blocking thread pool, off the request threads.
                .product(name: "NIOPosix", package: "swift-nio"),
                // OpenID Connect: ID-token verification (JWKS, key ids) and calls to the provider.
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // /metrics: counters and timers through swift-metrics, written out by swift-prometheus.
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "oversight",
            dependencies: [
                "Core", "Documents", "Store", "Demo", "Reports", "Web", "PlanImport", "Measures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // `serve` bootstraps the process's one MetricsSystem.
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // Measures the readers on large files for docs/benchmarks.md (`Benchmarks/xlsx.sh`).
        .executableTarget(name: "oversight-bench", dependencies: ["Documents"], path: "Benchmarks/Sources/oversight-bench"),
        .testTarget(name: "CoreTests", dependencies: ["Core"]),
        .testTarget(
            name: "DocumentsTests",
            dependencies: ["Documents", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PlanImportTests",
            dependencies: ["PlanImport", "Documents", "Core", "Reports"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MeasuresTests",
            dependencies: ["Measures", "Documents", "Core", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        // Runs the built `oversight` command as a user would.
        .testTarget(name: "OversightTests", dependencies: ["oversight", "Core", "Documents", "Store", "Demo", .product(name: "SQLKit", package: "sql-kit")]),
        .testTarget(name: "StoreTests", dependencies: ["Core", "Store"]),
        .testTarget(name: "DemoTests", dependencies: ["Demo", "Core", "Store"]),
        .testTarget(name: "ReportsTests", dependencies: ["Core", "Reports"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Core", "Store", "Demo", "Web", "Measures",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // The write-route fuzz test reads every table's rows to prove a refused write stored nothing.
                .product(name: "SQLKit", package: "sql-kit"),
                // SSO tests sign their own ID tokens (wrong audience, expired, unknown key).
                .product(name: "JWTKit", package: "jwt-kit"),
                // Background jobs are stopped by a service group's graceful shutdown.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
