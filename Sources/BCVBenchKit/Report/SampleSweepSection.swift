/// Time and detection rate as the sample count grows, for strategies that use samples.
///
/// For each sample count n, workers and cache are held at the reference configuration.
/// Time is the median over cases of the cells' median seconds. Detection rate is the
/// fraction of cases known to be invalid whose cell verdict is invalid. Files:
/// `sample-sweep.svg` (two panels) and `sample-sweep.csv` (sorted by strategy, then samples).
enum SampleSweepSection {
  struct Point {
    var strategy: String
    var samples: Int
    var cases: Int
    var medianSeconds: Double?
    var totalSeconds: Double
    var invalidCases: Int
    var detected: Int
    var detectionRate: Double? { invalidCases > 0 ? Double(detected) / Double(invalidCases) : nil }
  }

  static func points(_ data: ReportDataset) -> [Point] {
    data.strategies.filter(data.usesSamples).flatMap { s in
      let reference = data.reference(s)
      return data.samples(of: s).map { n in
        let c = ReportDataset.Configuration(samples: n, workers: reference.workers, cache: reference.cache)
        let times = data.caseTimes(s, c).map(\.seconds)
        let invalid = data.cases.filter { data.expected[$0] == .invalid && !data.cell($0, s, c).isEmpty }
        return Point(strategy: s, samples: n, cases: times.count, medianSeconds: ReportFormat.median(times),
                     totalSeconds: times.reduce(0, +), invalidCases: invalid.count,
                     detected: invalid.filter { data.verdict($0, s, c) == .invalid }.count)
      }
    }
  }

  static func build(_ data: ReportDataset) -> ReportPart {
    let points = points(data)
    let strategies = data.strategies.filter(data.usesSamples)
    let counts = Set(points.map(\.samples)).sorted()
    let logX = (counts.last ?? 1) >= 10 * (counts.first ?? 1)
    func series(_ value: (Point) -> Double?) -> [SVGLineSeries] {
      strategies.enumerated().map { i, s in
        SVGLineSeries(name: s, points: points.filter { $0.strategy == s }.compactMap { p in
          value(p).map { SVGPoint(x: Double(p.samples), y: $0) }
        }, color: SVGPalette.color(data.strategies.firstIndex(of: s) ?? i))
      }
    }
    let empty = "no strategy uses samples"
    let time = SVGLineChart(
      title: "Median time per case", subtitle: "median over cases of per-case median seconds", xTitle: "samples",
      yTitle: "seconds", series: series(\.medianSeconds), xScale: logX ? .logarithmic : .linear, yFormat: .seconds,
      xTickValues: counts.map(Double.init), showValues: true, emptyMessage: empty, width: 560)
    let detection = SVGLineChart(
      title: "Detection rate", subtitle: "invalid cases answered invalid", xTitle: "samples", yTitle: "detected",
      series: series(\.detectionRate), xScale: logX ? .logarithmic : .linear, yFormat: .percent,
      xTickValues: counts.map(Double.init), yRange: 0...1, showValues: true, emptyMessage: empty, width: 560)
    let figure = SVGFigure(title: "Sample-count sweep", panels: [time, detection])

    var body = HTML.paragraph("Workers and cache are held at each strategy's reference configuration (fewest workers, "
      + "cache off). Detection rate = invalid cases whose most frequent verdict is invalid ÷ invalid cases.", "note")
    if strategies.isEmpty { body += HTML.paragraph("No strategy in this run uses samples.", "empty") }
    body += HTML.figure(figure, name: "sample-sweep")
    if !points.isEmpty {
      body += HTML.table(["strategy", "samples", "cases", "median time", "total time", "detected", "detection rate"],
                         points.map { p in
        [HTMLCell(p.strategy), .number("\(p.samples)"), .number("\(p.cases)"),
         .number(p.medianSeconds.map(ReportFormat.seconds) ?? "–"), .number(ReportFormat.seconds(p.totalSeconds)),
         .number("\(p.detected)/\(p.invalidCases)"), .number(p.detectionRate.map(ReportFormat.percent) ?? "–")]
      })
    }
    let csv = CSVTable(header: ["strategy", "samples", "cases", "median_seconds", "total_seconds", "invalid_cases",
                                "detected", "detection_rate"], rows: points.map { p in
      [p.strategy, "\(p.samples)", "\(p.cases)", p.medianSeconds.map(ReportFormat.machineSeconds) ?? "",
       ReportFormat.machineSeconds(p.totalSeconds), "\(p.invalidCases)", "\(p.detected)",
       p.detectionRate.map(ReportFormat.machineFraction) ?? ""]
    })
    return ReportPart(section: ReportSection(id: "sample-sweep", title: "Sample-count sweep", body: body),
                      files: [("sample-sweep.svg", figure.document()), ("sample-sweep.csv", csv.render())])
  }
}
