import BCVExpression
import BCVNumerics
@testable import BCVValidation
import Foundation
import Testing

private func result(_ condition: ConditionName = .flow, evaluations: Int = 7) -> ObligationResult {
  var r = ObligationResult(condition: condition, status: .violated(Counterexample(point: [0.1, -2.5e-300], value: 1 / 3,
                                                                                  confirmation: .exactRational)))
  r.evaluations = evaluations
  r.samplesInRegion = 5
  r.worstValue = 1 / 3
  return r
}


@Suite struct MemoryCacheBehaviour {
  @Test func storedResultsComeBackBitIdentical() {
    let cache = MemoryCache()
    cache.store("k", result())
    #expect(cache.lookup("k") == result())
    #expect(cache.lookup("other") == nil)
    #expect(cache.statistics.hits == 1 && cache.statistics.misses == 1)
  }

  @Test func theLeastRecentlyUsedEntryIsEvictedFirst() {
    let cache = MemoryCache(maxEntries: 2)
    cache.store("a", result())
    cache.store("b", result())
    _ = cache.lookup("a")
    cache.store("c", result())
    #expect(cache.lookup("a") != nil)
    #expect(cache.lookup("b") == nil)
    #expect(cache.lookup("c") != nil)
    #expect(cache.statistics.evictions == 1)
  }

  @Test func theByteBoundIsKept() {
    let cache = MemoryCache(maxEntries: 1000, maxBytes: 1000)
    for i in 0..<50 { cache.store("key\(i)", result()) }
    #expect(cache.count < 10)
    #expect(cache.statistics.evictions == 50 - cache.count)
  }
}

@Suite struct CachedValidationBehaviour {
  let vars = ["x1", "x2"]

  func problem(certificate: String, dynamics: [String] = ["-x1 + x2", "-x2"]) throws -> [Obligation] {
    try makeProblem(variables: vars, dynamics: dynamics, domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: certificate).obligations()
  }

  @Test func aRewrittenButEquivalentCertificateHitsTheCache() throws {
    let cache = MemoryCache()
    let expanded = try problem(certificate: "x1^2 + 2*x1*x2 + x2^2 - 1")
    let factored = try problem(certificate: "(x1 + x2)^2 - 1", dynamics: ["x2 - x1", "-x2"])
    let first = CachedValidation.validate(expanded.map(CompiledObligation.init), fingerprints: expanded.map(\.fingerprint),
                                          configuration: StrategyConfiguration(.sampling, settings: StrategySettings()), cache: cache)
    let second = CachedValidation.validate(factored.map(CompiledObligation.init), fingerprints: factored.map(\.fingerprint),
                                           configuration: StrategyConfiguration(.sampling, settings: StrategySettings()), cache: cache)
    #expect(first.hits == 0 && first.misses == 3)
    #expect(second.hits == 3 && second.misses == 0)
    #expect(second.verdict.kind == first.verdict.kind)
  }

  /// Every setting that can change an answer or a counter splits the key; the worker count
  /// does not; settings a strategy never reads do not either.
  @Test func settingsThatChangeTheAnswerAreInTheKeyButWorkersAreNot() throws {
    let f = try problem(certificate: "x1^2 + x2^2 - 1")[0].fingerprint
    func key(_ id: StrategyID, _ change: (inout StrategySettings) -> Void = { _ in }) -> String {
      var s = StrategySettings()
      change(&s)
      return StrategyConfiguration(id, settings: s).cacheKey(fingerprint: f)
    }
    let changes: [(String, (inout StrategySettings) -> Void)] = [
      ("samples", { $0.samples = 5 }), ("seed", { $0.seed = 2 }), ("confidence", { $0.confidence = 0.95 }),
      ("time limit", { $0.timeLimit = 1 }), ("sequence", { $0.sequence = .sobol }), ("boxes", { $0.maxBoxes = 7 }),
      ("coefficients", { $0.maxCoefficients = 1000 }), ("minimum width", { $0.minWidth = 1e-6 }),
      ("delta", { $0.delta = 1e-2 }), ("solver", { $0.solver = SolverChoice(.z3, version: "4.13.0") }),
    ]
    for id in StrategyID.allCases {
      for (name, change) in changes {
        var s = StrategySettings()
        change(&s)
        let reads = name != "solver" || id.usesSolver
        #expect((key(id, change) != key(id)) == reads, "\(id.name): \(name)")
      }
      #expect(key(id) == key(id) { $0.workers = 4 })
      #expect(key(id) != key(id == .auto ? .sampling : .auto))
    }
    // Another version of the same solver is another configuration.
    #expect(key(.smt) { $0.solver = SolverChoice(.z3, version: "4.13.0") } != key(.smt) { $0.solver = SolverChoice(.z3, version: "4.12.1") })
    #expect(key(.smt) { $0.solver = SolverChoice(.z3, version: "1") } != key(.smt) { $0.solver = SolverChoice(.cvc5, version: "1") })
  }

