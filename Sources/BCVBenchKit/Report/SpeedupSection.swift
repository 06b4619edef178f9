/// Speedup with more workers, per strategy, computed as `SpeedupAnalysis` states: at a
/// matched sample count and cache mode, on cases decided (not time-limited) at every
/// worker count, with the excluded cases counted, the serial fraction it implies and
/// Amdahl's prediction at 4, 8 and 16 workers, and for branch-and-bound the
/// work/critical-path bound of its waves. A strategy that cannot use a second worker is
/// named as such instead of being shown at 1.0×.
///
/// Files: `speedup.svg` and `speedup.csv` (measured strategies, every-decided-case scope;
/// sorted by strategy, then workers), `speedup-summary.csv` (one row per strategy and
/// scope, or one row with the status for an unmeasured strategy) and `speedup-waves.csv`
/// (the wave bound, for strategies whose results record waves).
enum SpeedupSection {
  static func build(_ data: ReportDataset, cores: Int?) -> ReportPart {
    let analysis = SpeedupAnalysis(data)
    let measured = analysis.strategies.filter { $0.status == .measured }
    let workerCounts = Set(measured.flatMap(\.workerCounts)).sorted()
    let base = workerCounts.first ?? 1
    var series = data.strategies.enumerated().compactMap { i, s -> SVGLineSeries? in
      guard let r = measured.first(where: { $0.strategy == s }), let all = r.scope(.all) else { return nil }
      return SVGLineSeries(name: s, points: all.points.compactMap { p in p.speedup.map { SVGPoint(x: Double(p.workers), y: $0) } },
                           color: SVGPalette.color(i))
    }
    series.append(SVGLineSeries(name: base == 1 ? "ideal (y = w)" : "ideal (y = w/\(base))",
                                points: workerCounts.map { SVGPoint(x: Double($0), y: Double($0) / Double(base)) },
                                color: SVGPalette.ideal, dashed: true))
    let logX = (workerCounts.last ?? 1) >= 8 * base
    let chart = SVGLineChart(
      title: "Speedup vs workers",
      subtitle: "decided cases only, matched samples and cache: T(\(base) worker(s)) ÷ T(w)",
      xTitle: "workers", yTitle: "speedup", series: series, xScale: logX ? .logarithmic : .linear, yFormat: .ratio,
      xTickValues: workerCounts.map(Double.init), showValues: true, emptyMessage: "no strategy ran at two worker counts")
    let figure = SVGFigure(title: "Speedup vs workers", panels: [chart])

    var body = HTML.paragraph(
      "Per strategy, worker counts are compared at one sample count and cache mode that ran at each of them. "
        + "A case counts only when no repetition at any compared worker count reached the time limit or failed "
        + "(a time-limited job takes the limit whatever the worker count); excluded cases are counted. "
        + "T(w) = sum over counted cases of the median seconds over repetitions; speedup = T(w₀) ÷ T(w) for the "
        + "smallest worker count w₀; efficiency = speedup ÷ (w ÷ w₀). Rows “≥ 10 ms” keep only cases taking at least "
        + "10 ms at w₀, where spreading work can pay. Cores busy = process CPU seconds ÷ wall seconds: near 1 at two "
        + "workers, the second did little work, or the machine had no second core free. Serial fraction f: Amdahl's law fitted to the largest worker "
        + "count (f = (p/S − 1)/(p − 1) from one worker); predicted speedups at 4, 8 and 16 workers are "
        + "1/(f + (1 − f)/n), f clamped to [0, 1].", "note")
    if workerCounts.count < 2 {
      body += HTML.paragraph("No strategy ran at two worker counts with a matched configuration: there is no speedup to measure.",
                             "empty")
    }
    if let cores {
      body += HTML.paragraph("The machine has \(cores) core\(cores == 1 ? "" : "s"): speedup beyond that is not expected, "
        + "and predictions beyond it are extrapolations.", "note")
    }
    body += HTML.figure(figure, name: "speedup")
    body += HTML.table(
      ["strategy", "cases", "samples", "cache", "excluded (time-limited, failed)", "workers", "T(w₀)", "T(w)", "speedup",
       "efficiency", "cores busy", "serial fraction", "predicted 4 / 8 / 16"],
      analysis.strategies.flatMap(tableRows))
    for r in analysis.strategies where r.status != .measured {
      body += HTML.paragraph("\(r.strategy): \(r.note).", r.status == .singleThreaded ? "note" : "empty")
    }
    let bounds = analysis.strategies.compactMap { r in r.waveBound.map { (r.strategy, $0) } }
    if !bounds.isEmpty {
      body += HTML.paragraph(
        "Work/critical-path bound of breadth-first branch-and-bound: each wave depends on the one before, so an "
          + "obligation of B boxes in W waves needs at least max(B/p, W) box-times on p workers; the speedup is at "
          + "most ΣB ÷ Σ max(B/p, W) over the counted cases, and never more than ΣB ÷ ΣW (boxes of unequal cost and "
          + "chunking lower it further).", "note")
      body += HTML.table(["strategy", "cases", "boxes", "waves", "boxes ÷ waves"]
                           + SpeedupAnalysis.boundWorkers.map { "bound at \($0)" },
                         bounds.map { s, b in
        [HTMLCell(s), .number("\(b.cases)"), .number("\(b.boxes)"), .number("\(b.waves)"),
         .number(ReportFormat.ratio(b.parallelism))] + b.bounds.map { .number(ReportFormat.ratio($0.speedup)) }
      })
    }
    return ReportPart(section: ReportSection(id: "speedup", title: "Speedup vs workers", body: body),
                      files: [("speedup.svg", figure.document()), ("speedup.csv", pointsCSV(analysis)),
                              ("speedup-summary.csv", summaryCSV(analysis)), ("speedup-waves.csv", wavesCSV(analysis))])
  }

