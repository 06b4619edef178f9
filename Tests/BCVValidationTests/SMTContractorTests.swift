import BCVExpression
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

/// HC4-revise: it must never remove a feasible point, must treat undefined enclosures as
/// "cannot decide", and should contract and refute in simple cases.
@Suite struct SMTContractorTests {
  static let variables = ["x", "y"]
  /// Constraint expressions covering every instruction the contractor projects through,
  /// and some it does not (sin, cos, tan), with undefined points (division, negative
  /// powers, log, sqrt, real powers).
  static let expressions = [
    "x*y + sin(x)", "x^2 - y", "exp(x) - y^3", "sqrt(x + 2)*y", "log(x + 3)/(y + 5)",
    "atan(x) + tanh(y)", "abs(x) - y^2", "x/y", "(x + 3)^(y/2)", "x^-2 + y", "cos(x*y) - x",
    "tan(x) - y", "-(x - y)^3 + 2*x", "exp(-x^2) * (y - 1)",
  ]

  static func tape() throws -> Tape {
    let parser = ExprParser(variables: variables)
    return Tape(compiling: try expressions.map { try parser.parse($0) }, variableCount: 2)
  }

  /// One random case of the soundness properties: a box (one in eight sides a point), a
  /// point in it, the tape's enclosures at the point, and one to three constraints on
  /// random outputs with ranges around the point's values (an output whose point
  /// enclosure is undefined or unbounded says nothing reliable about the exact value and
  /// is left out), so the point is feasible.
  static func randomCase(_ tape: Tape, _ rng: inout SeededGenerator, _ registers: inout [Interval])
    -> (box: [Interval], point: [Double], atPoint: [Interval], constraints: [HC4Contractor.Constraint]) {
    let box = (0..<2).map { _ -> Interval in
      let a = rng.nextDouble(in: -4, 4), b = rng.nextDouble(in: -4, 4)
      return rng.nextInt(below: 8) == 0 ? Interval(a) : Interval(min(a, b), max(a, b))
    }
    let point = box.map { rng.nextDouble(in: $0.lower, $0.upper) }
    let atPoint = tape.evaluate(at: point.map { Interval($0) }, registers: &registers)
    var constraints: [HC4Contractor.Constraint] = []
    for _ in 0..<(1 + rng.nextInt(below: 3)) {
      let k = rng.nextInt(below: expressions.count)
      guard atPoint[k].isBounded else { continue }
      constraints.append(HC4Contractor.Constraint(output: k, range: range(around: atPoint[k], &rng)))
    }
    return (box, point, atPoint, constraints)
  }

