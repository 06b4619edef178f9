import BCVExpression
import BCVNumerics
import BCVTestSupport
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The buffer-based interval evaluator is the generic one-point path over `Interval`,
/// register for register, and its enclosures contain the values at points of the box.
@Suite struct IntervalTapeEvaluatorTests {
  /// Random boxes (some of them points) in [-3, 3]³.
  static func box(_ rng: inout SeededGenerator) -> [Interval] {
    (0..<3).map { _ in
      let a = rng.nextDouble(in: -3, 3), b = rng.nextDouble(in: -3, 3)
      return rng.nextInt(below: 6) == 0 ? Interval(a) : Interval(min(a, b), max(a, b))
    }
  }

  static func evaluate(_ evaluator: IntervalTapeEvaluator, _ box: [Interval]) -> [Interval] {
    var registers = Array(repeating: Interval.entire, count: evaluator.registerCount)
    box.withUnsafeBufferPointer { b in
      registers.withUnsafeMutableBufferPointer { evaluator.evaluate(b, into: $0) }
    }
    return registers
  }

  @Test func everyRegisterEqualsTheGenericIntervalPath() {
    var gen = ExpressionGenerator(rng: SeededGenerator(seed: propertyTestSeed &+ 40), polynomialOnly: false)
    var rng = SeededGenerator(seed: propertyTestSeed &+ 41)
    var generic: [Interval] = []
    var mismatches: [String] = []
    for _ in 0..<300 {
      let tape = Tape(compiling: [gen.make(depth: 4), gen.make(depth: 3)], variableCount: 3)
      let evaluator = IntervalTapeEvaluator(tape)
      for _ in 0..<4 {
        let box = Self.box(&rng)
        let outputs = tape.evaluate(at: box, registers: &generic)
        let registers = Self.evaluate(evaluator, box)
        if registers != generic { mismatches.append("\(tape.instructions) on \(box)") }
        for (j, out) in outputs.enumerated() where registers[evaluator.output(j)] != out {
          mismatches.append("output \(j) of \(tape.instructions) on \(box)")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.first ?? "")")
  }

  @Test func enclosuresContainTheValuesAtPointsOfTheBox() throws {
    let parser = ExprParser(variables: ["x", "y", "z"])
    let texts = ["x*y - z/3", "sin(x) + cos(y)*tan(z/4)", "exp(x) - log(y + 4)", "sqrt(z + 3)^3 - x^-2",
                 "tanh(x*y) + atan(z)", "abs(x - y) + z", "(y + 4)^(x/2) - pi"]
    // `sign` has no parser name (it appears only in derivatives of `abs`).
    let sign = Expr.call(.sign, .difference(.variable(2), .variable(0)))
    let tape = Tape(compiling: try texts.map { try parser.parse($0) } + [sign], variableCount: 3)
    let evaluator = IntervalTapeEvaluator(tape)
    var rng = SeededGenerator(seed: propertyTestSeed &+ 42)
    var scalar: [Double] = []
    var escapes: [String] = []
    for _ in 0..<2000 {
      let box = Self.box(&rng)
      let registers = Self.evaluate(evaluator, box)
      let point = box.map { rng.nextDouble(in: $0.lower, $0.upper) }
      let values = tape.evaluate(at: point, registers: &scalar)
      for (j, v) in values.enumerated() where v.isFinite {
        let e = registers[evaluator.output(j)]
        // A defined enclosure holds the (rounded) value at every point; allow the value's
        // own rounding error.
        if !e.isPossiblyUndefined && !(e.lower - 1e-9 * (1 + Swift.abs(v)) <= v && v <= e.upper + 1e-9 * (1 + Swift.abs(v))) {
          escapes.append("output \(j) = \(v) at \(point) outside \(e) over \(box)")
        }
      }
    }
    #expect(escapes.isEmpty, "\(escapes.count) escapes, first: \(escapes.first ?? "")")
  }

  @Test func aDivisorHoldingZeroIsUndefinedNotEntire() throws {
    let tape = Tape(compiling: [try ExprParser(variables: ["x"]).parse("atan(1/x) + atan(x^-1)")], variableCount: 1)
    let evaluator = IntervalTapeEvaluator(tape)
    #expect(Self.evaluate(evaluator, [Interval(-1, 1), .entire, .entire])[evaluator.output(0)].isPossiblyUndefined)
    let away = Self.evaluate(evaluator, [Interval(1, 2), .entire, .entire])[evaluator.output(0)]
    #expect(!away.isPossiblyUndefined && away.contains(2 * atan(1 / 1.5)))
  }
}
