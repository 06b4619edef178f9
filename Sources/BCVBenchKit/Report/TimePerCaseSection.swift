/// The distribution of time per case for each strategy, at its reference configuration.
///
/// One observation per case: the cell's median seconds over repetitions. Files:
/// `time-per-case.svg` and `time-per-case.csv` (sorted by strategy, then case).
enum TimePerCaseSection {
  static func build(_ data: ReportDataset) -> ReportPart {
    let times = data.strategies.map { data.caseTimes($0, data.reference($0)) }
    let all = times.flatMap { $0.map(\.seconds) }.filter { $0 > 0 }
    let logY = (all.max() ?? 1) > 50 * (all.min() ?? 1)
    let chart = SVGDistributionChart(
      title: "Time per case", subtitle: "median seconds over repetitions, reference configuration",
      xTitle: "strategy", yTitle: "seconds per case",
      groups: data.strategies.enumerated().map { i, s in
        SVGDistributionGroup(name: s, values: times[i].map { ($0.caseID, $0.seconds) }, color: SVGPalette.color(i))
      },
      scale: logY ? .logarithmic : .linear, format: .seconds, emptyMessage: "no results")
    let figure = SVGFigure(title: "Time per case", panels: [chart])

    var body = HTML.paragraph("One dot per case: the median seconds over repetitions at the strategy's reference "
      + "configuration (shown below).", "note")
    body += HTML.figure(figure, name: "time-per-case")
    body += HTML.table(["strategy", "configuration", "cases", "median", "90th percentile", "max", "slowest case"],
                       data.strategies.enumerated().map { i, s in
      let values = times[i].map(\.seconds)
      let slowest = times[i].max { $0.seconds < $1.seconds }
      func show(_ v: Double?) -> HTMLCell { .number(v.map(ReportFormat.seconds) ?? "–") }
      return [HTMLCell(s), HTMLCell(data.reference(s).description), .number("\(values.count)"),
              show(ReportFormat.median(values)), show(ReportFormat.quantile(values, 0.9)), show(values.max()),
              HTMLCell(slowest?.caseID ?? "–")]
    })
    var csv = CSVTable(header: ["strategy", "case", "samples", "workers", "cache", "repetitions", "median_seconds",
                                "min_seconds", "max_seconds"])
    for (i, s) in data.strategies.enumerated() {
      let c = data.reference(s)
      for t in times[i] {
        let reps = data.cell(t.caseID, s, c).map(\.seconds)
        csv.append([s, t.caseID, "\(c.samples)", "\(c.workers)", c.cache, "\(reps.count)",
                    ReportFormat.machineSeconds(t.seconds), ReportFormat.machineSeconds(reps.min() ?? 0),
                    ReportFormat.machineSeconds(reps.max() ?? 0)])
      }
    }
    return ReportPart(section: ReportSection(id: "time-per-case", title: "Time per case", body: body),
                      files: [("time-per-case.svg", figure.document()), ("time-per-case.csv", csv.render())])
  }
}