  /// For random boxes, random points in them and random ranges that contain each chosen
  /// constraint's value at the point, the contracted box still contains the point.
  @Test func neverRemovesAFeasiblePoint() throws {
    let tape = try Self.tape()
    let contractor = HC4Contractor(tape: tape)
    var rng = SeededGenerator(seed: propertyTestSeed, stream: 70)
    var registers: [Interval] = []
    var failures: [String] = []
    var contracted = 0
    for _ in 0..<4000 {
      let (box, point, _, constraints) = Self.randomCase(tape, &rng, &registers)
      let result = contractor.contract(box, constraints: constraints)
      guard let out = result.box else {
        failures.append("box \(box) emptied; point \(point) feasible for \(constraints)")
        continue
      }
      if out != box { contracted += 1 }
      for (side, x) in zip(out, point) where !side.contains(x) {
        failures.append("point \(point) removed: \(box) → \(out) for \(constraints)")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.first ?? "")")
    // The property is only meaningful if contraction actually happens often.
    #expect(contracted > 1000)
  }

  /// `revise`, the one backward pass `interval` runs on its own forward pass: for random
  /// boxes and points and ranges around the points' values, the point stays in the
  /// narrowed box and each constrained output's target still meets the point's value;
  /// and the narrowed box is the box of `contract`'s first round.
  @Test func reviseNeverRemovesAFeasiblePointAndIsTheFirstRoundOfContract() throws {
    let tape = try Self.tape()
    let evaluator = IntervalTapeEvaluator(tape)
    let firstRound = HC4Contractor(tape: tape, maxRounds: 2, minimumShrink: 0.1)
    var rng = SeededGenerator(seed: propertyTestSeed, stream: 71)
    var registers: [Interval] = []
    var values = Array(repeating: Interval.entire, count: evaluator.registerCount)
    var targets = values
    var failures: [String] = []
    var narrowed = 0
    for _ in 0..<4000 {
      let (start, point, atPoint, constraints) = Self.randomCase(tape, &rng, &registers)
      var box = start
      box.withUnsafeBufferPointer { b in values.withUnsafeMutableBufferPointer { evaluator.evaluate(b, into: $0) } }
      let revision = box.withUnsafeMutableBufferPointer { b in
        values.withUnsafeBufferPointer { v in
          targets.withUnsafeMutableBufferPointer { t in
            HC4Contractor.revise(b, tape: tape, constraints: constraints, values: v, targets: t)
          }
        }
      }
      guard case .narrowed(let changed) = revision else {
        failures.append("box \(start) refuted; point \(point) feasible for \(constraints)")
        continue
      }
      if changed { narrowed += 1 }
      if changed != (box != start) { failures.append("changed = \(changed) but \(start) → \(box)") }
      for (side, x) in zip(box, point) where !side.contains(x) {
        failures.append("point \(point) removed: \(start) → \(box) for \(constraints)")
      }
      for c in constraints {
        let target = targets[tape.outputs[c.output]]
        if !target.isPossiblyUndefined && target.intersection(atPoint[c.output]).isEmpty {
          failures.append("output \(c.output) target \(target) misses \(atPoint[c.output]) at \(point)")
        }
      }
      if let contracted = firstRound.contract(start, constraints: constraints).box, contracted != box {
        failures.append("revise gave \(box), contract's first round \(contracted) for \(start), \(constraints)")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.first ?? "")")
    #expect(narrowed > 1000)
  }

  /// A range containing `v`: exactly it, widened a little or a lot, or half-unbounded.
  static func range(around v: Interval, _ rng: inout SeededGenerator) -> Interval {
    switch rng.nextInt(below: 5) {
    case 0: return v
    case 1: return Interval(v.lower - rng.nextUnit() * 1e-3, v.upper + rng.nextUnit() * 1e-3)
    case 2: return Interval(v.lower - rng.nextUnit() * 5, v.upper + rng.nextUnit() * 5)
    case 3: return Interval(-.infinity, v.upper + rng.nextUnit())
    default: return Interval(v.lower - rng.nextUnit(), .infinity)
    }
  }

  @Test func undefinedEnclosuresNeitherContractNorDiscard() throws {
    let parser = ExprParser(variables: Self.variables)
    let tape = Tape(compiling: [try parser.parse("log(x)"), try parser.parse("1/x"), try parser.parse("sqrt(x) + y")],
                    variableCount: 2)
    let contractor = HC4Contractor(tape: tape)
    let box = [Interval(-1, 1), Interval(-1, 1)]
    // log(x) ≥ 5 is impossible where log is defined, but log is undefined on x ≤ 0.
    let log = contractor.contract(box, constraints: [.init(output: 0, range: Interval(5, .infinity))])
    #expect(log.box == box)
    #expect(log.enclosures.first?.isPossiblyUndefined == true)
    // 1/x ∈ [2, 3] would give x ∈ [1/3, 1/2], but 1/x is undefined at x = 0, in the box.
    let quotient = contractor.contract(box, constraints: [.init(output: 1, range: Interval(2, 3))])
    #expect(quotient.box == box)
    // sqrt(x) + y ≤ -5 is impossible where defined; sqrt is undefined for x < 0.
    let root = contractor.contract(box, constraints: [.init(output: 2, range: Interval(-.infinity, -5))])
    #expect(root.box == box)
    // Once the box is inside the domain, the same constraints refute it.
    let positive = [Interval(0.25, 1), Interval(-1, 1)]
    #expect(contractor.contract(positive, constraints: [.init(output: 0, range: Interval(5, .infinity))]).box == nil)
    #expect(contractor.contract(positive, constraints: [.init(output: 2, range: Interval(-.infinity, -5))]).box == nil)
  }

  @Test func contractsADiscAndRefutesAnEmptySet() throws {
    let parser = ExprParser(variables: Self.variables)
    let tape = Tape(compiling: [try parser.parse("x^2 + y^2"), try parser.parse("x^2 + 1")], variableCount: 2)
    let contractor = HC4Contractor(tape: tape)
    let box = [Interval(-10, 10), Interval(-10, 10)]
    let disc = contractor.contract(box, constraints: [.init(output: 0, range: Interval(-.infinity, 1))])
    let out = try #require(disc.box)
    for side in out {
      #expect(side.lower >= -1.000001 && side.upper <= 1.000001)
      #expect(side.contains(-1) && side.contains(1))
    }
    #expect(disc.evaluations >= 2)
    #expect(contractor.contract(box, constraints: [.init(output: 1, range: Interval(-.infinity, 0))]).box == nil)
  }
}
