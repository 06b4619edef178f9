import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

/// The `smt-external` strategy. Tests that need a solver are skipped (and reported as
/// skipped) when it is not installed; none of them can fail for lack of one.
@Suite struct SMTExternalTests {
  static let z3Installed = ExternalSolver.z3.locate() != nil

  @Test(.enabled(if: z3Installed, "z3 is not installed"))
  func z3ProvesAValidPolynomialCase() throws {
    let obligations = try compiled(SMTProblems.validPolynomial())
    for o in obligations {
      let (result, report) = SMTExternalStrategy.decideWithReport(o, solver: .installed(.z3), settings: StrategySettings())
      #expect(result.status == .holds(proof: true), "\(o.obligation.condition): \(result.status)")
      #expect(report.solver.hasPrefix("z3 ") && report.status == "unsat" && report.path != nil)
      #expect(report.pieceStatuses.count == o.obligation.region.pieces.count)
      #expect(report.pieceStatuses.allSatisfy { $0 == .unsat })
    }
  }

  @Test(.enabled(if: z3Installed, "z3 is not installed"))
  func z3FindsAConfirmedCounterexample() throws {
    let flow = try compiled(SMTProblems.invalidPolynomial())[2]
    let (result, report) = SMTExternalStrategy.decideWithReport(flow, solver: .installed(.z3), settings: StrategySettings())
    guard case .violated(let cex) = result.status else {
      Issue.record("expected a counterexample, got \(result.status)")
      return
    }
    #expect(cex.confirmation == .exactRational)
    #expect(report.status == "sat")
    #expect(SMTExternalStrategy().validate(try compiled(SMTProblems.invalidPolynomial()),
                                           settings: StrategySettings()).kind == .invalid)
  }

  /// z3 has no decision procedure for sin: it must answer unknown (or fail), never
  /// prove, and the reason must name it.
  @Test(.enabled(if: z3Installed, "z3 is not installed"))
  func z3OnTranscendentalFunctionsIsUnknown() throws {
    let flow = try compiled(SMTProblems.validSine())[2]
    let (result, report) = SMTExternalStrategy.decideWithReport(flow, solver: .installed(.z3), settings: StrategySettings())
    guard case .unknown(let reason) = result.status else {
      Issue.record("z3 cannot decide sin; expected unknown, got \(result.status)")
      return
    }
    #expect(reason.detail.hasPrefix("solver z3: ") && reason.kind != .solverUnavailable, "\(reason)")
    #expect(report.status != "unsat")
  }

  @Test(.enabled(if: z3Installed, "z3 is not installed"))
  func builtInSMTFallsBackToTheSolverWhenInconclusive() throws {
    // The tight flow condition the built-in search leaves δ-sat; z3 proves it exactly.
    let problem = try SMTProblems.tightOnTheDiagonal()
    let flow = try compiled(problem)[2]
    var settings = StrategySettings()
    settings.maxBoxes = 2000
    settings.solver = .installed(.z3)
    let result = SMTStrategy().decide(flow, settings: settings)
    #expect(result.status == .holds(proof: true), "\(result.status)")
    #expect(result.boxes == 2000)
    // Who decided, with which solver, is on the result.
    #expect(result.decidedBy == "smt-external" && result.solver == settings.solver?.description && result.solverStatus == "unsat")
    // Through `auto`, which passes its settings (and so the solver) on: on sin, which
    // neither interval (with a one-box budget), the built-in search nor z3 proves, auto
    // falls back to its refuter's statistical answer, which names the solver consulted;
    // without a solver, none is named.
    let sine = try compiled(SMTProblems.validSine())[2]
    var tiny = settings
    tiny.maxBoxes = 1
    let viaAuto = AutoStrategy().decide(sine, settings: tiny)
    #expect(viaAuto.status != .holds(proof: true))
    #expect(viaAuto.solver == settings.solver?.description && viaAuto.solverStatus != nil, "\(viaAuto)")
    tiny.solver = nil
    let alone = AutoStrategy().decide(sine, settings: tiny)
    #expect(alone.solver == nil && alone.solverStatus == nil)
  }

  @Test(.enabled(if: ExternalSolver.dreal.locate() == nil, "dReal is installed here"))
  func aMissingSolverIsUnknownNeverACrash() throws {
    let flow = try compiled(SMTProblems.validPolynomial())[2]
    let (result, report) = SMTExternalStrategy.decideWithReport(flow, solver: .installed(.dreal), settings: StrategySettings())
    #expect(result.status == .unknown(UnknownReason(.solverUnavailable, "solver dreal unavailable")))
    #expect(report.solver == "dreal unavailable")
    #expect(report.status == "unavailable" && report.path == nil)
    #expect(ExternalSolver.dreal.run(script: "(check-sat)\n", timeout: 1).status == .unavailable)
  }
}
