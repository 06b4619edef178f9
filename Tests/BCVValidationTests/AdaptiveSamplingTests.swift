import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

@Suite struct AdaptiveSampling {
  let vars = ["x1", "x2"]

  /// B = x1² + x2² − 1 with ẋ = (−x1, −x2 + 0.01): Ḃ = −2(x1² + x2² − 0.01·x2) > 0 only in the
  /// disk of radius 0.005 around (0, 0.005), about 5·10⁻⁶ of the domain.
  func shiftedFocus() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2 + 0.01"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// The unsafe disk reaches 0.001 into B ≤ 0: violated on a lens of about 2·10⁻⁵ of the
  /// unsafe disk (and a tenth of that of its box). Needs the constraint boundary followed.
  func touchingUnsafeSet() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: try whereSet(vars, ["(x1 - 1.7)^2 + x2^2 <= 0.491401"]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// Level-set condition on the band 0 ≤ B ≤ 0.1 with a narrow exp bump on the level set B = 0:
  /// f = (−x1 + 1.005·exp(−100·((x1 − 1)² + x2²)), −x2), so Ḃ = −2|x|² + 2.01·x1·bump is
  /// positive only within about 0.01 of (1, 0). Confirmed with intervals.
  func bumpOnTheLevelSet() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1 + 1.005*exp(-100*((x1 - 1)^2 + x2^2))", "-x2"],
                    domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1", condition: .levelSet(c1: 0, c2: Rational(1) / Rational(10)))
  }

  func validProblem() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  func settings(seed: UInt64, samples: Int, workers: Int = 1) -> StrategySettings {
    var s = StrategySettings()
    s.seed = seed
    s.samples = samples
    s.workers = workers
    return s
  }

  /// Adaptive finds a confirmed counterexample of `condition` with fewer evaluations than
  /// uniform sampling needs with the same seed, and sampling given only as many misses it.
  func expectFasterThanSampling(_ problem: BarrierProblem, _ condition: ConditionName,
                                confirmation: BCVValidation.Confirmation, seeds: ClosedRange<UInt64>) throws {
    let obligation = try #require(try compiled(problem).first { $0.obligation.condition == condition })
    for seed in seeds {
      let adaptive = AdaptiveSamplingStrategy().decide(obligation, settings: settings(seed: seed, samples: 200_000))
      guard case .violated(let cex) = adaptive.status else {
        Issue.record("seed \(seed): adaptive did not find the violation: \(adaptive.status)")
        continue
      }
      #expect(cex.confirmation == confirmation)
      #expect(CounterexampleCheck.confirm(cex.point, piece: 0, in: obligation) != nil)
      #expect(adaptive.evaluations < 5_000)
      let uniform = SamplingStrategy().decide(obligation, settings: settings(seed: seed, samples: 200_000))
      #expect(adaptive.evaluations < uniform.evaluations, "seed \(seed)")
      let sameBudget = SamplingStrategy().decide(obligation, settings: settings(seed: seed, samples: adaptive.evaluations))
      if case .violated = sameBudget.status { Issue.record("seed \(seed): sampling found it with \(adaptive.evaluations) points") }
    }
  }

  @Test func findsANarrowFlowViolationFasterThanUniformSampling() throws {
    try expectFasterThanSampling(shiftedFocus(), .flow, confirmation: .exactRational, seeds: 1...3)
  }

  @Test func followsAConstraintBoundaryToAnUnsafeSetThatBarelyTouches() throws {
    try expectFasterThanSampling(touchingUnsafeSet(), .unsafe, confirmation: .exactRational, seeds: 1...3)
  }

  @Test func findsABumpOnTheLevelSetInsideTheBand() throws {
    try expectFasterThanSampling(bumpOnTheLevelSet(), .flow, confirmation: .intervalArithmetic, seeds: 1...3)
  }