  private static func tableRows(_ r: SpeedupAnalysis.StrategyResult) -> [[HTMLCell]] {
    guard r.status == .measured, let c = r.configuration else {
      let shown = r.status == .singleThreaded ? "cannot use a second worker" : r.status.rawValue
      return [[HTMLCell(r.strategy), "–", "–", "–", "–", "–", "–", "–", HTMLCell(shown), "–", "–", "–", "–"]]
    }
    return r.scopes.flatMap { scope -> [[HTMLCell]] in
      let base = scope.points[0]
      let label = "\(scope.cases)" + (scope.scope == .long ? " (≥ 10 ms)" : "")
      let fraction = scope.serialFraction.map { ReportFormat.trimmed($0, 3) } ?? "–"
      let predicted = scope.predictions.isEmpty
        ? "–" : scope.predictions.map { ReportFormat.ratio($0.speedup) }.joined(separator: " / ")
      return scope.points.dropFirst().map { p -> [HTMLCell] in
        let busy: [String] = [base, p].map { q in q.coresBusy.map { ReportFormat.trimmed($0, 2) } ?? "–" }
        let left: [HTMLCell] = [HTMLCell(r.strategy), .number(label), .number("\(c.samples)"), HTMLCell(c.cache),
                                .number("\(r.timeLimited), \(r.failed)"), .number("\(base.workers) → \(p.workers)")]
        let right: [HTMLCell] = [.number(ReportFormat.seconds(base.seconds)), .number(ReportFormat.seconds(p.seconds)),
                                 .number(p.speedup.map(ReportFormat.ratio) ?? "–"),
                                 .number(p.efficiency.map(ReportFormat.percent) ?? "–"),
                                 .number(busy.joined(separator: " → ")), .number(fraction), .number(predicted)]
        return left + right
      }
    }
  }

  private static func pointsCSV(_ a: SpeedupAnalysis) -> String {
    var rows: [[String]] = []
    for r in a.strategies where r.status == .measured {
      guard let all = r.scope(.all), let c = r.configuration else { continue }
      for p in all.points {
        rows.append([r.strategy, "\(p.workers)", "\(c.samples)", c.cache, "\(all.cases)", "\(r.timeLimited)",
                     ReportFormat.machineSeconds(p.seconds), p.speedup.map(ReportFormat.machineFraction) ?? "",
                     ReportFormat.machineFraction(p.ideal), p.efficiency.map(ReportFormat.machineFraction) ?? "",
                     p.coresBusy.map(ReportFormat.machineFraction) ?? ""])
      }
    }
    return CSVTable(header: ["strategy", "workers", "samples", "cache", "cases", "excluded_time_limited",
                             "total_median_seconds", "speedup", "ideal", "efficiency", "cores_busy"], rows: rows).render()
  }

  private static func summaryCSV(_ a: SpeedupAnalysis) -> String {
    var rows: [[String]] = []
    for r in a.strategies {
      let c = r.configuration
      let common = [r.strategy, r.status.rawValue, c.map { "\($0.samples)" } ?? "", c?.cache ?? ""]
      if r.scopes.isEmpty {
        rows.append(common + ["", "", "\(r.timeLimited)", "\(r.failed)", "", "", "", "", "", "", "", "", r.note])
        continue
      }
      for scope in r.scopes {
        let last = scope.points[scope.points.count - 1]
        let predicted = SpeedupAnalysis.predictedWorkers.map { n in
          scope.predictions.first { $0.workers == n }.map { ReportFormat.machineFraction($0.speedup) } ?? ""
        }
        rows.append(common + [scope.scope.rawValue, "\(scope.cases)", "\(r.timeLimited)", "\(r.failed)",
                              "\(scope.points[0].workers)", "\(last.workers)",
                              last.speedup.map(ReportFormat.machineFraction) ?? "",
                              last.efficiency.map(ReportFormat.machineFraction) ?? "",
                              scope.serialFraction.map(ReportFormat.machineFraction) ?? ""] + predicted + [r.note])
      }
    }
    return CSVTable(header: ["strategy", "status", "samples", "cache", "scope", "cases", "excluded_time_limited",
                             "excluded_failed", "base_workers", "workers", "speedup", "efficiency", "serial_fraction",
                             "predicted_4", "predicted_8", "predicted_16", "note"], rows: rows).render()
  }

  private static func wavesCSV(_ a: SpeedupAnalysis) -> String {
    let rows = a.strategies.compactMap { r -> [String]? in
      guard let b = r.waveBound else { return nil }
      return [r.strategy, "\(b.cases)", "\(b.boxes)", "\(b.waves)", ReportFormat.machineFraction(b.parallelism)]
        + b.bounds.map { ReportFormat.machineFraction($0.speedup) }
    }
    return CSVTable(header: ["strategy", "cases", "boxes", "waves", "boxes_per_wave"]
                      + SpeedupAnalysis.boundWorkers.map { "bound_\($0)" }, rows: rows).render()
  }
}
