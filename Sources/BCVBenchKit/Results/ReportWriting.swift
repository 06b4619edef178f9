/// Writes a run's report artefacts beside its results.
enum ReportWriting {
  static func write(results: RunResults, comparison: Comparison?, history: [HistoryEntry], to directory: String) throws {
  }
}
