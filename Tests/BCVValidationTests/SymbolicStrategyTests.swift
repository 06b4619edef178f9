import BCVExpression
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

private let strategy = SymbolicStrategy()
private let v = ["x1", "x2"]
private typealias F = SymbolicFixtures

private func decide(_ compiled: CompiledObligation,
                    _ configure: (inout StrategySettings) -> Void = { _ in }) -> ObligationResult {
  var settings = StrategySettings()
  configure(&settings)
  return strategy.decide(compiled, settings: settings)
}

/// The counterexample of a violated result, with its point as exact rationals.
private func counterexample(_ result: ObligationResult) -> (Counterexample, [Rational])? {
  guard case .violated(let cex) = result.status else { return nil }
  return (cex, cex.point.map { Rational(exactly: $0)! })
}

private func reason(_ result: ObligationResult) -> String? {
  if case .unknown(let why) = result.status { return why.detail }
  return nil
}

@Test("Symbolic: the standard valid 2-D case is proved")
func symbolicProvesTheValidDiscCase() throws {
  let problem = try F.disc(dynamics: ["-x1", "-x2"])
  let verdict = strategy.validate(try F.compiled(problem), settings: StrategySettings())
  #expect(verdict.kind == .valid && verdict.proof)
  #expect(verdict.obligations.allSatisfy { $0.status == .holds(proof: true) })
  #expect(verdict.boxes <= 100)
  #expect(strategy.name == "symbolic" && strategy.isSound)
}

@Test("Symbolic: a tangent flow, Bdot = -(x1 - x2)^2, is proved without subdivision")
func symbolicProvesATangentFlow() throws {
  let problem = try F.disc(dynamics: ["(x2 - x1)/2", "(x1 - x2)/2"])
  let tangent = try ExprParser(variables: v).parse("-(x1 - x2)^2")
  #expect(problem.polynomialCertificateChange() == tangent.polynomial(variableCount: 2))
  let flow = try F.compiled(problem)[2]
  let result = decide(flow)
  #expect(result.status == .holds(proof: true))
  #expect(result.boxes == 0)
}

@Test("Symbolic: an expanding flow is violated at an exact counterexample")
func symbolicFindsAnExactFlowCounterexample() throws {
  let problem = try F.disc(dynamics: ["x1", "x2"])
  let compiled = try F.compiled(problem)
  let verdict = strategy.validate(compiled, settings: StrategySettings())
  #expect(verdict.kind == .invalid && verdict.violates == .flow)
  let (cex, point) = try #require(counterexample(verdict.obligations[2]))
  #expect(cex.confirmation == .exactRational)
  let g = try #require(problem.polynomialCertificateChange())
  #expect(g.evaluate(at: point).signum() > 0)
  #expect(point.allSatisfy { $0 >= -2 && $0 <= 2 })
}

@Test("Symbolic: an initial set reaching past the zero level is violated")
func symbolicFindsAnInitialCounterexample() throws {
  let problem = try F.disc(dynamics: ["-x1", "-x2"], initialWhere: [],
                           initialBox: [0: F.bounds("0.5", "1.5"), 1: F.bounds("-0.25", "1")])
  let result = decide(try F.compiled(problem)[0])
  let (cex, point) = try #require(counterexample(result))
  #expect(cex.confirmation == .exactRational)
  #expect(point[0] * point[0] + point[1] * point[1] > 1)
  #expect(point[0] >= F.rational("0.5") && point[1] <= 1)
}

@Test("Symbolic: a violation confined to a tiny disc is found exactly")
func symbolicFindsANearMissViolation() throws {
  // g > 0 only where ((x1 − 1/3)² + (x2 − 1/7)²)² < 10⁻⁶: a disc of radius ≈ 0.0316.
  let g = "1/1000000 - ((x1 - 1/3)^2 + (x2 - 1/7)^2)^2"
  let compiled = try F.obligation(g, variables: v, box: [F.bounds("-2", "2"), F.bounds("-2", "2")])
  let result = decide(compiled)
  let (cex, point) = try #require(counterexample(result))
  #expect(cex.confirmation == .exactRational)
  let dx = point[0] - Rational(1, 3), dy = point[1] - Rational(1, 7)
  #expect((dx * dx + dy * dy) * (dx * dx + dy * dy) < Rational(1, 1_000_000))
}