  @Test func validCasesHoldWithTheBoundOverUniformPointsOnly() throws {
    let verdict = AdaptiveSamplingStrategy().validate(try compiled(validProblem()), settings: settings(seed: 4, samples: 5000))
    #expect(verdict.kind == .valid)
    #expect(verdict.proof == false)
    for r in verdict.obligations {
      #expect(r.status == .holds(proof: false))
      #expect(r.evaluations == 5000)
      // The local search's points are not uniform: n counts only the uniform ones.
      #expect(r.samplesInRegion > 0 && r.samplesInRegion < 5000)
      let bound = try #require(r.violationFractionBound)
      #expect(Swift.abs(bound - 4.60517018598809 / Double(r.samplesInRegion)) < 1e-12)
      #expect(r.confidence == 0.99)
    }
    // On the flow obligation the search climbs to the maximum Ḃ = 0 at the origin.
    #expect(try #require(verdict.obligations[2].worstValue) > -1e-6)
  }

  @Test func sameSeedGivesIdenticalResultsForAnyWorkerCount() throws {
    for problem in [try validProblem(), try shiftedFocus(), try touchingUnsafeSet()] {
      let obligations = try compiled(problem)
      let verdicts = [1, 2, 3].map {
        AdaptiveSamplingStrategy().validate(obligations, settings: settings(seed: 42, samples: 20_000, workers: $0))
      }
      for v in verdicts.dropFirst() { #expect(v == verdicts[0]) }
    }
  }

  @Test func differentSeedsSearchDifferently() throws {
    let obligations = try compiled(shiftedFocus())
    let a = AdaptiveSamplingStrategy().validate(obligations, settings: settings(seed: 1, samples: 20_000))
    let b = AdaptiveSamplingStrategy().validate(obligations, settings: settings(seed: 2, samples: 20_000))
    #expect(a.kind == .invalid && b.kind == .invalid)
    #expect(a.counterexample != b.counterexample)
  }

  @Test func aThinSetThatNoUniformSampleHitsIsUnknownNotValid() throws {
    // B < 0 on the whole (valid) thin initial disk around the origin.
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.000000001"]),
                            unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                            certificate: "x1^2 + x2^2 - 1")
    let verdict = AdaptiveSamplingStrategy().validate(try compiled(p), settings: settings(seed: 1, samples: 10_000))
    #expect(verdict.kind == .unknown)
    let initial = verdict.obligations[0]
    #expect(initial.samplesInRegion == 0)
    if case .unknown(let reason) = initial.status {
      #expect(reason.kind == .noSamples)
      #expect(reason.detail.contains("no uniform sample landed"))
    } else {
      Issue.record("initial should be unknown, got \(initial.status)")
    }
  }

  @Test func undefinedValuesNeverCountAsHolding() throws {
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-1, 1), (-1, 1)],
                            initial: StateSet(box: [0: Bounds(-1, 1)]), unsafe: StateSet(box: [0: Bounds(2, 2)]),
                            certificate: "log(x1) - 10")
    let verdict = AdaptiveSamplingStrategy().validate(try compiled(p), settings: settings(seed: 1, samples: 3000))
    #expect(verdict.kind != .valid)
    if case .unknown(let reason) = verdict.obligations[0].status {
      #expect(reason.kind == .undefined)
      #expect(reason.detail.contains("undefined"))
    } else {
      Issue.record("initial should be unknown, got \(verdict.obligations[0].status)")
    }
  }

  @Test func respectsTheBudgetAndStopsEarlyOnceConfident() throws {
    let obligations = try compiled(validProblem())
    // A budget below the initial sample: uniform points only, exactly the budget.
    let small = AdaptiveSamplingStrategy().decide(obligations[2], settings: settings(seed: 1, samples: 300))
    #expect(small.evaluations == 300)
    #expect(small.samplesInRegion == 300)
    // With a loose target the uniform points alone soon give confidence and the search stops.
    var loose = AdaptiveSamplingStrategy()
    loose.targetViolationFraction = 0.005
    let early = loose.decide(obligations[2], settings: settings(seed: 1, samples: 1_000_000))
    #expect(early.status == .holds(proof: false))
    #expect(early.samplesInRegion >= 922)
    #expect(early.evaluations < 20_000)
  }
}
