import BCVPlatform

/// Builds a run's report from its results, baseline comparison and history.
///
/// Files (all in one folder):
/// - `index.html`: one self-contained page (inline CSS and SVG; no scripts, fonts, images
///   or network) with provenance, accuracy, agreement, speedup, sample sweep, cache, time
///   per case, regressions, history and the full results table.
/// - `<chart>.svg` and `<chart>.csv` for every chart in `chartNames`, plus
///   `accuracy-by-tag.csv` and `disagreements.csv`.
/// - `summary.md` for CI step summaries, and `junit.xml` for test-report viewers.
///
/// Output is a function of the input alone: no clocks, no environment, rows in stated
/// orders, so the same input always gives the same bytes.
public enum ReportBuilder {
  /// The charts written as `<name>.svg` with their data as `<name>.csv`.
  public static let chartNames = ["accuracy", "agreement", "speedup", "sample-sweep", "cache", "time-per-case", "history"]

  /// Every report file's content by file name.
  public static func render(_ input: ReportInput) -> [String: String] {
    let data = ReportDataset(input.results.records)
    let summaries = CaseStrategySummary.all(data)
    let cores = ProvenanceSection.cores(input.results.metadata)
    let parts = [
      ProvenanceSection.build(input.results, data),
      AccuracySection.build(data),
      AgreementSection.build(data),
      SpeedupSection.build(data, cores: cores),
      SampleSweepSection.build(data),
      CacheSection.build(data),
      TimePerCaseSection.build(data),
      RegressionSection.build(input.regressions, notes: input.regressionNotes),
      HistorySection.build(input.history),
      ResultsTableSection.build(data, summaries),
    ]
    var files: [String: String] = [:]
    for part in parts {
      for file in part.files { files[file.name] = file.content }
    }
    files["index.html"] = HTML.page(title: input.title, headline: headline(input, data),
                                    sections: parts.map(\.section))
    files["summary.md"] = MarkdownSummary.render(input, data, summaries)
    files["junit.xml"] = JUnitReport.render(summaries, regressions: input.regressions)
    return files
  }

  /// Writes every file of `render(input)` into `directory` (created if missing), each
  /// atomically, in file-name order. Files already there with other names are left alone.
  public static func write(_ input: ReportInput, to directory: String) throws {
    let files = render(input)
    for name in files.keys.sorted(by: ReportFormat.byteOrder) {
      try AtomicFile.write(files[name]!, to: directory + "/" + name)
    }
  }

  /// The figures under the page title: headline counts, and a banner when any answer was
  /// unsound or wrong or a regression failed.
  private static func headline(_ input: ReportInput, _ data: ReportDataset) -> String {
    let counts = AnswerCounts(data.records)
    let failing = input.regressions.filter { $0.status == .fail }.count
    var out = ""
    if counts[.unsound] > 0 {
      out += "<p class=\"banner bad\">\(counts[.unsound]) UNSOUND answer\(counts[.unsound] == 1 ? "" : "s"): "
        + "wrong while claiming a proof. See the highlighted rows in All results.</p>"
    } else if counts.wrong > 0 {
      out += "<p class=\"banner warn\">\(counts.wrong) wrong answer\(counts.wrong == 1 ? "" : "s") (none claimed a proof).</p>"
    }
    if failing > 0 {
      out += "<p class=\"banner bad\">\(failing) failing regression\(failing == 1 ? "" : "s") vs the baseline.</p>"
    }
    let cards: [(String, String, Bool)] = [
      ("cases", "\(data.cases.count)", false),
      ("strategies", "\(data.strategies.count)", false),
      ("jobs", "\(counts.jobs)", false),
      ("accuracy", counts.accuracy.map(ReportFormat.percent) ?? "–", false),
      ("wrong", "\(counts.wrong)", counts.wrong > 0),
      ("unsound", "\(counts[.unsound])", counts[.unsound] > 0),
      ("failing regressions", input.regressions.isEmpty ? "–" : "\(failing)", failing > 0),
    ]
    out += "<div class=\"cards\">" + cards.map { label, value, bad in
      "<div class=\"card\(bad ? " bad" : "")\"><b>\(HTML.escape(value))</b>\(HTML.escape(label))</div>"
    }.joined() + "</div>"
    return out
  }
}
