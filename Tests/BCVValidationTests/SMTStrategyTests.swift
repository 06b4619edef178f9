import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

/// Problems for the smt tests. Valid ones have a positive margin on every condition (a
/// δ-decision procedure cannot prove a condition that is tight somewhere).
enum SMTProblems {
  static let vars = ["x1", "x2"]

  /// ẋ = (x2 − x1³ − x1, −x1 − x2³), B = x1² + x2² − 1 with level sets c1 = −1/2,
  /// c2 = 1/2: Ḃ = −2x1⁴ − 2x1² − 2x2⁴ < 0 on the band 1/2 ≤ |x|² ≤ 3/2.
  static func validPolynomial() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["x2 - x1^3 - x1", "-x1 - x2^3"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1",
                    condition: .levelSet(c1: Rational(-1) / Rational(2), c2: Rational(1) / Rational(2)))
  }

  /// ẋ = (−sin x1, −x2), same certificate and band: Ḃ = −2·x1·sin x1 − 2x2² < 0 there,
  /// since x1·sin x1 > 0 for 0 < |x1| ≤ 2.
  static func validSine() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-sin(x1)", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1",
                    condition: .levelSet(c1: Rational(-1) / Rational(2), c2: Rational(1) / Rational(2)))
  }

  /// An outward push makes Ḃ = 0.2·x1² > 0 off the x2 axis: the flow condition fails.
  static func invalidPolynomial() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["x2 + 0.1*x1", "-x1"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// ẋ = ((x2 − x1)/2, (x1 − x2)/2), B = x1² + x2² − 1: Ḃ = −(x1 − x2)² ≤ 0, valid but
  /// tight on the whole diagonal (a δ-decision procedure cannot prove it; z3 can).
  static func tightOnTheDiagonal() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["(x2 - x1)/2", "(x1 - x2)/2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// B = x1² − 2 on the unsafe set {x1² ≥ 2}: B > 0 fails exactly at x1 = √2, which no
  /// double hits. The strict unsafe obligation has zero margin: never provable, and no
  /// counterexample can be confirmed.
  static func zeroMarginStrict() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(0, 2), (-1, 1)],
                    initial: try whereSet(vars, ["x1 <= 0.5"]),
                    unsafe: try whereSet(vars, ["2 <= x1^2"]),
                    certificate: "x1^2 - 2")
  }
}

@Suite struct SMTStrategyTests {
  @Test func isRegisteredAfterTheSamplingStrategies() throws {
    let names = StrategyCatalog.names
    let smt = try #require(names.firstIndex(of: "smt"))
    let external = try #require(names.firstIndex(of: "smt-external"))
    let sampling = try #require(names.firstIndex(of: "sampling"))
    #expect(sampling < smt && smt < external)
    #expect(SMTStrategy().isSound && StrategySettings().delta == 1e-3)
    #expect(SMTExternalStrategy().isSound && SMTExternalStrategy().name == "smt-external")
    var cvc5 = StrategySettings()
    cvc5.solver = SolverChoice(.cvc5, version: "1.1")
    #expect(StrategyConfiguration(.smtExternal, settings: cvc5).label == "smt-external+cvc5")
    #expect(StrategyConfiguration(.smt, settings: cvc5).label == "smt+cvc5")
    #expect(StrategyConfiguration(.interval, settings: cvc5).label == "interval")
  }

  @Test func provesAValidPolynomialCase() throws {
    let verdict = SMTStrategy().validate(try compiled(SMTProblems.validPolynomial()), settings: StrategySettings())
    #expect(verdict.kind == .valid && verdict.proof, "\(verdict.reason ?? "")")
    for o in verdict.obligations {
      #expect(o.status == .holds(proof: true))
      #expect(o.boxes > 0 && o.evaluations >= o.boxes)
    }
  }

  @Test func provesAValidSineCase() throws {
    let verdict = SMTStrategy().validate(try compiled(SMTProblems.validSine()), settings: StrategySettings())
    #expect(verdict.kind == .valid && verdict.proof, "\(verdict.reason ?? "")")
  }

