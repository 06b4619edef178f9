import BCVPlatform

// Integer powers, square root, the general power exp(b·log a), and the outward n-th roots
// used by the backward power contractor.

extension Interval {
  // MARK: Integer powers

  /// Encloses `x^n` for every real `x` in `self`.
  ///
  /// - `n = 0`: `[1, 1]` for any non-empty operand (the convention `0⁰ = 1`).
  /// - `n > 0` odd: `x^n` is increasing, so the result is `[lower^n, upper^n]`.
  /// - `n > 0` even: `x^n = |x|^n`, so the result is `[mignitude^n, magnitude^n]`; its
  ///   lower bound is exactly 0 when `self` contains 0.
  /// - `n < 0`: `1 / x^|n|`, with division's rule: `entire` when `self` contains 0.
  ///
  /// Endpoints are computed by exponentiation by squaring on magnitudes with every
  /// product rounded outward (at most 2·log₂|n| products: 37 per endpoint for `n = 10⁸`),
  /// never with `Double` `pow`, whose error is not bounded by the standard. Empty and
  /// undefined operands are returned unchanged.
  @inlinable
  public func pow(_ n: Int) -> Interval {
    guard lower <= upper else { return self }
    if n == 0 { return Interval(uncheckedLower: 1, upper: 1) }
    let p = positivePower(n.magnitude)
    return n > 0 ? p : Interval(uncheckedLower: 1, upper: 1) / p
  }

  /// `self^k` for `k >= 1` on a non-empty, defined interval.
  @inlinable
  func positivePower(_ k: UInt) -> Interval {
    if k == 1 { return self }
    let a = lower, b = upper
    if k & 1 == 1 {
      let lo = a >= 0 ? Round.powDown(a, k) : -Round.powUp(-a, k)
      let hi = b >= 0 ? Round.powUp(b, k) : -Round.powDown(-b, k)
      return Interval(uncheckedLower: lo, upper: hi)
    }
    if a >= 0 { return Interval(uncheckedLower: Round.powDown(a, k), upper: Round.powUp(b, k)) }
    if b <= 0 { return Interval(uncheckedLower: Round.powDown(-b, k), upper: Round.powUp(-a, k)) }
    return Interval(uncheckedLower: 0, upper: Round.powUp(Swift.max(-a, b), k))
  }

  /// Encloses `x²` for every `x` in `self`; the same as `pow(2)`.
  @inlinable
  public func squared() -> Interval { pow(2) }

  // MARK: Square root

  /// Encloses `√x` for every `x` in `self`. `undefined` when any point is negative
  /// (`lower < 0`); `[0, b]` is fine and gives a lower bound of exactly 0. The square root
  /// is correctly rounded in IEEE 754, so one outward step (taken only when inexact)
  /// suffices.
  @inlinable
  public func sqrt() -> Interval {
    guard lower <= upper else { return self }
    if lower < 0 { return .undefined }
    return Interval(uncheckedLower: Round.sqrtDown(lower), upper: Round.sqrtUp(upper))
  }

  // MARK: General power

  /// Encloses `x^y = exp(y·log x)` for every `x` in `self` and `y` in `exponent`.
  ///
  /// Defined only for `x > 0`: when `self` reaches 0 or below the result is `undefined`,
  /// even for integral `exponent` (use `pow(_: Int)` for integer powers of any real).
  /// This matches the point semantics used for `Double` evaluation. The enclosure is the
  /// composition of the enclosures of `log`, `*` and `exp`, so it is sound; it may be a few
  /// ulps wider than the true range.
  public func pow(_ exponent: Interval) -> Interval {
    if isPossiblyUndefined || exponent.isPossiblyUndefined { return .undefined }
    if isEmpty || exponent.isEmpty { return .empty }
    if lower <= 0 { return .undefined }
    return (exponent * log()).exp()
  }

  // MARK: Outward n-th roots (for the backward power contractor)

  /// A double `<= v^(1/k)` for `v >= 0`, `k >= 1`.
  ///
  /// Starts from libm's `pow(v, 1/k)` (whose error is not trusted) and steps down until
  /// `powUp(r, k) <= v` proves `r^k <= v`, i.e. `r <= v^(1/k)`. If that fails within 64
  /// steps the trivial bound `min(v, 1)` is returned (the k-th root of `v >= 1` is `>= 1`,
  /// of `v < 1` is `>= v`).
  static func rootDown(_ v: Double, _ k: UInt) -> Double {
    if k == 1 || v == 0 || v == .infinity { return v }
    if k == 2 { return Round.sqrtDown(v) }
    var r = Libm.pow(v, 1 / Double(k))
    if r.isFinite && r > 0 {
      for _ in 0..<64 {
        if Round.powUp(r, k) <= v { return r }
        r = r.nextDown
      }
    }
    return Swift.min(v, 1)
  }

  /// A double `>= v^(1/k)` for `v >= 0`, `k >= 1`. Mirror of `rootDown`: steps up until
  /// `powDown(r, k) >= v`, falling back to `max(v, 1)`.
  static func rootUp(_ v: Double, _ k: UInt) -> Double {
    if k == 1 || v == 0 || v == .infinity { return v }
    if k == 2 { return Round.sqrtUp(v) }
    var r = Libm.pow(v, 1 / Double(k))
    if r.isFinite && r > 0 {
      for _ in 0..<64 {
        if Round.powDown(r, k) >= v { return r }
        r = r.nextUp
      }
    }
    return Swift.max(v, 1)
  }
}

