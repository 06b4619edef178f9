/// Accuracy per strategy (stacked answer classes) and per case tag.
///
/// Counts are over every job: all matrix points and repetitions. Accuracy is correct
/// answers as a fraction of scored ones (correct, wrong, unknown). Files: `accuracy.svg`,
/// `accuracy.csv` (one row per strategy) and `accuracy-by-tag.csv` (one row per tag ×
/// strategy, sorted by tag then strategy).
enum AccuracySection {
  static func build(_ data: ReportDataset) -> ReportPart {
    let counts = data.strategies.map { AnswerCounts(data.records(of: $0)) }
    let figure = SVGFigure(title: "Accuracy per strategy", panels: [chart(data, counts)])

    var body = HTML.paragraph("Every job counts once (all matrix points and repetitions). Accuracy = correct ÷ scored, "
      + "where scored = correct + wrong + unknown. Unsound = wrong while claiming a proof.", "note")
    body += HTML.figure(figure, name: "accuracy")
    body += HTML.table(
      ["strategy", "jobs", "correct", "wrong", "unsound", "unknown", "unscored", "error", "accuracy"],
      zip(data.strategies, counts).map { s, c in
        [HTMLCell(s), .number("\(c.jobs)"), .number("\(c[.correct])"), .number("\(c.wrong)", c.wrong > 0 ? "wrong" : nil),
         .number("\(c[.unsound])", c[.unsound] > 0 ? "unsound" : nil), .number("\(c[.unknown])"),
         .number("\(c[.unscored])"), .number("\(c[.error])"), .number(c.accuracy.map(ReportFormat.percent) ?? "–")]
      },
      rowClasses: counts.map { $0.wrong > 0 ? "wrong" : nil })
    let (tagHTML, tagCSV) = byTag(data)
    body += "<h3>Accuracy per tag</h3>" + tagHTML

    return ReportPart(section: ReportSection(id: "accuracy", title: "Accuracy", body: body), files: [
      ("accuracy.svg", figure.document()),
      ("accuracy.csv", csv(data.strategies, counts)),
      ("accuracy-by-tag.csv", tagCSV),
    ])
  }

  private static func chart(_ data: ReportDataset, _ counts: [AnswerCounts]) -> SVGBarChart {
    SVGBarChart(
      title: "Answers per strategy", subtitle: "all jobs; stacked by outcome", xTitle: "strategy", yTitle: "jobs",
      categories: data.strategies,
      series: AnswerClass.allCases.map { c in SVGBarSeries(name: c.label, values: counts.map { Double($0[c]) }, color: c.color) },
      stacked: true, emptyMessage: "no results")
  }

  private static func csv(_ strategies: [String], _ counts: [AnswerCounts]) -> String {
    CSVTable(
      header: ["strategy", "jobs", "correct", "wrong", "unsound", "unknown", "unscored", "error", "scored", "accuracy"],
      rows: zip(strategies, counts).map { s, c in
        [s, "\(c.jobs)", "\(c[.correct])", "\(c.wrong)", "\(c[.unsound])", "\(c[.unknown])", "\(c[.unscored])",
         "\(c[.error])", "\(c.scored)", c.accuracy.map(ReportFormat.machineFraction) ?? ""]
      }).render()
  }

  /// The per-tag table (tags down, strategies across) and its CSV.
  private static func byTag(_ data: ReportDataset) -> (html: String, csv: String) {
    var table = CSVTable(header: ["tag", "strategy", "jobs", "correct", "wrong", "unsound", "unknown", "scored", "accuracy"])
    let tags = data.tags
    guard !tags.isEmpty else { return (HTML.paragraph("No case has tags.", "empty"), table.render()) }
    var rows: [[HTMLCell]] = []
    for tag in tags {
      var row = [HTMLCell(tag)]
      for s in data.strategies {
        let c = AnswerCounts(data.records(of: s).filter { $0.tags.contains(tag) })
        table.append([tag, s, "\(c.jobs)", "\(c[.correct])", "\(c.wrong)", "\(c[.unsound])", "\(c[.unknown])",
                      "\(c.scored)", c.accuracy.map(ReportFormat.machineFraction) ?? ""])
        guard c.jobs > 0 else { row.append(.number("–")); continue }
        var text = c.accuracy.map { "\(ReportFormat.percent($0)) (\(c[.correct])/\(c.scored))" } ?? "unscored"
        if c.wrong > 0 { text += " · \(c.wrong) wrong" }
        row.append(.number(text, c[.unsound] > 0 ? "unsound" : c.wrong > 0 ? "wrong" : nil))
      }
      rows.append(row)
    }
    return (HTML.table(["tag"] + data.strategies, rows), table.render())
  }
}
