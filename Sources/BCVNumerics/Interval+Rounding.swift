/// Directed rounding of `+ * / sqrt`, emulated in the default round-to-nearest mode.
///
/// Swift cannot change the FPU rounding mode, so each function computes the
/// round-to-nearest result `r` (correctly rounded by IEEE 754) and then the sign of the
/// exact error with an error-free transformation (TwoSum for `+`, a fused multiply-add
/// for `*`, `/` and `sqrt`). If the exact value lies below `r`, `…Down` returns
/// `r.nextDown`; otherwise `r` itself, which is then exact or already below. This is true
/// directed rounding (the tightest bound), so exact results such as `0·x`, `2+2` or
/// `sqrt(4)` stay exact and signs are not blurred around 0.
///
/// Where the error term could be lost to underflow (results or operands below
/// `exactnessFloor`), the functions step one ulp outward unconditionally: a correctly
/// rounded result is within half an ulp of the exact value, so one step always suffices.
/// On overflow to ±∞ from finite operands, the bound on the finite side is the largest
/// finite double (`(+∞).nextDown`), which is below any value that rounds to +∞.
/// Infinite operands give the extended-real limits (`a·∞ = ±∞`, `a/∞ = 0`); callers
/// never pass the indeterminate forms (`0·∞` is handled here as 0, `∞-∞` and `∞/∞` cannot
/// arise from valid endpoints).
@usableFromInline
enum Round {
  /// Above this magnitude the error terms used below are exact or keep their sign:
  /// products of the operands' units in the last place stay above 2⁻¹⁰⁷⁴.
  @usableFromInline static let exactnessFloor: Double = 0x1p-900

  // MARK: Addition

  /// A double `<= a + b` (the exact sum), as large as possible.
  @inlinable @inline(__always)
  static func addDown(_ a: Double, _ b: Double) -> Double {
    let s = a + b
    guard s.isFinite else {
      return a.isInfinite || b.isInfinite ? s : s.nextDown
    }
    let bb = s - a
    let e = (a - (s - bb)) + (b - bb)  // TwoSum: a + b = s + e exactly
    guard e.isFinite else { return s.nextDown }
    return e < 0 ? s.nextDown : s
  }

  /// A double `>= a + b` (the exact sum), as small as possible.
  @inlinable @inline(__always)
  static func addUp(_ a: Double, _ b: Double) -> Double {
    let s = a + b
    guard s.isFinite else {
      return a.isInfinite || b.isInfinite ? s : s.nextUp
    }
    let bb = s - a
    let e = (a - (s - bb)) + (b - bb)
    guard e.isFinite else { return s.nextUp }
    return e > 0 ? s.nextUp : s
  }

  // MARK: Multiplication (0·∞ = 0)

  /// A double `<= a·b`; `0` when either factor is 0, even if the other is infinite.
  @inlinable @inline(__always)
  static func mulDown(_ a: Double, _ b: Double) -> Double {
    if a == 0 || b == 0 { return 0 }
    let p = a * b
    if !p.isFinite { return a.isInfinite || b.isInfinite ? p : p.nextDown }
    if Swift.abs(p) < exactnessFloor {
      // The error may be lost to underflow: step out, but a product of same-signed
      // factors is positive, so 0 is still a valid (and tighter) lower bound.
      return (a > 0) == (b > 0) ? Swift.max(p.nextDown, 0) : p.nextDown
    }
    let e = (-p).addingProduct(a, b)  // a·b - p, exact here
    return e < 0 ? p.nextDown : p
  }

  /// A double `>= a·b`; `0` when either factor is 0, even if the other is infinite.
  @inlinable @inline(__always)
  static func mulUp(_ a: Double, _ b: Double) -> Double {
    if a == 0 || b == 0 { return 0 }
    let p = a * b
    if !p.isFinite { return a.isInfinite || b.isInfinite ? p : p.nextUp }
    if Swift.abs(p) < exactnessFloor {
      return (a > 0) != (b > 0) ? Swift.min(p.nextUp, 0) : p.nextUp
    }
    let e = (-p).addingProduct(a, b)
    return e > 0 ? p.nextUp : p
  }

