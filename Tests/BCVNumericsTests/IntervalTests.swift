import BCVNumerics
import BCVTestSupport
import Testing

// Representation, set operations, predicates, arithmetic and powers of `Interval`.
// Elementary functions are in IntervalElementaryTests.swift, contractors in
// IntervalBackwardTests.swift, shared samplers and oracles in IntervalTestHelpers.swift.

@Suite struct IntervalRepresentationTests {
  @Test func specialValuesAndClassification() {
    #expect(Interval.empty.lower == .infinity && Interval.empty.upper == -.infinity)
    #expect(Interval.empty.isEmpty && !Interval.empty.isPossiblyUndefined)
    #expect(Interval.entire.lower == -.infinity && Interval.entire.upper == .infinity)
    #expect(Interval.entire.isEntire && !Interval.entire.isBounded)
    #expect(Interval.undefined.lower.isNaN && Interval.undefined.upper.isNaN)
    #expect(Interval.undefined.isPossiblyUndefined && !Interval.undefined.isEmpty)
    #expect(Interval(3).isPoint && Interval(3).lower == 3 && Interval(3).upper == 3)
    #expect(Interval(-.infinity, 2).lower == -.infinity)
    #expect(!Interval(1, 2).isPoint && Interval(1, 2).isBounded)
  }

  @Test func equalityAndHashing() {
    #expect(Interval.undefined == Interval.undefined)
    #expect(Set([Interval.undefined, Interval.undefined, Interval(1, 2), Interval(1, 2)]).count == 2)
    #expect(Interval(-0.0, 1) == Interval(0, 1))
    #expect(Set([Interval(-0.0, 1), Interval(0, 1)]).count == 1)
    #expect(Interval.empty != Interval.undefined)
    #expect(Interval(1, 2) != Interval(1, 3))
  }

  @Test func descriptions() {
    #expect(Interval(1, 2.5).description == "[1.0, 2.5]")
    #expect(Interval.empty.description == "[empty]")
    #expect(Interval.undefined.description == "[undefined]")
    #expect(Interval.entire.description == "[-inf, inf]")
  }

  @Test func invalidEndpointsTrap() async {
    await #expect(processExitsWith: .failure) { _ = Interval(2, 1) }
    await #expect(processExitsWith: .failure) { _ = Interval(.nan, 1) }
    await #expect(processExitsWith: .failure) { _ = Interval(.infinity, .infinity) }
    await #expect(processExitsWith: .failure) { _ = Interval(Double.infinity) }
  }

  @Test func membership() {
    let x = Interval(-1, 2)
    #expect(x.contains(-1) && x.contains(2) && x.contains(0.5))
    #expect(!x.contains(2.0.nextUp) && !x.contains(.nan))
    #expect(!Interval.entire.contains(.infinity) && Interval.entire.contains(1e308))
    #expect(!Interval.empty.contains(0) && !Interval.undefined.contains(0))
    #expect(x.contains(Interval(0, 1)) && x.contains(x) && !x.contains(Interval(0, 3)))
    #expect(x.contains(.empty) && Interval.empty.contains(.empty) && !Interval.empty.contains(x))
    #expect(!x.contains(.undefined) && !Interval.undefined.contains(x))
  }

  @Test func measures() {
    #expect(Interval(1, 3).width == 2)
    #expect(Interval(0, 0.1).width >= 0.1)
    #expect(Interval(-1e308, 1e308).width == .infinity)
    #expect(Interval(1, 1 + 0x1p-52).width == 0x1p-52)
    #expect(Interval(0.1, 0.3).width >= 0.3 - 0.1 && Interval(0.1, 0.3).width <= (0.3 - 0.1).nextUp)
    #expect(Interval.empty.width == 0 && Interval.undefined.width == .infinity)
    #expect(Interval(1, 3).midpoint == 2)
    #expect(Interval.entire.midpoint == 0)
    #expect(Interval(-.infinity, 0).midpoint == -.greatestFiniteMagnitude)
    #expect(Interval(0, .infinity).midpoint == .greatestFiniteMagnitude)
    let big = Interval(-.greatestFiniteMagnitude, .greatestFiniteMagnitude * 0.75)
    #expect(big.contains(big.midpoint))
    let tiny = Interval(0x1p-1074, 0x1p-1073)
    #expect(tiny.contains(tiny.midpoint))
    #expect(Interval.empty.midpoint.isNaN)
    let halves = Interval(1, 3).bisected()
    #expect(halves.lower == Interval(1, 2) && halves.upper == Interval(2, 3))
    #expect(Interval(5).bisected().lower == Interval(5))
    #expect(Interval(-3, 2).magnitude == 3 && Interval(-3, 2).mignitude == 0)
    #expect(Interval(-3, -2).mignitude == 2 && Interval(4, 5).mignitude == 4)
    #expect(Interval(-.infinity, 1).magnitude == .infinity)
    #expect(Interval.undefined.magnitude == .infinity && Interval.undefined.mignitude == 0)
  }

