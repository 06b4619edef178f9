import BCVExpression
import BCVNumerics

/// The portfolio: chooses strategies per obligation from its features and combines them.
///
/// 1. A cheap refuter first — `adaptive` — since a confirmed counterexample
///    ends the matter with certainty.
/// 2. Then provers in an order fitted to the obligation: for polynomial obligations of
///    dimension ≤ 4, `symbolic` (exact; proves tangent cases), then `interval`, then `smt`;
///    for higher dimensions `interval` before `symbolic`; for non-polynomial ones
///    `interval`, then `smt`.
/// 3. Cross-check by construction: a refuter's confirmed counterexample is certain and is
///    returned before any prover runs; a prover's `violated` is confirmed exactly too; a
///    prover's proof is consulted only when the refuter found no confirmed violation. So
///    two certain answers can never contradict each other in what `auto` reports, and a
///    sampling "holds" never upgrades to a proof.
///
/// `auto` reports `holds(proof: true)` only when a sound strategy proved it; when none could,
/// it falls back to the refuter's `holds(proof: false)` with its statistical bound, or to
/// `unknown`. `decidedBy` names the strategy whose answer is reported. Work counters are the
/// sums over every strategy run. Each strategy gets the full settings — its own time limit,
/// and the external solver, so `auto` with z3 runs `smt` with z3 — and a member that says
/// who decided (`smt` whose solver proved it) keeps its word in `decidedBy`. The external
/// solver a member consulted, and its status, stay on the answer whoever gave it (a missing
/// solver marks the answer as depending on the machine).
public struct AutoStrategy: Strategy {
  public let id = StrategyID.auto
  public let isSound = true

  public init() {}

  /// The refuter run first.
  static let refuter = StrategyID.adaptive

  /// The provers to try for this obligation, in order.
  func provers(for obligation: Obligation) -> [any Strategy] {
    let order: [StrategyID]
    if obligation.isPolynomial {
      order = obligation.dimension <= 4 ? [.symbolic, .interval, .smt] : [.interval, .symbolic, .smt]
    } else {
      order = [.interval, .smt]
    }
    return order.map { $0.make() }
  }

  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    var evaluations = 0, boxes = 0
    var timeLimited = false
    var consulted: (solver: String, status: String?)?
    func finish(_ r: ObligationResult, by strategy: String) -> ObligationResult {
      var out = r
      if out.solver == nil, let consulted {
        out.solver = consulted.solver
        out.solverStatus = consulted.status
      }
      out.evaluations = evaluations
      out.boxes = boxes
      out.decidedBy = r.decidedBy ?? strategy
      out.hitTimeLimit = timeLimited || r.dependsOnTime
      return out
    }
    let fallback = Self.refuter.make().decide(compiled, settings: settings)
    evaluations += fallback.evaluations
    boxes += fallback.boxes
    timeLimited = timeLimited || fallback.dependsOnTime
    if case .violated = fallback.status { return finish(fallback, by: Self.refuter.name) }
    var unknownReasons: [UnknownReason] = []
    for prover in provers(for: compiled.obligation) {
      let r = prover.decide(compiled, settings: settings)
      if let solver = r.solver { consulted = (solver, r.solverStatus) }
      evaluations += r.evaluations
      boxes += r.boxes
      timeLimited = timeLimited || r.dependsOnTime
      switch r.status {
      case .holds(proof: true):
        return finish(r, by: prover.name)
      case .violated:
        return finish(r, by: prover.name)
      case .holds(proof: false):
        break
      case .unknown(let reason):
        unknownReasons.append(reason.prefixed("\(prover.name): "))
      }
    }
    // No prover decided: the refuter's statistical answer, else every reason.
    guard case .unknown(let why) = fallback.status else { return finish(fallback, by: Self.refuter.name) }
    let reason = UnknownReason.combining([why] + unknownReasons)
    return finish(ObligationResult(condition: compiled.obligation.condition, status: .unknown(reason)), by: "none")
  }
}
