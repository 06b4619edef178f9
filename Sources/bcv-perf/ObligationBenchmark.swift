import BCVBenchKit
import BCVValidation
import Foundation

/// The corpus cases a benchmark part uses, by tag, from the package root.
func corpusCases(tags: [String], excluding: [String] = []) -> [CorpusCase] {
  guard let corpus = try? CorpusLoader().load(paths: ["Suites/corpus"]) else {
    print("bcv-perf: run from the package root (Suites/corpus not found)")
    return []
  }
  return corpus.cases.filter { c in tags.allSatisfy(c.tags.contains) && !c.tags.contains(where: excluding.contains) }
}

/// Part 2: time and boxes per obligation for symbolic, interval, smt (and smt-external
/// when z3 is on PATH) on every 2-D polynomial case, 1 worker, 10 s budget each.
func obligationBenchmark() {
  let cases = corpusCases(tags: ["polynomial", "2d"])
  var names = ["symbolic", "interval", "smt"]
  if ExternalSolver.z3.locate() != nil { names.append("smt-external") }
  print("== per-obligation time (ms) and boxes on \(cases.count) 2-D polynomial cases; '?' = unknown, '✗' = violated, '✓' = proved")
  print("case".padding(toLength: 30, withPad: " ", startingAt: 0) + " ob  " + names.map { $0.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined())
  var settings = StrategySettings()
  settings.timeLimit = 10
  var totals = [String: (decided: Int, under100: Int, count: Int)]()
  for c in cases {
    guard let obligations = try? c.problem.obligations().map(CompiledObligation.init) else { continue }
    for o in obligations {
      var line = c.id.padding(toLength: 30, withPad: " ", startingAt: 0) + " " + String(o.obligation.condition.rawValue.prefix(3)) + " "
      for name in names {
        guard let strategy = StrategyCatalog.named(name) else { continue }
        let clock = Stopwatch()
        let r = strategy.decide(o, settings: settings)
        let ms = clock.elapsedSeconds * 1000
        let mark: String
        switch r.status {
        case .holds(proof: true): mark = "✓"
        case .violated: mark = "✗"
        default: mark = "?"
        }
        var t = totals[name] ?? (0, 0, 0)
        t.count += 1
        if mark != "?" { t.decided += 1; if ms < 100 { t.under100 += 1 } }
        totals[name] = t
        line += "\(mark) \(String(format: "%8.1f", ms)) \(String(format: "%6d", r.boxes))  "
      }
      print(line)
    }
  }
  for name in names {
    if let t = totals[name] {
      print("  \(name): decided \(t.decided) of \(t.count) obligations; \(t.under100) of those in under 100 ms")
    }
  }
}
