import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

@Suite struct UniformSampling {
  let vars = ["x1", "x2"]

  /// ẋ = −x with B = x1² + x2² − 1: valid (Ḃ = −2|x|² ≤ 0).
  func validProblem() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// A rotation ẋ = (x2, −x1) + small outward push: the flow condition fails.
  func invalidProblem() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["x2 + 0.1*x1", "-x1"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  @Test func findsTheCounterexampleOfAnInvalidCase() throws {
    let verdict = SamplingStrategy().validate(try compiled(invalidProblem()), settings: StrategySettings())
    #expect(verdict.kind == .invalid)
    #expect(verdict.violates == .flow)
    let cex = try #require(verdict.counterexample)
    #expect(cex.confirmation == .exactRational)
    // Ḃ = 0.2·x1² > 0 at the point.
    #expect(0.2 * cex.point[0] * cex.point[0] > 0)
  }

  @Test func answersValidButNotAProofWithTheStatisticalBound() throws {
    var settings = StrategySettings()
    settings.samples = 4000
    let verdict = SamplingStrategy().validate(try compiled(validProblem()), settings: settings)
    #expect(verdict.kind == .valid)
    #expect(verdict.proof == false)
    let flow = verdict.obligations[2]
    #expect(flow.samplesInRegion == 4000)
    let bound = try #require(flow.violationFractionBound)
    #expect(Swift.abs(bound - 4.60517018598809 / 4000) < 1e-12)
  }

  @Test func aThinSetThatNoSampleHitsIsUnknownNotValid() throws {
    // A thin ring: contraction cannot shrink its bounding box (a thin disk would get its own
    // box, see `FusedSampling`), so no draw of the domain box lands in it.
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(vars, ["(x1^2 + x2^2 - 1)^2 <= 0.000000000000000001"]),
                            unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                            certificate: "x1^2 + x2^2 - 1")
    var settings = StrategySettings()
    settings.samples = 10_000
    let verdict = SamplingStrategy().validate(try compiled(p), settings: settings)
    #expect(verdict.kind == .unknown)
    if case .unknown(let reason) = verdict.obligations[0].status {
      #expect(reason.kind == .noSamples)
      #expect(reason.detail.contains("no sample landed"))
    } else {
      Issue.record("initial should be unknown, got \(verdict.obligations[0].status)")
    }
  }

  @Test func undefinedValuesNeverCountAsHolding() throws {
    // log(x1) is undefined on half the domain.
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-1, 1), (-1, 1)],
                            initial: StateSet(box: [0: Bounds(-1, 1)]), unsafe: StateSet(box: [0: Bounds(2, 2)]),
                            certificate: "log(x1) - 10")
    let verdict = SamplingStrategy().validate(try compiled(p), settings: StrategySettings())
    #expect(verdict.kind != .valid)
    if case .unknown(let reason) = verdict.obligations[0].status {
      #expect(reason.kind == .undefined)
      #expect(reason.detail.contains("undefined"))
    } else {
      Issue.record("initial should be unknown, got \(verdict.obligations[0].status)")
    }
  }

  @Test func aStrategyOverItsTimeBudgetStopsWithUnknownTimeout() throws {
    var settings = StrategySettings()
    settings.samples = 50_000_000
    settings.timeLimit = 0.05
    let verdict = SamplingStrategy().validate(try compiled(validProblem()), settings: settings)
    #expect(verdict.kind == .unknown)
    for o in verdict.obligations {
      if case .unknown(let reason) = o.status { #expect(reason.kind == .timeout && reason.detail.hasPrefix("timeout")) } else {
        Issue.record("\(o.condition) should have timed out, got \(o.status)")
      }
    }
  }

  @Test func sameSeedGivesIdenticalResultsForAnyWorkerCount() throws {
    for problem in [try validProblem(), try invalidProblem()] {
      let obligations = try compiled(problem)
      var verdicts: [Verdict] = []
      for workers in [1, 2, 3, 8] {
        var settings = StrategySettings()
        settings.samples = 20_000
        settings.seed = 42
        settings.workers = workers
        verdicts.append(SamplingStrategy().validate(obligations, settings: settings))
      }
      for v in verdicts.dropFirst() { #expect(v == verdicts[0]) }
    }
  }

  @Test func differentSeedsDrawDifferentPoints() throws {
    let obligations = try compiled(invalidProblem())
    var a = StrategySettings(), b = StrategySettings()
    a.seed = 1
    b.seed = 2
    let va = SamplingStrategy().validate(obligations, settings: a)
    let vb = SamplingStrategy().validate(obligations, settings: b)
    #expect(va.counterexample != vb.counterexample)
  }

  @Test func nonPolynomialCounterexamplesAreConfirmedWithIntervals() throws {
    let p = try makeProblem(variables: vars, dynamics: ["sin(x1)", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: StateSet(box: [0: Bounds(-1, 1)]), unsafe: StateSet(box: [0: Bounds(5, 5)]),
                            certificate: "x1^2 - 10")
    let verdict = SamplingStrategy().validate(try compiled(p), settings: StrategySettings())
    #expect(verdict.kind == .invalid)
    #expect(verdict.violates == .flow)
    #expect(verdict.counterexample?.confirmation == .intervalArithmetic)
  }
}
