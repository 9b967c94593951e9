// swift-tools-version: 6.0
//
// The harmonised workforce data standards for English local government: a dependency-free
// library (`WorkforceStandards`), the command-line tool `wds`, and their tests.
import PackageDescription

let package = Package(
    name: "WorkforceStandards",
    products: [
        .library(name: "WorkforceStandards", targets: ["WorkforceStandards"]),
        .executable(name: "wds", targets: ["wds"]),
    ],
    targets: [
        // The standard itself: registry, role code set, title coder, projections.
        .target(name: "WorkforceStandards"),
        // Every `wds` subcommand, as a library so tests can run them in-process.
        .target(name: "WDSCommandLine", dependencies: ["WorkforceStandards"]),
        // A thin `main` over WDSCommandLine.
        .executableTarget(name: "wds", dependencies: ["WDSCommandLine"]),
        // Release-mode benchmark: swift run -c release wds-benchmark
        .executableTarget(name: "wds-benchmark", dependencies: ["WorkforceStandards", "WDSCommandLine"]),
        .testTarget(
            name: "WorkforceStandardsTests",
            dependencies: ["WorkforceStandards", "WDSCommandLine"],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ]
)
