import Foundation

/// Compares a candidate with a baseline, job by job:
///
/// - accuracy, exactly: a new wrong answer fails; correct → unknown fails unless allowed —
///   except for jobs that reached the wall-clock limit in some repetition on either side,
///   whose answers depend on the machine's speed: they are `time-limited`, compared for
///   time only (a wrong answer still fails);
/// - work counters, exactly (they are deterministic): growth beyond the tolerance fails,
///   except for jobs that hit a time limit (their counters depend on timing);
/// - time, statistically: a slowdown fails only when the one-sided Mann–Whitney test
///   rejects after a Benjamini–Hochberg (or Holm) correction over all jobs **and** the
///   ratio of medians exceeds 1 + the minimum effect — never on another machine class;
///   and per strategy over all its jobs: a Wilcoxon signed-rank test of the per-job log
///   ratios of medians (Holm-corrected across strategies) **and** the median ratio beyond
///   the minimum effect, which sees a strategy-wide slowdown that few repetitions per job
///   cannot. A job whose A/A noise (calibrated, else its baseline repetitions' robust
///   coefficient of variation) exceeds its minimum effect is `unstable`: never failing on
///   time, and counted. Where the repetitions make a rejection impossible the notes say so;
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
    compare(baseline: baseline, candidate: candidate, families: nil)
  }

  /// The multiplicity families of a comparison: jobs per strategy and the strategy count.
  struct Families {
    var jobsPerStrategy: [String: Int]
    var strategies: Int
  }

  func families(of baseline: Baseline) -> Families {
    var perStrategy: [String: Int] = [:]
    for j in baseline.jobs { perStrategy[j.strategy, default: 0] += 1 }
    return Families(jobsPerStrategy: perStrategy, strategies: perStrategy.count)
  }

  /// How much slower the candidate's run was, per strategy, judged by the *other*
  /// strategies' jobs: the median over their common jobs of the ratios of fastest
  /// repetitions. Between runs of one build on a shared machine every job moves together
  /// by up to ±20%; a strategy's jobs are compared relative to the rest of the run, so
  /// that such drift cancels while a change confined to the strategy stands out (and a
  /// change of everything shows in the whole-run row). Leaving the strategy out keeps its
  /// own slowdown from hiding itself. Jobs not compared at all (an external solver present
  /// on one side only) do not count. A strategy is missing (factor 1) when the others
  /// have fewer than 6 common jobs.
  static func runFactors(baseline: Baseline, candidate: Baseline) -> [String: Double] {
    let byKey = Dictionary(candidate.jobs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    var ratios: [(strategy: String, ratio: Double)] = []
    for b in baseline.jobs {
      guard let c = byKey[b.key], b.solverUnavailable == c.solverUnavailable,
            let tb = b.fastest, let tc = c.fastest, tb > 0, tc > 0, (tc / tb).isFinite else { continue }
      ratios.append((b.strategy, tc / tb))
    }
    var factors: [String: Double] = [:]
    for s in Set(ratios.map(\.strategy)) {
      let others = ratios.filter { $0.strategy != s }.map(\.ratio)
      if others.count >= 6, let m = Descriptive.median(others), m > 0 { factors[s] = m }
    }
    return factors
  }

  func compare(baseline: Baseline, candidate original: Baseline, families: Families?) -> Comparison {
    var rows: [ComparisonRow] = []
    var changes: [VerdictChange] = []
    var notes: [String] = []
    let timeCompared = baseline.machineClass == original.machineClass || baseline.machineClass == .null
    if !timeCompared {
      notes.append("the baseline was taken on another machine class (\(JSONWriter.write(baseline.machineClass, pretty: false).trimmed)); time is not compared, accuracy and counters are")
    }
    var candidate = original
    var factors: [String: Double] = [:]
    if timeCompared {
      factors = Self.runFactors(baseline: baseline, candidate: original)
      if let low = factors.values.min(), let high = factors.values.max() {
        notes.append("run speed: judged by the other strategies' jobs, the candidate's run took \(format(low))–\(format(high))× the baseline's; each strategy's times are compared relative to the rest of its run (a job or strategy fails only if also slower in absolute terms), the whole run in its own row")
      }
    }
    let candidateByKey = Dictionary(candidate.jobs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let baselineKeys = Set(baseline.jobs.map(\.key))
    var timeTests: [TimeTest] = []
    var timeLimited = 0
    var solverMismatch: [String: Int] = [:]
    for b in baseline.jobs {
      guard let c = candidateByKey[b.key] else {
        rows.append(row(b, "job", "present", "missing", "", lenient ? .warn : .fail, lenient ? nil : .accuracy,
                        "job missing from the candidate run"))
        continue
      }
      if b.solverUnavailable != c.solverUnavailable {
        solverMismatch[b.solverUnavailable ? "baseline" : "candidate", default: 0] += 1
        continue
      }
      if b.timedOut || c.timedOut { timeLimited += 1 }
      rows.append(contentsOf: accuracyRows(b, c, changes: &changes))
      rows.append(contentsOf: counterRows(b, c))
      if let cache = cacheRow(b, c) { rows.append(cache) }
      if timeCompared { timeTests.append(timeTest(b, c, noise: baseline.noise[b.key], runFactor: factors[b.strategy] ?? 1)) }
    }
    rows.append(contentsOf: judgeTimes(timeTests, familySizes: families?.jobsPerStrategy ?? [:],
                                       strategyCount: families?.strategies))
    rows.append(contentsOf: judgeStrategies(timeTests, strategyCount: families?.strategies))
    if timeLimited > 0 {
      notes.append("\(timeLimited) job(s) reached the wall-clock limit in some repetition: their answers and counters depend on the machine's speed, so they are compared for time only, never for accuracy (a wrong answer still fails)")
    }
    for (side, count) in solverMismatch.sorted(by: { $0.key < $1.key }) {
      let here = side == "baseline" ? "the baseline's machine lacked an external solver that this run had"
                                    : "this run's machine lacks an external solver that the baseline's had"
      notes.append("\(count) job(s) not compared: \(here) (take the baseline where the gate runs, with the same solvers installed)")
    }
    notes.append(contentsOf: timeNotes(timeTests, strategyCount: families?.strategies))
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
    case (_, .wrong) where c.proof || !(b.timedOut || c.timedOut):
      status = .fail
      kind = .accuracy
      detail = c.proof ? "new UNSOUND answer" : "new wrong answer"
    case (_, .wrong):
      status = .fail
      kind = .accuracy
      detail = "new wrong answer (time-limited)"
    case (.correct, .unknown) where b.timedOut || c.timedOut, (.unknown, .correct) where b.timedOut || c.timedOut:
      status = .timeLimited
      detail = "the answer depends on the wall-clock limit (reached in some repetition): compared for time only"
    case (.correct, .unknown), (.correct, .error), (.unknown, .error):
      status = thresholds.allowUnknown && c.outcome == .unknown ? .warn : .fail
      kind = status == .fail ? .accuracy : nil
      detail = "lost a decided answer"
    case (.wrong, _), (.unknown, .correct), (.error, _):
      status = .improved
    default:
      status = .warn
    }
    return [row(b, "outcome", b.outcome.rawValue, c.outcome.rawValue, "", status, kind, detail, topic: .outcome)]
  }

  func counterRows(_ b: JobSummary, _ c: JobSummary) -> [ComparisonRow] {
    guard !b.timedOut && !c.timedOut else { return [] }
    var rows: [ComparisonRow] = []
    for (metric, old, new) in [("evaluations", b.evaluations, c.evaluations), ("boxes", b.boxes, c.boxes)] where old != new {
      let limit = Double(old) * (1 + thresholds.counterTolerance)
      let worse = Double(new) > limit
      rows.append(row(b, metric, "\(old)", "\(new)", old > 0 ? percent(Double(new) / Double(old) - 1) : "",
                      worse ? .fail : (new < old ? .improved : .pass), worse ? .performance : nil,
                      worse ? "more work than the baseline" : "", topic: .counter))
    }
    return rows
  }

  func cacheRow(_ b: JobSummary, _ c: JobSummary) -> ComparisonRow? {
    guard let old = b.cacheHitRate else { return nil }
    let new = c.cacheHitRate ?? 0
    guard old != new else { return nil }
    let worse = old - new > thresholds.cacheHitRateDrop
    return row(b, "cache hit rate", rate(old), rate(new), "", worse ? .fail : (new > old ? .improved : .pass),
               worse ? .performance : nil, worse ? "hit rate dropped by more than \(percent(thresholds.cacheHitRateDrop))" : "",
               topic: .cache)
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
           _ kind: FailureKind?, _ detail: String, topic: RowTopic = .job) -> ComparisonRow {
    ComparisonRow(key: j.key, caseID: j.caseID, strategy: j.strategy, metric: metric, baseline: old, candidate: new,
                  change: change, status: status, kind: kind, detail: detail, topic: topic)
  }

  func format(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "-" }
    return x >= 1e-3 && x < 1e4 ? String(format3: x) : "\(x)"
  }

  /// A time in seconds to four significant digits ("0.004123", "2.782e-05"), so that the
  /// gate's rows show what it compared even for jobs far below a millisecond.
  func seconds(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "-" }
    return String(format: "%.4g", x)
  }

  /// A p-value to four significant digits: "0.07143", "0.003968"; below 10⁻⁴ "3.968e-05".
  func pValue(_ p: Double) -> String {
    guard p.isFinite else { return "-" }
    return String(format: p >= 1e-4 ? "%.4g" : "%.3e", p)
  }

  func rate(_ x: Double) -> String { "\((x * 1000).rounded() / 10)%" }

  func percent(_ x: Double) -> String {
    guard x.isFinite else { return "-" }
    let v = (x * 1000).rounded() / 10
    return (v > 0 ? "+" : "") + "\(v)%"
  }
}
