import BCVExpression
import BCVNumerics
import BCVTestSupport
import Testing

@Suite struct BatchMathDeterminism {
  typealias Kernel = @Sendable (UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int) -> Void
  static let kernels: [(String, Kernel)] = [
    ("sin", { BatchMath.sin($0, $1, count: $2) }), ("cos", { BatchMath.cos($0, $1, count: $2) }),
    ("exp", { BatchMath.exp($0, $1, count: $2) }), ("log", { BatchMath.log($0, $1, count: $2) }),
    ("tanh", { BatchMath.tanh($0, $1, count: $2) }), ("atan", { BatchMath.atan($0, $1, count: $2) }),
  ]

  /// Arguments mixing the kernels' own ranges with fall-back ones (NaN, ±∞, huge, ≤ 0).
  static func arguments() -> [Double] {
    var rng = SeededGenerator(seed: propertyTestSeed &+ 2)
    var xs = (0..<1000).map { _ in rng.nextDouble(in: -20, 20) }
    for i in Swift.stride(from: 0, to: 1000, by: 37) { xs[i] = [.nan, .infinity, -.infinity, 1e300, -800, 0][i % 6] }
    return xs
  }

  /// `kernel` over `xs` in consecutive batches of `batch`, the input copied to start `offset`
  /// doubles into its buffer (so batches fall at other alignments).
  static func run(_ kernel: Kernel, _ xs: [Double], batch: Int, offset: Int) -> [UInt64] {
    let input = [Double](repeating: 0, count: offset) + xs
    var out = [Double](repeating: 0, count: xs.count + offset)
    out.withUnsafeMutableBufferPointer { o in
      input.withUnsafeBufferPointer { i in
        var start = 0
        while start < xs.count {
          let m = min(batch, xs.count - start)
          kernel(o.baseAddress! + offset + start, i.baseAddress! + offset + start, m)
          start += m
        }
      }
    }
    return out[offset...].map(\.bitPattern)
  }

  @Test func kernelResultsAreBitwiseTheSameForBatchesOf1And7And128AtAnyAlignment() {
    let xs = Self.arguments()
    for (name, kernel) in Self.kernels {
      let reference = Self.run(kernel, xs, batch: 128, offset: 0)
      for (batch, offset) in [(1, 0), (7, 0), (7, 1), (128, 1), (128, 3)] {
        #expect(Self.run(kernel, xs, batch: batch, offset: offset) == reference, "\(name), batch \(batch)")
      }
    }
  }

  @Test func sinCosGivesBitwiseTheResultsOfSinAndCos() {
    let xs = Self.arguments()
    var sinOut = [Double](repeating: 0, count: xs.count), cosOut = sinOut
    sinOut.withUnsafeMutableBufferPointer { s in
      cosOut.withUnsafeMutableBufferPointer { c in
        xs.withUnsafeBufferPointer { BatchMath.sinCos(s.baseAddress!, c.baseAddress!, $0.baseAddress!, count: xs.count) }
      }
    }
    #expect(sinOut.map(\.bitPattern) == Self.run(Self.kernels[0].1, xs, batch: 128, offset: 0))
    #expect(cosOut.map(\.bitPattern) == Self.run(Self.kernels[1].1, xs, batch: 128, offset: 0))
  }

  @Test func evaluatorGivesTheSamePendulumValuesInBatchesOf1And7And128() throws {
    let parser = ExprParser(variables: ["x1", "x2"])
    let b = try parser.parse("x2^2/2 - cos(x1) + 1/2")
    let f = [try parser.parse("x2"), try parser.parse("-sin(x1) - x2 + exp(x2/4) + log(1 + x1^2) + tanh(x1) * atan(x2)")]
    let tape = Tape(compiling: [b, b.lieDerivative(along: f)], variableCount: 2)
    var rng = SeededGenerator(seed: propertyTestSeed &+ 3)
    let count = 700
    let points = (0..<2 * count).map { _ in rng.nextDouble(in: -7, 7) }
    func evaluate(batch: Int) -> [UInt64] {
      let evaluator = DoubleBatchEvaluator(tape: tape, capacity: batch)
      var values: [UInt64] = []
      var inputs = [Double](repeating: 0, count: 2 * batch)
      var start = 0
      while start < count {
        let m = min(batch, count - start)
        for k in 0..<m { inputs[k] = points[2 * (start + k)]; inputs[batch + k] = points[2 * (start + k) + 1] }
        inputs.withUnsafeBufferPointer { evaluator.evaluate(inputs: $0.baseAddress!, stride: batch, count: m) }
        for k in 0..<m { values += [evaluator.output(0)[k].bitPattern, evaluator.output(1)[k].bitPattern] }
        start += m
      }
      return values
    }
    let reference = evaluate(batch: 128)
    #expect(evaluate(batch: 1) == reference)
    #expect(evaluate(batch: 7) == reference)
  }
}

@Suite struct BatchKernelEvaluation {
  /// With the kernels (the default), values stay within a relative 10⁻⁹ (absolute below 1) of
  /// the tree interpreter's, which calls the C library, and NaN exactly where it gives NaN.
  @Test func kernelEvaluatorAgreesWithTheTreeInterpreterAtRandomPoints() {
    var gen = ExpressionGenerator(rng: SeededGenerator(seed: propertyTestSeed &+ 4), polynomialOnly: false)
    var rng = SeededGenerator(seed: propertyTestSeed &+ 5)
    for _ in 0..<300 {
      let exprs = [gen.make(depth: 5), gen.make(depth: 4)]
      let tape = Tape(compiling: exprs, variableCount: 3)
      let evaluator = DoubleBatchEvaluator(tape: tape, capacity: 16)
      var inputs = [Double](repeating: 0, count: 3 * 16)
      for i in 0..<inputs.count { inputs[i] = rng.nextDouble(in: -2, 2) }
      inputs.withUnsafeBufferPointer { evaluator.evaluate(inputs: $0.baseAddress!, stride: 16, count: 16) }
      for k in 0..<16 {
        let point = [inputs[k], inputs[16 + k], inputs[32 + k]]
        for (j, e) in exprs.enumerated() {
          let (value, reference) = (evaluator.output(j)[k], e.evaluate(at: point))
          let agree = value.isNaN || reference.isNaN ? value.isNaN && reference.isNaN
            : value == reference || Swift.abs(value - reference) <= 1e-9 * max(1, Swift.abs(reference))
          #expect(agree, "\(e.text(variableNames: ["x", "y", "z"])) at \(point): \(value) vs \(reference)")
        }
      }
    }
  }
}
