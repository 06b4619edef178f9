import BCVNumerics
import BCVTestSupport
import Testing

// exp, log, sin, cos, tan, tanh, atan, abs and the enclosure of π.

@Suite struct IntervalElementaryTests {
  typealias Function = (name: String, interval: @Sendable (Interval) -> Interval, point: @Sendable (Double) -> Double)

  static let functions: [Function] = [
    ("exp", { $0.exp() }, PointLibm.exp),
    ("log", { $0.log() }, PointLibm.log),
    ("sin", { $0.sin() }, PointLibm.sin),
    ("cos", { $0.cos() }, PointLibm.cos),
    ("tan", { $0.tan() }, PointLibm.tan),
    ("tanh", { $0.tanh() }, PointLibm.tanh),
    ("atan", { $0.atan() }, PointLibm.atan),
    ("abs", { $0.abs() }, { Swift.abs($0) }),
  ]

  /// The true value at each reference point lies in the enclosure of the point interval
  /// (checked exactly: the reference brackets it between adjacent doubles), and the
  /// enclosure is at most a dozen ulps wide where the function is well defined.
  @Test func enclosesHighPrecisionReferenceValues() {
    var failures: [String] = []
    var checked = 0
    for (name, x, below, above) in elementaryReferenceValues {
      guard let f = Self.functions.first(where: { $0.name == name }) else { continue }
      let r = f.interval(Interval(x))
      if name == "tan" && r.isPossiblyUndefined { continue }  // conservative near a pole
      checked += 1
      if !(r.lower <= below && above <= r.upper) {
        failures.append("\(name)(\(x)) ∈ [\(below), \(above)] ⊄ \(r)")
      }
      let hugeTrig = (name == "sin" || name == "cos") && abs(x) >= 0x1p50
      if r.isBounded && below.isFinite && above.isFinite && abs(below) > 1e-300 && !hugeTrig
        && (r.lower < steps(below, -12) || r.upper > steps(above, 12)) {
        failures.append("\(name)(\(x)) = \(r) is wider than 12 ulps around [\(below), \(above)]")
      }
    }
    #expect(checked > 150)
    expectNoFailures(failures)
  }

  /// libm is not correctly rounded, so libm-computed endpoints must keep a margin of
  /// several ulps beyond the true value, even where this machine's libm happens to be
  /// accurate (a regression guard on the widening itself).
  @Test func libmEndpointsKeepAMargin() {
    var failures: [String] = []
    for (name, x, below, above) in elementaryReferenceValues where below.isFinite && above.isFinite {
      guard let f = Self.functions.first(where: { $0.name == name }), name != "abs" else { continue }
      let r = f.interval(Interval(x))
      guard r.isBounded, abs(below) > 1e-300, !r.isPoint else { continue }
      let clampedLow = (name == "exp" && r.lower == 0) || r.lower == -1 || r.lower == -Interval.halfPi.upper
      let clampedHigh = r.upper == 1 || r.upper == Interval.halfPi.upper
      if !clampedLow && r.lower > steps(below, -2) { failures.append("\(name)(\(x)) lower \(r.lower) too tight") }
      if !clampedHigh && r.upper < steps(above, 2) { failures.append("\(name)(\(x)) upper \(r.upper) too tight") }
    }
    expectNoFailures(failures)
  }

  func steps(_ d: Double, _ n: Int) -> Double {
    var r = d
    for _ in 0..<Swift.abs(n) { r = n > 0 ? r.nextUp : r.nextDown }
    return r
  }

  /// For random intervals and random points in them, the libm value at the point lies in
  /// the enclosure, with one ulp to spare on each side (clamped to the function's range).
  @Test func enclosesLibmValuesAtRandomPoints() {
    var g = IntervalSampler(stream: 10)
    var failures: [String] = []
    for f in Self.functions {
      for _ in 0..<6_000 {
        let x = f.name == "log" ? g.positiveInterval() : g.interval()
        let r = f.interval(x)
        if !isWellFormed(r) || r.isEmpty || (r.isPossiblyUndefined && f.name != "tan") {
          failures.append("\(f.name)\(x) = \(r) malformed")
          continue
        }
        if r.isPossiblyUndefined { continue }
        for _ in 0..<4 {
          let a = g.point(in: x)
          let v = f.point(a)
          var lo = v.nextDown, hi = v.nextUp
          if f.name == "abs" { (lo, hi) = (v, v) }
          if ["sin", "cos", "tanh"].contains(f.name) { lo = max(lo, -1); hi = min(hi, 1) }
          if f.name == "exp" { lo = max(lo, 0) }
          if f.name == "atan" { (lo, hi) = (max(lo, -Interval.halfPi.upper), min(hi, Interval.halfPi.upper)) }
          if !(r.lower <= lo && hi <= r.upper) { failures.append("\(f.name)(\(a)) = \(v) ∉ \(r) of \(x)") }
        }
      }
    }
    expectNoFailures(failures)
  }

