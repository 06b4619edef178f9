/// `summary.md`: a short Markdown summary for CI step summaries and pull-request comments.
///
/// Guarantees: no links and no HTML; text from the results is escaped so it cannot form
/// Markdown syntax; unsound answers come first, under a loud heading, when there are any;
/// regressions are listed failing first (passing rows only counted); long lists are cut
/// at `listLimit` rows with the number left out stated.
enum MarkdownSummary {
  static let listLimit = 50

  static func render(_ input: ReportInput, _ data: ReportDataset, _ summaries: [CaseStrategySummary]) -> String {
    var out = "# \(escape(input.title))\n\n"
    let meta = input.results.metadata.objectValue
    var facts: [String] = []
    if let commit = meta?["commit"]?.stringValue { facts.append("commit \(escape(String(commit.prefix(12))))") }
    if let suite = meta?["suite"]?.stringValue { facts.append("suite \(escape(suite))") }
    facts.append("\(data.records.count) jobs, \(data.cases.count) cases, \(data.strategies.count) strategies")
    out += facts.joined(separator: " · ") + "\n\n"

    let unsound = data.records.filter(\.isUnsound)
    if !unsound.isEmpty {
      out += "## ⛔ UNSOUND ANSWERS: \(unsound.count)\n\n"
      out += "**\(unsound.count) answer\(unsound.count == 1 ? "" : "s") claimed a proof and \(unsound.count == 1 ? "was" : "were") "
        + "wrong. These are soundness bugs.**\n\n"
      out += table(["case", "strategy", "unsound jobs", "answered", "expected"],
                   summaries.filter { $0.counts[.unsound] > 0 }.map { s in
        let answered = Set(s.jobs.filter(\.isUnsound).map(\.verdict.rawValue)).sorted().joined(separator: ", ")
        return [s.caseID, s.strategy, "\(s.counts[.unsound]) of \(s.jobs.count)", answered, s.expected?.rawValue ?? "–"]
      })
    }

    out += "## Results per strategy\n\n"
    out += table(["strategy", "jobs", "correct", "wrong", "unsound", "unknown", "unscored", "error", "accuracy",
                  "median time per case"], data.strategies.map { s in
      let c = AnswerCounts(data.records(of: s))
      let median = ReportFormat.median(data.caseTimes(s, data.reference(s)).map(\.seconds))
      return [s, "\(c.jobs)", "\(c[.correct])", "\(c.wrong)", "\(c[.unsound])", "\(c[.unknown])", "\(c[.unscored])",
              "\(c[.error])", c.accuracy.map(ReportFormat.percent) ?? "–", median.map(ReportFormat.seconds) ?? "–"]
    })

    let wrong = summaries.filter { $0.counts.wrong > 0 }
    if !wrong.isEmpty {
      out += "### Wrong answers (\(wrong.count) case × strategy pair\(wrong.count == 1 ? "" : "s"))\n\n"
      out += table(["case", "strategy", "expected", "verdicts"], wrong.map { s in
        [s.caseID, s.strategy, s.expected?.rawValue ?? "–", s.verdictText]
      })
    }

    out += "## Regressions vs baseline\n\n"
    let rows = RegressionRow.sortedForDisplay(input.regressions)
    if rows.isEmpty {
      out += "No baseline compared.\n"
    } else {
      let failing = rows.filter { $0.status == .fail }.count
      let counts = RegressionStatus.allCases.sorted { $0.severity < $1.severity }.compactMap { st -> String? in
        let n = rows.filter { $0.status == st }.count
        return n > 0 ? "\(n) \(st.rawValue)" : nil
      }
      out += (failing > 0 ? "**\(failing) failing.** " : "No failing regressions. ") + counts.joined(separator: " · ") + "\n\n"
      out += input.regressionNotes.map { "- \(escape($0))\n" }.joined() + (input.regressionNotes.isEmpty ? "" : "\n")
      let shown = rows.filter { $0.status != .pass }
      if !shown.isEmpty {
        out += table(["status", "job", "metric", "baseline", "candidate", "change", "detail"], shown.map { r in
          [r.status.rawValue.uppercased(), r.jobKey, r.metric, r.baseline, r.candidate, r.change, r.detail]
        })
      }
    }
    return out
  }

  /// A Markdown table of escaped cells, cut at `listLimit` rows, followed by a blank line.
  private static func table(_ header: [String], _ rows: [[String]]) -> String {
    var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
    out += "|" + header.map { _ in " --- |" }.joined() + "\n"
    for row in rows.prefix(listLimit) {
      out += "| " + row.map(escape).joined(separator: " | ") + " |\n"
    }
    if rows.count > listLimit { out += "\n…and \(rows.count - listLimit) more.\n" }
    return out + "\n"
  }

  /// `s` on one line with Markdown's punctuation escaped, so it shows literally.
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "\n", "\r", "\r\n", "\t": out.append(" ")
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~":
        out.append("\\")
        out.append(ch)
      default: out.append(ch)
      }
    }
    return out
  }
}
