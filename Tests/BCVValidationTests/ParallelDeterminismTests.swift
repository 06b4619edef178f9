import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

/// With a fixed seed, `adaptive` (whose exact checks of a round run on several workers) and
/// `auto` (every member it runs gets the workers) give identical verdicts, counterexamples
/// and counters for 1, 2 and 3 workers.
@Suite struct ParallelDeterminism {
  let vars = ["x1", "x2"]

  func settings(workers: Int, samples: Int = 20_000) -> StrategySettings {
    var s = StrategySettings()
    s.seed = 7
    s.samples = samples
    s.workers = workers
    s.maxBoxes = 4000
    return s
  }

  /// A rotation at a third of unit speed: Ḃ ≡ 0, but round-off in x/3 makes many floating-
  /// point values of Ḃ slightly positive, so batches hold many violations to settle exactly.
  func hamiltonian() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x2 / 3", "x1 / 3"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// The flow condition fails near (0, 0.005) only.
  func shiftedFocus() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2 + 0.01"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  /// B ≤ 0 fails on part of the initial set: invalid, found by sampling and by provers.
  func wrongInitial() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 1.44"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  func expectSameForAnyWorkerCount(_ strategy: any Strategy, _ problem: BarrierProblem) throws {
    let obligations = try compiled(problem)
    let verdicts = [1, 2, 3].map { strategy.validate(obligations, settings: settings(workers: $0)) }
    for (w, v) in zip([2, 3], verdicts.dropFirst()) {
      #expect(v == verdicts[0], "\(strategy.name) with \(w) workers differs from 1 worker")
      #expect(v.evaluations == verdicts[0].evaluations && v.boxes == verdicts[0].boxes)
    }
  }

  @Test func adaptiveGivesIdenticalResultsForOneTwoAndThreeWorkers() throws {
    for problem in [try hamiltonian(), try shiftedFocus(), try wrongInitial()] {
      try expectSameForAnyWorkerCount(AdaptiveSamplingStrategy(), problem)
    }
  }

  @Test func autoGivesIdenticalResultsForOneTwoAndThreeWorkers() throws {
    for problem in [try hamiltonian(), try shiftedFocus(), try wrongInitial()] {
      try expectSameForAnyWorkerCount(AutoStrategy(), problem)
    }
  }

  /// The strategies that contract boxes with HC4 (`interval` in its branch-and-bound,
  /// `smt` in its branch-and-prune) on sets with constraints to contract onto.
  @Test func contractingStrategiesGiveIdenticalResultsForOneTwoAndThreeWorkers() throws {
    for problem in [try hamiltonian(), try shiftedFocus(), try wrongInitial()] {
      try expectSameForAnyWorkerCount(IntervalStrategy(), problem)
      try expectSameForAnyWorkerCount(SMTStrategy(), problem)
    }
  }

  @Test func intervalRecordsTheSameWavesForAnyWorkerCount() throws {
    let obligations = try compiled(try hamiltonian())
    let runs = [1, 2, 3].map { IntervalStrategy().validate(obligations, settings: settings(workers: $0)) }
    for o in runs[0].obligations { #expect((o.waves ?? 0) >= 1) }
    for r in runs.dropFirst() { #expect(r.obligations.map(\.waves) == runs[0].obligations.map(\.waves)) }
  }
}