  // MARK: Division (b != 0)

  /// A double `<= a/b` for `b != 0`; `a/±∞` is treated as its limit 0.
  @inlinable @inline(__always)
  static func divDown(_ a: Double, _ b: Double) -> Double {
    let q = a / b
    if a == 0 || a.isInfinite || b.isInfinite { return q }
    if !q.isFinite { return q.nextDown }
    if Swift.abs(q) < exactnessFloor || Swift.abs(a) < exactnessFloor {
      return (a > 0) == (b > 0) ? Swift.max(q.nextDown, 0) : q.nextDown
    }
    let r = a.addingProduct(-q, b)  // a - q·b; the exact quotient is q + r/b
    if r == 0 { return q }
    return (r < 0) != (b < 0) ? q.nextDown : q
  }

  /// A double `>= a/b` for `b != 0`; `a/±∞` is treated as its limit 0.
  @inlinable @inline(__always)
  static func divUp(_ a: Double, _ b: Double) -> Double {
    let q = a / b
    if a == 0 || a.isInfinite || b.isInfinite { return q }
    if !q.isFinite { return q.nextUp }
    if Swift.abs(q) < exactnessFloor || Swift.abs(a) < exactnessFloor {
      return (a > 0) != (b > 0) ? Swift.min(q.nextUp, 0) : q.nextUp
    }
    let r = a.addingProduct(-q, b)
    if r == 0 { return q }
    return (r < 0) == (b < 0) ? q.nextUp : q
  }

  // MARK: Square root (x >= 0)

  /// A double `<= √x` for `x >= 0`.
  @inlinable @inline(__always)
  static func sqrtDown(_ x: Double) -> Double {
    let s = x.squareRoot()
    if x == 0 || x.isInfinite { return s }
    if x < exactnessFloor { return Swift.max(s.nextDown, 0) }
    let e = (-x).addingProduct(s, s)  // s² - x: positive means s > √x
    return e > 0 ? s.nextDown : s
  }

  /// A double `>= √x` for `x >= 0`.
  @inlinable @inline(__always)
  static func sqrtUp(_ x: Double) -> Double {
    let s = x.squareRoot()
    if x == 0 || x.isInfinite { return s }
    if x < exactnessFloor { return s.nextUp }
    let e = (-x).addingProduct(s, s)
    return e < 0 ? s.nextUp : s
  }

  // MARK: Integer powers of non-negative numbers

  /// A double `<= m^n` for `m >= 0`, `n >= 1`, by exponentiation by squaring (at most
  /// 2·log₂ n products; `m²` is one product). Every partial product is a lower bound of a
  /// non-negative quantity and stays `>= 0`, so rounding each product down keeps the
  /// whole chain a lower bound.
  @inlinable
  static func powDown(_ m: Double, _ n: UInt) -> Double {
    var base = m, k = n
    while k & 1 == 0 { base = mulDown(base, base); k >>= 1 }  // n >= 1: terminates
    var result = base
    k >>= 1
    while k != 0 {
      base = mulDown(base, base)
      if k & 1 == 1 { result = mulDown(result, base) }
      k >>= 1
    }
    return result
  }

  /// A double `>= m^n` for `m >= 0`, `n >= 1` (see `powDown`).
  @inlinable
  static func powUp(_ m: Double, _ n: UInt) -> Double {
    var base = m, k = n
    while k & 1 == 0 { base = mulUp(base, base); k >>= 1 }
    var result = base
    k >>= 1
    while k != 0 {
      base = mulUp(base, base)
      if k & 1 == 1 { result = mulUp(result, base) }
      k >>= 1
    }
    return result
  }
}
