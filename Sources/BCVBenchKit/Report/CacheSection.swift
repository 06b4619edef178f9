/// Cache effectiveness per strategy and cache mode.
///
/// Samples and workers are held at the reference configuration. Hit rate = hits ÷ (hits +
/// misses) over the mode's jobs; time is the median over cases of the cells' median
/// seconds; saved = time with cache off − time in the mode. When every job's counters are
/// zero the section says "no cache data" and shows no chart (the files are still written,
/// the chart saying "no cache data"). Files: `cache.svg` (two panels) and `cache.csv`
/// (sorted by strategy, then mode).
enum CacheSection {
  struct Row {
    var strategy: String
    var mode: String
    var jobs: Int
    var hits: Int
    var misses: Int
    var medianSeconds: Double?
    var savedSeconds: Double?
    var hitRate: Double? { hits + misses > 0 ? Double(hits) / Double(hits + misses) : nil }
  }

  static func rows(_ data: ReportDataset) -> [Row] {
    data.strategies.flatMap { s in
      let reference = data.reference(s)
      func configuration(_ mode: String) -> ReportDataset.Configuration {
        ReportDataset.Configuration(samples: reference.samples, workers: reference.workers, cache: mode)
      }
      let off = ReportFormat.median(data.caseTimes(s, configuration("off")).map(\.seconds))
      return data.cacheModes(of: s).map { mode in
        let c = configuration(mode)
        let jobs = data.cases.flatMap { data.cell($0, s, c) }
        let median = ReportFormat.median(data.caseTimes(s, c).map(\.seconds))
        return Row(strategy: s, mode: mode, jobs: jobs.count, hits: jobs.reduce(0) { $0 + $1.cacheHits },
                   misses: jobs.reduce(0) { $0 + $1.cacheMisses }, medianSeconds: median,
                   savedSeconds: off.flatMap { o in median.map { o - $0 } })
      }
    }
  }

  static func build(_ data: ReportDataset) -> ReportPart {
    let rows = rows(data)
    let hasData = data.records.contains { $0.cacheHits + $0.cacheMisses > 0 }
    let modes = Set(rows.map(\.mode)).sorted(by: ReportFormat.byteOrder)
    func series(_ value: (Row) -> Double?) -> [SVGBarSeries] {
      data.strategies.enumerated().map { i, s in
        SVGBarSeries(name: s, values: modes.map { m in rows.first { $0.strategy == s && $0.mode == m }.flatMap(value) ?? .nan },
                     color: SVGPalette.color(i))
      }
    }
    let hitChart = SVGBarChart(
      title: "Cache hit rate", subtitle: "hits ÷ lookups", xTitle: "cache mode", yTitle: "hit rate", categories: modes,
      series: series { hasData ? $0.hitRate : nil }, format: .percent, yMax: 1, emptyMessage: "no cache data", width: 560)
    let timeChart = SVGBarChart(
      title: "Median time per case", subtitle: "by cache mode", xTitle: "cache mode", yTitle: "seconds",
      categories: modes, series: series { hasData ? $0.medianSeconds : nil }, format: .seconds,
      emptyMessage: "no cache data", width: 560)
    let figure = SVGFigure(title: "Cache", panels: [hitChart, timeChart])

    var body: String
    if hasData {
      body = HTML.paragraph("Samples and workers at each strategy's reference configuration. Saved = median time per "
        + "case with cache off − median time per case in the mode.", "note")
    } else {
      body = HTML.paragraph("No cache data: every job's cache hit and miss counters are 0 (cache modes run: "
        + (modes.isEmpty ? "none" : modes.joined(separator: ", ")) + ").", "empty")
    }
    if hasData {
      body += HTML.figure(figure, name: "cache")
      body += HTML.table(["strategy", "cache", "jobs", "hits", "misses", "hit rate", "median time", "saved vs off"],
                         rows.map { r in
        [HTMLCell(r.strategy), HTMLCell(r.mode), .number("\(r.jobs)"), .number("\(r.hits)"), .number("\(r.misses)"),
         .number(r.hitRate.map(ReportFormat.percent) ?? "–"), .number(r.medianSeconds.map(ReportFormat.seconds) ?? "–"),
         .number(r.savedSeconds.map(ReportFormat.seconds) ?? "–")]
      })
    }
    let csv = CSVTable(header: ["strategy", "cache", "jobs", "hits", "misses", "hit_rate", "median_seconds",
                                "saved_seconds_vs_off"], rows: rows.map { r in
      [r.strategy, r.mode, "\(r.jobs)", "\(r.hits)", "\(r.misses)", r.hitRate.map(ReportFormat.machineFraction) ?? "",
       r.medianSeconds.map(ReportFormat.machineSeconds) ?? "", r.savedSeconds.map(ReportFormat.machineSeconds) ?? ""]
    })
    return ReportPart(section: ReportSection(id: "cache", title: "Cache", body: body),
                      files: [("cache.svg", figure.document()), ("cache.csv", csv.render())])
  }
}
