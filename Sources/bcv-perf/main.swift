// `make perf`: speed figures that tests must not assert. Prints, in order:
//   1. the compiled evaluator against hand-written Swift (ns/point, ratio; target ≤ 3×), and the
//      elementary functions' batch kernels against the C library (ns/value; alone: `kernels`);
//   2. per-obligation times of the sound strategies on the corpus's 2-D polynomial cases;
//   3. parallel speedup of sampling and interval with 1 and 2 workers on the standard cases.
//   4. with `gate RUN_DIR...`: the regression gate's A/A false alarms and injected-slowdown
//      detections over many runs of one suite (see GateQualityBenchmark.swift, make gate-check).
// Usage: bcv-perf [evaluator|kernels|obligations|parallel|budget]...   (default: the first three)
//        bcv-perf gate RUN_DIR...   (at least 3; make gate-check passes 42)
import Foundation

#if DEBUG
print("note: a debug build; run `make perf` (release) for meaningful figures")
#endif
let parts = CommandLine.arguments.dropFirst()
if parts.first == "gate" {
  let folders = Array(parts.dropFirst())
  guard folders.count >= 3 else {
    print("usage: bcv-perf gate RUN_DIR RUN_DIR RUN_DIR...   (runs 2i, 2i+1 are A/A pair i; run 2i+2 its confirmation)")
    exit(2)
  }
  gateQualityBenchmark(folders)
  exit(0)
}
let all = parts.isEmpty
if all || parts.contains("evaluator") { evaluatorBenchmark() }
if parts.contains("kernels") && !parts.contains("evaluator") { kernelBenchmark() }
if all || parts.contains("obligations") { obligationBenchmark() }
if all || parts.contains("parallel") { parallelBenchmark() }
if parts.contains("budget") { budgetBenchmark() }
