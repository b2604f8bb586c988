// swift-tools-version:6.0
// Ferry: one root package. Read top to bottom: settings, products, dependencies, targets.
import PackageDescription

/// Compiler settings every Ferry target shares.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// The folder of a module under `Modules/`.
func module(_ folder: String) -> String { "Modules/\(folder)" }

/// The folder of a test target under `Tests/`.
func tests(_ folder: String) -> String { "Tests/\(folder)" }

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let grdbSQLite = Target.Dependency.product(name: "GRDBSQLite", package: "GRDB.swift")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let postgresNIO = Target.Dependency.product(name: "PostgresNIO", package: "postgres-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
/// Ferry's own C kernels (Modules/CKernels), which FerryModels wraps.
let kernels = Target.Dependency.target(name: "CFerryKernels")

let package = Package(
    name: "Ferry",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ferry", targets: ["FerryExecutable"]),
        .library(name: "FerryCore", targets: ["FerryCore"]),
        .library(name: "FerryData", targets: ["FerryData"]),
        .library(name: "FerryFeatures", targets: ["FerryFeatures"]),
        .library(name: "FerryModels", targets: ["FerryModels"]),
        .library(name: "FerryMonitoring", targets: ["FerryMonitoring"]),
        .library(name: "FerryRisk", targets: ["FerryRisk"]),
        .library(name: "FerryBundle", targets: ["FerryBundle"]),
        .library(name: "FerryPipeline", targets: ["FerryPipeline"]),
        .library(name: "FerryStore", targets: ["FerryStore"]),
        .library(name: "FerryOCI", targets: ["FerryOCI"]),
        .library(name: "FerryServer", targets: ["FerryServer"]),
        .library(name: "FerryCLI", targets: ["FerryCLI"]),
        // libferry: the C ABI (clients/c/include/ferry.h) every other language calls.
        .library(name: "FerryC", type: .dynamic, targets: ["FerryCAPI"]),
        // libferry's functions to link into a team's own libferry (with its plugins; see docs/c-api.md).
        .library(name: "FerryCAPI", targets: ["FerryCAPI"]),
        .library(name: "FerryLinear", targets: ["FerryLinear"]),
        .library(name: "FerryLSTM", targets: ["FerryLSTM"]),
        .library(name: "FerryBaselines", targets: ["FerryBaselines"]),
        .library(name: "FerryEnsemble", targets: ["FerryEnsemble"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    ],
    targets: [
        // Shared value types and the protocols the domain modules meet at.
        .target(name: "FerryCore", dependencies: [logging], path: module("Core"), swiftSettings: swiftSettings),

        // Domain modules: each imports Core and nothing of each other.
        .target(name: "FerryData", dependencies: ["FerryCore"], path: module("Data"), swiftSettings: swiftSettings),
        .target(name: "FerryFeatures", dependencies: ["FerryCore"], path: module("Features"), swiftSettings: swiftSettings),
        .target(name: "FerryModels", dependencies: ["FerryCore", kernels, logging], path: module("Models"), swiftSettings: swiftSettings),
        // Ferry's own compute kernels in C, each built for the instruction sets its CPU is checked for at run time.
        .target(name: "CFerryKernels", path: module("CKernels")),
        .target(name: "FerryMonitoring", dependencies: ["FerryCore"], path: module("Monitoring"), swiftSettings: swiftSettings),
        .target(name: "FerryRisk", dependencies: ["FerryCore"], path: module("Risk"), swiftSettings: swiftSettings),

        // The bundle format and its system libraries.
        .systemLibrary(
            name: "CArchive", path: module("CArchive"), pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(
            name: "CZlib", path: module("CZlib"), pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "FerryBundle", dependencies: ["FerryCore", "FerryModels", "CArchive", "CZlib", crypto], path: module("Bundle"),
            swiftSettings: swiftSettings),

        // Wiring and front ends. A front end depends on FerryPipeline, FerryCore, the plugins it registers and its
        // frameworks; never on Bundle, Data, Features or Store (ArchitectureTests checks it).
        .target(
            name: "FerryStore", dependencies: ["FerryCore", grdb, grdbSQLite, crypto, postgresNIO, nioCore, nioPosix, nioSSL, logging],
            path: module("Store"), swiftSettings: swiftSettings),
        // Redis streams for the stream consumer: hiredis, a C client made for this.
        .systemLibrary(
            name: "CHiredis", path: module("CHiredis"), pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .target(name: "FerryRedis", dependencies: ["CHiredis"], path: module("Redis"), swiftSettings: swiftSettings),
        // OCI registries and image layouts: the distribution protocol over async-http-client.
        .target(
            name: "FerryOCI", dependencies: ["FerryCore", "FerryBundle", asyncHTTPClient, nioCore, nioHTTP1, nioPosix, crypto],
            path: module("OCI"),
            swiftSettings: swiftSettings),
        .target(
            name: "FerryPipeline",
            dependencies: [
                "FerryCore", "FerryData", "FerryFeatures", "FerryModels", "FerryMonitoring", "FerryRisk", "FerryBundle", "FerryStore",
                "FerryOCI", "FerryRedis", logging,
                crypto, asyncHTTPClient,
            ],
            path: module("Pipeline"), swiftSettings: swiftSettings),
        .target(
            name: "FerryServer",
            dependencies: [
                "FerryCore", "FerryPipeline", "FerryModels", "FerryMonitoring", hummingbird, httpTypes, logging, serviceLifecycle,
            ],
            path: module("Server"), swiftSettings: swiftSettings),
        .target(
            name: "FerryCLI",
            dependencies: [
                "FerryCore", "FerryPipeline", "FerryModels", "FerryMonitoring", "FerryRisk", "FerryServer", "FerryBuiltInPlugins",
                argumentParser, logging,
            ],
            path: module("CLI"),
            swiftSettings: swiftSettings),
        .target(
            name: "FerryBuiltInPlugins", dependencies: ["FerryModels", "FerryLinear", "FerryBaselines", "FerryEnsemble", "FerryLSTM"],
            path: module("BuiltInPlugins"), swiftSettings: swiftSettings),
        .target(
            name: "FerryCAPI", dependencies: ["FerryCore", "FerryPipeline", "FerryModels", "FerryBuiltInPlugins", "FerryCAPIHooks"],
            path: module("CAPI"), swiftSettings: swiftSettings),
        // The weak `ferry_extra_plugins` symbol through which a team's libferry adds its plugins.
        .target(name: "FerryCAPIHooks", path: module("CAPIHooks")),
        .executableTarget(
            name: "FerryExecutable", dependencies: ["FerryCLI"], path: module("Executable"),
            swiftSettings: swiftSettings),

        // Model plugins: each imports Core and Models only.
        .target(name: "FerryLSTM", dependencies: ["FerryCore", "FerryModels"], path: "Plugins/LSTM/Sources", swiftSettings: swiftSettings),
        .target(
            name: "FerryLinear", dependencies: ["FerryCore", "FerryModels"], path: "Plugins/Linear/Sources",
            swiftSettings: swiftSettings),
        .target(
            name: "FerryBaselines", dependencies: ["FerryCore", "FerryModels"], path: "Plugins/Baselines/Sources",
            swiftSettings: swiftSettings),
        .target(
            name: "FerryEnsemble", dependencies: ["FerryCore", "FerryModels"], path: "Plugins/Ensemble/Sources",
            swiftSettings: swiftSettings),

        // Benchmarks, run by bench/*.py against their peers (never by `make test`'s assertions).
        .target(name: "BenchSupport", path: "bench/BenchSupport", swiftSettings: swiftSettings),
        .executableTarget(
            name: "FeatureBenchmark", dependencies: ["FerryFeatures", "BenchSupport"], path: "bench/FeatureBenchmark",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "LassoBenchmark", dependencies: ["FerryLinear", "BenchSupport"], path: "bench/LassoBenchmark",
            swiftSettings: swiftSettings),

        .executableTarget(
            name: "BundleBenchmark", dependencies: ["FerryBundle"], path: "bench/BundleBenchmark", swiftSettings: swiftSettings),
        .executableTarget(
            name: "KSBenchmark", dependencies: ["FerryMonitoring"], path: "bench/KSBenchmark", swiftSettings: swiftSettings),
        .executableTarget(
            name: "ServeCeilingBenchmark", dependencies: ["FerryServer", "FerryStore", "FerryCore", nioCore],
            path: "bench/ServeCeilingBenchmark", swiftSettings: swiftSettings),
        .executableTarget(
            name: "StreamLatencyBenchmark", dependencies: ["FerryRedis"], path: "bench/StreamLatencyBenchmark", swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "LSTMBenchmark", dependencies: ["FerryLSTM", "BenchSupport"], path: "bench/LSTMBenchmark", swiftSettings: swiftSettings),

        // Fuzz targets (scripts/fuzz: the bundle reader, libferry's ferry_open_bytes); a corpus replayer in a normal build.
        .executableTarget(
            name: "FerryFuzzer", dependencies: ["FerryBundle", "FerryCAPI", "FerryCore"], path: "fuzz/FerryFuzzer",
            swiftSettings: swiftSettings),

        // Tests: helpers shared by test targets (after HummingbirdTesting), one target per module, plus the house rules.
        .target(
            name: "FerryTestSupport",
            dependencies: [
                "FerryCore", "FerryModels", "FerryBundle", "FerryStore", "FerryPipeline", "FerryLinear", "FerryBaselines", logging,
            ],
            path: tests("FerryTestSupport"), swiftSettings: swiftSettings),
        .testTarget(
            name: "RedisTests", dependencies: ["FerryRedis", "FerryTestSupport"], path: tests("RedisTests"), swiftSettings: swiftSettings),
        .testTarget(name: "CoreTests", dependencies: ["FerryCore"], path: tests("CoreTests"), swiftSettings: swiftSettings),
        .testTarget(
            name: "DataTests", dependencies: ["FerryData", "FerryCore"], path: tests("DataTests"),
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "FeaturesTests", dependencies: ["FerryFeatures", "FerryData", "FerryCore"], path: tests("FeaturesTests"),
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "ModelsTests", dependencies: ["FerryModels", "FerryCore"], path: tests("ModelsTests"), resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MonitoringTests", dependencies: ["FerryMonitoring", "FerryCore"], path: tests("MonitoringTests"),
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RiskTests", dependencies: ["FerryRisk", "FerryCore"], path: tests("RiskTests"), resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BundleTests",
            dependencies: [
                "FerryBundle", "FerryPipeline", "FerryTestSupport", "FerryLinear", "FerryBaselines", "FerryEnsemble", "CArchive", crypto,
                "FerryCore", "FerryModels",
            ],
            path: tests("BundleTests"), swiftSettings: swiftSettings),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "FerryServer", "FerryStore", "FerryPipeline", "FerryTestSupport", "FerryBundle", "FerryLinear", "FerryBaselines",
                hummingbirdTesting, httpTypes, "FerryCore", "FerryModels",
            ],
            path: tests("ServerTests"), swiftSettings: swiftSettings),
        .testTarget(
            name: "OCITests", dependencies: ["FerryOCI", "FerryCore", nioCore, hummingbird, hummingbirdTesting], path: tests("OCITests"),
            swiftSettings: swiftSettings),
        .testTarget(
            name: "StoreTests", dependencies: ["FerryStore", grdb, "FerryCore", "FerryTestSupport"], path: tests("StoreTests"),
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "FerryPipeline", "FerryStore", "FerryLinear", "FerryBaselines", "FerryBundle", "FerryTestSupport", "FerryCore", "FerryData",
                "FerryModels", "FerryRedis", "FerryMonitoring", "FerryFeatures",
            ],
            path: tests("PipelineTests"),
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CLITests", dependencies: ["FerryCLI", "FerryExecutable", "FerryCore", "FerryStore", "FerryTestSupport", grdb],
            path: tests("CLITests"),
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LSTMTests", dependencies: ["FerryLSTM", "FerryModels", logging, "FerryCore"], path: "Plugins/LSTM/Tests",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LinearTests", dependencies: ["FerryLinear", "FerryModels", "FerryCore"], path: "Plugins/Linear/Tests",
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "EnsembleTests", dependencies: ["FerryEnsemble", "FerryLinear", "FerryBaselines", "FerryCore", "FerryModels"],
            path: "Plugins/Ensemble/Tests",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BaselinesTests", dependencies: ["FerryBaselines", "FerryCore", "FerryModels"], path: "Plugins/Baselines/Tests",
            swiftSettings: swiftSettings),
        .testTarget(name: "ArchitectureTests", path: tests("ArchitectureTests"), swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
