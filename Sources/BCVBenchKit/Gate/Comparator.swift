import Foundation

/// Compares a candidate with a baseline, job by job:
///
/// - accuracy, exactly: a new wrong answer fails; correct → unknown fails unless allowed;
/// - work counters, exactly (they are deterministic): growth beyond the tolerance fails,
///   except for jobs that hit a time limit (their counters depend on timing);
/// - time, statistically: a slowdown fails only when the one-sided Mann–Whitney test
///   rejects after a Benjamini–Hochberg (or Holm) correction over all jobs **and** the
///   ratio of medians exceeds 1 + the minimum effect — never on another machine class;
///   and per strategy over all its jobs: a Wilcoxon signed-rank test of the per-job log
///   ratios of medians (Holm-corrected across strategies) **and** the median ratio beyond
///   the minimum effect, which sees a strategy-wide slowdown that few repetitions per job
///   cannot;
/// - cache hit rate: a drop beyond the threshold fails.
///
/// Jobs only in the candidate are `new`; jobs only in the baseline are `missing` and fail
/// unless `lenient`. Improvements never fail.
public struct Comparator: Sendable {
  public var thresholds: GateThresholds
  public var lenient: Bool
  public var scoreTable = ScoreTable()

  public init(thresholds: GateThresholds = .default, lenient: Bool = false) {
    self.thresholds = thresholds
    self.lenient = lenient
  }

