import BCVExpression
import BCVNumerics

/// The built-in δ-decision procedure, in the manner of dReal: branch-and-prune with HC4
/// contraction on the negation of the obligation.
///
/// For each piece (box ∩ {h ≤ 0}) the negation is x ∈ box ∧ h(x) ≤ 0 ∧ g(x) > 0 (≥ 0
/// when strict), relaxed to its closure g ≥ 0 for contraction. `BranchAndPrune` explores
/// the boxes; see `BoxExaminer` for what happens to one box and `HC4Contractor` for the
/// guarantee that contraction never loses a violating point (points where an expression
/// may be undefined count as violating, as the obligation semantics requires).
///
/// Answers:
/// - `holds(proof: true)` only when every box of every piece was refuted (the negation is
///   unsat): a proof, with outward-rounded interval arithmetic throughout.
/// - `violated` only with a point confirmed by `CounterexampleCheck` (exact rational or
///   interval evaluation). A δ-sat box is never a counterexample by itself.
/// - `unknown` otherwise, with the undecided fraction of the region's volume and a reason
///   such as "δ-sat box at [a, b] × [c, d] (δ = 0.001); N δ-sat of M boxes" or
///   "box budget exhausted (M boxes, δ = 0.001)" (see `BranchAndPrune`).
///
/// Settings: `delta`, `maxBoxes`, `timeLimit` and `workers` as documented on `StrategySettings`;
/// `minWidth`, `samples` and `seed` are not used (δ decides when boxes stop splitting, and
/// nothing is random). Results are identical for any worker count (deterministic waves,
/// see `BranchAndPrune`), except when the time limit cuts a search short.
///
/// With `settings.solver` set, an obligation the built-in search leaves `unknown` is handed
/// to that external solver (`SMTExternalStrategy`); its `unsat` proves and its confirmed
/// model refutes (`decidedBy` then says `smt-external`), and otherwise the built-in answer
/// stands with the solver's status appended. Either way the result names the solver with
/// its version and status (`solver`, `solverStatus`).
public struct SMTStrategy: Strategy {
  public let id = StrategyID.smt
  public let isSound = true

  public init() {}

  /// Decides with δ = `settings.delta`, then hands an `unknown` to `settings.solver` if set.
  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    let obligation = compiled.obligation
    var result = ObligationResult(condition: obligation.condition, status: .holds(proof: true))
    if obligation.region.pieces.isEmpty { return result }
    let deadline = settings.timeLimit.map { Deadline(seconds: $0) }
    let search = BranchAndPrune(compiled: compiled, delta: settings.delta, settings: settings, deadline: deadline)
    let outcome = search.run()
    result.status = outcome.status
    result.boxes = outcome.boxes
    result.evaluations = outcome.evaluations
    result.undecidedFraction = outcome.undecidedFraction
    guard let solver = settings.solver, case .unknown(let reason) = outcome.status else { return result }
    var external = settings
    if let deadline { external.timeLimit = deadline.remainingSeconds }
    let (answer, report) = SMTExternalStrategy.decideWithReport(compiled, solver: solver, settings: external)
    result.solver = report.solver
    result.solverStatus = report.status
    switch answer.status {
    case .holds, .violated:
      result.status = answer.status
      result.undecidedFraction = nil
      result.decidedBy = StrategyID.smtExternal.name
    case .unknown(let theirs):
      result.status = .unknown(.combining([reason, UnknownReason(theirs.kind, "solver \(report.solver): \(report.status)")]))
    }
    result.evaluations += answer.evaluations
    return result
  }
}

extension Deadline {
  /// Seconds left before the deadline (0 once it has passed).
  var remainingSeconds: Double {
    let now = Deadline.now()
    return now >= end ? 0 : Double(end - now) / 1e9
  }
}
