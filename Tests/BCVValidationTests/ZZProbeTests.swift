import BCVExpression
import BCVNumerics
import BCVValidation
import Testing

@Suite struct ZZProbe {
  let vars = ["x1", "x2"]
  @Test func probe() throws {
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(vars, ["(x1 - 1)^2 + x2^2 <= 0.000000001"]),
                            unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                            certificate: "x1^2 + x2^2 - 1")
    let q = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.000000001"]),
                            unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), Rational(2))]),
                            certificate: "x1^2 + x2^2 - 1")
    for (name, pr) in [("thin-invalid", p), ("thin-valid", q)] {
      for seed in UInt64(1)...3 {
        var s = StrategySettings(); s.seed = seed; s.samples = 10_000
        let r = AdaptiveSamplingStrategy().decide(try compiled(pr)[0], settings: s)
        print("PROBE \(name) \(seed): \(r.status) evals \(r.evaluations) n \(r.samplesInRegion) worst \(String(describing: r.worstValue))")
      }
    }
  }
}