@Test("Symbolic: a near miss that holds, with a margin of 10^-6, is proved")
func symbolicProvesANearMissThatHolds() throws {
  let g = "-1/1000000 - ((x1 - 1/3)^2 + (x2 - 1/7)^2)^2"
  let compiled = try F.obligation(g, variables: v, box: [F.bounds("-2", "2"), F.bounds("-2", "2")])
  let result = decide(compiled)
  #expect(result.status == .holds(proof: true))
  #expect(result.boxes > 1)
}

@Test("Symbolic: a zero-margin case whose zeros lie on subdivision boundaries is proved")
func symbolicProvesZeroMarginOnSubdivisionBoundaries() throws {
  // g = −x1²(1 + x2) ≤ 0 on [−1, 1]², zero on x1 = 0 and on x2 = −1.
  let compiled = try F.obligation("-x1^2*(1 + x2)", variables: v, box: [F.bounds("-1", "1"), F.bounds("-1", "1")])
  let result = decide(compiled)
  #expect(result.status == .holds(proof: true))
  #expect(result.boxes <= 5)
}

@Test("Symbolic: a strict obligation with a zero at the boundary is violated there")
func symbolicStrictObligationViolatedAtAZero() throws {
  let compiled = try F.obligation("-x1", variables: v, box: [F.bounds("0", "1"), F.bounds("0", "1")],
                                  strict: true, condition: .unsafe)
  let (cex, point) = try #require(counterexample(decide(compiled)))
  #expect(point[0] == 0 && cex.value == 0)
  let margin = try F.obligation("-x1", variables: v, box: [F.bounds("0.5", "1"), F.bounds("0", "1")], strict: true)
  #expect(decide(margin).status == .holds(proof: true))
}

@Test("Symbolic: region constraints discard boxes outside the region")
func symbolicDiscardsBoxesOutsideTheRegion() throws {
  // x1 ≤ 0.4 − x2² on the region, so x1 − 1/2 ≤ −1/10 there, though not on the box.
  let compiled = try F.obligation("x1 - 1/2", variables: v, box: [F.bounds("-1", "1"), F.bounds("-1", "1")],
                                  where: ["x1 + x2^2 <= 0.4"])
  let result = decide(compiled)
  #expect(result.status == .holds(proof: true))
  #expect(result.boxes > 1)
  let outside = try F.obligation("x1", variables: v, box: [F.bounds("-1", "1"), F.bounds("-1", "1")],
                                 where: ["x1^2 + x2^2 >= 4"])
  #expect(decide(outside).status == .holds(proof: true))
  let empty = CompiledObligation(Obligation(condition: .initial, region: Region(pieces: []), expression: .one,
                                            strict: false, variableNames: v))
  #expect(decide(empty).status == .holds(proof: true))
}

@Test("Symbolic: sets defined by the certificate itself are proved through a multiplier")
func symbolicProvesSetsDefinedByTheCertificate() throws {
  // B ≤ 0 on {B ≤ 0} and B ≥ 1/2 on the unsafe set {B ≥ 1/2}: the zeros lie on curved
  // boundaries, which no box subdivision can prove.
  let problem = try F.problem(
    variables: v, dynamics: ["-x1", "-x2"], certificate: "x1^2 + x2^2 - 1",
    domain: [F.bounds("-2", "2"), F.bounds("-2", "2")],
    initial: F.set(v, where: ["x1^2 + x2^2 <= 1"]), unsafe: F.set(v, where: ["2*x1^2 + 2*x2^2 >= 3"]))
  let results = try F.compiled(problem).map { decide($0) }
  #expect(results.allSatisfy { $0.status == .holds(proof: true) })
  #expect(results[0].boxes == 0 && results[1].boxes == 0)
  // The multiplier proves nothing false: B ≤ 0 on {B ≤ 1/10} fails on a thin annulus.
  let wider = try F.obligation("x1^2 + x2^2 - 1", variables: v, box: [F.bounds("-2", "2"), F.bounds("-2", "2")],
                               where: ["x1^2 + x2^2 <= 1.1"])
  #expect(counterexample(decide(wider))?.0.confirmation == .exactRational)
}

