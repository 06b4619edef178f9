import BCVExpression
import BCVNumerics

/// Decides every piece of an obligation with an external SMT solver (default z3) on the
/// `SMTLIB2` script of the piece's negation; separate from the built-in `smt`.
///
/// Answers:
/// - `holds(proof: true)` when the solver answers `unsat` on every piece (see
///   `ExternalSolver` for why that is a proof).
/// - `violated` when a model, rounded to doubles and clamped into the piece's box, passes
///   `CounterexampleCheck`; the first such piece in order wins, for any worker count.
/// - `unknown("solver z3 …")` otherwise: solver missing (`unknown("solver z3
///   unavailable")`), timeout, error, `unknown`, dReal's `delta-sat`, or a model that
///   could not be read or confirmed.
///
/// Each piece gets what is left of `settings.timeLimit` when it starts, or
/// `defaultTimeout` seconds when there is no limit. Pieces run on up to
/// `settings.workers` solver processes at once.
///
/// ## Where the solver's name and status go
/// `ObligationResult` cannot carry them, so they travel two ways: every `unknown` reason
/// starts with `solver <name>` and names the status, and
/// `SMTExternalStrategy.decideWithReport` returns a `SolverReport` beside the result, for
/// a harness that wants the solver's name, path, per-piece statuses and time in its rows.
public struct SMTExternalStrategy: Strategy {
  /// Seconds per piece when the settings set no time limit.
  public static let defaultTimeout = 60.0

  public let id = StrategyID.smtExternal
  public let isSound = true

  public init() {}

  /// Runs `settings.solver` (z3 when none is set).
  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    var (result, report) = Self.decideWithReport(compiled, solver: settings.solver ?? .installed(.z3), settings: settings)
    result.solver = report.solver
    result.solverStatus = report.status
    return result
  }

  /// The answer for one obligation and what the solver did.
  public static func decideWithReport(_ compiled: CompiledObligation, solver choice: SolverChoice,
                                      settings: StrategySettings) -> (result: ObligationResult, report: SolverReport) {
    let obligation = compiled.obligation
    let solver = choice.solver
    var result = ObligationResult(condition: obligation.condition, status: .holds(proof: true))
    var report = SolverReport(solver: choice.description, path: nil, status: "unsat", pieceStatuses: [], elapsed: 0)
    if obligation.region.pieces.isEmpty { return (result, report) }
    guard let path = solver.locate() else {
      report.status = SolverChoice.unavailable
      result.status = .unknown(UnknownReason(.solverUnavailable, "solver \(solver.rawValue) unavailable"))
      return (result, report)
    }
    report.path = path
    let deadline = settings.timeLimit.map { Deadline(seconds: $0) }
    let answers = ParallelChunks.run(
      count: obligation.region.pieces.count, workers: settings.workers, makeWorker: { () },
      body: { _, piece -> (result: SMTPieceAnswer, stop: Bool) in
        let timeout = deadline?.remainingSeconds ?? defaultTimeout
        let answer = SMTPieceAnswer.solve(compiled, piece: piece, solver: solver, timeout: timeout)
        return (answer, answer.counterexample != nil)
      })
    for case let answer? in answers {
      report.pieceStatuses.append(answer.solver.status)
      report.elapsed += answer.solver.elapsed
      result.evaluations += answer.confirmations
      if let cex = answer.counterexample {
        report.status = answer.solver.status.description
        result.status = .violated(cex)
        return (result, report)
      }
      if answer.solver.status != .unsat, case .holds = result.status {
        report.status = answer.verdict
        result.status = .unknown(UnknownReason(answer.solver.status == .timeout ? .timeout : .solverInconclusive,
                                               "solver \(solver.rawValue): \(answer.verdict) on piece \(answer.piece + 1) of \(obligation.region.pieces.count)"))
      }
    }
    return (result, report)
  }
}

/// What the external solver did for one obligation; see `SMTExternalStrategy` for why it
/// travels beside the result.
public struct SolverReport: Sendable, Hashable {
  /// The solver's name: `z3`, `cvc5` or `dreal`.
  public var solver: String
  /// The executable run, `nil` when it was not found.
  public var path: String?
  /// The deciding status: `unsat` when every piece was unsat, `unavailable`, the status
  /// that gave the counterexample, or that of the first piece left undecided (e.g.
  /// `timeout`, `sat, model not confirmed`).
  public var status: String
  /// Each piece's status, in piece order (pieces skipped after a counterexample absent).
  public var pieceStatuses: [ExternalSolverResult.Status]
  /// Seconds the solver ran, summed over pieces.
  public var elapsed: Double

  /// `solver z3: unsat (2 pieces, 0.031 s)`.
  public var summary: String {
    let seconds = (elapsed * 1000).rounded() / 1000
    return "solver \(solver): \(status) (\(pieceStatuses.count) piece(s), \(seconds) s)"
  }
}

/// One piece's run: the solver's result, the confirmed counterexample if any, and the
/// verdict text for an undecided piece.
struct SMTPieceAnswer {
  let piece: Int
  let solver: ExternalSolverResult
  var counterexample: Counterexample?
  var confirmations = 0
  var verdict: String

  static func solve(_ compiled: CompiledObligation, piece: Int, solver: ExternalSolver, timeout: Double) -> SMTPieceAnswer {
    let obligation = compiled.obligation
    let script = SMTLIB2.script(for: obligation, piece: piece, dialect: solver.dialect)
    let run = solver.run(script: script, timeout: max(0.1, timeout))
    var answer = SMTPieceAnswer(piece: piece, solver: run, verdict: run.status.description)
    switch run.status {
    case .sat, .deltaSat:
      let symbols = SMTLIB2.symbols(for: obligation)
      let values = symbols.map { run.model[$0] }
      guard values.allSatisfy({ $0 != nil }) else {
        answer.verdict = "\(run.status), model incomplete (skipped: \(run.skippedModelValues.joined(separator: ", ")))"
        return answer
      }
      var point = values.map { $0! }
      if let inner = obligation.region.pieces[piece].box.innerDoubleBounds {
        for k in point.indices { point[k] = min(max(point[k], inner.lower[k]), inner.upper[k]) }
      }
      answer.confirmations = 1
      if let cex = CounterexampleCheck.confirm(point, piece: piece, in: compiled) {
        answer.counterexample = cex
      } else {
        answer.verdict = "\(run.status), model not confirmed at (\(point.map { "\($0)" }.joined(separator: ", ")))"
      }
    default: break
    }
    return answer
  }
}
