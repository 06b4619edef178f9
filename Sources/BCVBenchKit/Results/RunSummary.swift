import BCVValidation

/// Counts per strategy over a run's records, for the terminal and `--json`.
struct RunSummary {
  struct Line {
    var strategy: String
    var jobs = 0
    var correct = 0
    var wrong = 0
    var unsound = 0
    var unknown = 0
    var unscored = 0
    var errors = 0
    var seconds = 0.0
    var evaluations = 0
  }

  let lines: [Line]

  init(records: [JobRecord]) {
    var order: [String] = []
    var byName: [String: Line] = [:]
    for r in records {
      if byName[r.strategy] == nil {
        order.append(r.strategy)
        byName[r.strategy] = Line(strategy: r.strategy)
      }
      var l = byName[r.strategy]!
      l.jobs += 1
      switch r.outcome {
      case .correct: l.correct += 1
      case .wrong: l.wrong += 1
      case .unknown: l.unknown += 1
      case .unscored: l.unscored += 1
      case .error: l.errors += 1
      }
      if r.isUnsound { l.unsound += 1 }
      l.seconds += r.seconds
      l.evaluations += r.evaluations
      byName[r.strategy] = l
    }
    lines = order.map { byName[$0]! }
  }

  var unsound: Int { lines.reduce(0) { $0 + $1.unsound } }

  func table() -> String {
    let header = ["strategy", "jobs", "correct", "wrong", "unsound", "unknown", "unscored", "errors", "seconds", "evaluations"]
    let rows = lines.map { l in
      [l.strategy, "\(l.jobs)", "\(l.correct)", "\(l.wrong)", "\(l.unsound)", "\(l.unknown)", "\(l.unscored)", "\(l.errors)",
       String(format3: l.seconds), "\(l.evaluations)"]
    }
    let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max()! }
    func render(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in i == 0 ? c.padded(to: widths[i]) : c.leftPadded(to: widths[i]) }.joined(separator: "  ")
    }
    return ([render(header)] + rows.map(render)).joined(separator: "\n")
  }

  func json(outDirectory: String) -> JSONValue {
    .object(JSONObject([
      ("results", .string(outDirectory + "/results.json")),
      ("unsound", .number(unsound)),
      ("strategies", .array(lines.map { l in
        .object(JSONObject([
          ("strategy", .string(l.strategy)), ("jobs", .number(l.jobs)), ("correct", .number(l.correct)),
          ("wrong", .number(l.wrong)), ("unsound", .number(l.unsound)), ("unknown", .number(l.unknown)),
          ("unscored", .number(l.unscored)), ("errors", .number(l.errors)), ("seconds", .number(l.seconds)), ("evaluations", .number(l.evaluations)),
        ]))
      })),
    ]))
  }
}

extension String {
  init(format3 x: Double) {
    let scaled = (x * 1000).rounded()
    let whole = Int(scaled) / 1000, frac = abs(Int(scaled) % 1000)
    self = "\(whole).\(String(repeating: "0", count: 3 - String(frac).count))\(frac)"
  }
  func padded(to n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
  func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
