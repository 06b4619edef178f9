import BCVExpression
import BCVNumerics

/// The symbolic strategy: exact decisions for polynomial obligations.
///
/// Applies when the obligation's expression g and every region constraint are
/// polynomials (`Expr.polynomial`); anything else is `unknown("not applicable: …")` at
/// once. Then, all in exact rational arithmetic:
/// 1. an empty region holds;
/// 2. `GlobalSignCheck` tries to prove g ≤ 0 (< 0 when strict) on all of ℝⁿ: all-even
///    monomials with non-positive coefficients, or degree ≤ 2 with an exact supremum;
/// 3. otherwise `SymbolicSearch` runs Bernstein branch-and-bound on every piece.
///
/// Answers: `holds(proof: true)` only when one of these proofs covers the whole region;
/// `violated` only at a point whose coordinates are exactly doubles, where exact
/// evaluation shows every constraint ≤ 0 and g > 0 (g ≥ 0 when strict), confirmed by
/// `CounterexampleCheck` (`Confirmation.exactRational`); `unknown` otherwise, with the
/// reason and, for an unfinished search, the approximate undecided fraction of the
/// region's volume.
///
/// Budgets: `settings.maxBoxes` boxes examined, `settings.maxCoefficients` exact
/// Bernstein coefficients computed (deterministic, so a gating suite's verdicts do not
/// depend on the machine's speed) and `settings.timeLimit` seconds (a safety net) per
/// obligation; boxes narrower than `settings.minWidth` on every side are not split.
/// Expansions are refused (not applicable) beyond `maxBernsteinCoefficients` coefficients
/// or `maxDegreePerVariable` per variable. The search is sequential and deterministic:
/// `settings.workers` and `settings.seed` do not affect it.
public struct SymbolicStrategy: Strategy {
  public let id = StrategyID.symbolic
  public let isSound = true
  /// The most Bernstein coefficients, Π(d_i + 1), of any one polynomial.
  public static let maxBernsteinCoefficients = 200_000
  /// The highest degree in any one variable.
  public static let maxDegreePerVariable = 100

  public init() {}

  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    let obligation = compiled.obligation
    var result = ObligationResult(condition: obligation.condition, status: .holds(proof: true))
    if obligation.region.pieces.isEmpty { return result }
    let deadline = settings.timeLimit.map { Deadline(seconds: $0) }
    guard let system = PolynomialObligation(obligation) else {
      let why = obligation.isPolynomial ? "polynomial too large to expand" : "not polynomial"
      result.status = .unknown(UnknownReason(.notApplicable, "not applicable: \(why)"))
      return result
    }
    if GlobalSignCheck.provesNonPositive(system.expression, strict: system.strict) { return result }
    if let why = system.expansionLimitExceeded(
      maxCoefficients: Self.maxBernsteinCoefficients, maxDegree: Self.maxDegreePerVariable) {
      result.status = .unknown(UnknownReason(.notApplicable, "not applicable: \(why)"))
      return result
    }
    var search = SymbolicSearch(system: system, compiled: compiled, settings: settings, deadline: deadline)
    let outcome = search.run()
    result.status = outcome.status
    result.undecidedFraction = outcome.undecidedFraction
    result.boxes = search.boxes
    result.evaluations = search.evaluations
    return result
  }
}
