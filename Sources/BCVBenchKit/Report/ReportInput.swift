/// Everything a report shows: one run's results, optionally its comparison with a baseline
/// and the trend over earlier runs. Reports read nothing else.
public struct ReportInput: Sendable {
  public var results: RunResults
  /// The comparison with a baseline, in any order; empty when no baseline was compared.
  public var regressions: [RegressionRow]
  /// What the comparison says beyond its rows: time that cannot fail with these
  /// repetitions, unstable and time-limited jobs, the confirmation re-run.
  public var regressionNotes: [String] = []
  /// Earlier runs and this one, oldest first; empty when there is no history yet.
  public var history: [HistoryPoint]
  /// The page and summary heading.
  public var title: String

  public init(results: RunResults, regressions: [RegressionRow] = [], history: [HistoryPoint] = [],
              title: String = "bcv-bench report") {
    self.results = results
    self.regressions = regressions
    self.history = history
    self.title = title
  }
}

/// How one compared metric moved between the baseline and this run.
public enum RegressionStatus: String, Sendable, Hashable, CaseIterable {
  /// Worse beyond the failure threshold (or a correct answer became wrong).
  case fail
  /// Worse beyond the warning threshold only.
  case warn
  /// Within the thresholds.
  case pass
  /// Better beyond the threshold.
  case improved
  /// Timing noise between identical runs above the threshold: shown, never failing on time.
  case unstable
  /// The answer depends on the wall-clock limit: compared for time only.
  case timeLimited = "time-limited"
  /// In this run only.
  case new
  /// In the baseline only.
  case missing

  /// The order reports list rows in: failing first, then warnings, then the jobs that
  /// appeared or disappeared, then improvements, and passing rows last.
  public var severity: Int {
    switch self {
    case .fail: 0
    case .warn: 1
    case .missing: 2
    case .timeLimited: 3
    case .unstable: 4
    case .new: 5
    case .improved: 6
    case .pass: 7
    }
  }
}

/// One row of the comparison with a baseline. Values are preformatted by the comparison
/// (e.g. "0.0123 s", "+12.5%") and shown as given.
public struct RegressionRow: Sendable, Hashable {
  /// The compared job, `JobRecord.jobKey` ("case|strategy|samples|workers|cache"), or a
  /// coarser key such as a strategy name for aggregate metrics.
  public var jobKey: String
  /// What was compared: "accuracy", "seconds", "evaluations", "cache hit rate", …
  public var metric: String
  public var baseline: String
  public var candidate: String
  public var change: String
  public var status: RegressionStatus
  /// Why the status was given, e.g. "slower by 35% (threshold 20%)".
  public var detail: String

  public init(jobKey: String, metric: String, baseline: String, candidate: String, change: String,
              status: RegressionStatus, detail: String = "") {
    self.jobKey = jobKey
    self.metric = metric
    self.baseline = baseline
    self.candidate = candidate
    self.change = change
    self.status = status
    self.detail = detail
  }

  /// The case and strategy named by `jobKey`, when it is a job key ("case|strategy|…").
  var caseAndStrategy: (caseID: String, strategy: String)? {
    let parts = jobKey.split(separator: "|", omittingEmptySubsequences: false)
    guard parts.count >= 2 else { return nil }
    return (String(parts[0]), String(parts[1]))
  }

  /// Rows sorted for display: by status severity (failing first), then job key, then metric.
  static func sortedForDisplay(_ rows: [RegressionRow]) -> [RegressionRow] {
    rows.sorted {
      if $0.status.severity != $1.status.severity { return $0.status.severity < $1.status.severity }
      if $0.jobKey != $1.jobKey { return ReportFormat.byteOrder($0.jobKey, $1.jobKey) }
      return ReportFormat.byteOrder($0.metric, $1.metric)
    }
  }
}

/// One earlier run's headline numbers, for trend charts.
public struct HistoryPoint: Sendable, Hashable {
  /// A short name for the run on the chart's x axis, e.g. a date or run number.
  public var label: String
  public var commit: String
  /// Total wall seconds of each strategy's jobs in that run.
  public var secondsByStrategy: [String: Double]
  /// Each strategy's accuracy in that run: correct answers as a fraction of scored ones.
  public var accuracyByStrategy: [String: Double]
  /// Cache hits as a fraction of lookups; nil when the run made no lookups.
  public var cacheHitRate: Double?
  /// Whether the history analysis found a change point at this run.
  public var changePoint: Bool

  public init(label: String, commit: String, secondsByStrategy: [String: Double] = [:],
              accuracyByStrategy: [String: Double] = [:], cacheHitRate: Double? = nil, changePoint: Bool = false) {
    self.label = label
    self.commit = commit
    self.secondsByStrategy = secondsByStrategy
    self.accuracyByStrategy = accuracyByStrategy
    self.cacheHitRate = cacheHitRate
    self.changePoint = changePoint
  }
}
