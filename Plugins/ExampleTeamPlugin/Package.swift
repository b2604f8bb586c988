// swift-tools-version:6.0
// A team's own model plugin, built outside Ferry's package against Ferry's SDK (by path here;
// by URL and version in a real team's repository). See docs/plugins.md.
import PackageDescription

let package = Package(
    name: "ExampleTeamPlugin",
    platforms: [.macOS(.v14)],
    products: [
        // The team's libferry: Ferry's C functions with the plugin added (copied to libferry.so by
        // scripts/test-team-plugin; Python loads it through FERRY_LIBRARY).
        .library(name: "TeamFerryC", type: .dynamic, targets: ["TeamFerryC"])
    ],
    dependencies: [
        .package(name: "Ferry", path: "../..")
    ],
    targets: [
        // The plugin: imports FerryCore and FerryModels only.
        .target(
            name: "CrossoverPlugin",
            dependencies: [.product(name: "FerryCore", package: "Ferry"), .product(name: "FerryModels", package: "Ferry")],
            path: "Sources/CrossoverPlugin"),
        // The team's `ferry`: Ferry's CLI with the plugin added (a front end, not part of the plugin).
        .executableTarget(
            name: "team-ferry",
            dependencies: ["CrossoverPlugin", .product(name: "FerryCLI", package: "Ferry")],
            path: "Sources/TeamFerry"),
        // The team's libferry's one addition: the function that names its plugins.
        .target(
            name: "TeamFerryC",
            dependencies: ["CrossoverPlugin", .product(name: "FerryCAPI", package: "Ferry")],
            path: "Sources/TeamFerryC"),
        .testTarget(name: "CrossoverPluginTests", dependencies: ["CrossoverPlugin"], path: "Tests/CrossoverPluginTests"),
    ],
    swiftLanguageModes: [.v6]
)
