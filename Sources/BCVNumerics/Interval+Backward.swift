// Backward (contractor) operations for HC4-revise.
//
// Given an enclosure `z` of the result of `op(x, y)` and enclosures `x`, `y` of its
// operands, each function returns narrowed operands `x' ⊆ x`, `y' ⊆ y` such that every
// point `(x, y)` of the inputs with `op(x, y)` a real number in `z` is kept. The narrowed
// sets are computed with the outward-rounded forward operations, so rounding never removes
// a feasible point.
//
// Policies, chosen for soundness over tightness:
// - Points where the operation is undefined (division by 0, sqrt/log/negative power
//   outside their domains) are never removed: when an operand may reach such a point the
//   operand is returned unchanged. This keeps the contractors consistent with the forward
//   NaN policy (an undefined point means "cannot decide", so no contractor may decide it
//   away).
// - An `undefined` input (or intermediate) carries no information: the affected operands
//   are returned unchanged.
// - An empty operand is returned as it is; a contraction that proves no feasible point
//   exists returns `empty` for the operands.

extension Interval {
  /// `x ∩ candidate`, except that an undefined candidate leaves `x` unchanged.
  @inlinable
  static func narrow(_ x: Interval, to candidate: Interval) -> Interval {
    candidate.isPossiblyUndefined ? x : x.intersection(candidate)
  }

  // MARK: Sum, difference, negation

  /// Contracts `x` and `y` for `z = x + y`: `x' = x ∩ (z - y)`, `y' = y ∩ (z - x')`.
  @inlinable
  public static func backwardAdd(z: Interval, x: Interval, y: Interval) -> (x: Interval, y: Interval) {
    let nx = narrow(x, to: z - y)
    return (nx, narrow(y, to: z - nx))
  }

  /// Contracts `x` and `y` for `z = x - y`: `x' = x ∩ (z + y)`, `y' = y ∩ (x' - z)`.
  @inlinable
  public static func backwardSubtract(z: Interval, x: Interval, y: Interval) -> (x: Interval, y: Interval) {
    let nx = narrow(x, to: z + y)
    return (nx, narrow(y, to: nx - z))
  }

  /// Contracts `x` for `z = -x`: `x' = x ∩ (-z)`.
  @inlinable
  public static func backwardNegate(z: Interval, x: Interval) -> Interval {
    narrow(x, to: -z)
  }

  // MARK: Product and quotient

  /// Contracts `x` and `y` for `z = x·y`: `x' = x ∩ (z / y)`, `y' = y ∩ (z / x')`.
  ///
  /// Multiplication is defined everywhere, so no undefined point is at stake. When `z`
  /// contains 0, points with `y = 0` are feasible for any `x`, and the quotient is
  /// `entire` whenever `y` contains 0 (division's rule), leaving `x` unchanged. When `z`
  /// excludes 0, points with `y = 0` are infeasible (`x·0 = 0 ∉ z`), so `x` is narrowed
  /// by the extended quotient `z / (y \ {0})`, the union of the quotients by the negative
  /// and the positive parts of `y`: each part is intersected with `x` and the results are
  /// hulled (e.g. `z = [1, 2]`, `y = [0, 1]` gives `x' = x ∩ [1, +∞]`).
  @inlinable
  public static func backwardMultiply(z: Interval, x: Interval, y: Interval) -> (x: Interval, y: Interval) {
    let nx = narrowByQuotient(x, z, y)
    return (nx, narrowByQuotient(y, z, nx))
  }

  /// `x ∩ {q/w : q ∈ z, w ∈ y, w ≠ 0}` (see `backwardMultiply`).
  @inlinable
  static func narrowByQuotient(_ x: Interval, _ z: Interval, _ y: Interval) -> Interval {
    guard z.lower <= z.upper, y.lower <= y.upper, !(z.lower <= 0 && 0 <= z.upper),
          y.lower <= 0 && 0 <= y.upper else { return narrow(x, to: z / y) }
    // z is defined, non-empty and excludes 0; y is defined, non-empty and contains 0.
    var result = Interval.empty
    if y.upper > 0 {  // w in (0, y.upper]
      let part = z.lower > 0
        ? Interval(uncheckedLower: Round.divDown(z.lower, y.upper), upper: .infinity)
        : Interval(uncheckedLower: -.infinity, upper: Round.divUp(z.upper, y.upper))
      result = x.intersection(part)
    }
    if y.lower < 0 {  // w in [y.lower, 0)
      let part = z.lower > 0
        ? Interval(uncheckedLower: -.infinity, upper: Round.divUp(z.lower, y.lower))
        : Interval(uncheckedLower: Round.divDown(z.upper, y.lower), upper: .infinity)
      result = result.hull(x.intersection(part))
    }
    return result  // empty when y = [0, 0]: then x·y = 0 ∉ z
  }

