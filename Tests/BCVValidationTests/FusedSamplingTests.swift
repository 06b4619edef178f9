import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

/// A fused sampling pass (every obligation of a case at once, points drawn once per
/// sampling box) gives exactly what separate passes give.
@Suite struct FusedSampling {
  static let vars = ["x1", "x2"]

  /// Cases: shared domain box, a multi-piece union, a thin set, a violated flow, a level set.
  static func problems() throws -> [(String, BarrierProblem)] {
    let v = vars
    let unsafeBox = StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))])
    let valid = try makeProblem(variables: v, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                                initial: try whereSet(v, ["x1^2 + x2^2 <= 0.25"]), unsafe: unsafeBox,
                                certificate: "x1^2 + x2^2 - 1")
    let union = StateSet(anyOf: [try whereSet(v, ["(x1 - 1.7)^2 + x2^2 <= 0.04"]),
                                 try whereSet(v, ["x1^2 + (x2 + 1.7)^2 <= 0.04"], box: [1: (-2, -1.5)]),
                                 try whereSet(v, ["x1 + x2 - 3.5 <= 0"], box: [0: (1.5, 2), 1: (1.5, 2)])])
    let multiPiece = try makeProblem(variables: v, dynamics: ["-x1 + x2", "-x1 - x2"], domain: [(-2, 2), (-2, 2)],
                                     initial: try whereSet(v, ["x1^2 + x2^2 <= 0.25"]), unsafe: union,
                                     certificate: "x1^2 + x2^2 - 1")
    let thin = try makeProblem(variables: v, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                               initial: try whereSet(v, ["(x1 - 0.5)^2 + x2^2 <= 0.000000001"]), unsafe: unsafeBox,
                               certificate: "x1^2 + x2^2 - 1")
    let violated = try makeProblem(variables: v, dynamics: ["x2 + 0.1*x1", "-x1"], domain: [(-2, 2), (-2, 2)],
                                   initial: try whereSet(v, ["x1^2 + x2^2 <= 0.25"]), unsafe: unsafeBox,
                                   certificate: "x1^2 + x2^2 - 1")
    let levelSet = try makeProblem(variables: v, dynamics: ["-x1 + sin(x2)", "-x2"], domain: [(-2, 2), (-2, 2)],
                                   initial: try whereSet(v, ["x1^2 + x2^2 <= 0.25"]), unsafe: unsafeBox,
                                   certificate: "x1^2 + x2^2", condition: .levelSet(c1: Rational(1) / Rational(4), c2: Rational(2)))
    return [("valid", valid), ("multi-piece", multiPiece), ("thin", thin), ("violated", violated), ("level set", levelSet)]
  }

  @Test(arguments: [1, 2])
  func aFusedPassGivesExactlyTheResultsOfSeparatePasses(workers: Int) throws {
    for (name, problem) in try Self.problems() {
      let obligations = try compiled(problem)
      var settings = StrategySettings()
      settings.samples = 30_000
      settings.seed = 7
      settings.workers = workers
      let fused = SamplingStrategy().decideAll(obligations, settings: settings)
      let separate = obligations.map { SamplingStrategy().decideAll([$0], settings: settings)[0] }
      #expect(fused == separate, "\(name), \(workers) worker(s)")
      var one = settings
      one.workers = 1
      #expect(fused == SamplingStrategy().decideAll(obligations, settings: one), "\(name): depends on workers")
    }
  }

  @Test func theViolatedCaseCarriesTheSameConfirmedCounterexample() throws {
    let (_, problem) = try Self.problems()[3]
    let obligations = try compiled(problem)
    let fused = SamplingStrategy().validate(obligations, settings: StrategySettings())
    let alone = SamplingStrategy().decide(obligations[2], settings: StrategySettings())
    #expect(fused.kind == .invalid)
    guard case .violated(let cex) = alone.status else {
      Issue.record("flow should be violated, got \(alone.status)")
      return
    }
    #expect(fused.counterexample == cex)
    #expect(fused.obligations[2].evaluations == alone.evaluations)
  }

  @Test func obligationsSharingTheDomainBoxSeeTheSamePoints() throws {
    // X₀ = {x1 ≤ 2} covers the whole domain: it samples the domain box, as flow does, so
    // both take the same draws and both land every one of them in their regions.
    let v = Self.vars
    let p = try makeProblem(variables: v, dynamics: ["x1 - 3", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(v, ["x1 <= 2"]), unsafe: StateSet(box: [0: Bounds(2, 2)]),
                            certificate: "x1 - 5")
    var settings = StrategySettings()
    settings.samples = 5000
    let results = SamplingStrategy().decideAll(try compiled(p), settings: settings)
    #expect(results[0].evaluations == 5000 && results[0].samplesInRegion == 5000)
    #expect(results[2].evaluations == 5000 && results[2].samplesInRegion == 5000)
    // B = x1 − 5 on X₀ and Ḃ = x1 − 3 on X are largest at the same draw.
    let w0 = try #require(results[0].worstValue), w2 = try #require(results[2].worstValue)
    #expect(Swift.abs(w2 - w0 - 2) < 1e-12)
  }

  @Test func aThinSetIsSampledInsideItsOwnContractedBox() throws {
    let (_, problem) = try Self.problems()[2]
    let results = SamplingStrategy().decideAll(try compiled(problem), settings: StrategySettings())
    let initial = results[0]
    #expect(initial.evaluations == 10_000)
    // The disk of radius 3·10⁻⁵ fills π/4 of its bounding box.
    #expect(initial.samplesInRegion > 7000 && initial.samplesInRegion < 8700)
    #expect(initial.status == .holds(proof: false))
  }

  @Test func aRegionContractionProvesEmptyHoldsWithoutDrawing() throws {
    let v = Self.vars
    let p = try makeProblem(variables: v, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(v, ["x1^2 + x2^2 + 1 <= 0"]), unsafe: StateSet(box: [0: Bounds(2, 2)]),
                            certificate: "x1 + 5")
    let results = SamplingStrategy().decideAll(try compiled(p), settings: StrategySettings())
    #expect(results[0].status == .holds(proof: true))
    #expect(results[0].evaluations == 0)
  }
}
