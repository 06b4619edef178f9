/// Speedup with more workers, per strategy, against the ideal linear speedup.
///
/// For strategy s at w workers, T(w) is the sum over cases of the cell's median seconds,
/// with samples and cache at the reference configuration, over the cases that have a cell
/// at every worker count of s. With w₀ the smallest worker count: speedup(w) = T(w₀)/T(w),
/// ideal(w) = w/w₀ (y = w when w₀ = 1), efficiency = speedup/ideal. Files: `speedup.svg`,
/// `speedup.csv` (sorted by strategy, then workers).
enum SpeedupSection {
  struct Point {
    var strategy: String
    var workers: Int
    var cases: Int
    var seconds: Double
    var speedup: Double?
    var ideal: Double
    var efficiency: Double? { speedup.map { $0 / ideal } }
  }

  static func points(_ data: ReportDataset) -> [Point] {
    data.strategies.flatMap { s -> [Point] in
      let reference = data.reference(s)
      let counts = data.workers(of: s)
      guard let base = counts.first else { return [] }
      func at(_ w: Int) -> ReportDataset.Configuration {
        ReportDataset.Configuration(samples: reference.samples, workers: w, cache: reference.cache)
      }
      let cases = data.cases.filter { c in counts.allSatisfy { data.medianSeconds(c, s, at($0)) != nil } }
      func total(_ w: Int) -> Double { cases.reduce(0) { $0 + data.medianSeconds($1, s, at(w))! } }
      let t0 = total(base)
      return counts.map { w in
        let t = total(w)
        return Point(strategy: s, workers: w, cases: cases.count, seconds: t, speedup: t > 0 ? t0 / t : nil,
                     ideal: Double(w) / Double(base))
      }
    }
  }

  static func build(_ data: ReportDataset, cores: Int?) -> ReportPart {
    let points = points(data)
    let workerCounts = Set(points.map(\.workers)).sorted()
    let base = workerCounts.first ?? 1
    var series = data.strategies.enumerated().map { i, s in
      SVGLineSeries(name: s, points: points.filter { $0.strategy == s }.compactMap { p in
        p.speedup.map { SVGPoint(x: Double(p.workers), y: $0) }
      }, color: SVGPalette.color(i))
    }
    series.append(SVGLineSeries(name: base == 1 ? "ideal (y = w)" : "ideal (y = w/\(base))",
                                points: workerCounts.map { SVGPoint(x: Double($0), y: Double($0) / Double(base)) },
                                color: SVGPalette.ideal, dashed: true))
    let logX = (workerCounts.last ?? 1) >= 8 * base
    let chart = SVGLineChart(
      title: "Speedup vs workers", subtitle: "sum of per-case median seconds at \(base) worker(s) ÷ at w workers",
      xTitle: "workers", yTitle: "speedup", series: series, xScale: logX ? .logarithmic : .linear, yFormat: .ratio,
      xTickValues: workerCounts.map(Double.init), showValues: true, emptyMessage: "no results")
    let figure = SVGFigure(title: "Speedup vs workers", panels: [chart])

    var body = HTML.paragraph("T(w) = sum over cases of the median seconds over repetitions, with samples and cache "
      + "at the strategy's reference configuration (largest sample count, cache off). Speedup = T(\(base)) ÷ T(w); the dashed line is ideal linear speedup; "
      + "efficiency = speedup ÷ ideal.", "note")
    if workerCounts.count < 2 {
      body += HTML.paragraph("Only one worker count ran: there is no speedup to measure.", "empty")
    }
    if let cores {
      body += HTML.paragraph("The machine has \(cores) core\(cores == 1 ? "" : "s"): speedup beyond that is not expected.", "note")
    }
    body += HTML.figure(figure, name: "speedup")
    body += HTML.table(["strategy", "workers", "cases", "T(w)", "speedup", "ideal", "efficiency"], points.map { p in
      [HTMLCell(p.strategy), .number("\(p.workers)"), .number("\(p.cases)"), .number(ReportFormat.seconds(p.seconds)),
       .number(p.speedup.map(ReportFormat.ratio) ?? "–"), .number(ReportFormat.ratio(p.ideal)),
       .number(p.efficiency.map(ReportFormat.percent) ?? "–")]
    })
    let csv = CSVTable(header: ["strategy", "workers", "cases", "total_median_seconds", "speedup", "ideal", "efficiency"],
                       rows: points.map { p in
      [p.strategy, "\(p.workers)", "\(p.cases)", ReportFormat.machineSeconds(p.seconds),
       p.speedup.map(ReportFormat.machineFraction) ?? "", ReportFormat.machineFraction(p.ideal),
       p.efficiency.map(ReportFormat.machineFraction) ?? ""]
    })
    return ReportPart(section: ReportSection(id: "speedup", title: "Speedup vs workers", body: body),
                      files: [("speedup.svg", figure.document()), ("speedup.csv", csv.render())])
  }
}
