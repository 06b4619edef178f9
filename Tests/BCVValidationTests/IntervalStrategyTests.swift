import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

/// Problems shared by the interval strategy and proof certificate tests.
enum IntervalCases {
  static let vars = ["x1", "x2"]

  /// ẋ = −x with B = x1² + x2² − 1: valid.
  static func polynomialValid() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// A rotation with an outward push: Ḃ = 0.2·x1² > 0 off the x2 axis, so flow fails.
  static func polynomialInvalid() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["x2 + 0.1*x1", "-x1"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// Ḃ = −2·x1·sin(x1) − 2·x2²·exp(x1) < 0 on a domain away from the equilibrium: valid.
  static func sinValid() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-sin(x1)", "-x2*exp(x1)"], domain: [(0.5, 2), (-1, 1)],
                    initial: StateSet(box: [0: Bounds(Rational(1) / Rational(2), 1),
                                            1: Bounds(Rational(-1) / Rational(2), Rational(1) / Rational(2))]),
                    unsafe: StateSet(box: [0: Bounds(Rational(19) / Rational(10), 2)]),
                    certificate: "x1^2 + x2^2 - 3")
  }

  /// Ḃ = x1·(x2 − x1) + x2·(x1 − x2) = −(x1 − x2)²: holds with zero margin on the diagonal.
  static func zeroMargin() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1 + x2", "x1 - x2"], domain: [(-1, 1), (-1, 1)],
                    initial: StateSet(box: [0: Bounds(Rational(-1) / Rational(10), Rational(1) / Rational(10))]),
                    unsafe: StateSet(box: [0: Bounds(1, 1)]),
                    certificate: "0.5*x1^2 + 0.5*x2^2 - 2")
  }

  /// A rotation, ẋ1 = −x2, ẋ2 = x1, with B = x1² + x2² − 1: Ḃ = −2·x1·x2 + 2·x2·x1 ≡ 0,
  /// which the natural extension and the mean-value form cannot bound by 0 on any box
  /// that does not touch an axis, but the expanded polynomial (zero) can.
  static func hamiltonian() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x2", "x1"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// g = −0.1·x1² + 0.2·x1 − 0.1 = −(x1 − 1)²/10 on [0, 2]: zero at x1 = 1, a corner of
  /// the first split. Rounded Bernstein coefficients straddle 0 there; the exact ones
  /// have maximum 0.
  static let cornerTangency = "-0.1*x1^2 + 0.2*x1 - 0.1"

  /// One obligation `expression <= 0` (or `< 0`) on a single box, for direct tests.
  static func obligation(_ expression: Expr, box: [(Double, Double)], strict: Bool = false) -> CompiledObligation {
    let bounds = box.map { Bounds(Rational(exactly: $0.0)!, Rational(exactly: $0.1)!) }
    let region = Region(pieces: [RegionPiece(box: Box(bounds: bounds), constraints: [])])
    let names = (0..<box.count).map { "x\($0 + 1)" }
    return CompiledObligation(Obligation(condition: .flow, region: region, expression: expression,
                                         strict: strict, variableNames: names))
  }

  static func settings(workers: Int = 1, maxBoxes: Int = 200_000) -> StrategySettings {
    var s = StrategySettings()
    s.workers = workers
    s.maxBoxes = maxBoxes
    return s
  }
}

@Suite struct IntervalStrategyTests {
  @Test func isRegisteredAsASoundStrategy() {
    let strategy = StrategyCatalog.named("interval")
    #expect(strategy?.isSound == true)
  }

  @Test func provesAValidPolynomialCase() throws {
    let verdict = IntervalStrategy().validate(try compiled(IntervalCases.polynomialValid()), settings: IntervalCases.settings())
    #expect(verdict.kind == .valid)
    #expect(verdict.proof)
    for o in verdict.obligations {
      #expect(o.boxes > 0)
      #expect(o.evaluations >= o.boxes)
      #expect(o.undecidedFraction == nil)
    }
  }

  @Test func findsAConfirmedCounterexampleOfAnInvalidCase() throws {
    let verdict = IntervalStrategy().validate(try compiled(IntervalCases.polynomialInvalid()), settings: IntervalCases.settings())
    #expect(verdict.kind == .invalid)
    #expect(verdict.violates == .flow)
    let cex = try #require(verdict.counterexample)
    #expect(cex.confirmation == .exactRational)
    let exact = cex.point.map { Rational(exactly: $0)! }
    #expect(exact[0] * exact[0] * Rational(1) / Rational(5) > Rational(0))
  }

