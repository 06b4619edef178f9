import BCVBenchKit
import BCVPlatform
import BCVValidation
import Foundation

/// Part 3: parallel speedup.
///
/// First the cost of handing out chunks (`ParallelProbe`): calls of `count` chunks of fixed
/// busy work through the pooled `ParallelChunks` and through a `concurrentPerform` per call
/// (the mechanism before the pool), with the overhead per call over the ideal time.
///
/// Then speedup of 2 workers over 1 for each strategy over the standard cases (sampling and
/// adaptive 200,000 samples per obligation, the sound strategies 10,000 boxes, auto 100,000
/// samples), best of 3, against the ideal 2×. Verdicts and counters are compared too: they
/// must not depend on the worker count.
func parallelBenchmark() {
  let cores = Platform.processorCount
  print("== chunk hand-out cost (\(cores) cores): mean µs per call, and overhead over count × chunk ÷ workers")
  for chunk: UInt64 in [2_000, 20_000, 200_000] {
    for count in [2, 16, 128] {
      var line = "  \(String(format: "%3d", count)) chunks of \(String(format: "%4.0f", Double(chunk) / 1000)) µs"
      for workers in [1, 2] {
        for mechanism in ParallelProbe.Mechanism.allCases {
          let ideal = Double(chunk) * Double(count) / Double(min(workers, count)) / 1e9
          let calls = max(3, Int(0.05 / ideal))
          let seconds = (0..<3).map { _ in
            ParallelProbe.secondsPerCall(mechanism, count: count, workers: workers, chunkNanoseconds: chunk, calls: calls)
          }.min()!
          if workers == 1 && mechanism == .concurrentPerform { continue }
          line += "   \(workers)w \(mechanism == .pool ? "pool" : "cP  ") \(String(format: "%8.1f", seconds * 1e6))"
            + " (+\(String(format: "%5.1f", (seconds - ideal) * 1e6)))"
        }
      }
      print(line)
    }
  }

  let cases = corpusCases(tags: ["standard"], excluding: ["hard"])
  let compiled = cases.compactMap { c in try? c.problem.obligations().map(CompiledObligation.init) }
  print("== parallel speedup on \(compiled.count) standard cases (\(cores) cores)")
  for (name, samples) in [("sampling", 200_000), ("adaptive", 200_000), ("interval", 10_000), ("smt", 10_000),
                          ("auto", 100_000)] {
    guard let strategy = StrategyCatalog.named(name) else { continue }
    var seconds: [Int: Double] = [:]
    var verdicts: [Int: [Verdict]] = [:]
    for workers in [1, 2] {
      var settings = StrategySettings()
      settings.samples = samples
      settings.workers = workers
      settings.timeLimit = 10
      var best = Double.infinity
      for _ in 0..<3 {
        let clock = Stopwatch()
        verdicts[workers] = compiled.map { strategy.validate($0, settings: settings) }
        best = min(best, clock.elapsedSeconds)
      }
      seconds[workers] = best
    }
    let speedup = seconds[1]! / seconds[2]!
    let same = verdicts[1]! == verdicts[2]!
    // A job that reached the time limit may legitimately differ between worker counts.
    let limited = verdicts.values.joined().contains { $0.obligations.contains(where: \.dependsOnTime) }
    print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) 1 worker \(String(format: "%7.3f", seconds[1]!)) s   2 workers \(String(format: "%7.3f", seconds[2]!)) s   speedup \(String(format: "%4.2f", speedup))× (ideal 2.00×, efficiency \(String(format: "%3.0f", speedup / 2 * 100))%)   identical results: \(same)\(limited ? " (some obligation reached the 10 s time limit)" : "")")
  }
}