  /// The reproducer of issue #14: `smt` with z3 and plain `smt` share a cache folder; the
  /// plain run must give exactly what a cold plain run gives, not z3's answers.
  @Test func aConfigurationNeverReadsAnotherConfigurationsAnswers() throws {
    let obligations = try problem(certificate: "x1^2 + x2^2 - 1")
    let compiledObligations = obligations.map(CompiledObligation.init)
    let fingerprints = obligations.map(\.fingerprint)
    struct Decides: Strategy {
      let id = StrategyID.smt
      let isSound = true
      func decide(_ o: CompiledObligation, settings: StrategySettings) -> ObligationResult {
        var r = ObligationResult(condition: o.obligation.condition, status: settings.solver == nil
                                 ? .unknown(UnknownReason(.deltaSat, "built-in: δ-sat")) : .holds(proof: true))
        r.solver = settings.solver?.description
        return r
      }
    }
    var withZ3 = StrategySettings()
    withZ3.solver = SolverChoice(.z3, version: "4.13.0")
    let shared = MemoryCache()
    let warmFirst = CachedValidation.validate(compiledObligations, fingerprints: fingerprints,
                                              configuration: StrategyConfiguration(.smt, settings: withZ3), strategy: Decides(), cache: shared)
    let plain = StrategyConfiguration(.smt, settings: StrategySettings())
    let warmThen = CachedValidation.validate(compiledObligations, fingerprints: fingerprints, configuration: plain,
                                             strategy: Decides(), cache: shared)
    let cold = CachedValidation.validate(compiledObligations, fingerprints: fingerprints, configuration: plain,
                                         strategy: Decides(), cache: MemoryCache())
    #expect(warmFirst.verdict.kind == .valid)
    #expect(warmThen.hits == 0 && warmThen.verdict == cold.verdict && cold.verdict.kind == .unknown)
  }


  /// An answer of "solver not installed" must not outlive the installation of the solver.
  @Test func answersOfAMissingSolverAreNeverCached() throws {
    struct Missing: Strategy {
      let id = StrategyID.smtExternal
      let isSound = true
      func decide(_ o: CompiledObligation, settings: StrategySettings) -> ObligationResult {
        var r = ObligationResult(condition: o.obligation.condition, status: .unknown(UnknownReason(.solverUnavailable, "solver z3 unavailable")))
        r.solver = "z3"
        r.solverStatus = "unavailable"
        return r
      }
    }
    let problem = try makeProblem(variables: ["x"], dynamics: ["-x"], domain: [(-1, 1)],
                                  initial: try whereSet(["x"], ["x^2 <= 0.01"]), unsafe: try whereSet(["x"], ["0.81 <= x^2"]),
                                  certificate: "x^2 - 0.25")
    let obligations = try compiled(problem)
    let cache = MemoryCache()
    let fingerprints = try problem.obligations().map(\.fingerprint)
    for _ in 0..<2 {
      let configuration = StrategyConfiguration(.smtExternal, settings: StrategySettings())
      let (_, hits, misses) = CachedValidation.validate(obligations, fingerprints: fingerprints, configuration: configuration,
                                                         strategy: Missing(), cache: cache)
      #expect(hits == 0 && misses == obligations.count)
    }
  }
}
