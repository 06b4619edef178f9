import BCVValidation

/// How often strategies give the same verdict on the same case.
///
/// A strategy's verdict on a case is its cell verdict at its reference configuration.
/// For strategies a and b, agreement is computed over the cases both *decided* (valid or
/// invalid): the fraction on which the verdicts are equal. Files: `agreement.svg`,
/// `agreement.csv` (every ordered pair, sorted by a then b) and `disagreements.csv`
/// (sorted by case, then pair).
enum AgreementSection {
  /// Agreement of one ordered pair of strategies.
  struct Pair {
    var a: String
    var b: String
    /// Cases both strategies decided.
    var decided: Int
    /// Of those, cases with equal verdicts.
    var agree: Int
    var fraction: Double? { decided > 0 ? Double(agree) / Double(decided) : nil }
  }

  /// A case two strategies decided differently (a before b in name order).
  struct Disagreement {
    var caseID: String
    var expected: VerdictKind?
    var a: String
    var verdictA: VerdictKind
    var b: String
    var verdictB: VerdictKind
  }

  /// Each strategy's decided verdict per case at its reference configuration.
  static func decidedVerdicts(_ data: ReportDataset) -> [String: [String: VerdictKind]] {
    var result: [String: [String: VerdictKind]] = [:]
    for s in data.strategies {
      let reference = data.reference(s)
      for c in data.cases {
        if let v = data.verdict(c, s, reference), v != .unknown { result[s, default: [:]][c] = v }
      }
    }
    return result
  }

  static func pairs(_ data: ReportDataset) -> [Pair] {
    let verdicts = decidedVerdicts(data)
    return data.strategies.flatMap { a in
      data.strategies.map { b in
        let shared = data.cases.filter { verdicts[a]?[$0] != nil && verdicts[b]?[$0] != nil }
        return Pair(a: a, b: b, decided: shared.count, agree: shared.filter { verdicts[a]![$0] == verdicts[b]![$0] }.count)
      }
    }
  }

  static func disagreements(_ data: ReportDataset) -> [Disagreement] {
    let verdicts = decidedVerdicts(data)
    var result: [Disagreement] = []
    for c in data.cases {
      for (i, a) in data.strategies.enumerated() {
        for b in data.strategies[(i + 1)...] {
          if let va = verdicts[a]?[c], let vb = verdicts[b]?[c], va != vb {
            result.append(Disagreement(caseID: c, expected: data.expected[c], a: a, verdictA: va, b: b, verdictB: vb))
          }
        }
      }
    }
    return result
  }

  static func build(_ data: ReportDataset) -> ReportPart {
    let pairs = pairs(data)
    let n = data.strategies.count
    let chart = SVGMatrixChart(
      title: "Strategy agreement", subtitle: "share of cases both decided with the same verdict (agree/both decided)",
      xTitle: "strategy", yTitle: "strategy", rows: data.strategies, columns: data.strategies,
      values: (0..<n).map { r in (0..<n).map { c in pairs[r * n + c].fraction } },
      notes: (0..<n).map { r in (0..<n).map { c in "\(pairs[r * n + c].agree)/\(pairs[r * n + c].decided)" } },
      emptyMessage: "no results", width: 680)
    let figure = SVGFigure(title: "Strategy agreement", panels: [chart])
    let csv = CSVTable(header: ["strategy_a", "strategy_b", "both_decided", "agree", "agreement"], rows: pairs.map {
      [$0.a, $0.b, "\($0.decided)", "\($0.agree)", $0.fraction.map(ReportFormat.machineFraction) ?? ""]
    })

    let list = disagreements(data)
    var body = HTML.paragraph("A strategy's verdict on a case is its most frequent verdict at its reference "
      + "configuration (largest sample count, fewest workers, cache off). Unknown answers are left out: each cell "
      + "compares only cases both strategies decided.", "note")
    if n < 2 { body += HTML.paragraph("Only one strategy ran: there is nothing to compare it with.", "empty") }
    body += HTML.figure(figure, name: "agreement")
    body += "<h3>Disagreements</h3>"
    if list.isEmpty {
      body += HTML.paragraph(n < 2 ? "None possible with one strategy." : "None: the strategies agree on every case both decided.", "empty")
    } else {
      body += HTML.table(["case", "expected", "strategy", "verdict", "strategy", "verdict"], list.map { d in
        [HTMLCell(d.caseID), HTMLCell(d.expected?.rawValue ?? "–"), HTMLCell(d.a), verdictCell(d.verdictA, d.expected),
         HTMLCell(d.b), verdictCell(d.verdictB, d.expected)]
      })
    }
    let disagreementCSV = CSVTable(header: ["case", "expected", "strategy_a", "verdict_a", "strategy_b", "verdict_b"],
                                   rows: list.map {
      [$0.caseID, $0.expected?.rawValue ?? "", $0.a, $0.verdictA.rawValue, $0.b, $0.verdictB.rawValue]
    })
    return ReportPart(section: ReportSection(id: "agreement", title: "Strategy agreement", body: body), files: [
      ("agreement.svg", figure.document()), ("agreement.csv", csv.render()), ("disagreements.csv", disagreementCSV.render()),
    ])
  }

  /// A verdict, marked wrong when it contradicts the known verdict.
  private static func verdictCell(_ v: VerdictKind, _ expected: VerdictKind?) -> HTMLCell {
    guard let expected else { return HTMLCell(v.rawValue) }
    return v == expected ? HTMLCell(v.rawValue, "correct") : HTMLCell(v.rawValue + " (wrong)", "wrong")
  }
}
