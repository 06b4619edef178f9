// `make perf`: speed figures that tests must not assert. Prints, in order:
//   1. the compiled evaluator against hand-written Swift (ns/point, ratio; target ≤ 3×);
//   2. per-obligation times of the sound strategies on the corpus's 2-D polynomial cases;
//   3. parallel speedup of sampling and interval with 1 and 2 workers on the standard cases.
// Usage: bcv-perf [evaluator|obligations|parallel]...   (default: all three)
import Foundation

#if DEBUG
print("note: a debug build; run `make perf` (release) for meaningful figures")
#endif
let parts = CommandLine.arguments.dropFirst()
let all = parts.isEmpty
if all || parts.contains("evaluator") { evaluatorBenchmark() }
if all || parts.contains("obligations") { obligationBenchmark() }
if all || parts.contains("parallel") { parallelBenchmark() }
