import BCVNumerics
import BCVTestSupport
import Testing

// Backward (contractor) operations: they must never remove a feasible point, and they
// should actually contract in simple cases.

@Suite struct IntervalBackwardTests {
  /// A target enclosure for the exact value of an operation at a point: sometimes the
  /// tight enclosure of the point computation, sometimes hulled with a random interval.
  static func target(_ tight: Interval, _ g: inout IntervalSampler) -> Interval {
    g.rng.nextInt(below: 3) == 0 ? tight.hull(g.interval()) : tight
  }

  /// For random boxes and random feasible points (x, y) in them, with z any enclosure
  /// of op(x, y), the contracted boxes still contain x and y.
  @Test func binaryContractorsKeepFeasiblePoints() {
    var g = IntervalSampler(stream: 20)
    var failures: [String] = []
    for _ in 0..<15_000 {
      let x = g.interval(), y = g.interval()
      for _ in 0..<3 {
        let a = g.point(in: x), b = g.point(in: y)
        let pa = Interval(a), pb = Interval(b)
        var z = Self.target(pa + pb, &g)
        var r = Interval.backwardAdd(z: z, x: x, y: y)
        if !(r.x.contains(a) && r.y.contains(b)) { failures.append("add \(a),\(b) z=\(z) x=\(x) y=\(y) → \(r)") }
        z = Self.target(pa - pb, &g)
        r = Interval.backwardSubtract(z: z, x: x, y: y)
        if !(r.x.contains(a) && r.y.contains(b)) { failures.append("sub \(a),\(b) z=\(z) x=\(x) y=\(y) → \(r)") }
        z = Self.target(pa * pb, &g)
        r = Interval.backwardMultiply(z: z, x: x, y: y)
        if !(r.x.contains(a) && r.y.contains(b)) { failures.append("mul \(a),\(b) z=\(z) x=\(x) y=\(y) → \(r)") }
        if b != 0 {
          z = Self.target(pa / pb, &g)
          r = Interval.backwardDivide(z: z, x: x, y: y)
          if !(r.x.contains(a) && r.y.contains(b)) { failures.append("div \(a),\(b) z=\(z) x=\(x) y=\(y) → \(r)") }
        }
        z = Self.target(-pa, &g)
        if !Interval.backwardNegate(z: z, x: x).contains(a) { failures.append("neg \(a) z=\(z) x=\(x)") }
      }
    }
    expectNoFailures(failures)
  }

  @Test func unaryContractorsKeepFeasiblePoints() {
    var g = IntervalSampler(stream: 21)
    var failures: [String] = []
    for trial in 0..<15_000 {
      let x = g.interval(), px = g.positiveInterval()
      let n = trial % 4 == 0 ? -(1 + g.rng.nextInt(below: 9)) : g.rng.nextInt(below: 30)
      for _ in 0..<3 {
        let a = g.point(in: x), p = g.point(in: px)
        if !(n < 0 && a == 0) {
          let z = Self.target(Interval(a).pow(n), &g)
          let r = Interval.backwardPower(z: z, x: x, n: n)
          if !r.contains(a) { failures.append("pow \(a)^\(n) z=\(z) x=\(x) → \(r)") }
        }
        var z = Self.target(Interval(p).sqrt(), &g)
        var r = Interval.backwardSqrt(z: z, x: px)
        if !r.contains(p) { failures.append("sqrt \(p) z=\(z) x=\(px) → \(r)") }
        z = Self.target(Interval(a).exp(), &g)
        r = Interval.backwardExp(z: z, x: x)
        if !r.contains(a) { failures.append("exp \(a) z=\(z) x=\(x) → \(r)") }
        z = Self.target(Interval(p).log(), &g)
        r = Interval.backwardLog(z: z, x: px)
        if !r.contains(p) { failures.append("log \(p) z=\(z) x=\(px) → \(r)") }
      }
    }
    expectNoFailures(failures)
  }

