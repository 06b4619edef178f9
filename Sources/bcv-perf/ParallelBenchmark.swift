import BCVBenchKit
import BCVValidation
import Foundation

/// Part 3: speedup of 2 workers over 1 for sampling (200,000 samples per obligation) and
/// interval (10 s budget) over the standard cases, measured against the ideal 2×.
/// Verdicts and counters are compared too: they must not depend on the worker count.
func parallelBenchmark() {
  let cases = corpusCases(tags: ["standard"], excluding: ["hard"])
  let compiled = cases.compactMap { c in try? c.problem.obligations().map(CompiledObligation.init) }
  print("== parallel speedup on \(compiled.count) standard cases (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
  for (name, samples) in [("sampling", 200_000), ("interval", 10_000), ("smt", 10_000), ("adaptive", 200_000)] {
    guard let strategy = StrategyCatalog.named(name) else { continue }
    var seconds: [Int: Double] = [:]
    var verdicts: [Int: [Verdict]] = [:]
    for workers in [1, 2] {
      var settings = StrategySettings()
      settings.samples = samples
      settings.workers = workers
      settings.timeLimit = 10
      var best = Double.infinity
      for _ in 0..<2 {
        let clock = Stopwatch()
        verdicts[workers] = compiled.map { strategy.validate($0, settings: settings) }
        best = min(best, clock.elapsedSeconds)
      }
      seconds[workers] = best
    }
    let speedup = seconds[1]! / seconds[2]!
    let same = verdicts[1]! == verdicts[2]!
    print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) 1 worker \(String(format: "%7.2f", seconds[1]!)) s   2 workers \(String(format: "%7.2f", seconds[2]!)) s   speedup \(String(format: "%4.2f", speedup))× (ideal 2.00×, efficiency \(String(format: "%3.0f", speedup / 2 * 100))%)   identical results: \(same)")
  }
}