  @Test func findsAConfirmedCounterexample() throws {
    let verdict = SMTStrategy().validate(try compiled(SMTProblems.invalidPolynomial()), settings: StrategySettings())
    #expect(verdict.kind == .invalid)
    #expect(verdict.violates == .flow)
    let cex = try #require(verdict.counterexample)
    #expect(cex.confirmation == .exactRational)
    #expect(cex.point[0] != 0 && Swift.abs(cex.point[0]) <= 2 && Swift.abs(cex.point[1]) <= 2)
  }

  @Test func zeroMarginStrictIsUnknownNeverValid() throws {
    let obligations = try compiled(SMTProblems.zeroMarginStrict())
    let unsafe = SMTStrategy().decide(obligations[1], settings: StrategySettings())
    guard case .unknown(let reason) = unsafe.status else {
      Issue.record("expected unknown, got \(unsafe.status)")
      return
    }
    #expect(reason.kind == .deltaSat)
    #expect(reason.detail.contains("δ-sat box at") && reason.detail.contains("δ = 0.001"), "\(reason)")
    #expect(reason.detail.contains("of \(unsafe.boxes) boxes"))
    let fraction = try #require(unsafe.undecidedFraction)
    #expect(fraction > 0 && fraction < 0.01)
  }

  @Test func budgetsGiveUnknown() throws {
    var settings = StrategySettings()
    settings.maxBoxes = 5
    let flow = try compiled(SMTProblems.validSine())[2]
    let result = SMTStrategy().decide(flow, settings: settings)
    #expect(result.boxes == 5)
    guard case .unknown(let reason) = result.status else {
      Issue.record("expected unknown, got \(result.status)")
      return
    }
    #expect(reason.kind == .budget)
    #expect(reason.detail.contains("box budget exhausted"))
    settings = StrategySettings()
    settings.timeLimit = 0
    guard case .unknown(let why) = SMTStrategy().decide(flow, settings: settings).status else {
      Issue.record("expected a timeout")
      return
    }
    #expect(why.kind == .timeout)
    #expect(why.detail.contains("timeout"))
  }

  @Test func resultsAreIdenticalForAnyWorkerCount() throws {
    let problems = [try SMTProblems.validPolynomial(), try SMTProblems.validSine(),
                    try SMTProblems.invalidPolynomial(), try SMTProblems.zeroMarginStrict()]
    for problem in problems {
      let obligations = try compiled(problem)
      var verdicts: [Verdict] = []
      for workers in [1, 2, 3] {
        var settings = StrategySettings()
        settings.workers = workers
        verdicts.append(SMTStrategy().validate(obligations, settings: settings))
      }
      for v in verdicts.dropFirst() { #expect(v == verdicts[0]) }
    }
  }

  /// Ḃ = −(x1 − x2)² ≤ 0 holds but is tight on the diagonal, where interval enclosures
  /// of the expanded form straddle 0: δ-sat there, so unknown, and a coarser δ stops
  /// splitting sooner.
  @Test func aTightValidConditionIsUnknownAndDeltaSetsTheWork() throws {
    let problem = try SMTProblems.tightOnTheDiagonal()
    let flow = try compiled(problem)[2]
    var fineSettings = StrategySettings(), coarseSettings = StrategySettings()
    fineSettings.delta = 2e-2
    coarseSettings.delta = 1e-1
    let fine = SMTStrategy().decide(flow, settings: fineSettings)
    let coarse = SMTStrategy().decide(flow, settings: coarseSettings)
    #expect(coarse.boxes < fine.boxes, "\(coarse.boxes) vs \(fine.boxes)")
    for (result, delta) in [(fine, "0.02"), (coarse, "0.1")] {
      guard case .unknown(let reason) = result.status else {
        Issue.record("expected unknown, got \(result.status)")
        continue
      }
      #expect(reason.kind == .deltaSat && reason.detail.contains("δ = \(delta)"), "\(reason)")
    }
  }
}
