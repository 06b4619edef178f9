import BCVBenchKit
import Foundation

/// `bcv-perf gate A B`: the quality of the regression gate on two runs of the same suite
/// and build (folders A and B). First B is gated against A as it is: every flagged time
/// regression is a false alarm. Then each strategy in turn has its times made 25% slower
/// in a copy of B: the slowdown should be flagged on that strategy's jobs and nowhere else.
func gateQualityBenchmark(_ a: String, _ b: String) {
  guard let base = try? ResultsReader.read(a), let candidate = try? ResultsReader.read(b) else {
    print("bcv-perf gate: cannot read results in \(a) and \(b)")
    return
  }
  let suiteFile = base.metadata.objectValue?["suiteFile"]?.stringValue
  let thresholds = suiteFile.flatMap { try? SuiteLoader.load($0).suite.gate } ?? .default
  let comparator = Comparator(thresholds: thresholds, lenient: false)
  let baseline = Baseline(results: base, suiteHash: nil)
  let aa = comparator.compare(baseline: baseline, candidate: Baseline(results: candidate, suiteHash: nil))
  let timeRows = aa.rows.filter { $0.metric.hasPrefix("seconds") }
  print("== gate quality: \(candidate.records.count) records, \(timeRows.count) timed jobs, correction \(thresholds.correction.rawValue), min effect \(Int(thresholds.minEffect * 100))%")
  let aaTime = aa.rows.filter { $0.status == .fail && $0.metric.hasPrefix("seconds") }.count
  print("  A/A (same build twice): \(aaTime) time regressions flagged (false alarms), \(aa.performanceFailures - aaTime) counter or cache, \(aa.accuracyFailures) accuracy")
  let strategies = Array(Set(candidate.records.map(\.strategy))).sorted()
  for slow in strategies {
    var copy = candidate
    copy.records = copy.records.map { r in
      var r = r
      if r.strategy == slow { r.seconds *= 1.25 }
      return r
    }
    let c = comparator.compare(baseline: baseline, candidate: Baseline(results: copy, suiteHash: nil))
    let flagged = c.rows.filter { $0.status == .fail && $0.metric.hasPrefix("seconds") }
    let strategyWide = flagged.contains { $0.strategy == slow && $0.caseID == "*" }
    let onTarget = flagged.filter { $0.strategy == slow && $0.caseID != "*" }.count
    let elsewhere = flagged.filter { $0.strategy != slow }.count
    let jobs = timeRows.filter { $0.strategy == slow && $0.caseID != "*" }.count
    print("  \(slow.padding(toLength: 13, withPad: " ", startingAt: 0)) +25%: strategy-wide \(strategyWide ? "FLAGGED" : "not flagged"), per job \(onTarget) of \(jobs); flags on other strategies: \(elsewhere)")
  }
}
