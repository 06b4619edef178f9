import BCVExpression
import BCVNumerics
import BCVTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Random expressions over three variables, built from the whole grammar.
struct ExpressionGenerator {
  var rng: SeededGenerator
  let polynomialOnly: Bool

  mutating func make(depth: Int) -> Expr {
    if depth == 0 || rng.nextInt(below: 4) == 0 {
      switch rng.nextInt(below: 3) {
      case 0: return .constant(Rational(rng.nextInt(below: 19) - 9) / Rational(rng.nextInt(below: 4) + 1))
      default: return .variable(rng.nextInt(below: 3))
      }
    }
    let a = make(depth: depth - 1)
    let b = make(depth: depth - 1)
    let choices = polynomialOnly ? 5 : 12
    switch rng.nextInt(below: choices) {
    case 0: return a + b
    case 1: return a - b
    case 2: return a * b
    case 3: return -a
    case 4: return Expr.raising(a, to: rng.nextInt(below: 4)) ?? a
    case 5: return Expr.dividing(a, by: b) ?? a
    case 6: return .apply(.sin, a)
    case 7: return .apply(.cos, a)
    case 8: return .apply(.exp, .apply(.atan, a))
    case 9: return .apply(.tanh, a) * b
    case 10: return .apply(.sqrt, .one + a * a)
    default: return .apply(.log, .constant(Rational(2)) + .apply(.sin, a))
    }
  }
}

private func close(_ a: Double, _ b: Double, relative: Double) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  if a == b { return true }
  return Swift.abs(a - b) <= relative * max(1, Swift.abs(a), Swift.abs(b))
}

@Suite struct CompiledEvaluation {
  @Test func batchEvaluatorEqualsTheTreeInterpreterAtRandomPoints() {
    var gen = ExpressionGenerator(rng: SeededGenerator(seed: propertyTestSeed), polynomialOnly: false)
    var rng = SeededGenerator(seed: propertyTestSeed &+ 1)
    for _ in 0..<300 {
      let exprs = [gen.make(depth: 5), gen.make(depth: 4)]
      let tape = Tape(compiling: exprs, variableCount: 3)
      // The C library per point, as the interpreter: bitwise equality (BatchMathTests covers the kernels).
      let evaluator = DoubleBatchEvaluator(tape: tape, capacity: 16, elementaryFunctions: .cLibrary)
      var inputs = [Double](repeating: 0, count: 3 * 16)
      for i in 0..<inputs.count { inputs[i] = rng.nextDouble(in: -2, 2) }
      inputs.withUnsafeBufferPointer { evaluator.evaluate(inputs: $0.baseAddress!, stride: 16, count: 16) }
      var registers: [Double] = []
      for k in 0..<16 {
        let point = [inputs[k], inputs[16 + k], inputs[32 + k]]
        let scalar = tape.evaluate(at: point, registers: &registers)
        for (j, e) in exprs.enumerated() {
          let reference = e.evaluate(at: point)
          // Same operations in the same order: equal to the last bit (or both NaN).
          #expect(close(evaluator.output(j)[k], reference, relative: 0), "\(e.text(variableNames: ["x","y","z"]))")
          #expect(close(scalar[j], reference, relative: 0))
        }
      }
    }
  }

  @Test func commonSubexpressionsAreCompiledOnce() {
    let x = Expr.variable(0), y = Expr.variable(1)
    let shared = Expr.apply(.sin, x * y)
    let tape = Tape(compiling: [shared + x, shared * shared], variableCount: 2)
    #expect(tape.instructions.filter { $0.op == .sin }.count == 1)
    #expect(tape.instructions.filter { $0.op == .multiply }.count == 2)
  }

  @Test func exactEvaluationOfRationalTapes() throws {
    let e = try ExprParser(variables: ["x", "y"]).parse("x^2 - 0.1*y + 1/3")
    let tape = Tape(compiling: [e], variableCount: 2)
    #expect(tape.isRational)
    let v = tape.evaluateExactly(at: [Rational(1) / Rational(2), Rational(3)])
    #expect(v == [Rational(1) / Rational(4) - Rational(3) / Rational(10) + Rational(1) / Rational(3)])
    let nonPolynomial = Tape(compiling: [.apply(.sin, .variable(0))], variableCount: 1)
    #expect(nonPolynomial.evaluateExactly(at: [Rational(0)]) == nil)
  }