  @Test func contractorsContract() {
    let sum = Interval.backwardAdd(z: Interval(0, 1), x: Interval(-10, 10), y: Interval(2, 3))
    #expect(sum.x == Interval(-3, -1) && sum.y == Interval(2, 3))
    let diff = Interval.backwardSubtract(z: Interval(0, 1), x: Interval(-10, 10), y: Interval(2, 3))
    #expect(diff.x == Interval(2, 4) && diff.y == Interval(2, 3))
    let prod = Interval.backwardMultiply(z: Interval(2, 4), x: Interval(-10, 10), y: Interval(1, 2))
    #expect(prod.x == Interval(1, 4))
    // Divisors touching or straddling 0 when z excludes 0: the extended quotient.
    let touch = Interval.backwardMultiply(z: Interval(1, 2), x: Interval(-10, 10), y: Interval(0, 1))
    #expect(touch.x == Interval(1, 10) && touch.y == Interval((0.1).nextDown, 1))  // 1/10 rounded down
    let across = Interval.backwardMultiply(z: Interval(-2, -1), x: Interval(0.5, 10), y: Interval(-1, 4))
    #expect(across.x == Interval(1, 10) && across.y == Interval(-1, (-0.1).nextUp))
    let both = Interval.backwardMultiply(z: Interval(-2, -1), x: Interval(-0.5, 10), y: Interval(-1, 4))
    #expect(both.x == Interval(-0.5, 10))  // hull of [-0.5, -0.25] and [1, 10]
    #expect(Interval.backwardMultiply(z: Interval(1, 2), x: .entire, y: Interval(0)).x.isEmpty)
    let open = Interval.backwardMultiply(z: Interval(0, 2), x: Interval(-10, 10), y: Interval(0, 1))
    #expect(open.x == Interval(-10, 10) && open.y == Interval(0, 1))
    let quot = Interval.backwardDivide(z: Interval(1, 2), x: Interval(-10, 10), y: Interval(2, 3))
    #expect(quot.x == Interval(2, 6) && quot.y == Interval(2, 3))
    #expect(Interval.backwardNegate(z: Interval(1, 2), x: .entire) == Interval(-2, -1))
    #expect(Interval.backwardPower(z: Interval(4, 9), x: Interval(-10, 10), n: 2) == Interval(-3, 3))
    #expect(Interval.backwardPower(z: Interval(4, 9), x: Interval(0, 10), n: 2) == Interval(2, 3))
    #expect(Interval.backwardPower(z: Interval(4, 9), x: Interval(-1, 1), n: 2).isEmpty)
    #expect(Interval.backwardPower(z: Interval(-8, 27), x: .entire, n: 3) == Interval(-2, 3))
    #expect(Interval.backwardPower(z: Interval(-9, -4), x: .entire, n: 2).isEmpty)
    #expect(Interval.backwardPower(z: Interval(2, 3), x: Interval(-1, 1), n: 0).isEmpty)
    #expect(Interval.backwardPower(z: Interval(0, 3), x: Interval(-1, 1), n: 0) == Interval(-1, 1))
    let inv = Interval.backwardPower(z: Interval(0.25, 0.5), x: Interval(1, 10), n: -1)
    #expect(inv == Interval(2, 4))
    #expect(Interval.backwardSqrt(z: Interval(2, 3), x: Interval(0, 100)) == Interval(4, 9))
    let e = Interval.backwardExp(z: Interval(1, 1), x: Interval(-5, 5))
    #expect(e == Interval(0))
    #expect(Interval.backwardExp(z: Interval(-2, 0), x: .entire).isEmpty)
    #expect(Interval.backwardExp(z: Interval(-2, 1), x: Interval(-5, 5)) == Interval(-5, 0))
    let l = Interval.backwardLog(z: Interval(0, 1), x: Interval(0.5, 10))
    #expect(l.lower == 1 && l.upper >= 2.718281828459045 && l.upper < 2.7182818284591)
    #expect(Interval.backwardAdd(z: Interval(5, 6), x: Interval(0, 1), y: Interval(0, 1)).x.isEmpty)
  }

  /// Points where the operation is undefined are never removed, and undefined inputs
  /// leave the operands unchanged.
  @Test func undefinedPointsAreKept() {
    let x = Interval(-4, 4), y = Interval(-1, 1)
    let d = Interval.backwardDivide(z: Interval(10, 20), x: x, y: y)
    #expect(d.x == x && d.y == y)
    #expect(Interval.backwardSqrt(z: Interval(1, 2), x: Interval(-1, 9)) == Interval(-1, 9))
    #expect(Interval.backwardLog(z: Interval(0, 1), x: Interval(0, 9)) == Interval(0, 9))
    #expect(Interval.backwardPower(z: Interval(1, 2), x: Interval(-1, 1), n: -2) == Interval(-1, 1))
    let m = Interval.backwardMultiply(z: Interval(1, 2), x: Interval(-1, 1), y: Interval(-1, 1))
    #expect(m.x == Interval(-1, 1) && m.y == Interval(-1, 1))
    let u = Interval.backwardAdd(z: .undefined, x: x, y: y)
    #expect(u.x == x && u.y == y)
    let v = Interval.backwardMultiply(z: Interval(1, 2), x: x, y: .undefined)
    #expect(v.x == x && v.y.isPossiblyUndefined)
    #expect(Interval.backwardExp(z: .undefined, x: x) == x)
    #expect(Interval.backwardPower(z: .undefined, x: x, n: 2) == x)
    #expect(Interval.backwardAdd(z: .empty, x: x, y: y).x.isEmpty)
  }