  public func compare(baseline: Baseline, candidate: Baseline) -> Comparison {
    var rows: [ComparisonRow] = []
    var changes: [VerdictChange] = []
    var notes: [String] = []
    let timeCompared = baseline.machineClass == candidate.machineClass || baseline.machineClass == .null
    if !timeCompared {
      notes.append("the baseline was taken on another machine class (\(JSONWriter.write(baseline.machineClass, pretty: false).trimmed)); time is not compared, accuracy and counters are")
    }
    let candidateByKey = Dictionary(candidate.jobs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let baselineKeys = Set(baseline.jobs.map(\.key))
    var timeTests: [(row: ComparisonRow, p: Double, ratio: Double, effect: Double)] = []
    for b in baseline.jobs {
      guard let c = candidateByKey[b.key] else {
        rows.append(row(b, "job", "present", "missing", "", lenient ? .warn : .fail, lenient ? nil : .accuracy,
                        "job missing from the candidate run"))
        continue
      }
      rows.append(contentsOf: accuracyRows(b, c, changes: &changes))
      rows.append(contentsOf: counterRows(b, c))
      if let cache = cacheRow(b, c) { rows.append(cache) }
      if timeCompared {
        let effect = thresholds.effect(strategy: b.strategy, noise: baseline.noise[b.key])
        let p = MannWhitney.test(c.seconds, b.seconds, alternative: .greater).pValue
        let ratio = (Descriptive.median(c.seconds) ?? .nan) / (Descriptive.median(b.seconds) ?? .nan)
        let r = row(b, "seconds (median)", format(Descriptive.median(b.seconds)), format(Descriptive.median(c.seconds)),
                    percent(ratio - 1), .pass, nil, "")
        timeTests.append((r, p, ratio, effect))
      }
    }
    rows.append(contentsOf: judgeTimes(timeTests))
    rows.append(contentsOf: judgeStrategies(timeTests))
    if timeCompared, let b = baseline.jobs.first, let c = candidateByKey[b.key],
       MannWhitney.smallestAttainablePValue(c.seconds.count, b.seconds.count, alternative: .greater) > thresholds.alpha {
      notes.append("with \(b.seconds.count) and \(c.seconds.count) repetitions the rank test cannot reach α = \(thresholds.alpha): no slowdown can be flagged; use 5 or more repetitions")
    }
    for c in candidate.jobs where !baselineKeys.contains(c.key) {
      rows.append(row(c, "job", "absent", c.outcome.rawValue, "", .new, nil, "not in the baseline"))
    }
    return Comparison(rows: rows, verdictChanges: changes, scores: scores(baseline, candidate), timeCompared: timeCompared,
                      notes: notes, refusal: nil)
  }

  func accuracyRows(_ b: JobSummary, _ c: JobSummary, changes: inout [VerdictChange]) -> [ComparisonRow] {
    guard b.outcome != c.outcome else { return [] }
    changes.append(VerdictChange(key: b.key, caseID: b.caseID, strategy: b.strategy, from: b.outcome, to: c.outcome))
    let status: RowStatus
    var kind: FailureKind?
    var detail = ""
    switch (b.outcome, c.outcome) {
    case (_, .wrong):
      status = .fail
      kind = .accuracy
      detail = c.proof ? "new UNSOUND answer" : "new wrong answer"
    case (.correct, .unknown), (.correct, .error), (.unknown, .error):
      status = thresholds.allowUnknown && c.outcome == .unknown ? .warn : .fail
      kind = status == .fail ? .accuracy : nil
      detail = "lost a decided answer"
    case (.wrong, _), (.unknown, .correct), (.error, _):
      status = .improved
    default:
      status = .warn
    }
    return [row(b, "outcome", b.outcome.rawValue, c.outcome.rawValue, "", status, kind, detail)]
  }

  func counterRows(_ b: JobSummary, _ c: JobSummary) -> [ComparisonRow] {
    guard !b.timedOut && !c.timedOut else { return [] }
    var rows: [ComparisonRow] = []
    for (metric, old, new) in [("evaluations", b.evaluations, c.evaluations), ("boxes", b.boxes, c.boxes)] where old != new {
      let limit = Double(old) * (1 + thresholds.counterTolerance)
      let worse = Double(new) > limit
      rows.append(row(b, metric, "\(old)", "\(new)", old > 0 ? percent(Double(new) / Double(old) - 1) : "",
                      worse ? .fail : (new < old ? .improved : .pass), worse ? .performance : nil,
                      worse ? "more work than the baseline" : ""))
    }
    return rows
  }

  func cacheRow(_ b: JobSummary, _ c: JobSummary) -> ComparisonRow? {
    guard let old = b.cacheHitRate else { return nil }
    let new = c.cacheHitRate ?? 0
    guard old != new else { return nil }
    let worse = old - new > thresholds.cacheHitRateDrop
    return row(b, "cache hit rate", rate(old), rate(new), "", worse ? .fail : (new > old ? .improved : .pass),
               worse ? .performance : nil, worse ? "hit rate dropped by more than \(percent(thresholds.cacheHitRateDrop))" : "")
  }

  /// Corrects the time tests for multiplicity, then applies the minimum effect.
  func judgeTimes(_ tests: [(row: ComparisonRow, p: Double, ratio: Double, effect: Double)]) -> [ComparisonRow] {
    guard !tests.isEmpty else { return [] }
    let ps = tests.map(\.p)
    let rejected: [Bool]
    switch thresholds.correction {
    case .holm: rejected = MultipleTesting.holm(ps, alpha: thresholds.alpha)
    case .benjaminiHochberg: rejected = MultipleTesting.benjaminiHochberg(ps, q: thresholds.alpha)
    }
    return zip(tests, rejected).map { test, significant in
      var r = test.row
      if significant && test.ratio > 1 + test.effect {
        r.status = .fail
        r.kind = .performance
        r.detail = "slower: p = \(format(test.p)) (corrected, α = \(thresholds.alpha)), effect \(percent(test.ratio - 1)) > \(percent(test.effect))"
      } else if test.ratio < 1 - test.effect {
        r.status = .improved
      } else {
        r.detail = "p = \(format(test.p))"
      }
      return r
    }
  }

  /// One row per strategy: its jobs' log ratios of medians, tested together.
  func judgeStrategies(_ tests: [(row: ComparisonRow, p: Double, ratio: Double, effect: Double)]) -> [ComparisonRow] {
    var order: [String] = []
    var ratios: [String: [Double]] = [:]
    for t in tests where t.ratio.isFinite && t.ratio > 0 {
      if ratios[t.row.strategy] == nil { order.append(t.row.strategy) }
      ratios[t.row.strategy, default: []].append(t.ratio)
    }
    let results = order.map { WilcoxonSignedRank.greater(ratios[$0]!.map { Foundation.log($0) }) }
    let rejected = MultipleTesting.holm(results.map(\.pValue), alpha: thresholds.alpha)
    return order.indices.map { i in
      let strategy = order[i]
      let median = Descriptive.median(ratios[strategy]!) ?? 1
      let effect = thresholds.strategyMinEffect[strategy] ?? thresholds.minEffect
      var row = ComparisonRow(key: "\(strategy)|all", caseID: "*", strategy: strategy,
                              metric: "seconds (all \(ratios[strategy]!.count) jobs)", baseline: "1", candidate: format(median),
                              change: percent(median - 1), status: .pass, kind: nil,
                              detail: "p = \(format(results[i].pValue)) (Wilcoxon, Holm)")
      if rejected[i] && median > 1 + effect {
        row.status = .fail
        row.kind = .performance
        row.detail = "strategy-wide slowdown: median ratio \(format(median)) > \(format(1 + effect)), " + row.detail
      } else if median < 1 - effect {
        row.status = .improved
      }
      return row
    }
  }

  func scores(_ baseline: Baseline, _ candidate: Baseline) -> [(strategy: String, baseline: Int, candidate: Int)] {
    var order: [String] = []
    var totals: [String: (Int, Int)] = [:]
    for j in baseline.jobs {
      if totals[j.strategy] == nil { order.append(j.strategy); totals[j.strategy] = (0, 0) }
      totals[j.strategy]!.0 += scoreTable.score(j)
    }
    for j in candidate.jobs {
      if totals[j.strategy] == nil { order.append(j.strategy); totals[j.strategy] = (0, 0) }
      totals[j.strategy]!.1 += scoreTable.score(j)
    }
    return order.map { ($0, totals[$0]!.0, totals[$0]!.1) }
  }

  func row(_ j: JobSummary, _ metric: String, _ old: String, _ new: String, _ change: String, _ status: RowStatus,
           _ kind: FailureKind?, _ detail: String) -> ComparisonRow {
    ComparisonRow(key: j.key, caseID: j.caseID, strategy: j.strategy, metric: metric, baseline: old, candidate: new,
                  change: change, status: status, kind: kind, detail: detail)
  }

  func format(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "-" }
    return x >= 1e-3 && x < 1e4 ? String(format3: x) : "\(x)"
  }

  func rate(_ x: Double) -> String { "\((x * 1000).rounded() / 10)%" }

  func percent(_ x: Double) -> String {
    guard x.isFinite else { return "-" }
    let v = (x * 1000).rounded() / 10
    return (v > 0 ? "+" : "") + "\(v)%"
  }
}
