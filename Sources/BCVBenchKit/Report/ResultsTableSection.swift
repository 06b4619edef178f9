/// The full results table: one row per case × strategy, summarised over the matrix and
/// repetitions, sorted by case then strategy. Rows with a wrong answer are highlighted,
/// unsound ones most strongly.
enum ResultsTableSection {
  static func build(_ data: ReportDataset, _ summaries: [CaseStrategySummary]) -> ReportPart {
    var body = HTML.paragraph("Verdicts and outcomes count every job of the pair (all matrix points and repetitions); "
      + "time is the median over repetitions at the strategy's reference configuration.", "note")
    guard !summaries.isEmpty else {
      body += HTML.paragraph("No results.", "empty")
      return ReportPart(section: ReportSection(id: "results", title: "All results", body: body))
    }
    body += HTML.table(["case", "expected", "strategy", "verdicts", "outcomes", "time", "reason"], summaries.map { s in
      let time = data.medianSeconds(s.caseID, s.strategy, data.reference(s.strategy))
      var reason = s.reasonSummary() ?? ""
      if s.counts.wrong > 0 {
        let samples = Set(s.jobs.filter { $0.outcome == .wrong }.map(\.samples)).sorted().map(String.init)
        let what = s.counts[.unsound] > 0 ? "UNSOUND: wrong answer claimed as proof" : "Wrong answer"
        reason = "\(what) in \(s.counts.wrong) of \(s.jobs.count) jobs (samples \(samples.joined(separator: ", "))). "
          + reason
      }
      return [HTMLCell(s.caseID), HTMLCell(s.expected?.rawValue ?? "–"), HTMLCell(s.strategy), HTMLCell(s.verdictText),
              HTMLCell(s.outcomeText, s.worst.rawValue), .number(time.map(ReportFormat.seconds) ?? "–"), HTMLCell(reason)]
    }, rowClasses: summaries.map { s in s.worst == .unsound || s.worst == .wrong ? s.worst.rawValue : nil }, cssClass: "results")
    return ReportPart(section: ReportSection(id: "results", title: "All results", body: body))
  }
}
