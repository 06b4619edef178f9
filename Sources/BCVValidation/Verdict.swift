import BCVNumerics

/// How a counterexample was confirmed. Either way the violation is certain: rational
/// evaluation is exact, and interval evaluation at the point encloses the true value.
public enum Confirmation: String, Sendable, Hashable {
  case exactRational = "exact"
  case intervalArithmetic = "interval"
}

/// A point of an obligation's region at which the obligation certainly fails.
public struct Counterexample: Sendable, Hashable {
  public let point: [Double]
  /// The expression's value at the point (rounded to Double for display).
  public let value: Double
  public let confirmation: Confirmation
  /// The exact point, when the violation was confirmed at a rational point that is not a
  /// vector of doubles (`point` then holds its coordinates rounded to nearest, for
  /// display only; the violation is certain at `exactPoint`, not necessarily at `point`).
  public let exactPoint: [Rational]?

  public init(point: [Double], value: Double, confirmation: Confirmation, exactPoint: [Rational]? = nil) {
    self.point = point
    self.value = value
    self.confirmation = confirmation
    self.exactPoint = exactPoint
  }

  /// The exact coordinates as `p/q` texts, the form results and cache entries store.
  public var exactPointText: [String]? { exactPoint?.map(\.description) }

  /// Reads coordinates written as `p/q` or integers; nil if any is malformed or has a
  /// zero denominator.
  public static func parseExactPoint(_ texts: [String]) -> [Rational]? {
    var result: [Rational] = []
    for t in texts {
      let parts = t.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 1 || parts.count == 2, let n = BigInt(parts[0]) else { return nil }
      let d = parts.count == 2 ? BigInt(parts[1]) : BigInt(1)
      guard let d, !d.isZero else { return nil }
      result.append(Rational(n, d))
    }
    return result
  }
}

/// A strategy's answer for one obligation.
public enum ObligationStatus: Sendable, Hashable {
  /// No violation exists (`proof: true`) or none was found (`proof: false`).
  case holds(proof: Bool)
  /// A certain counterexample.
  case violated(Counterexample)
  /// Undecided, with the reason (timeout, budget, round-off, not applicable, …).
  case unknown(UnknownReason)
}

/// One obligation's outcome with the work it took. Work counters are deterministic: the
/// same seed and settings give the same counts for any worker count.
public struct ObligationResult: Sendable, Hashable {
  public var condition: ConditionName
  public var status: ObligationStatus
  /// Points at which the whole tape was evaluated.
  public var evaluations: Int = 0
  /// Boxes examined by branch-and-bound strategies.
  public var boxes: Int = 0
  /// Sampling: points that landed in the region (the n of the statistical bound).
  public var samplesInRegion: Int = 0
  /// Sampling with no violation: with confidence `confidence`, the fraction of the region
  /// that violates the obligation is below this bound (ln(1/α)/n, α = 1 − confidence).
  public var violationFractionBound: Double?
  public var confidence: Double?
  /// The largest value of the obligation's expression seen (its margin is −worstValue).
  public var worstValue: Double?
  /// Branch-and-bound answering unknown: the fraction of the region's volume left undecided.
  public var undecidedFraction: Double?
  /// For portfolio strategies (`auto`): the strategy whose answer this is.
  public var decidedBy: String?
  /// Breadth-first branch-and-bound (`interval`): the waves the search ran. Each wave
  /// depends on the one before, so this is the critical path in boxes examined one after
  /// another, and `boxes / waves` bounds the speedup any number of workers can give.
  /// Deterministic; nil for strategies that do not search in waves.
  public var waves: Int?
  /// Some part of the work stopped at the time limit, so the counters (and possibly the
  /// answer) depend on the machine's speed: such results are neither cached nor compared
  /// for work.
  public var hitTimeLimit = false

  /// Whether this result depends on a time limit having been reached.
  public var dependsOnTime: Bool {
    if hitTimeLimit { return true }
    if case .unknown(let reason) = status { return reason.dependsOnTime }
    return false
  }
  /// Whether this result says more about the machine than about the problem: a time limit
  /// was reached, or an external solver it needed was not installed. Such results are
  /// never cached (the cache key cannot know either).
  public var dependsOnMachine: Bool {
    if dependsOnTime || solverStatus == SolverChoice.unavailable { return true }
    if case .unknown(let reason) = status { return reason.kind == .solverUnavailable }
    return false
  }

  /// For external solvers: the solver's name and its overall status (`sat`, `unsat`,
  /// `unknown`, `timeout`, `unavailable`, …).
  public var solver: String?
  public var solverStatus: String?

  public init(condition: ConditionName, status: ObligationStatus) {
    self.condition = condition
    self.status = status
  }
}

/// The verdict on a whole case.
public enum VerdictKind: String, Sendable, Hashable, CaseIterable {
  case valid, invalid, unknown
}

/// A case's verdict, combined from its obligations: `invalid` as soon as one obligation is
/// violated (the first in the order initial, unsafe, flow is named), `valid` when all hold
/// (a proof only if every one was proved), `unknown` otherwise.
public struct Verdict: Sendable, Hashable {
  public let kind: VerdictKind
  public let proof: Bool
  public let violates: ConditionName?
  public let counterexample: Counterexample?
  public let reason: String?
  public let obligations: [ObligationResult]

  /// A verdict as stored elsewhere (a results file, another validator's answer, a job that
  /// never ran), taken as given: use `init(combining:)` for answers of this build.
  public init(kind: VerdictKind, proof: Bool, violates: ConditionName? = nil, counterexample: Counterexample? = nil,
              reason: String? = nil, obligations: [ObligationResult] = []) {
    self.kind = kind
    self.proof = proof
    self.violates = violates
    self.counterexample = counterexample
    self.reason = reason
    self.obligations = obligations
  }

  public init(combining results: [ObligationResult]) {
    obligations = results
    if let violated = results.sorted(by: { $0.condition < $1.condition }).first(where: {
      if case .violated = $0.status { return true } else { return false }
    }), case .violated(let cex) = violated.status {
      kind = .invalid
      proof = true
      violates = violated.condition
      counterexample = cex
      reason = nil
      return
    }
    violates = nil
    counterexample = nil
    let unknowns = results.compactMap { r -> String? in
      if case .unknown(let why) = r.status { return "\(r.condition.rawValue): \(why)" }
      return nil
    }
    if !unknowns.isEmpty {
      kind = .unknown
      proof = false
      reason = unknowns.joined(separator: "; ")
    } else {
      kind = .valid
      proof = results.allSatisfy { $0.status == .holds(proof: true) }
      reason = nil
    }
  }

  public var evaluations: Int { obligations.reduce(0) { $0 + $1.evaluations } }
  public var boxes: Int { obligations.reduce(0) { $0 + $1.boxes } }
}
