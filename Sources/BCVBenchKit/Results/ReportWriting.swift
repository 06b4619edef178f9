import BCVPlatform

/// Writes a run's report artefacts beside its results: the comparison rows (if the run was
/// gated) become the regression table; the history's last runs become trend points, with
/// change points found on each run's total time (the start of a lasting shift, not a
/// single outlier).
enum ReportWriting {
  static func write(results: RunResults, comparison: Comparison?, history: [HistoryEntry], to directory: String) throws {
    var input = ReportInput(results: results, regressions: regressions(comparison), history: points(history),
                            title: "bcv-bench report: \(results.metadata.objectValue?["suite"]?.stringValue ?? "run")")
    input.regressionNotes = comparison?.notes ?? []
    try ReportBuilder.write(input, to: directory)
    if let comparison {
      try AtomicFile.write(JSONWriter.write(comparison.json()), to: directory + "/comparison.json")
    }
  }

  static func regressions(_ comparison: Comparison?) -> [RegressionRow] {
    guard let comparison else { return [] }
    if let refusal = comparison.refusal {
      return [RegressionRow(jobKey: "baseline", metric: "comparison", baseline: "", candidate: "", change: "",
                            status: .fail, detail: "refused: \(refusal)")]
    }
    return comparison.orderedRows.map { r in
      RegressionRow(jobKey: r.key, metric: r.metric, baseline: r.baseline, candidate: r.candidate, change: r.change,
                    status: RegressionStatus(rawValue: r.status.rawValue) ?? .warn, detail: r.detail)
    }
  }

  static func points(_ history: [HistoryEntry]) -> [HistoryPoint] {
    let totals = history.map { $0.strategySeconds.values.reduce(0, +) }
    let changes = Set(ChangePoints.detect(totals))
    return history.enumerated().map { i, e in
      HistoryPoint(label: "#\(i + 1) \(e.commit.prefix(7))", commit: e.commit, secondsByStrategy: e.strategySeconds,
                   accuracyByStrategy: e.strategyAccuracy, cacheHitRate: e.cacheHitRate, changePoint: changes.contains(i))
    }
  }
}