  @Test func undefinedPointsEvaluateToNaN() {
    let tape = Tape(compiling: [.apply(.log, .variable(0)), .apply(.sqrt, .variable(0)),
                                .realPower(.variable(0), .constant(Rational(1) / Rational(2)))], variableCount: 1)
    let evaluator = DoubleBatchEvaluator(tape: tape, capacity: 2)
    let inputs: [Double] = [-1, 4]
    inputs.withUnsafeBufferPointer { evaluator.evaluate(inputs: $0.baseAddress!, stride: 2, count: 2) }
    #expect(evaluator.output(0)[0].isNaN && evaluator.output(1)[0].isNaN && evaluator.output(2)[0].isNaN)
    #expect(evaluator.output(1)[1] == 2 && evaluator.output(2)[1] == 2)
  }
}

@Suite struct IntervalTapeEvaluation {
  @Test func aDivisorThatMayBeZeroMakesTheEnclosureUndefinedNotBounded() throws {
    let e = try ExprParser(variables: ["x"]).parse("atan(1/x) + atan(x^-1)")
    let tape = Tape(compiling: [e], variableCount: 1)
    var registers: [Interval] = []
    #expect(tape.evaluate(at: [Interval(-1, 1)], registers: &registers)[0].isPossiblyUndefined)
    #expect(tape.evaluate(at: [Interval(0)], registers: &registers)[0].isPossiblyUndefined)
    let away = tape.evaluate(at: [Interval(1, 2)], registers: &registers)[0]
    #expect(!away.isPossiblyUndefined && away.contains(2 * atan(1 / 1.5)))
  }
}

@Suite struct SymbolicDerivatives {
  @Test func derivativeMatchesCentralDifferencesAtRandomPoints() {
    var gen = ExpressionGenerator(rng: SeededGenerator(seed: propertyTestSeed &+ 7), polynomialOnly: false)
    var rng = SeededGenerator(seed: propertyTestSeed &+ 8)
    var checked = 0
    for _ in 0..<300 {
      let e = gen.make(depth: 4)
      for v in 0..<3 {
        let d = e.derivative(withRespectTo: v)
        let p = (0..<3).map { _ in rng.nextDouble(in: -1.5, 1.5) }
        // Central differences at two step sizes; where they disagree the function varies
        // too fast for them to be a reference, and the point is skipped.
        func central(_ h: Double) -> Double {
          var plus = p, minus = p
          plus[v] += h
          minus[v] -= h
          return (e.evaluate(at: plus) - e.evaluate(at: minus)) / (2 * h)
        }
        let coarse = central(2e-5), fine = central(1e-5)
        let exact = d.evaluate(at: p)
        guard coarse.isFinite, fine.isFinite, exact.isFinite, Swift.abs(exact) < 1e4,
              Swift.abs(coarse - fine) <= 1e-6 * max(1, Swift.abs(fine)) else { continue }
        #expect(Swift.abs(fine - exact) <= 1e-5 * max(1, Swift.abs(exact)),
                "d/dx\(v) of \(e.text(variableNames: ["x","y","z"])) at \(p): \(exact) vs \(fine)")
        checked += 1
      }
    }
    #expect(checked > 500)
  }

  @Test func lieDerivativeOfAQuadraticIsExact() throws {
    let p = ExprParser(variables: ["x1", "x2"])
    let b = try p.parse("x1^2 + x2^2 - 1")
    let f = [try p.parse("x2"), try p.parse("-x1 + x1^3/3 - x2")]
    let bdot = b.lieDerivative(along: f)
    let point = [Rational(1) / Rational(2), Rational(-3)]
    let value = Tape(compiling: [bdot], variableCount: 2).evaluateExactly(at: point)!.first!
    // 2·x1·x2 + 2·x2·(−x1 + x1³/3 − x2) = 2/3·x1³·x2 − 2·x2² at (1/2, −3)
    #expect(value == Rational(2) / Rational(3) * Rational(1) / Rational(8) * Rational(-3) - Rational(18))
  }

  @Test func substitutionComposesForDiscreteTime() throws {
    let p = ExprParser(variables: ["x", "y"])
    let b = try p.parse("x^2 + y")
    let f = [try p.parse("y/2"), try p.parse("x - y")]
    let composed = b.substituting(f)
    #expect(composed.evaluate(at: [1.0, 4.0]) == 4 + (1 - 4))
  }
}
