/// When a difference between a baseline and a candidate counts as a regression. Every
/// metric says which direction is worse: more time, more work, fewer cache hits, and any
/// step away from a correct answer.
public struct GateThresholds: Sendable, Hashable {
  public enum Correction: String, Sendable, Hashable {
    /// Holm's step-down: controls the family-wise error rate (any false alarm at all).
    case holm
    /// Benjamini–Hochberg: controls the false discovery rate (the share of false alarms).
    case benjaminiHochberg = "bh"
  }

  /// A slowdown counts only if the ratio of medians exceeds 1 + minEffect (default 10%)…
  public var minEffect: Double = 0.10
  /// …and the one-sided Mann–Whitney test rejects at this level after correction.
  public var alpha: Double = 0.05
  /// Benjamini–Hochberg by default: with a few hundred jobs and 5–10 repetitions, Holm's
  /// family-wise bound asks for p-values the rank test cannot reach (with 5 against 5 the
  /// smallest one-sided p is 1/252), while BH still flags a slowdown shared by many jobs.
  public var correction: Correction = .benjaminiHochberg
  /// Work counters (evaluations, boxes) may grow by at most this fraction (0: not at all;
  /// they are deterministic, so any growth is a change in the algorithm).
  public var counterTolerance: Double = 0
  /// The cache hit rate may drop by at most this much (absolute, 0.05 = 5 points).
  public var cacheHitRateDrop: Double = 0.05
  /// Whether correct → unknown is allowed (a warning) instead of a failure.
  public var allowUnknown: Bool = false
  /// When set, a job's minimum effect is at least this multiple of its calibrated noise.
  public var noiseMultiple: Double?
  /// Per-strategy minimum effects, overriding `minEffect`.
  public var strategyMinEffect: [String: Double] = [:]
  /// The strategy-wide test's minimum effect as a fraction of the per-job one: the median
  /// ratio over a strategy's many jobs varies far less than one job's, so half the
  /// per-job effect (5% by default) is still well above its A/A spread.
  public var strategyWideEffectFraction = 0.5

  public init() {}

  /// The defaults: 10% effect, α = 0.05 with Benjamini–Hochberg, exact counters, 5-point cache drop.
  public static let `default` = GateThresholds()

  /// For quiet dedicated machines: 5% effect, α = 0.05.
  public static let strict: GateThresholds = {
    var t = GateThresholds()
    t.minEffect = 0.05
    return t
  }()

  /// For shared CI runners: 25% effect, α = 0.01, counters may grow 5%.
  public static let relaxed: GateThresholds = {
    var t = GateThresholds()
    t.minEffect = 0.25
    t.alpha = 0.01
    t.counterTolerance = 0.05
    return t
  }()

  public static func preset(named name: String) -> GateThresholds? {
    switch name {
    case "default": return .default
    case "strict": return .strict
    case "relaxed": return .relaxed
    default: return nil
    }
  }

  /// The minimum strategy-wide slowdown (median ratio over its jobs) that counts.
  public func strategyWideEffect(strategy: String) -> Double {
    (strategyMinEffect[strategy] ?? minEffect) * strategyWideEffectFraction
  }

  /// The minimum slowdown that counts for a job, given its strategy and calibrated noise.
  public func effect(strategy: String, noise: Double?) -> Double {
    let base = strategyMinEffect[strategy] ?? minEffect
    guard let k = noiseMultiple, let noise else { return base }
    return max(base, k * noise)
  }
}

/// Points per answer in the manner of SV-COMP: a wrong `valid` costs the most, then a
/// wrong `invalid`; a proof scores more than a probabilistic answer; unknown scores 0.
public struct ScoreTable: Sendable, Hashable {
  public var validProof = 2
  public var validProbabilistic = 1
  public var invalidCorrect = 1
  public var wrongValidProof = -32
  public var wrongValidProbabilistic = -8
  public var wrongInvalid = -16

  public init() {}

  public func score(_ job: JobSummary) -> Int {
    switch (job.outcome, job.verdict) {
    case (.correct, .valid): return job.proof ? validProof : validProbabilistic
    case (.correct, .invalid): return invalidCorrect
    case (.wrong, .valid): return job.proof ? wrongValidProof : wrongValidProbabilistic
    case (.wrong, .invalid): return wrongInvalid
    default: return 0
    }
  }
}