  @Test func hullAndIntersection() {
    let a = Interval(0, 2), b = Interval(1, 5), c = Interval(7, 8)
    #expect(a.hull(b) == Interval(0, 5) && a.hull(c) == Interval(0, 8))
    #expect(a.intersection(b) == Interval(1, 2) && a.intersection(c).isEmpty)
    #expect(a.hull(.empty) == a && Interval.empty.hull(a) == a)
    #expect(a.intersection(.empty).isEmpty)
    #expect(a.hull(.undefined).isPossiblyUndefined && a.intersection(.undefined).isPossiblyUndefined)
    #expect(a.intersection(Interval(2, 3)) == Interval(2))
  }

  @Test func predicates() {
    let x = Interval(-1, 2)
    #expect(x.certainlyLessThanOrEqual(2) && !x.certainlyLess(2) && x.certainlyLess(2.5))
    #expect(x.certainlyGreaterThanOrEqual(-1) && !x.certainlyGreater(-1) && x.certainlyGreater(-1.5))
    #expect(x.possiblyLessThanOrEqual(-1) && !x.possiblyLess(-1))
    #expect(x.possiblyGreaterThanOrEqual(2) && !x.possiblyGreater(2))
    for special in [Interval.empty, Interval.undefined] {
      #expect(!special.certainlyLessThanOrEqual(0) && !special.certainlyLess(0))
      #expect(!special.certainlyGreaterThanOrEqual(0) && !special.certainlyGreater(0))
      #expect(special.possiblyLess(0) && special.possiblyGreater(0))
    }
  }
}

@Suite struct IntervalArithmeticTests {
  /// Every exact x∘y for x, y drawn from random intervals is inside the enclosure, checked
  /// exactly against the sign of the rounding error (ExactValue), and no result is
  /// malformed or undefined.
  @Test func basicOperationsEncloseExactResults() {
    var g = IntervalSampler(stream: 1)
    var failures: [String] = []
    for _ in 0..<25_000 {
      let x = g.interval(), y = g.interval()
      let sum = x + y, diff = x - y, prod = x * y, quot = x / y
      for r in [sum, diff, prod, quot] where !isWellFormed(r) || r.isPossiblyUndefined || r.isEmpty {
        failures.append("malformed \(r) from \(x), \(y)")
      }
      for _ in 0..<3 {
        let a = g.point(in: x), b = g.point(in: y)
        if !ExactValue.sum(a, b).isInside(sum) { failures.append("\(a) + \(b) ∉ \(sum)") }
        if !ExactValue.sum(a, -b).isInside(diff) { failures.append("\(a) - \(b) ∉ \(diff)") }
        if !ExactValue.product(a, b).isInside(prod) { failures.append("\(a) * \(b) ∉ \(prod)") }
        if b != 0 && !ExactValue.quotient(a, b).isInside(quot) { failures.append("\(a) / \(b) ∉ \(quot)") }
        let s = x * b, q = x / b
        if !ExactValue.product(a, b).isInside(s) { failures.append("scalar \(a) * \(b) ∉ \(s)") }
        if b != 0 && !ExactValue.quotient(a, b).isInside(q) { failures.append("scalar \(a) / \(b) ∉ \(q)") }
      }
    }
    expectNoFailures(failures)
  }

  @Test func exactResultsStayExact() {
    #expect(Interval(1, 2) + Interval(3, 4) == Interval(4, 6))
    #expect(Interval(0, 1) * Interval(0, 1) == Interval(0, 1))
    #expect(Interval(-2, 3) * Interval(-1, 4) == Interval(-8, 12))
    #expect(Interval(2, 4) / Interval(2, 2) == Interval(1, 2))
    let third = Interval(1) / Interval(3)
    #expect(third.lower == (1.0 / 3).nextDown || third.upper == (1.0 / 3).nextUp)
    #expect(third.upper.nextDown <= third.lower)  // one ulp wide: directed rounding
    #expect(-Interval(1, 2) == Interval(-2, -1))
  }