  @Test func theLocalAscentReportsAStrongViolation() throws {
    // g = x1 − 1.5 on [−2, 2]: violated for x1 > 1.5; the ascent pushes to x1 = 2.
    let parser = ExprParser(variables: ["x1"])
    let o = IntervalCases.obligation(try parser.parse("x1 - 1.5"), box: [(-2, 2)])
    let result = IntervalStrategy().decide(o, settings: IntervalCases.settings())
    guard case .violated(let cex) = result.status else {
      Issue.record("expected a violation, got \(result.status)")
      return
    }
    #expect(cex.point[0] > 1.9)
  }

  @Test func zeroMarginIsUnknownNeverWrong() throws {
    let obligations = try compiled(IntervalCases.zeroMargin())
    let result = IntervalStrategy().decide(obligations[2], settings: IntervalCases.settings(maxBoxes: 3000))
    guard case .unknown(let reason) = result.status else {
      Issue.record("zero-margin flow should be unknown, got \(result.status)")
      return
    }
    #expect(reason.kind == .budget)
    #expect(reason.detail.contains("budget"))
    let fraction = try #require(result.undecidedFraction)
    #expect(fraction > 0 && fraction <= 1)
    #expect(result.boxes == 3000)
  }

  @Test func theBernsteinEnclosureProvesWhatIntervalFormsCannot() throws {
    let flow = try compiled(IntervalCases.hamiltonian())[2]
    let with = IntervalStrategy().decide(flow, settings: IntervalCases.settings())
    #expect(with.status == .holds(proof: true))
    #expect(with.boxes < 100)
    let without = IntervalStrategy(usesBernstein: false).decide(flow, settings: IntervalCases.settings(maxBoxes: 2000))
    guard case .unknown = without.status else {
      Issue.record("without Bernstein the Hamiltonian flow should stay unknown, got \(without.status)")
      return
    }
  }

  @Test func aTangencyOnABoxCornerIsDecidedByExactBernsteinCoefficients() throws {
    let g = try ExprParser(variables: ["x1"]).parse(IntervalCases.cornerTangency)
    let o = IntervalCases.obligation(g, box: [(0, 2)])
    #expect(IntervalStrategy().decide(o, settings: IntervalCases.settings()).status == .holds(proof: true))
    let without = IntervalStrategy(usesBernstein: false).decide(o, settings: IntervalCases.settings(maxBoxes: 2000))
    #expect(without.status != .holds(proof: true))
    // Strictly below 0 fails at x1 = 1 itself: a zero maximum must not prove it.
    let strict = IntervalCases.obligation(g, box: [(0, 2)], strict: true)
    let result = IntervalStrategy().decide(strict, settings: IntervalCases.settings())
    guard case .violated(let cex) = result.status else {
      Issue.record("g < 0 fails at x1 = 1, got \(result.status)")
      return
    }
    #expect(cex.point == [1])
  }

  @Test func provesANonPolynomialCase() throws {
    let verdict = IntervalStrategy().validate(try compiled(IntervalCases.sinValid()), settings: IntervalCases.settings())
    #expect(verdict.kind == .valid)
    #expect(verdict.proof)
  }

  @Test func logTouchingZeroIsNeverProved() throws {
    // log(x1) − 10 ≤ 0 on x1 ∈ [0, 1]: undefined at x1 = 0, which counts as a violation.
    let p = try makeProblem(variables: IntervalCases.vars, dynamics: ["-x1", "-x2"], domain: [(0, 1), (-1, 1)],
                            initial: StateSet(box: [0: Bounds(0, 1)]), unsafe: StateSet(box: [0: Bounds(1, 1)]),
                            certificate: "log(x1) - 10")
    let obligations = try compiled(p)
    let result = IntervalStrategy().decide(obligations[0], settings: IntervalCases.settings(maxBoxes: 2000))
    guard case .unknown(let reason) = result.status else {
      Issue.record("log touching 0 must stay unknown, got \(result.status)")
      return
    }
    #expect(reason.detail.contains("undefined"))
  }

  @Test func aBoundedFunctionOfADivisionByZeroIsNeverProved() throws {
    // atan(1/x1) − 2 ≤ 0 on [−1, 1]: Interval's `/` gives `entire` for 1/[−1, 1], and atan
    // of that is bounded by π/2 < 2, but the expression is undefined at x1 = 0.
    let parser = ExprParser(variables: ["x1"])
    for text in ["atan(1/x1) - 2", "atan(x1^-1) - 2", "tanh(1/(x1 - x1^3)) - 2"] {
      let o = IntervalCases.obligation(try parser.parse(text), box: [(-1, 1)])
      let result = IntervalStrategy().decide(o, settings: IntervalCases.settings(maxBoxes: 500))
      #expect(result.status != .holds(proof: true), "\(text)")
    }
  }