  /// Contracts `x` and `y` for `z = x / y`.
  ///
  /// When `y` may be 0 the quotient may be undefined, and both operands are returned
  /// unchanged. Otherwise `x = z·y` gives `x' = x ∩ (z·y)`, and `y = x/z` (valid when the
  /// quotient is not 0; if `z` contains 0 the division gives `entire`) gives
  /// `y' = y ∩ (x' / z)`.
  @inlinable
  public static func backwardDivide(z: Interval, x: Interval, y: Interval) -> (x: Interval, y: Interval) {
    guard y.lower <= y.upper, !(y.lower <= 0 && 0 <= y.upper) else { return (x, y) }
    let nx = narrow(x, to: z * y)
    return (nx, narrow(y, to: nx / z))
  }

  // MARK: Powers and roots

  /// Contracts `x` for `z = x^n` (integer `n`, with `pow(_: Int)`'s semantics).
  ///
  /// - `n = 0`: `x^0 = 1`, so `x` is kept if `1 ∈ z` and is otherwise `empty`.
  /// - `n > 0` odd: `x^n` is a bijection, so `x' = x ∩ [∛z.lower, ∛z.upper]` with outward
  ///   n-th roots.
  /// - `n > 0` even: `x^n ∈ z` means `|x| ∈ r = [ⁿ√max(z.lower, 0), ⁿ√z.upper]`, so
  ///   `x' = hull((x ∩ -r), (x ∩ r))`; `empty` when `z` has no non-negative point.
  /// - `n < 0`: if `x` contains 0 it is returned unchanged (`x^n` undefined there);
  ///   otherwise `x^|n| = 1/x^n ∈ 1/z` and the positive case applies.
  ///
  /// The n-th roots are proved outward by re-raising them with outward rounding, and fall
  /// back to trivial bounds when the proof fails, so they never cut a feasible point.
  public static func backwardPower(z: Interval, x: Interval, n: Int) -> Interval {
    guard x.lower <= x.upper, !z.isPossiblyUndefined else { return x }
    if z.isEmpty { return .empty }
    if n == 0 { return z.lower <= 1 && 1 <= z.upper ? x : .empty }
    if n > 0 { return backwardPositivePower(z: z, x: x, k: n.magnitude) }
    if x.lower <= 0 && 0 <= x.upper { return x }
    return backwardPositivePower(z: z.reciprocal(), x: x, k: n.magnitude)
  }

  /// `backwardPower` for `k >= 1` on a non-empty, defined `x` and a defined `z`.
  static func backwardPositivePower(z: Interval, x: Interval, k: UInt) -> Interval {
    if z.isEmpty { return .empty }
    if k == 1 { return narrow(x, to: z) }
    if k & 1 == 1 {
      let lo = z.lower >= 0 ? rootDown(z.lower, k) : -rootUp(-z.lower, k)
      let hi = z.upper >= 0 ? rootUp(z.upper, k) : -rootDown(-z.upper, k)
      return narrow(x, to: Interval(uncheckedLower: lo, upper: hi))
    }
    if z.upper < 0 { return .empty }
    let r = Interval(uncheckedLower: rootDown(Swift.max(z.lower, 0), k), upper: rootUp(z.upper, k))
    return x.intersection(r).hull(x.intersection(-r))
  }

  /// Contracts `x` for `z = √x`: `x' = x ∩ (z ∩ [0, ∞])²`. Unchanged when `x` reaches
  /// below 0 (√ is undefined there); `empty` when `z` has no non-negative point.
  public static func backwardSqrt(z: Interval, x: Interval) -> Interval {
    guard x.lower <= x.upper, !z.isPossiblyUndefined, x.lower >= 0 else { return x }
    if z.isEmpty || z.upper < 0 { return .empty }
    let lo = Swift.max(z.lower, 0)
    return narrow(x, to: Interval(uncheckedLower: Round.mulDown(lo, lo),
                                  upper: Round.mulUp(z.upper, z.upper)))
  }

  // MARK: Exponential and logarithm

  /// Contracts `x` for `z = eˣ`: `x' = x ∩ [log z.lower, log z.upper]` with outward logs,
  /// where a lower bound `<= 0` of `z` gives `-∞` (eˣ > 0 for every real x); `empty` when
  /// `z.upper <= 0`.
  public static func backwardExp(z: Interval, x: Interval) -> Interval {
    guard x.lower <= x.upper, !z.isPossiblyUndefined else { return x }
    if z.isEmpty || z.upper <= 0 { return .empty }
    let lo = z.lower > 0 ? LibmBound.logDown(z.lower) : -.infinity
    let hi = LibmBound.logUp(z.upper)
    return narrow(x, to: Interval(uncheckedLower: lo, upper: hi))
  }

  /// Contracts `x` for `z = log x`: `x' = x ∩ exp(z)`. Unchanged when `x` reaches 0 or
  /// below (log is undefined there).
  public static func backwardLog(z: Interval, x: Interval) -> Interval {
    guard x.lower <= x.upper, !z.isPossiblyUndefined, x.lower > 0 else { return x }
    return narrow(x, to: z.exp())
  }
}