  /// Sampled points are doubles, but a contractor must keep every real point: check the
  /// contracted endpoints against exact bounds (exact squares, high-precision references
  /// for exp and log, high-precision powers for roots).
  @Test func contractedEndpointsAreOutward() {
    var g = IntervalSampler(stream: 22)
    var failures: [String] = []
    for _ in 0..<15_000 {
      let z = g.positiveInterval()
      let s = Interval.backwardSqrt(z: z, x: Interval(0, .infinity))
      if !(ExactValue.product(z.lower, z.lower).isAbove(s.lower)
        && ExactValue.product(z.upper, z.upper).isBelow(s.upper)) {
        failures.append("sqrt⁻¹ \(z) → \(s)")
      }
      let y = g.interval()
      let a = Interval.backwardAdd(z: z, x: .entire, y: y).x
      if !(ExactValue.sum(z.lower, -y.upper).isAbove(a.lower) && ExactValue.sum(z.upper, -y.lower).isBelow(a.upper)) {
        failures.append("add⁻¹ \(z) - \(y) → \(a)")
      }
      // exp⁻¹ and log⁻¹ must be at least as wide as the (separately verified) forward
      // enclosures of log and exp at z's endpoints.
      let e = Interval.backwardExp(z: z, x: .entire)
      if z.isBounded && !e.contains(Interval(z.lower).log().hull(Interval(z.upper).log())) {
        failures.append("exp⁻¹ \(z) → \(e)")
      }
      let w = Interval(min(z.lower, 700), min(z.upper, 700))
      let l = Interval.backwardLog(z: w, x: Interval(0x1p-1074, .infinity))
      if !l.contains(Interval(w.lower).exp().hull(Interval(w.upper).exp())) {
        failures.append("log⁻¹ \(w) → \(l)")
      }
      // Extended quotients for divisors with 0 as an endpoint (z > 0 here).
      let d = g.scaled(-30...30), q = g.rng.nextInt(below: 2) == 0 ? z : -z
      let pos = Interval.backwardMultiply(z: q, x: .entire, y: Interval(0, d)).x
      let neg = Interval.backwardMultiply(z: q, x: .entire, y: Interval(-d, 0)).x
      let okPos = q.lower > 0 ? ExactValue.quotient(q.lower, d).isAbove(pos.lower)
                              : ExactValue.quotient(q.upper, d).isBelow(pos.upper)
      let okNeg = q.lower > 0 ? ExactValue.quotient(q.lower, -d).isBelow(neg.upper)
                              : ExactValue.quotient(q.upper, -d).isAbove(neg.lower)
      if !(okPos && okNeg) { failures.append("mul⁻¹ \(q) / [0, ±\(d)] → \(pos), \(neg)") }
      let v = g.point(in: z)
      let n = 1 + g.rng.nextInt(below: 25)
      let r = Interval.backwardPower(z: Interval(v), x: Interval(0, .infinity), n: n)
      if r.isEmpty || (r.lower > 0 && !ApproxPower(r.lower, n).allowsUpper(v))
        || (r.upper.isFinite && !ApproxPower(r.upper, n).allowsLower(v)) {
        failures.append("root \(v)^(1/\(n)) → \(r)")
      }
    }
    for (name, x, below, above) in elementaryReferenceValues where below.isFinite {
      let z = Interval(below, above)  // the tightest enclosure of f(x)
      if name == "exp" && !Interval.backwardExp(z: z, x: .entire).contains(x) {
        failures.append("exp⁻¹ \(z) ∌ \(x)")
      }
      if name == "log" && !Interval.backwardLog(z: z, x: Interval(0x1p-1074, .infinity)).contains(x) {
        failures.append("log⁻¹ \(z) ∌ \(x)")
      }
    }
    expectNoFailures(failures)
  }

  /// Outward n-th roots on hard inputs: huge exponents and extreme magnitudes.
  @Test func rootsOfExtremeValues() {
    for (v, n) in [(2.0, 100_000_000), (1e300, 3), (1e-300, 5), (0x1p-1074, 7), (.greatestFiniteMagnitude, 2),
                   (3.0, 1_000_001), (0.5, 64), (7.0, 3)] {
      let x = Interval.backwardPower(z: Interval(v), x: .entire, n: n)
      // The real root r = v^(1/n): r^n must be able to reach v from inside x.
      #expect(!x.isEmpty && x.pow(n).contains(v), "\(v)^(1/\(n)) → \(x)")
    }
  }
}
