/// Trends over the last runs: total seconds and accuracy per strategy, cache hit rate, and
/// the change points found by the history analysis.
///
/// Shows the last `limit` points in the order given (oldest first). Files: `history.svg`
/// (two panels) and `history.csv` (one row per run × strategy, runs in order, strategies
/// sorted). With no points the section says "no history yet" and shows no chart (the
/// files are still written, the chart saying "no history yet").
enum HistorySection {
  static let limit = 30

  static func build(_ history: [HistoryPoint]) -> ReportPart {
    let points = Array(history.suffix(limit))
    let strategies = Set(points.flatMap { Array($0.secondsByStrategy.keys) + Array($0.accuracyByStrategy.keys) })
      .sorted(by: ReportFormat.byteOrder)
    let labels = points.map(\.label)
    let markers = points.indices.filter { points[$0].changePoint }.map(Double.init)
    func series(_ value: (HistoryPoint, String) -> Double?) -> [SVGLineSeries] {
      strategies.enumerated().map { i, s in
        SVGLineSeries(name: s, points: points.indices.compactMap { k in
          value(points[k], s).map { SVGPoint(x: Double(k), y: $0) }
        }, color: SVGPalette.color(i))
      }
    }
    let empty = "no history yet"
    let time = SVGLineChart(
      title: "Total seconds per strategy", subtitle: "oldest run first; dashed red lines: change points", xTitle: "run", yTitle: "seconds", series: series { $0.secondsByStrategy[$1] },
      yFormat: .seconds, xCategories: labels, markers: markers, emptyMessage: empty, width: 560)
    var rates = series { $0.accuracyByStrategy[$1] }
    rates.append(SVGLineSeries(name: "cache hit rate", points: points.indices.compactMap { k in
      points[k].cacheHitRate.map { SVGPoint(x: Double(k), y: $0) }
    }, color: SVGPalette.ideal, dashed: true))
    let accuracy = SVGLineChart(
      title: "Accuracy and cache hit rate", subtitle: "accuracy = correct ÷ scored", xTitle: "run", yTitle: "fraction", series: rates, yFormat: .percent,
      xCategories: labels, yRange: 0...1, markers: markers, emptyMessage: empty, width: 560)
    let figure = SVGFigure(title: "History", panels: [time, accuracy])

    var csv = CSVTable(header: ["run", "commit", "strategy", "seconds", "accuracy", "cache_hit_rate", "change_point"])
    for p in points {
      for s in strategies.isEmpty ? [""] : strategies {
        csv.append([p.label, p.commit, s, p.secondsByStrategy[s].map(ReportFormat.machineSeconds) ?? "",
                    p.accuracyByStrategy[s].map(ReportFormat.machineFraction) ?? "",
                    p.cacheHitRate.map(ReportFormat.machineFraction) ?? "", p.changePoint ? "true" : "false"])
      }
    }

    var body: String
    if points.isEmpty {
      body = HTML.paragraph("No history yet.", "empty")
    } else {
      body = HTML.paragraph("The last \(points.count) run\(points.count == 1 ? "" : "s"), oldest first"
        + (history.count > limit ? " (of \(history.count))" : "") + ". Dashed red lines mark change points.", "note")
      body += HTML.figure(figure, name: "history")
      let changes = points.filter(\.changePoint)
      body += "<h3>Change points</h3>"
      body += changes.isEmpty
        ? HTML.paragraph("None found.", "empty")
        : HTML.table(["run", "commit"], changes.map { [HTMLCell($0.label), HTMLCell($0.commit)] })
    }
    return ReportPart(section: ReportSection(id: "history", title: "History", body: body),
                      files: [("history.svg", figure.document()), ("history.csv", csv.render())])
  }
}
