/// `junit.xml`: the run as JUnit test results, for CI test-report viewers.
///
/// One `<testsuite>` per strategy (sorted) holding one `<testcase>` per case (sorted),
/// `classname` = strategy, `name` = case id, `time` = the pair's total job seconds. A test
/// case has a `<failure>` when any of its jobs answered wrong (type "unsound" when one
/// claimed a proof) or a failing regression names its case and strategy (one failure
/// element listing every problem); otherwise an `<error>` when any job could not run;
/// otherwise `<skipped>` with the first reason (and the number of others) when every job
/// answered unknown; otherwise it
/// passes. Failing regressions whose key names no case × strategy pair of the run become
/// test cases of a final "regressions" suite. Counts on `<testsuites>` and each
/// `<testsuite>` match the elements inside.
enum JUnitReport {
  private struct TestCase {
    var classname: String
    var name: String
    var seconds: Double
    /// (element, type, message, body) or nil for a passing test case; a skipped element
    /// is written with its message only.
    var result: (element: String, type: String, message: String, body: String)?
  }

  static func render(_ summaries: [CaseStrategySummary], regressions: [RegressionRow]) -> String {
    let failing = RegressionRow.sortedForDisplay(regressions.filter { $0.status == .fail })
    var matched = Set<Int>()
    var suites: [(name: String, cases: [TestCase])] = []
    for strategy in Set(summaries.map(\.strategy)).sorted(by: ReportFormat.byteOrder) {
      let cases = summaries.filter { $0.strategy == strategy }.map { s -> TestCase in
        let mine = failing.indices.filter { i in
          failing[i].caseAndStrategy.map { $0.caseID == s.caseID && $0.strategy == s.strategy } ?? false
        }
        matched.formUnion(mine)
        return testCase(s, regressions: mine.map { failing[$0] })
      }
      suites.append((strategy, cases))
    }
    let orphans = failing.indices.filter { !matched.contains($0) }.map { failing[$0] }
    if !orphans.isEmpty {
      suites.append(("regressions", orphans.map { r in
        TestCase(classname: "regressions", name: "\(r.jobKey) \(r.metric)", seconds: 0,
                 result: ("failure", "regression", "\(r.metric) regressed: \(r.change)", regressionLine(r)))
      }))
    }

    func count(_ cases: [TestCase], _ element: String) -> Int { cases.filter { $0.result?.element == element }.count }
    let all = suites.flatMap(\.cases)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"bcv-bench\"" + counts(all, count) + ">\n"
    for suite in suites {
      out += "  <testsuite name=\"\(ReportFormat.xml(suite.name))\"" + counts(suite.cases, count) + ">\n"
      for c in suite.cases {
        out += "    <testcase classname=\"\(ReportFormat.xml(c.classname))\" name=\"\(ReportFormat.xml(c.name))\" "
          + "time=\"\(ReportFormat.machineSeconds(c.seconds))\""
        if let r = c.result, r.element == "skipped" {
          out += ">\n      <skipped message=\"\(ReportFormat.xml(r.message))\"/>\n    </testcase>\n"
        } else if let r = c.result {
          out += ">\n      <\(r.element) type=\"\(r.type)\" message=\"\(ReportFormat.xml(r.message))\">"
            + ReportFormat.xml(r.body) + "</\(r.element)>\n    </testcase>\n"
        } else {
          out += "/>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  private static func counts(_ cases: [TestCase], _ count: ([TestCase], String) -> Int) -> String {
    let seconds = cases.reduce(0) { $0 + $1.seconds }
    return " tests=\"\(cases.count)\" failures=\"\(count(cases, "failure"))\" errors=\"\(count(cases, "error"))\" "
      + "skipped=\"\(count(cases, "skipped"))\" time=\"\(ReportFormat.machineSeconds(seconds))\""
  }

  private static func testCase(_ s: CaseStrategySummary, regressions: [RegressionRow]) -> TestCase {
    var c = TestCase(classname: s.strategy, name: s.caseID, seconds: s.totalSeconds, result: nil)
    let wrong = s.wrongAnswers
    if !wrong.isEmpty || !regressions.isEmpty {
      var messages: [String] = []
      if !wrong.isEmpty {
        messages.append("\(wrong.count) wrong answer\(wrong.count == 1 ? "" : "s") of \(s.jobs.count)"
          + (s.counts[.unsound] > 0 ? " (\(s.counts[.unsound]) UNSOUND)" : ""))
      }
      if !regressions.isEmpty {
        messages.append("\(regressions.count) failing regression\(regressions.count == 1 ? "" : "s")")
      }
      let body = (wrong + regressions.map(regressionLine)).joined(separator: "\n")
      let type = s.counts[.unsound] > 0 ? "unsound" : wrong.isEmpty ? "regression" : "wrong"
      c.result = ("failure", type, messages.joined(separator: "; "), body)
    } else if s.counts[.error] > 0 {
      c.result = ("error", "error", "\(s.counts[.error]) of \(s.jobs.count) jobs could not run",
                  s.reasons.joined(separator: "\n"))
    } else if s.allUndecided {
      c.result = ("skipped", "", "unknown: " + (s.reasonSummary() ?? "no reason given"), "")
    }
    return c
  }

  private static func regressionLine(_ r: RegressionRow) -> String {
    "regression \(r.jobKey) \(r.metric): \(r.baseline) → \(r.candidate) (\(r.change))"
      + (r.detail.isEmpty ? "" : ": \(r.detail)")
  }
}
