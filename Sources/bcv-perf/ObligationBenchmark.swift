import BCVBenchKit
import BCVPlatform
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

/// One strategy's figures over a group of obligations.
private struct ObligationTotals {
  var count = 0
  var boxes = 0
  var seconds = 0.0
  /// Milliseconds of each decided obligation.
  var decidedMilliseconds: [Double] = []

  mutating func add(decided: Bool, milliseconds ms: Double, boxes b: Int) {
    count += 1
    boxes += b
    seconds += ms / 1000
    if decided { decidedMilliseconds.append(ms) }
  }

  var summary: String {
    let sorted = decidedMilliseconds.sorted()
    func at(_ q: Double) -> String {
      sorted.isEmpty ? "-" : String(format: "%.1f", sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))])
    }
    let under100 = sorted.filter { $0 < 100 }.count
    return "decided \(sorted.count) of \(count) obligations; \(under100) of those in under 100 ms;"
      + " median/p90/max \(at(0.5))/\(at(0.9))/\(sorted.last.map { String(format: "%.1f", $0) } ?? "-") ms per decided;"
      + " \(boxes) boxes, \(String(format: "%.2f", seconds)) s in all"
  }
}

/// Part 2: time and boxes per obligation for symbolic, interval (with and without the
/// Bernstein step), smt (and smt-external when z3 is on PATH) on every polynomial case,
/// 1 worker, 10 s budget each. Prints a row per obligation of the 2-D cases, then totals
/// for the 2-D cases and for all of them; each obligation is decided once.
func obligationBenchmark() {
  let cases = corpusCases(tags: ["polynomial"])
  let planar = cases.filter { $0.tags.contains("2d") }.count
  let columns = soundStrategyColumns()
  print("== per-obligation time (ms) and boxes on \(planar) 2-D polynomial cases; '?' = unknown, '✗' = violated, '✓' = proved")
  print("case".padding(toLength: 30, withPad: " ", startingAt: 0) + " ob  "
        + columns.map { $0.name.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined())
  var settings = StrategySettings()
  settings.timeLimit = 10
  var twoD = [ObligationTotals](repeating: ObligationTotals(), count: columns.count)
  var all = twoD
  for c in cases {
    guard let obligations = try? c.problem.obligations().map(CompiledObligation.init) else { continue }
    let isPlanar = c.tags.contains("2d")
    for o in obligations {
      var line = c.id.padding(toLength: 30, withPad: " ", startingAt: 0) + " " + String(o.obligation.condition.rawValue.prefix(3)) + " "
      for (k, column) in columns.enumerated() {
        let clock = Stopwatch()
        let r = column.strategy.decide(o, settings: settings)
        let ms = clock.elapsedSeconds * 1000
        let mark: String
        switch r.status {
        case .holds(proof: true): mark = "✓"
        case .violated: mark = "✗"
        default: mark = "?"
        }
        all[k].add(decided: mark != "?", milliseconds: ms, boxes: r.boxes)
        if isPlanar { twoD[k].add(decided: mark != "?", milliseconds: ms, boxes: r.boxes) }
        line += "\(mark) \(String(format: "%8.1f", ms)) \(String(format: "%6d", r.boxes))  "
      }
      if isPlanar { print(line) }
    }
  }
  for (title, totals) in [("the \(planar) 2-D polynomial cases", twoD), ("all \(cases.count) polynomial cases (2-D to 8-D)", all)] {
    print("== totals on \(title)")
    for (k, column) in columns.enumerated() { print("  \(column.name): \(totals[k].summary)") }
  }
}
