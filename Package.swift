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
    // Leaf: exact and interval numbers. No Foundation.
    .target(name: "BCVNumerics"),
    // Parse, simplify, differentiate, compile to a tape, evaluate the tape.
    .target(name: "BCVExpression", dependencies: ["BCVNumerics"]),
    // Problem model, obligations, verdicts, strategies, cache.
    .target(name: "BCVValidation", dependencies: ["BCVExpression", "BCVNumerics"]),
    // Harness: corpus loading, command line, suites, runner, results, reports.
    .target(name: "BCVBenchKit", dependencies: ["BCVValidation"]),
    // The thin command-line entry point.
    .executableTarget(name: "bcv-bench", dependencies: ["BCVBenchKit"]),
    // Micro-benchmarks for `make perf` (evaluator speed against hand-written code).
    .executableTarget(name: "bcv-perf", dependencies: ["BCVBenchKit"]),
    // Hostile-input testing for `make fuzz` (corpus loader, suite loader, expression parser).
    .executableTarget(name: "bcv-fuzz", dependencies: ["BCVBenchKit"]),

    .target(name: "BCVTestSupport", dependencies: ["BCVNumerics"], path: "Tests/BCVTestSupport"),
    .testTarget(name: "BCVNumericsTests", dependencies: ["BCVNumerics", "BCVTestSupport"]),
    .testTarget(name: "BCVExpressionTests", dependencies: ["BCVExpression", "BCVTestSupport"]),
    .testTarget(name: "BCVValidationTests", dependencies: ["BCVValidation", "BCVTestSupport"]),
    .testTarget(name: "BCVBenchKitTests", dependencies: ["BCVBenchKit", "BCVTestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["bcv-bench", "BCVTestSupport"]),
  ]
)