  /// Dense checks around every multiple of π/2 in [-40π, 40π]: the extrema ±1 of sin and
  /// cos must not be missed however the interval ends near them.
  @Test func sinAndCosFindExtremaNearMultiplesOfHalfPi() {
    var g = IntervalSampler(stream: 11)
    var failures: [String] = []
    for k in -80...80 {
      let c = Double(k) * (Double.pi / 2)
      let offsets = [0, 1e-300, 0x1p-52 * abs(c), 1e-12, 1e-6, 0.1]
      for left in offsets { for right in offsets {
        let x = Interval(c - left, c + right)
        let s = x.sin(), co = x.cos()
        for a in [x.lower, x.upper, c, g.point(in: x), g.point(in: x)] {
          if !s.contains(PointLibm.sin(a)) { failures.append("sin(\(a)) ∉ \(s) of \(x)") }
          if !co.contains(PointLibm.cos(a)) { failures.append("cos(\(a)) ∉ \(co) of \(x)") }
        }
        if left >= 1e-6 && right >= 1e-6 {  // certainly straddles k·π/2
          let m = ((k % 4) + 4) % 4
          if m == 1 && s.upper != 1 { failures.append("sin max missed in \(x)") }
          if m == 3 && s.lower != -1 { failures.append("sin min missed in \(x)") }
          if m == 0 && co.upper != 1 { failures.append("cos max missed in \(x)") }
          if m == 2 && co.lower != -1 { failures.append("cos min missed in \(x)") }
          if m % 2 == 1 && !x.tan().isPossiblyUndefined { failures.append("tan pole missed in \(x)") }
        }
      } }
    }
    expectNoFailures(failures)
  }

  @Test func knownValues() {
    #expect(Interval.halfPi.sin().contains(1))
    #expect(Interval.halfPi.sin().upper == 1)
    #expect(Interval.pi.sin().contains(0) && Interval.pi.cos().contains(-1))
    let turn = Interval(0, 2 * Double.pi + 1e-9).cos()
    #expect(turn == Interval(-1, 1))
    #expect(Interval(0, 0.1).cos().upper == 1 && Interval(0, 0.1).sin().lower == 0)
    #expect(Interval(0).exp() == Interval(1) && Interval(1).log() == Interval(0))
    #expect(Interval(0).sin() == Interval(0) && Interval(0).cos() == Interval(1))
    #expect(Interval(0).tan() == Interval(0) && Interval(0).tanh() == Interval(0))
    #expect(Interval(0).atan() == Interval(0))
    #expect(Interval(1).exp().contains(2.718281828459045))
    #expect(Interval(-1, 3).abs() == Interval(0, 3) && Interval(-4, -1).abs() == Interval(1, 4))
    #expect(Interval(1, 2).sin().lower > 0.84 && Interval(1, 2).sin().upper == 1)
  }

  @Test func piEnclosesPi() {
    // π = 0x1.921fb54442d18469898cc5…p+1: Double.pi (…d18p+1) is below it, its
    // successor (…d19p+1) above.
    #expect(Interval.pi.lower == Double.pi && Interval.pi.upper == Double.pi.nextUp)
    #expect(Interval.pi.lower == 0x1.921fb54442d18p+1 && Interval.pi.upper == 0x1.921fb54442d19p+1)
    #expect(Interval.halfPi.lower * 2 == Interval.pi.lower && Interval.halfPi.upper * 2 == Interval.pi.upper)
    #expect(Interval.pi.contains(3.141592653589793))
  }

  @Test func domainsAndRanges() {
    #expect(Interval(0, 1).log().isPossiblyUndefined)
    #expect(Interval(-1, 1).log().isPossiblyUndefined)
    #expect(Interval(0x1p-1074, 1).log().lower < -744)
    #expect(Interval(1, 2).tan().isPossiblyUndefined)  // contains π/2
    #expect(Interval(1.5, 1.57).tan().isBounded)
    #expect(Interval(Double.pi / 2 - 1e-9, Double.pi / 2 - 1e-10).tan().lower > 1e8)
    #expect(Interval(-1, 1).tan().isBounded && Interval(2, 4).tan().isBounded)
    #expect(Interval(4, 5).tan().isPossiblyUndefined)  // 3π/2 ≈ 4.712
    #expect(Interval.entire.tan().isPossiblyUndefined && Interval(1e300).tan().isPossiblyUndefined)
    #expect(Interval.entire.sin() == Interval(-1, 1) && Interval(1e300).cos() == Interval(-1, 1))
    #expect(Interval(-1, 6.3).sin() == Interval(-1, 1))
    #expect(Interval(-.infinity, 0).exp().lower == 0 && Interval(-.infinity, 0).exp().upper == 1)
    let big = Interval(700, 800).exp()
    #expect(big.upper == .infinity && big.lower > 1e304)
    let over = Interval(710).exp()
    #expect(over.lower > 1.7e308 && over.lower.isFinite && over.upper == .infinity)
    #expect(Interval(-800).exp().lower == 0 && Interval(-800).exp().upper <= 0x1p-1072)
    #expect(Interval.entire.tanh() == Interval(-1, 1) && Interval(30, 40).tanh().upper == 1)
    let a = Interval.entire.atan()
    #expect(a.upper == Interval.halfPi.upper && a.lower == -Interval.halfPi.upper)
    #expect(Interval(0, .infinity).log() == Interval.undefined)
    #expect(Interval(1, .infinity).log().upper == .infinity)
    for f in Self.functions {
      #expect(f.interval(.empty).isEmpty, "\(f.name)")
      #expect(f.interval(.undefined).isPossiblyUndefined, "\(f.name)")
    }
  }
}
