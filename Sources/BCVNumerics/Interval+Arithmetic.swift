// The four operations and negation with outward rounding (see `Interval+Rounding.swift`).
//
// Each result encloses every real value of `x ∘ y` for `x` in the left operand and `y` in
// the right one. Special operands: `undefined` in (either side) gives `undefined` out;
// otherwise `empty` in gives `empty` out. Scalar forms treat a finite `Double` as a point
// interval and a non-finite one (NaN, ±∞: not a real number) as `undefined`.

extension Interval {
  /// The result when at least one operand is empty or undefined: `undefined` wins.
  @inlinable
  static func specialResult(_ x: Interval, _ y: Interval) -> Interval {
    x.isPossiblyUndefined || y.isPossiblyUndefined ? .undefined : .empty
  }

  // MARK: Negation

  /// `[-upper, -lower]`, exact. Empty and undefined map to themselves.
  @inlinable
  public static prefix func - (x: Interval) -> Interval {
    Interval(uncheckedLower: -x.upper, upper: -x.lower)
  }

  // MARK: Addition and subtraction

  /// Encloses every real `x + y` for `x` in `l` and `y` in `r`.
  @inlinable
  public static func + (l: Interval, r: Interval) -> Interval {
    guard _fastPath(l.lower <= l.upper && r.lower <= r.upper) else { return specialResult(l, r) }
    return Interval(uncheckedLower: Round.addDown(l.lower, r.lower),
                    upper: Round.addUp(l.upper, r.upper))
  }

  /// Encloses every real `x - y` for `x` in `l` and `y` in `r`.
  @inlinable
  public static func - (l: Interval, r: Interval) -> Interval {
    guard _fastPath(l.lower <= l.upper && r.lower <= r.upper) else { return specialResult(l, r) }
    return Interval(uncheckedLower: Round.addDown(l.lower, -r.upper),
                    upper: Round.addUp(l.upper, -r.lower))
  }

  // MARK: Multiplication

  /// Encloses every real `x·y` for `x` in `l` and `y` in `r`.
  ///
  /// Case analysis on the signs of the operands, so at most two products per endpoint
  /// (four only when both operands straddle 0). An endpoint product `0·∞` counts as 0:
  /// every real point times 0 is 0, and the infinite endpoint only says "unbounded".
  @inlinable
  public static func * (l: Interval, r: Interval) -> Interval {
    let a = l.lower, b = l.upper, c = r.lower, d = r.upper
    guard _fastPath(a <= b && c <= d) else { return specialResult(l, r) }
    if a >= 0 {
      if c >= 0 { return Interval(uncheckedLower: Round.mulDown(a, c), upper: Round.mulUp(b, d)) }
      if d <= 0 { return Interval(uncheckedLower: Round.mulDown(b, c), upper: Round.mulUp(a, d)) }
      return Interval(uncheckedLower: Round.mulDown(b, c), upper: Round.mulUp(b, d))
    }
    if b <= 0 {
      if c >= 0 { return Interval(uncheckedLower: Round.mulDown(a, d), upper: Round.mulUp(b, c)) }
      if d <= 0 { return Interval(uncheckedLower: Round.mulDown(b, d), upper: Round.mulUp(a, c)) }
      return Interval(uncheckedLower: Round.mulDown(a, d), upper: Round.mulUp(a, c))
    }
    // a < 0 < b
    if c >= 0 { return Interval(uncheckedLower: Round.mulDown(a, d), upper: Round.mulUp(b, d)) }
    if d <= 0 { return Interval(uncheckedLower: Round.mulDown(b, c), upper: Round.mulUp(a, c)) }
    return Interval(uncheckedLower: Swift.min(Round.mulDown(a, d), Round.mulDown(b, c)),
                    upper: Swift.max(Round.mulUp(a, c), Round.mulUp(b, d)))
  }

  // MARK: Division

  /// Encloses every real `x/y` for `x` in `l` and `y` in `r` with `y != 0`.
  ///
  /// When `r` contains 0 (including an endpoint equal to 0) the result is `entire`, not
  /// `undefined`: the quotient is unbounded near 0, so nothing finite can be certified
  /// anyway, and callers that must treat division by zero as undefined check the divisor
  /// themselves (the backward contractor `backwardDivide` does: it never removes points
  /// where the divisor may vanish). This is also what keeps `0/0` from ever producing a
  /// NaN endpoint.
  @inlinable
  public static func / (l: Interval, r: Interval) -> Interval {
    let a = l.lower, b = l.upper, c = r.lower, d = r.upper
    guard _fastPath(a <= b && c <= d) else { return specialResult(l, r) }
    if c > 0 {
      if a >= 0 { return Interval(uncheckedLower: Round.divDown(a, d), upper: Round.divUp(b, c)) }
      if b <= 0 { return Interval(uncheckedLower: Round.divDown(a, c), upper: Round.divUp(b, d)) }
      return Interval(uncheckedLower: Round.divDown(a, c), upper: Round.divUp(b, c))
    }
    if d < 0 {
      if a >= 0 { return Interval(uncheckedLower: Round.divDown(b, d), upper: Round.divUp(a, c)) }
      if b <= 0 { return Interval(uncheckedLower: Round.divDown(b, c), upper: Round.divUp(a, d)) }
      return Interval(uncheckedLower: Round.divDown(b, d), upper: Round.divUp(a, d))
    }
    return Interval(uncheckedLower: -.infinity, upper: .infinity)
  }

  /// Encloses `1/x` for every `x` in `self` (`entire` when `self` contains 0).
  @inlinable
  public func reciprocal() -> Interval {
    Interval(uncheckedLower: 1, upper: 1) / self
  }

  // MARK: Scalar forms

  @inlinable public static func + (l: Interval, r: Double) -> Interval { l + Interval(scalar: r) }
  @inlinable public static func + (l: Double, r: Interval) -> Interval { Interval(scalar: l) + r }
  @inlinable public static func - (l: Interval, r: Double) -> Interval { l - Interval(scalar: r) }
  @inlinable public static func - (l: Double, r: Interval) -> Interval { Interval(scalar: l) - r }
  @inlinable public static func * (l: Interval, r: Double) -> Interval { l * Interval(scalar: r) }
  @inlinable public static func * (l: Double, r: Interval) -> Interval { Interval(scalar: l) * r }
  @inlinable public static func / (l: Interval, r: Double) -> Interval { l / Interval(scalar: r) }
  @inlinable public static func / (l: Double, r: Interval) -> Interval { Interval(scalar: l) / r }

  // MARK: Compound assignment

  @inlinable public static func += (l: inout Interval, r: Interval) { l = l + r }
  @inlinable public static func -= (l: inout Interval, r: Interval) { l = l - r }
  @inlinable public static func *= (l: inout Interval, r: Interval) { l = l * r }
  @inlinable public static func /= (l: inout Interval, r: Interval) { l = l / r }
}
