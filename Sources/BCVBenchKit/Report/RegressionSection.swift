/// The comparison with a baseline, failing rows first.
///
/// Rows are sorted by status (fail, warn, missing, new, improved, pass), then job key, then
/// metric. Passing rows are folded into a disclosure so the problems stay in view. With no
/// rows the section says "no baseline compared".
enum RegressionSection {
  static func build(_ rows: [RegressionRow], notes: [String] = []) -> ReportPart {
    let sorted = RegressionRow.sortedForDisplay(rows)
    guard !sorted.isEmpty else {
      return ReportPart(section: ReportSection(id: "regressions", title: "Regressions vs baseline",
                                               body: HTML.paragraph("No baseline compared.", "empty")))
    }
    let counts = RegressionStatus.allCases.sorted { $0.severity < $1.severity }.compactMap { status -> String? in
      let n = sorted.filter { $0.status == status }.count
      return n > 0 ? "\(n) \(status.rawValue)" : nil
    }
    let failing = sorted.filter { $0.status == .fail }.count
    var body = "<p class=\"banner \(failing > 0 ? "bad" : "good")\">"
      + HTML.escape(failing > 0 ? "\(failing) failing regression\(failing == 1 ? "" : "s")" : "No failing regressions")
      + "</p>" + HTML.paragraph(counts.joined(separator: " · "), "note")
      + notes.map { HTML.paragraph($0, "note") }.joined()
    let shown = sorted.filter { $0.status != .pass }
    let passing = sorted.filter { $0.status == .pass }
    if !shown.isEmpty { body += table(shown) }
    if !passing.isEmpty {
      body += HTML.details("\(passing.count) passing row\(passing.count == 1 ? "" : "s")", table(passing))
    }
    return ReportPart(section: ReportSection(id: "regressions", title: "Regressions vs baseline", body: body))
  }

  private static func table(_ rows: [RegressionRow]) -> String {
    HTML.table(["status", "job", "metric", "baseline", "candidate", "change", "detail"], rows.map { r in
      [HTMLCell(r.status.rawValue, "status"), HTMLCell(r.jobKey), HTMLCell(r.metric), .number(r.baseline),
       .number(r.candidate), .number(r.change), HTMLCell(r.detail)]
    }, rowClasses: rows.map { $0.status.rawValue })
  }
}
