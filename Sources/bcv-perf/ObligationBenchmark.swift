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

/// The sound strategies part 2 compares, by column label: `interval-nb` is `interval`
/// without its Bernstein step, to show what that escalation buys.
func soundStrategyColumns() -> [(name: String, strategy: any Strategy)] {
  var columns: [(name: String, strategy: any Strategy)] = [
    ("symbolic", SymbolicStrategy()), ("interval", IntervalStrategy()),
    ("interval-nb", IntervalStrategy(usesBernstein: false)), ("smt", SMTStrategy()),
  ]
  if ExternalSolver.z3.locate() != nil, let z3 = StrategyCatalog.named("smt-external") { columns.append(("smt-external", z3)) }
  return columns
}

/// Part 2: time and boxes per obligation for symbolic, interval (with and without the
/// Bernstein step), smt (and smt-external when z3 is on PATH) on every 2-D polynomial
/// case, 1 worker, 10 s budget each; then the totals over every polynomial case.
func obligationBenchmark() {
  perObligationTable(cases: corpusCases(tags: ["polynomial", "2d"]), what: "2-D polynomial", printRows: true)
  perObligationTable(cases: corpusCases(tags: ["polynomial"]), what: "polynomial (2-D to 8-D)", printRows: false)
}

private func perObligationTable(cases: [CorpusCase], what: String, printRows: Bool) {
  let columns = soundStrategyColumns()
  print("== per-obligation time (ms) and boxes on \(cases.count) \(what) cases; '?' = unknown, '✗' = violated, '✓' = proved")
  if printRows {
    print("case".padding(toLength: 30, withPad: " ", startingAt: 0) + " ob  "
          + columns.map { $0.name.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined())
  }
  var settings = StrategySettings()
  settings.timeLimit = 10
  var totals = [String: (decided: Int, under100: Int, count: Int, boxes: Int, seconds: Double)]()
  for c in cases {
    guard let obligations = try? c.problem.obligations().map(CompiledObligation.init) else { continue }
    for o in obligations {
      var line = c.id.padding(toLength: 30, withPad: " ", startingAt: 0) + " " + String(o.obligation.condition.rawValue.prefix(3)) + " "
      for (name, strategy) in columns {
        let clock = Stopwatch()
        let r = strategy.decide(o, settings: settings)
        let ms = clock.elapsedSeconds * 1000
        let mark: String
        switch r.status {
        case .holds(proof: true): mark = "✓"
        case .violated: mark = "✗"
        default: mark = "?"
        }
        var t = totals[name] ?? (0, 0, 0, 0, 0)
        t.count += 1
        t.boxes += r.boxes
        t.seconds += ms / 1000
        if mark != "?" { t.decided += 1; if ms < 100 { t.under100 += 1 } }
        totals[name] = t
        line += "\(mark) \(String(format: "%8.1f", ms)) \(String(format: "%6d", r.boxes))  "
      }
      if printRows { print(line) }
    }
  }
  for (name, _) in columns {
    if let t = totals[name] {
      print("  \(name): decided \(t.decided) of \(t.count) obligations; \(t.under100) of those in under 100 ms;"
            + " \(t.boxes) boxes, \(String(format: "%.2f", t.seconds)) s in all")
    }
  }
}
