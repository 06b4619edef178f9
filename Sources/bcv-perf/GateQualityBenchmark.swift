import BCVBenchKit
import BCVPlatform
import Foundation

/// `bcv-perf gate RUN_DIR...`: the regression gate's alarm rates, measured rather than
/// assumed (issue #12, item 8). Given K runs of one suite on one build (`make gate-check`
/// makes them with `Suites/gate-check.json`), runs 2i and 2i+1 form N = (K − 1) / 2
/// independent A/A pairs, and run 2i+2 stands in for the confirmation re-run of pair i.
/// Each pair is gated the way `run --gate` does it, with the thresholds of the suite named
/// in the results' metadata: compare, then re-test the flagged jobs on the confirmation
/// run's repetitions (`Comparator.confirm`).
///
/// - A/A: any failing time row (per job or strategy-wide) is a false alarm.
/// - Injected slowdowns: for each strategy and factor (+10%, +25%), that strategy's times
///   in the candidate and the confirmation run are multiplied by the factor; a failing time
///   row on that strategy is a detection, one on another strategy is counted "elsewhere".
/// Both are printed after confirmation and, for comparison, before it; then a diagnosis:
/// unstable jobs and strategy-wide median ratios per strategy, each run's overall speed
/// (common-mode drift of the machine), the A/A pairs that alarmed and the pairs that missed.
///
/// Honest limits: the runs are the same build back to back on one machine, so drift that a
/// nightly gate sees between days (other load, thermal state, a new toolchain) is mostly
/// absent, and load from other processes during the runs is present; the confirmation
/// stand-in is a different run's records of the same jobs, not a re-run started right after
/// a flag; an injected slowdown is an exact multiple of every repetition, so it is cleaner
/// than a real one (which also changes the spread); adjacent pairs share run 2i+2 (the
/// confirmation of pair i is the baseline of pair i+1), and the trials of different
/// strategies and factors reuse the same N pairs, so they are not independent of each other.
func gateQualityBenchmark(_ folders: [String]) {
  var runs: [RunResults] = []
  for folder in folders {
    guard let r = try? ResultsReader.read(folder) else { return print("bcv-perf gate: cannot read results in \(folder)") }
    runs.append(r)
  }
  let n = (runs.count - 1) / 2
  guard n >= 1 else { return print("bcv-perf gate: need at least 3 run folders (one A/A pair and a confirmation run)") }
  let suiteFile = runs[0].metadata.objectValue?["suiteFile"]?.stringValue
  let thresholds = suiteFile.flatMap { try? SuiteLoader.load($0).suite.gate } ?? .default
  let comparator = Comparator(thresholds: thresholds, lenient: false)
  let strategies = Array(Set(runs[0].records.map(\.strategy))).sorted()
  let jobs = runs.map { Baseline(results: $0, suiteHash: nil).jobs }
  let timeLimited = jobs.joined().filter(\.timedOut).count
  let effects = strategies.compactMap { s in thresholds.strategyMinEffect[s].map { "\(s) \(percent($0))" } }
  print("== gate quality: \(runs.count) runs of \(suiteFile ?? "an unknown suite"), \(jobs[0].count) jobs each, \(timeLimited) time-limited job(s) in all runs")
  print("   \(n) A/A pairs (runs 2i, 2i+1; confirmation stand-in: run 2i+2\(runs.count > 2 * n + 1 ? "; last run unused" : ""))"
    + "; correction \(thresholds.correction.rawValue), α = \(thresholds.alpha), min effect \(percent(thresholds.minEffect))"
    + (effects.isEmpty ? "" : " (" + effects.joined(separator: ", ") + ")"))

  /// Gates pair i, with `slow` (strategy, factor) injected into its candidate and confirmation run.
  func gate(_ i: Int, slow: (String, Double)? = nil) -> (before: Comparison, after: Comparison) {
    func slowed(_ r: RunResults) -> RunResults {
      guard let (strategy, factor) = slow else { return r }
      var r = r
      r.records = r.records.map { x in var x = x; if x.strategy == strategy { x.seconds *= factor }; return x }
      return r
    }
    let baseline = Baseline(results: runs[2 * i], suiteHash: nil)
    let candidate = Baseline(results: slowed(runs[2 * i + 1]), suiteHash: nil)
    let first = comparator.compare(baseline: baseline, candidate: candidate)
    let keys = Set(first.jobsToConfirm(among: candidate.jobs))
    guard !keys.isEmpty else { return (first, first) }
    var recheck = Baseline(results: slowed(runs[2 * i + 2]), suiteHash: nil)
    recheck.jobs = recheck.jobs.filter { keys.contains($0.key) }
    return (first, comparator.confirm(first, baseline: baseline, recheck: recheck))
  }
  func timeFailures(_ c: Comparison) -> [ComparisonRow] {
    c.rows.filter { $0.status == .fail && [.time, .strategyTime, .runTime].contains($0.topic) }
  }
  func flagged(_ c: Comparison, _ s: String) -> Bool { timeFailures(c).contains { $0.strategy == s } }
  func elsewhere(_ c: Comparison, _ s: String) -> Bool { timeFailures(c).contains { $0.strategy != s } }

  // BCV_GATE_EXPLAIN="PAIR,STRATEGY,FACTOR" prints that trial's comparisons in full.
  if let spec = Platform.environment("BCV_GATE_EXPLAIN")?.split(separator: ","), spec.count == 3,
     let i = Int(spec[0]), i < n, let f = Double(spec[2]) {
    let (before, after) = gate(i, slow: (String(spec[1]), f))
    print("-- pair \(i), \(spec[1]) ×\(f), before confirmation:\n\(before.text(maxRows: 30))\n-- after:\n\(after.text(maxRows: 30))")
    for r in before.rows where r.topic != .time || r.strategy == String(spec[1]) {
      if [.time, .strategyTime, .runTime].contains(r.topic) { print("   \(r.status.rawValue) \(r.key) \(r.baseline) → \(r.candidate) \(r.change) \(r.detail)") }
    }
  }

  // A/A pairs.
  let aa = (0..<n).map { gate($0) }
  var aaFlags: [String: Int] = [:]
  for pair in aa { for r in timeFailures(pair.before) { aaFlags["\(r.key) (\(r.topic == .time ? "job" : r.topic == .runTime ? "whole run" : "strategy-wide"))", default: 0] += 1 } }
  let unstable = aa.map { $0.before.rows.filter { $0.status == .unstable } }

  // Injected slowdowns: (strategy, factor) → the N gated pairs.
  let factors = [1.10, 1.25]
  var trials: [String: [Double: [(before: Comparison, after: Comparison)]]] = [:]
  for s in strategies { for f in factors { trials[s, default: [:]][f] = (0..<n).map { gate($0, slow: (s, f)) } } }

  func count(_ list: [(before: Comparison, after: Comparison)], confirmed: Bool, _ test: (Comparison) -> Bool) -> Int {
    list.filter { test(confirmed ? $0.after : $0.before) }.count
  }
  for confirmed in [true, false] {
    print(confirmed ? "\nafter confirmation (what the gate reports):" : "\nbefore confirmation (first comparison only):")
    var totals = (aa: 0, detected: [Double: Int](), elsewhere: [Double: Int]())
    for s in strategies {
      var line = "  \(s.padding(toLength: 9, withPad: " ", startingAt: 0)) A/A false alarms \(count(aa, confirmed: confirmed) { flagged($0, s) }) of \(n)"
      for f in factors {
        let d = count(trials[s]![f]!, confirmed: confirmed) { flagged($0, s) }
        let e = count(trials[s]![f]!, confirmed: confirmed) { elsewhere($0, s) }
        totals.detected[f, default: 0] += d
        totals.elsewhere[f, default: 0] += e
        line += "; +\(percent(f - 1)) detected \(d) of \(n) (elsewhere \(e))"
      }
      print(line)
    }
    print("  whole run A/A false alarms \(count(aa, confirmed: confirmed) { flagged($0, "*") }) of \(n) (the row that tests every job at once)")
    totals.aa = count(aa, confirmed: confirmed) { !timeFailures($0).isEmpty }
    print("  total     A/A pairs with any false alarm \(totals.aa) of \(n)"
      + factors.map { "; +\(percent($0 - 1)) detected \(totals.detected[$0]!) of \(n * strategies.count) (elsewhere \(totals.elsewhere[$0]!))" }.joined())
  }

  // Diagnosis: what stands between an injected slowdown and a detection.
  print("\ndiagnosis (first comparison): per strategy, jobs unstable in A/A (never fail on time; mean per pair); in A/A and each")
  print("injection, the strategy-wide median ratio of medians (median over pairs, range), pairs above the effect threshold, per-job flags (mean)")
  for s in strategies {
    let total = jobs[0].filter { $0.strategy == s }.count
    let meanUnstable = Double(unstable.map { $0.filter { $0.strategy == s }.count }.reduce(0, +)) / Double(n)
    var line = "  \(s.padding(toLength: 9, withPad: " ", startingAt: 0)) unstable \(fixed(meanUnstable)) of \(total)"
    for f in [1.0] + factors {
      let list = f == 1 ? aa : trials[s]![f]!
      let ratios = list.compactMap { t in t.before.rows.first { $0.topic == .strategyTime && $0.strategy == s }.flatMap { Double($0.candidate) } }.sorted()
      let perJob = Double(list.map { t in timeFailures(t.before).filter { $0.strategy == s && $0.topic == .time }.count }.reduce(0, +)) / Double(n)
      let limit = 1 + (thresholds.strategyMinEffect[s] ?? thresholds.minEffect)
      line += "; \(f == 1 ? "A/A" : "+" + percent(f - 1)): ratio \(ratios.isEmpty ? "-" : "\(fixed(ratios[ratios.count / 2])) (\(fixed(ratios.first!))–\(fixed(ratios.last!)))"), "
        + "\(ratios.filter { $0 > limit }.count) of \(n) above \(fixed(limit)), per-job flags \(fixed(perJob))"
    }
    print(line)
  }
  // Machine speed per run: the median over jobs of the job's median time over its median across runs.
  let reference = Dictionary(grouping: jobs.joined(), by: \.key).mapValues { median($0.map { median($0.seconds) }) }
  let speed = jobs.map { run in median(run.map { median($0.seconds) / reference[$0.key]! }) }
  print("run speed (median job time / its median over runs; 1.30 = 30% slower): "
    + speed.enumerated().map { "\($0.offset):\(fixed($0.element))" }.joined(separator: " "))
  let alarmed = (0..<n).filter { !timeFailures(aa[$0].after).isEmpty }.map { i in
    "pair \(i) (runs \(2 * i)/\(2 * i + 1)/\(2 * i + 2): speed \(fixed(speed[2 * i]))/\(fixed(speed[2 * i + 1]))/\(fixed(speed[2 * i + 2])); "
      + Set(timeFailures(aa[i].after).map { $0.topic == .time ? $0.key : "\($0.strategy) strategy-wide" }).sorted().joined(separator: ", ") + ")"
  }
  if !alarmed.isEmpty { print("A/A false alarms after confirmation: " + alarmed.joined(separator: "; ")) }
  for f in factors {
    let missed = (0..<n).map { i in strategies.filter { !flagged(trials[$0]![f]![i].after, $0) } }
    print("+\(percent(f - 1)) missed after confirmation, by pair (speed baseline/candidate/confirmation): "
      + (0..<n).filter { !missed[$0].isEmpty }.map { i in
        "\(i) (\(fixed(speed[2 * i]))/\(fixed(speed[2 * i + 1]))/\(fixed(speed[2 * i + 2]))) \(missed[i].count == strategies.count ? "all" : missed[i].joined(separator: ","))"
      }.joined(separator: "; "))
  }
  if !aaFlags.isEmpty {
    print("A/A time rows flagged before confirmation (pairs): "
      + aaFlags.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
  }
}

private func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
private func fixed(_ x: Double) -> String { String(format: "%.2f", x) }
private func median(_ xs: [Double]) -> Double { Descriptive.median(xs) ?? .nan }