  @Test func zeroTimesInfinityIsZero() {
    #expect(Interval(0) * Interval.entire == Interval(0))
    #expect(Interval(0, 1) * Interval(1, .infinity) == Interval(0, .infinity))
    #expect(Interval(0) * Interval(-.infinity, 5) == Interval(0))
    #expect(Interval(-1, 0) * Interval(0, .infinity) == Interval(-.infinity, 0))
    #expect(Interval.entire * Interval.entire == Interval.entire)
    #expect(Interval(0, .infinity) - Interval(0, .infinity) == Interval.entire)
  }

  @Test func divisionByIntervalContainingZeroIsEntire() {
    #expect(Interval(1, 2) / Interval(-1, 1) == Interval.entire)
    #expect(Interval(1, 2) / Interval(0, 1) == Interval.entire)
    #expect(Interval(0) / Interval(0) == Interval.entire)
    #expect(Interval(1, 2) / Interval(-1, -0.0) == Interval.entire)
    #expect(Interval(1, 2).reciprocal() == Interval(0.5, 1))
    #expect(Interval(1) / Interval(2, .infinity) == Interval(0, 0.5))
  }

  @Test func overflowAndUnderflowAreEnclosed() {
    let big = Interval(.greatestFiniteMagnitude)
    let s = big + big
    #expect(s.lower == .greatestFiniteMagnitude && s.upper == .infinity)
    let p = Interval(1e300) * Interval(1e300)
    #expect(p.lower == .greatestFiniteMagnitude && p.upper == .infinity)
    let t = Interval(1e-300) * Interval(1e-300)
    #expect(t.lower == 0 && t.upper > 0 && t.upper <= 0x1p-1074)
    let n = Interval(-1e-300) * Interval(1e-300)
    #expect(n.upper == 0 && n.lower < 0)
  }

  @Test func specialOperandsPropagate() {
    let x = Interval(1, 2)
    for r in [x + .undefined, .undefined - x, x * .undefined, .undefined / x, .empty + .undefined] {
      #expect(r.isPossiblyUndefined)
    }
    for r in [x + .empty, .empty - x, x * .empty, .empty / x, -Interval.empty] { #expect(r.isEmpty) }
    #expect((-Interval.undefined).isPossiblyUndefined)
    #expect((x + .nan).isPossiblyUndefined && (x * .infinity).isPossiblyUndefined)
    #expect(x + 1 == Interval(2, 3) && 1 - x == Interval(-1, 0) && 2 * x == Interval(2, 4))
    #expect(2 / x == Interval(1, 2) && x / 2 == Interval(0.5, 1) && x - 1 == Interval(0, 1))
  }
}

@Suite struct IntervalPowerTests {
  @Test func integerPowersEncloseExactPowers() {
    var g = IntervalSampler(stream: 2)
    var failures: [String] = []
    for trial in 0..<10_000 {
      let x = g.interval()
      let n = trial % 5 == 0 ? -(1 + g.rng.nextInt(below: 12)) : g.rng.nextInt(below: 40)
      let r = x.pow(n)
      if !isWellFormed(r) || r.isPossiblyUndefined { failures.append("malformed \(x)^\(n) = \(r)") }
      for _ in 0..<3 {
        let a = g.point(in: x)
        if n == 0 {
          if r != Interval(1) { failures.append("\(x)^0 = \(r)") }
        } else if a == 0 {
          if n > 0 && !r.contains(0) { failures.append("0^\(n) ∉ \(r)") }
        } else if !ApproxPower(a, n).allows(r) {
          failures.append("\(a)^\(n) ∉ \(r)")
        }
      }
    }
    expectNoFailures(failures)
  }

