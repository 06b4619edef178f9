import BCVBenchKit
import BCVValidation
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

// MARK: Synthetic run

/// Three strategies × four cases × samples {1000, 10000} × workers {1, 2} × cache off ×
/// three repetitions, built so every number the report shows can be worked out by hand:
/// - sampling answers c-invalid-2 wrongly (valid, no proof) at 1000 samples only;
/// - symbolic answers c-valid-1 invalid with a proof: unsound, and a disagreement;
/// - interval answers unknown on c-invalid-2 and c-unscored (with an XML-hostile reason);
/// - seconds = base × case factor × (samples / 1000) / speedup(workers) × [1, 1.1, 3][rep],
///   so medians are 1.1 × the rest and worker speedups are sampling 1.8, interval 1.25,
///   symbolic 1.
private enum Synthetic {
  static let cases: [(id: String, expected: VerdictKind?, factor: Double)] = [
    ("c-invalid-1", .invalid, 1), ("c-invalid-2", .invalid, 2), ("c-unscored", nil, 3), ("c-valid-1", .valid, 4),
  ]
  static let strategies = ["interval", "sampling", "symbolic"]
  static let speedups: [String: [Int: Double]] = ["sampling": [1: 1, 2: 1.8], "interval": [1: 1, 2: 1.25],
                                                  "symbolic": [1: 1, 2: 1]]
  static let hostileReason = "box budget <exhausted> & \"stopped\""

  static func answer(_ strategy: String, _ caseID: String, samples: Int) -> (VerdictKind, Bool, String?) {
    switch (strategy, caseID) {
    case ("sampling", "c-invalid-2"): samples == 1000 ? (.valid, false, nil) : (.invalid, true, nil)
    case ("sampling", "c-invalid-1"): (.invalid, true, nil)
    case ("sampling", _): (.valid, false, nil)
    case ("interval", "c-valid-1"): (.valid, true, nil)
    case ("interval", "c-invalid-1"): (.invalid, true, nil)
    case ("interval", _): (.unknown, false, hostileReason)
    case ("symbolic", "c-unscored"): (.valid, true, nil)
    default: (.invalid, true, nil)  // symbolic: c-valid-1 is the unsound answer
    }
  }

  static func records() -> [JobRecord] {
    var records: [JobRecord] = []
    for c in cases {
      for s in strategies {
        for n in [1000, 10000] {
          for w in [1, 2] {
            for rep in 0..<3 {
              let (verdict, proof, reason) = answer(s, c.id, samples: n)
              let seconds = 0.01 * c.factor * Double(n / 1000) / speedups[s]![w]! * [1, 1.1, 3][rep]
              var r = JobRecord(
                caseID: c.id, strategy: s, samples: n, workers: w, cache: "off", repetition: rep, verdict: verdict,
                proof: proof, violates: nil, counterexample: nil, expected: c.expected,
                outcome: Outcome.scoring(verdict, against: c.expected.map { ExpectedVerdict(verdict: $0) }),
                seconds: seconds, evaluations: s == "sampling" ? 3 * n : 500, boxes: 0, reason: reason,
                obligations: [])
              r.tags = c.id == "c-valid-1" ? ["polynomial", "tag&<odd>"] : ["polynomial"]
              records.append(r)
            }
          }
        }
      }
    }
    return records
  }

  static let metadata: JSONValue = [
    "commit": "0123456789abcdef", "build": "release", "swift": "6.3", "os": "Linux test", "cores": 2,
    "suite": "synthetic", "corpusHash": "abc", "matrix": ["strategies": ["interval", "sampling", "symbolic"],
                                                          "samples": [1000, 10000], "workers": [1, 2]],
  ]

  static let regressions = [
    RegressionRow(jobKey: "c-valid-1|sampling|10000|1|off", metric: "seconds", baseline: "0.04 s", candidate: "0.044 s",
                  change: "+10%", status: .pass),
    RegressionRow(jobKey: "c-invalid-1|interval|10000|1|off", metric: "seconds", baseline: "0.1 s", candidate: "0.2 s",
                  change: "+100%", status: .fail, detail: "slower beyond 20%"),
    RegressionRow(jobKey: "c-invalid-2|sampling|1000|1|off", metric: "evaluations", baseline: "3000", candidate: "3300",
                  change: "+10%", status: .warn),
    RegressionRow(jobKey: "total", metric: "accuracy", baseline: "90%", candidate: "80%", change: "-10 pt", status: .fail),
  ]

  static let history = [
    HistoryPoint(label: "run 1", commit: "aaa", secondsByStrategy: ["sampling": 1, "interval": 2],
                 accuracyByStrategy: ["sampling": 0.9, "interval": 0.5], cacheHitRate: 0.2),
    HistoryPoint(label: "run 2", commit: "bbb", secondsByStrategy: ["sampling": 1.5, "interval": 2.1],
                 accuracyByStrategy: ["sampling": 0.8, "interval": 0.5], cacheHitRate: 0.3, changePoint: true),
  ]

