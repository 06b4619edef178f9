import BCVValidation

/// One matrix cell of a run, its repetitions folded together: what baselines store and what
/// the gate compares. Verdicts and work counters come from the first repetition (they are
/// deterministic); `seconds` keeps every repetition's time.
public struct JobSummary: Sendable, Hashable {
  public var key: String
  public var caseID: String
  public var strategy: String
  public var samples: Int
  public var workers: Int
  public var cache: String
  public var verdict: VerdictKind
  public var proof: Bool
  public var outcome: Outcome
  public var evaluations: Int
  public var boxes: Int
  public var cacheHits: Int
  public var cacheMisses: Int
  public var seconds: [Double]
  /// A repetition hit its time limit, so its counters depend on timing and are not compared.
  public var timedOut: Bool
  /// In some repetition an external solver the job needed was unavailable on the machine.
  public var solverUnavailable = false

  /// The fastest repetition: the time the job takes when nothing else interferes. Timing
  /// noise on a shared machine only ever adds time, so the minimum is far more stable
  /// between runs than the median (measured: strategy-wide ratios within ±5% in A/A runs
  /// where medians moved by up to 50%). nil when there is no repetition.
  public var fastest: Double? { seconds.min() }

  public init(key: String, caseID: String, strategy: String, samples: Int, workers: Int, cache: String,
              verdict: VerdictKind, proof: Bool, outcome: Outcome, evaluations: Int, boxes: Int, cacheHits: Int,
              cacheMisses: Int, seconds: [Double], timedOut: Bool) {
    self.key = key
    self.caseID = caseID
    self.strategy = strategy
    self.samples = samples
    self.workers = workers
    self.cache = cache
    self.verdict = verdict
    self.proof = proof
    self.outcome = outcome
    self.evaluations = evaluations
    self.boxes = boxes
    self.cacheHits = cacheHits
    self.cacheMisses = cacheMisses
    self.seconds = seconds
    self.timedOut = timedOut
  }

  public var cacheHitRate: Double? {
    let total = cacheHits + cacheMisses
    return total > 0 ? Double(cacheHits) / Double(total) : nil
  }

  /// Summaries of the records, one per job key, in the order keys first appear.
  public static func summarize(_ records: [JobRecord]) -> [JobSummary] {
    var order: [String] = []
    var byKey: [String: JobSummary] = [:]
    for r in records {
      let timedOut = r.dependsOnTime
      if var s = byKey[r.jobKey] {
        s.seconds.append(r.seconds)
        s.timedOut = s.timedOut || timedOut
        s.solverUnavailable = s.solverUnavailable || r.solverUnavailable
        byKey[r.jobKey] = s
        continue
      }
      order.append(r.jobKey)
      byKey[r.jobKey] = JobSummary(
        key: r.jobKey, caseID: r.caseID, strategy: r.strategy, samples: r.samples, workers: r.workers, cache: r.cache,
        verdict: r.verdict, proof: r.proof, outcome: r.outcome, evaluations: r.evaluations, boxes: r.boxes,
        cacheHits: r.cacheHits, cacheMisses: r.cacheMisses, seconds: [r.seconds], timedOut: timedOut)
      byKey[r.jobKey]!.solverUnavailable = r.solverUnavailable
    }
    return order.map { byKey[$0]! }
  }
}
