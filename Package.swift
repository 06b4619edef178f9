// swift-tools-version:6.0
// bcv-bench: validates barrier certificates and benchmarks the validators.
// No package dependencies: Foundation, Dispatch, XCTest and Swift Testing only.
import PackageDescription

let package = Package(
  name: "bcv-bench",
  products: [
    .executable(name: "bcv-bench", targets: ["bcv-bench"]),
    .library(name: "BCVBenchKit", targets: ["BCVBenchKit"]),
  ],
  targets: [
    // The one door to the operating system, at the bottom of the graph: clocks, resource
    // usage, environment, terminal, files (atomic writes with fsync, appends), child
    // processes, and libm (`Libm`). The only module that imports Glibc.
    .target(name: "BCVPlatform"),
    // Exact and interval numbers. No Foundation in its own files.
    .target(name: "BCVNumerics", dependencies: ["BCVPlatform"]),
    // Parse, simplify, differentiate, compile to a tape, evaluate the tape.
    .target(name: "BCVExpression", dependencies: ["BCVNumerics", "BCVPlatform"]),
    // Problem model, obligations, verdicts, strategies, cache.
    .target(name: "BCVValidation", dependencies: ["BCVExpression", "BCVNumerics", "BCVPlatform"]),
    // Harness: corpus loading, command line, suites, runner, results, reports.
    .target(name: "BCVBenchKit", dependencies: ["BCVValidation", "BCVPlatform"]),
    // The thin command-line entry point.
    .executableTarget(name: "bcv-bench", dependencies: ["BCVBenchKit", "BCVPlatform"]),
    // Micro-benchmarks for `make perf` (evaluator speed against hand-written code).
    .executableTarget(name: "bcv-perf", dependencies: ["BCVBenchKit", "BCVPlatform"]),
    // Hostile-input testing for `make fuzz` (corpus loader, suite loader, expression parser).
    .executableTarget(name: "bcv-fuzz", dependencies: ["BCVBenchKit", "BCVPlatform"]),

    .target(name: "BCVTestSupport", dependencies: ["BCVNumerics"], path: "Tests/BCVTestSupport"),
    .testTarget(name: "BCVPlatformTests", dependencies: ["BCVPlatform"]),
    .testTarget(name: "BCVNumericsTests", dependencies: ["BCVNumerics", "BCVTestSupport"]),
    .testTarget(name: "BCVExpressionTests", dependencies: ["BCVExpression", "BCVTestSupport"]),
    .testTarget(name: "BCVValidationTests", dependencies: ["BCVValidation", "BCVPlatform", "BCVTestSupport"]),
    .testTarget(name: "BCVBenchKitTests", dependencies: ["BCVBenchKit", "BCVPlatform", "BCVTestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["bcv-bench", "BCVPlatform", "BCVTestSupport"]),
  ]
)