  static func input(regressions: [RegressionRow] = regressions, history: [HistoryPoint] = history) -> ReportInput {
    ReportInput(results: RunResults(metadata: metadata, records: records(), file: "results.json"),
                regressions: regressions, history: history, title: "Synthetic <run> & report")
  }
}

// MARK: XML helpers

/// Parses `text` as XML, counting elements by name and keeping the root's attributes.
private final class XMLSummary: NSObject, XMLParserDelegate {
  var counts: [String: Int] = [:]
  var root: [String: String]?
  var wellFormed = false

  init(_ text: String) {
    super.init()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = self
    wellFormed = parser.parse()
  }

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
              attributes: [String: String]) {
    if root == nil { root = attributes }
    counts[name, default: 0] += 1
  }
}

/// The rows of a CSV file as dictionaries keyed by the header.
private func csvRows(_ text: String?) throws -> [[String: String]] {
  let lines = try CSVReader.parse(try #require(text))
  let header = try #require(lines.first)
  return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

private func occurrences(of needle: String, in text: String) -> Int {
  text.components(separatedBy: needle).count - 1
}

// MARK: Tests

@Suite struct ReportTests {
  let files = ReportBuilder.render(Synthetic.input())

  @Test("index.html, every SVG and junit.xml are well-formed XML")
  func outputsAreWellFormed() throws {
    let xmlFiles = files.keys.filter { $0.hasSuffix(".svg") || $0.hasSuffix(".html") || $0.hasSuffix(".xml") }
    #expect(xmlFiles.count == ReportBuilder.chartNames.count + 2)
    for name in xmlFiles {
      #expect(XMLSummary(try #require(files[name])).wellFormed, "\(name) is not well-formed")
    }
  }

  @Test("every chart exists as SVG and CSV, with title, axes, ticks, labels and a legend")
  func chartsHaveAxesLabelsAndLegend() throws {
    for name in ReportBuilder.chartNames {
      let svg = try #require(files[name + ".svg"], "\(name).svg missing")
      #expect(files[name + ".csv"] != nil, "\(name).csv missing")
      #expect(svg.hasPrefix("<?xml") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("viewBox="))
      for mark in ["class=\"chart-title\"", "class=\"axis x-axis\"", "class=\"axis y-axis\"", "class=\"tick\"",
                   "class=\"tick-label\"", "class=\"axis-title\"", "class=\"legend\"", "class=\"legend-entry\""] {
        #expect(svg.contains(mark), "\(name).svg lacks \(mark)")
      }
      #expect(!svg.contains("<script") && !svg.contains("href"), "\(name).svg has a script or link")
    }
    // The synthetic run has no cache data, so its chart is written but left off the page.
    let html = try #require(files["index.html"])
    #expect(occurrences(of: "<svg ", in: html) == ReportBuilder.chartNames.count - 1)
    #expect(!html.contains("<title>Cache</title>"))
  }

  @Test("the agreement matrix counts only cases both strategies decided")
  func agreementNumbers() throws {
    var agreement: [String: String] = [:]
    for row in try csvRows(files["agreement.csv"]) {
      agreement[row["strategy_a"]! + "/" + row["strategy_b"]!] = "\(row["agree"]!)/\(row["both_decided"]!)"
    }
    #expect(agreement.count == 9)
    #expect(agreement["interval/sampling"] == "2/2")
    #expect(agreement["sampling/symbolic"] == "3/4")
    #expect(agreement["symbolic/sampling"] == "3/4")
    #expect(agreement["interval/symbolic"] == "1/2")
    #expect(agreement["interval/interval"] == "2/2")
    #expect(agreement["sampling/sampling"] == "4/4")
    let fraction = try csvRows(files["agreement.csv"]).first { $0["strategy_a"] == "interval" && $0["strategy_b"] == "symbolic" }
    #expect(fraction?["agreement"] == "0.5000")
    let disagreements = try csvRows(files["disagreements.csv"])
    #expect(disagreements.map { "\($0["case"]!) \($0["strategy_a"]!)=\($0["verdict_a"]!) \($0["strategy_b"]!)=\($0["verdict_b"]!)" }
      == ["c-valid-1 interval=valid symbolic=invalid", "c-valid-1 sampling=valid symbolic=invalid"])
  }

  @Test("speedup is the 1-worker median time over the w-worker median time; efficiency = speedup / w; symbolic, which cannot use a second worker, is not shown at 1.0×")
  func speedupNumbers() throws {
    var speedup: [String: (String, String)] = [:]
    for row in try csvRows(files["speedup.csv"]) {
      speedup[row["strategy"]! + "@" + row["workers"]!] = (row["speedup"]!, row["efficiency"]!)
    }
    #expect(speedup["sampling@1"]! == ("1.0000", "1.0000"))
    #expect(speedup["sampling@2"]! == ("1.8000", "0.9000"))
    #expect(speedup["interval@2"]! == ("1.2500", "0.6250"))
    #expect(speedup["symbolic@1"] == nil && speedup["symbolic@2"] == nil)
    // Medians ignore the slow third repetition: 4 cases, factors 1+2+3+4, at 10000 samples, × 1.1.
    let total = try csvRows(files["speedup.csv"]).first { $0["strategy"] == "sampling" && $0["workers"] == "1" }
    #expect(total?["total_median_seconds"] == "1.100000")
  }

  @Test("junit.xml has a test case per case × strategy, wrong answers and failing regressions as failures")
  func junitCounts() throws {
    let junit = XMLSummary(try #require(files["junit.xml"]))
    #expect(junit.wellFormed)
    // 12 pairs plus the failing regression "total", which names no pair.
    #expect(junit.counts["testcase"] == 13)
    // sampling/c-invalid-2 (wrong), symbolic/c-valid-1 (unsound), interval/c-invalid-1 and "total" (regressions).
    #expect(junit.counts["failure"] == 4)
    // interval answered only unknown on c-invalid-2 and c-unscored.
    #expect(junit.counts["skipped"] == 2)
    #expect(junit.counts["error"] == nil)
    #expect(junit.root?["tests"] == "13" && junit.root?["failures"] == "4" && junit.root?["skipped"] == "2")
    let text = try #require(files["junit.xml"])
    #expect(text.contains("<testcase classname=\"symbolic\" name=\"c-valid-1\""))
    #expect(text.contains("type=\"unsound\""))
    #expect(text.contains("&lt;exhausted&gt; &amp; &quot;stopped&quot;"))
  }

  @Test("the page is self-contained: no scripts, no external references")
  func pageIsSelfContained() throws {
    let html = try #require(files["index.html"])
    #expect(!html.lowercased().contains("<script"))
    let external = occurrences(of: "http://", in: html) + occurrences(of: "https://", in: html)
    #expect(external == occurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", in: html))
    #expect(!html.contains("src="))
    #expect(html.contains("Synthetic &lt;run&gt; &amp; report"))
  }

  @Test("wrong and unsound answers are highlighted on the page and loud in the summary")
  func wrongAnswersStandOut() throws {
    let html = try #require(files["index.html"])
    #expect(html.contains("<tr class=\"unsound\"><td>c-valid-1</td><td>valid</td><td>symbolic</td>"))
    #expect(html.contains("<tr class=\"wrong\"><td>c-invalid-2</td><td>invalid</td><td>sampling</td>"))
    #expect(html.contains("UNSOUND answer"))
    let summary = try #require(files["summary.md"])
    #expect(summary.contains("UNSOUND ANSWERS: 12"))
    let fail = try #require(summary.range(of: "| FAIL |")), warn = try #require(summary.range(of: "| WARN |"))
    #expect(fail.lowerBound < warn.lowerBound)
    #expect(!summary.contains("](") && !summary.contains("http"))
  }

  @Test("sections without data say so, and their charts still have axes and legends")
  func emptySections() throws {
    let files = ReportBuilder.render(Synthetic.input(regressions: [], history: []))
    let html = try #require(files["index.html"])
    #expect(html.contains("No baseline compared."))
    #expect(html.contains("No history yet."))
    #expect(html.contains("No cache data"))
    #expect(!html.contains("<title>History</title>"))
    for name in ["history", "cache"] {
      let svg = try #require(files[name + ".svg"])
      #expect(XMLSummary(svg).wellFormed && svg.contains("class=\"no-data\"") && svg.contains("class=\"legend\""))
    }
    let junit = XMLSummary(try #require(files["junit.xml"]))
    #expect(junit.counts["testcase"] == 12 && junit.counts["failure"] == 2)
  }

  @Test("a run without records still gives well-formed files with every chart")
  func emptyRun() throws {
    let files = ReportBuilder.render(ReportInput(results: RunResults(metadata: .null, records: [], file: "")))
    for name in ReportBuilder.chartNames {
      let svg = try #require(files[name + ".svg"])
      #expect(XMLSummary(svg).wellFormed && svg.contains("class=\"legend\""), "\(name).svg")
    }
    #expect(XMLSummary(try #require(files["index.html"])).wellFormed)
    #expect(XMLSummary(try #require(files["junit.xml"])).root?["tests"] == "0")
  }

  @Test("output is deterministic and written to the folder")
  func deterministicAndWritten() throws {
    #expect(ReportBuilder.render(Synthetic.input()) == files)
    let directory = NSTemporaryDirectory() + "bcv-report-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try ReportBuilder.write(Synthetic.input(), to: directory)
    let written = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(written == files.keys.sorted())
    #expect(try String(contentsOfFile: directory + "/index.html", encoding: .utf8) == files["index.html"])
  }
}