  @Test func powerShapes() {
    #expect(Interval(-2, 3).pow(2) == Interval(0, 9))
    #expect(Interval(-3, -2).pow(2) == Interval(4, 9))
    #expect(Interval(-2, 3).pow(3) == Interval(-8, 27))
    #expect(Interval(-2, 3).pow(4) == Interval(0, 81))
    #expect(Interval(-2, 3).pow(1) == Interval(-2, 3))
    #expect(Interval(-2, 3).pow(0) == Interval(1))
    #expect(Interval(2, 4).pow(-1) == Interval(0.25, 0.5))
    #expect(Interval(-1, 1).pow(-2) == Interval.entire)
    #expect(Interval(-2, -1).pow(-3) == Interval(-1, -0.125))
    #expect(Interval(-.infinity, 2).pow(2) == Interval(0, .infinity))
    #expect(Interval(-.infinity, -1).pow(3) == Interval(-.infinity, -1))
    #expect(Interval.empty.pow(2).isEmpty && Interval.undefined.pow(0).isPossiblyUndefined)
    #expect(Interval(-2, 3).squared() == Interval(0, 9))
  }

  @Test func hugeExponentsUseSquaring() {
    let n = 100_000_000
    #expect(Interval(-1, 1).pow(n) == Interval(0, 1))
    // The double 1 + 1e-9 is 1.00000000100000008274…; its 10⁸-th power is
    // 1.10517092716461428507…; 37 outward-rounded products lose up to about n·2⁻⁵² ≈
    // 2·10⁻⁸ relative (each squaring doubles the relative error of the base).
    let r = Interval(1, 1 + 1e-9).pow(n)
    #expect(r.lower == 1 && r.upper >= 1.1051709271646143 && r.upper < 1.1051709271646143 * (1 + 6e-8))
    let p = Interval(1 + 1e-9).pow(n)
    #expect(p.lower <= 1.1051709271646142 && p.upper >= 1.1051709271646143)
    #expect(p.width < 1e-7)
    let o = Interval(2).pow(n)
    #expect(o.lower == .greatestFiniteMagnitude && o.upper == .infinity)
    let u = Interval(0.5).pow(n)
    #expect(u.lower == 0 && u.upper > 0 && u.upper < 1e-300)
    let m = Interval(2).pow(Int.min)
    #expect(m.lower == 0 && m.upper < 1e-300)
    #expect(Interval(-3, 2).pow(Int.max - 1).lower == 0)
  }

  @Test func squareRootEnclosesExactRoots() {
    var g = IntervalSampler(stream: 3)
    var failures: [String] = []
    for _ in 0..<10_000 {
      let x = g.positiveInterval()
      let r = x.sqrt()
      for _ in 0..<3 {
        let a = g.point(in: x)
        if !ExactValue.squareRoot(a).isInside(r) { failures.append("√\(a) ∉ \(r)") }
      }
    }
    expectNoFailures(failures)
    #expect(Interval(0, 4).sqrt() == Interval(0, 2))
    #expect(Interval(-1, 4).sqrt().isPossiblyUndefined)
    #expect(Interval(-0.0, 4).sqrt() == Interval(0, 2))
    #expect(Interval(2, .infinity).sqrt().upper == .infinity)
    let s2 = Interval(2).sqrt()
    #expect(s2.lower < s2.upper && s2.lower.nextUp == s2.upper)
  }

  @Test func realPowersEncloseLibmPowers() {
    var g = IntervalSampler(stream: 4)
    var failures: [String] = []
    for _ in 0..<10_000 {
      let x = g.positiveInterval()
      let y = Interval(g.rng.nextDouble(in: -3, 3)).hull(Interval(g.rng.nextDouble(in: -3, 3)))
      let r = x.pow(y)
      if !isWellFormed(r) || r.isPossiblyUndefined { failures.append("malformed \(x)^\(y) = \(r)") }
      for _ in 0..<3 {
        let a = g.point(in: x), b = g.point(in: y)
        let v = PointLibm.pow(a, b)
        if !(r.lower <= v.nextDown && v.nextUp <= r.upper) && !(v == 0 && r.lower <= 0) {
          failures.append("\(a)^\(b) = \(v) ∉ \(r)")
        }
      }
    }
    expectNoFailures(failures)
    #expect(Interval(0, 1).pow(Interval(2)).isPossiblyUndefined)
    #expect(Interval(-1, 2).pow(Interval(0.5)).isPossiblyUndefined)
    #expect(Interval(2).pow(Interval(0.5)).contains(1.4142135623730951))
    #expect(Interval(1, .infinity).pow(Interval(0)).contains(1))
  }
}