@Test("Symbolic: non-polynomial obligations are not applicable")
func symbolicLeavesNonPolynomialObligationsUnknown() throws {
  let compiled = try F.obligation("sin(x1) - 2", variables: v, box: [F.bounds("-1", "1"), F.bounds("-1", "1")])
  let result = decide(compiled)
  #expect(reason(result) == "not applicable: not polynomial")
  #expect(result.boxes == 0 && result.evaluations == 0)
  let constraint = try F.obligation("x1 - 2", variables: v, box: [F.bounds("-1", "1"), F.bounds("-1", "1")],
                                    where: ["exp(x1) <= 2"])
  #expect(reason(decide(constraint)) == "not applicable: not polynomial")
  let tooLarge = try F.obligation("x1^150 - x1^149", variables: v, box: [F.bounds("-1", "1"), F.bounds("-1", "1")])
  #expect(reason(decide(tooLarge))?.hasPrefix("not applicable: the expression has degree 150") == true)
}

@Test("Symbolic: budgets give unknown with the undecided fraction")
func symbolicBudgetsGiveUnknownWithTheUndecidedFraction() throws {
  // −(x1 − x2)⁴ ≤ 0 holds, but its zeros cross boxes diagonally: subdivision cannot finish.
  let compiled = try F.obligation("-(x1 - x2)^4", variables: v, box: [F.bounds("-1", "1"), F.bounds("-1", "3")])
  let limited = decide(compiled) { $0.maxBoxes = 50 }
  #expect(reason(limited) == "box budget of 50 exhausted")
  #expect(limited.boxes == 50)
  let fraction = try #require(limited.undecidedFraction)
  #expect(fraction > 0 && fraction < 1)
  let timed = decide(compiled) { $0.timeLimit = 0 }
  #expect(reason(timed)?.hasPrefix("timeout") == true)
  #expect(timed.undecidedFraction == 1)
  let narrow = decide(compiled) { $0.minWidth = 0.25 }
  #expect(reason(narrow)?.contains("narrower than the minimum width") == true)
  #expect(narrow.undecidedFraction.map { $0 > 0 && $0 < 1 } == true)
}

@Test("Symbolic: a violation confirmed at a point that is not a vector of doubles is reported as violated at once")
func symbolicReportsViolationsAtExactNonDoublePoints() throws {
  // Every point of the region has x1 = 1/10, which no double equals: the violation is
  // certain at an exact rational point, so the answer is `violated` (never `unknown`),
  // with that point and its rounded coordinates for display.
  let compiled = try F.obligation("x1 - x2/1000", variables: v, box: [F.bounds("0.1", "0.1"), F.bounds("0", "1")])
  let result = decide(compiled) { $0.maxBoxes = 1_000_000 }
  guard case .violated(let cex) = result.status else {
    Issue.record("expected violated, got \(result.status)")
    return
  }
  let exact = try #require(cex.exactPoint)
  #expect(exact[0] == Rational(1, 10))
  #expect(cex.confirmation == .exactRational && cex.value > 0)
  #expect(cex.point[0] == 0.1)
  let g = try ExprParser(variables: v).parse("x1 - x2/1000").polynomial(variableCount: 2)!
  #expect(g.evaluate(at: exact).signum() > 0)
  #expect(result.boxes == 1)
  #expect(Counterexample.parseExactPoint(cex.exactPointText ?? []) == exact)
  // Where part of the region is made of doubles, the violation is reported at doubles.
  let wider = try F.obligation("x1 - x2/1000", variables: v, box: [F.bounds("0.1", "0.3"), F.bounds("0", "1")])
  let (found, _) = try #require(counterexample(decide(wider)))
  #expect(found.confirmation == .exactRational && found.exactPoint == nil)
}

