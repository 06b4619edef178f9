import BCVBenchKit
import BCVPlatform
import BCVValidation
import Foundation

/// Part `budget`: how far past its time limit each strategy stops (target: within 10%),
/// on the corpus obligations that none decides quickly.
func budgetBenchmark() {
  let cases = corpusCases(tags: ["hard"])
  let budget = 0.5
  print("== time budget \(budget) s per obligation on \(cases.count) hard cases: worst overshoot per strategy")
  for name in ["sampling", "adaptive", "symbolic", "interval", "smt"] {
    guard let strategy = StrategyCatalog.named(name) else { continue }
    var settings = StrategySettings()
    settings.timeLimit = budget
    settings.samples = 100_000_000
    settings.maxBoxes = Int.max / 2
    var worst = 0.0, timeouts = 0, total = 0
    for c in cases {
      guard let obligations = try? c.problem.obligations().map(CompiledObligation.init) else { continue }
      for o in obligations {
        let clock = Stopwatch()
        let r = strategy.decide(o, settings: settings)
        let elapsed = clock.elapsedSeconds
        total += 1
        if r.dependsOnTime {
          timeouts += 1
          worst = max(worst, elapsed / budget - 1)
        }
      }
    }
    print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(timeouts) of \(total) obligations hit the budget; worst overshoot \(String(format: "%.1f", worst * 100))%")
  }
}
