// swift-tools-version: 6.0
//
// The harmonised workforce data standards for English local government: a dependency-free
// library (`WorkforceStandards`), the command-line tool `wds`, and their tests.
import PackageDescription

let package = Package(
    name: "WorkforceStandards",
    // What the code needs: the Synchronization module's `Atomic` (the library and the tool) is
    // new in these releases. Linux and Windows need only the Swift 6 toolchain.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
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