@Test("Symbolic: the coefficient budget stops the search deterministically")
func symbolicCoefficientBudgetIsDeterministic() throws {
  let g = "-1/1000000 - ((x1 - 1/3)^2 + (x2 - 1/7)^2)^2"
  let compiled = try F.obligation(g, variables: v, box: [F.bounds("-2", "2"), F.bounds("-2", "2")])
  let first = decide(compiled) { $0.maxCoefficients = 500 }
  let second = decide(compiled) { $0.maxCoefficients = 500; $0.workers = 2 }
  #expect(reason(first) == "work budget of 500 exact coefficients exhausted")
  #expect(first == second)
  #expect(first.boxes > 0 && first.boxes < decide(compiled).boxes)
  #expect(!first.dependsOnTime)
}

@Test("Symbolic: answers on random polynomial obligations agree with exact evaluation")
func symbolicAnswersAgreeWithExactEvaluation() throws {
  var g = SeededGenerator(seed: propertyTestSeed)
  var decided = (holds: 0, violated: 0)
  for _ in 0..<150 {
    let n = 1 + g.nextInt(below: 2)
    let names = ["x1", "x2"].prefix(n).map { $0 }
    var terms: [Polynomial.Term] = []
    for _ in 0..<(1 + g.nextInt(below: 5)) {
      terms.append(.init(exponents: (0..<n).map { _ in g.nextInt(below: 4) },
                         coefficient: Rational(BigInt(g.nextInt(below: 21) - 10), BigInt(1 + g.nextInt(below: 4)))))
    }
    terms.append(.init(exponents: [Int](repeating: 0, count: n), coefficient: -Rational(g.nextInt(below: 40))))
    let p = Polynomial(variableCount: n, terms: terms)
    let box = (0..<n).map { _ in
      let lower = Rational(BigInt(g.nextInt(below: 9) - 4), BigInt(1 + g.nextInt(below: 3)))
      return Bounds(lower, lower + Rational(1 + g.nextInt(below: 4)))
    }
    let constraint = g.nextInt(below: 2) == 0 ? [] : ["\(names[0])^2 + \(names.last!) <= 1"]
    let strict = g.nextInt(below: 2) == 0
    let expression = p.description(variableNames: names)
    let compiled = CompiledObligation(Obligation(
      condition: .flow,
      region: Region(pieces: [RegionPiece(box: Box(bounds: box), constraints: try constraint.map {
        try F.constraint($0, variables: names).expression
      })]),
      expression: try ExprParser(variables: names).parse(expression), strict: strict, variableNames: names))
    let c = constraint.isEmpty ? nil : compiled.obligation.region.pieces[0].constraints[0].polynomial(variableCount: n)
    #expect(constraint.isEmpty || c != nil)
    func inRegion(_ x: [Rational]) -> Bool { c.map { $0.evaluate(at: x).signum() <= 0 } ?? true }
    func violates(_ x: [Rational]) -> Bool { strict ? p.evaluate(at: x).signum() >= 0 : p.evaluate(at: x).signum() > 0 }

    let result = decide(compiled) { $0.maxBoxes = 2000 }
    switch result.status {
    case .holds(let proof):
      #expect(proof)
      decided.holds += 1
      // No point of a 21-per-side grid of the box violates.
      var index = [Int](repeating: 0, count: n)
      repeat {
        let x = (0..<n).map { box[$0].lower + Rational(index[$0]) / 20 * (box[$0].upper - box[$0].lower) }
        #expect(!(inRegion(x) && violates(x)), "\(expression) on \(box) \(constraint) strict \(strict) at \(x)")
        var k = 0
        while k < n {
          index[k] += 1
          if index[k] <= 20 { break }
          index[k] = 0
          k += 1
        }
        if k == n { break }
      } while true
    case .violated(let cex):
      decided.violated += 1
      let x = cex.exactPoint ?? cex.point.map { Rational(exactly: $0)! }
      #expect(cex.confirmation == .exactRational)
      #expect(zip(x, box).allSatisfy { $0 >= $1.lower && $0 <= $1.upper })
      #expect(inRegion(x) && violates(x), "\(expression) at \(x)")
    case .unknown:
      break
    }
  }
  #expect(decided.holds >= 25 && decided.violated >= 25)
}
