import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

@Suite struct ZZProbe {
  let vars = ["x1", "x2"]
  func focus() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2 + 0.01"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }
  func touch() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: try whereSet(vars, ["(x1 - 1.7)^2 + x2^2 <= 0.491401"]),
                    certificate: "x1^2 + x2^2 - 1")
  }
  func band() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1 + 1.005*exp(-100*((x1 - 1)^2 + x2^2))", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1", condition: .levelSet(c1: 0, c2: Rational(1) / Rational(10)))
  }
  func bump() throws -> BarrierProblem {
    try makeProblem(variables: vars, dynamics: ["-x1 + 1.005*exp(-100*((x1 - 1)^2 + x2^2))", "-x2"], domain: [(-2, 2), (-2, 2)],
                    initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                    unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                    certificate: "x1^2 + x2^2 - 1")
  }

  @Test func probe() throws {
    for (name, p) in [("focus", try focus()), ("touch", try touch()), ("band", try band()), ("bump", try bump())] {
      let obl = try compiled(p)
      for seed in UInt64(1)...5 {
        var s = StrategySettings(); s.seed = seed; s.samples = 1_000_000
        let a = AdaptiveSamplingStrategy().validate(obl, settings: s)
        let u = SamplingStrategy().validate(obl, settings: s)
        print("PROBE \(name) seed \(seed): adaptive \(a.kind) \(a.violates.map { $0.rawValue } ?? "-") evals \(a.evaluations) \(a.obligations.map { "\($0.condition.rawValue):\($0.evaluations)" }) | sampling \(u.kind) evals \(u.evaluations) \(a.reason ?? "")")
      }
    }
  }
}