  @Test func aDiscontinuousExpressionIsNotProvedByTheMeanValueForm() throws {
    // sign(x1) − 1/2 ≤ 0 fails for x1 > 0. At the centre 0 it is −1/2 and its derivative
    // is 0, so a mean-value form would wrongly accept the whole box.
    let g = Expr.call(.sign, .variable(0)) - .constant(Rational(1) / Rational(2))
    let o = IntervalCases.obligation(g, box: [(-1, 1)])
    let result = IntervalStrategy().decide(o, settings: IntervalCases.settings())
    guard case .violated(let cex) = result.status else {
      Issue.record("expected a violation, got \(result.status)")
      return
    }
    #expect(cex.point[0] > 0)
  }

  @Test func strictObligationsNeedANegativeBound() throws {
    // −x1² < 0 fails at x1 = 0; the centre of [−1, 1] is a confirmed counterexample.
    let parser = ExprParser(variables: ["x1"])
    let o = IntervalCases.obligation(try parser.parse("-x1^2"), box: [(-1, 1)], strict: true)
    let result = IntervalStrategy().decide(o, settings: IntervalCases.settings())
    guard case .violated(let cex) = result.status else {
      Issue.record("expected a violation, got \(result.status)")
      return
    }
    #expect(cex.point == [0])
  }

  @Test func anEmptyRegionHolds() {
    let o = CompiledObligation(Obligation(condition: .unsafe, region: Region(pieces: []), expression: .one,
                                          strict: true, variableNames: ["x1"]))
    let result = IntervalStrategy().decide(o, settings: IntervalCases.settings())
    #expect(result.status == .holds(proof: true))
    #expect(result.boxes == 0)
  }

  @Test func thinConstraintSetsAreProvedAndContractionSavesBoxes() throws {
    // x1 + x2 − 1.5 ≤ 0 on the thin ring 0.99 ≤ x1² + x2² ≤ 1 (max √2 < 1.5).
    let p = try makeProblem(variables: IntervalCases.vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(IntervalCases.vars, ["x1^2 + x2^2 <= 1", "0.99 <= x1^2 + x2^2"]),
                            unsafe: StateSet(box: [0: Bounds(2, 2)]), certificate: "x1 + x2 - 1.5")
    let initial = try compiled(p)[0]
    let contracted = IntervalStrategy().decide(initial, settings: IntervalCases.settings())
    let (plain, certificate) = IntervalStrategy().prove(initial, settings: IntervalCases.settings())
    #expect(contracted.status == .holds(proof: true))
    #expect(plain.status == .holds(proof: true))
    #expect(certificate != nil)
    #expect(contracted.boxes < plain.boxes)
  }

  @Test func resultsAreIdenticalForAnyWorkerCount() throws {
    for problem in [try IntervalCases.polynomialValid(), try IntervalCases.polynomialInvalid(),
                    try IntervalCases.sinValid(), try IntervalCases.zeroMargin(), try IntervalCases.hamiltonian()] {
      let obligations = try compiled(problem)
      var verdicts: [Verdict] = []
      for workers in [1, 2, 3] {
        verdicts.append(IntervalStrategy().validate(obligations, settings: IntervalCases.settings(workers: workers, maxBoxes: 4000)))
      }
      for v in verdicts.dropFirst() { #expect(v == verdicts[0]) }
    }
  }

  @Test func exhaustingTheBudgetGivesUnknownWithAnUndecidedFraction() throws {
    let obligations = try compiled(IntervalCases.polynomialValid())
    let result = IntervalStrategy().decide(obligations[2], settings: IntervalCases.settings(maxBoxes: 3))
    guard case .unknown(let reason) = result.status else {
      Issue.record("expected unknown, got \(result.status)")
      return
    }
    #expect(reason.kind == .budget)
    #expect(reason.detail.contains("budget of 3"))
    #expect(result.boxes == 3)
    let fraction = try #require(result.undecidedFraction)
    #expect(fraction > 0 && fraction <= 1)
  }

  @Test func aPassedDeadlineGivesUnknown() throws {
    var settings = IntervalCases.settings(maxBoxes: 10_000_000)
    settings.timeLimit = 0
    let result = IntervalStrategy().decide(try compiled(IntervalCases.zeroMargin())[2], settings: settings)
    guard case .unknown(let reason) = result.status else {
      Issue.record("expected unknown, got \(result.status)")
      return
    }
    #expect(reason.kind == .timeout)
    #expect(reason.detail.contains("timeout"))
    #expect(result.undecidedFraction == 1)
  }
}
