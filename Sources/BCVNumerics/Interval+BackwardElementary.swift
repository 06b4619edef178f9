// Backward (contractor) operations for HC4-revise through abs, atan, tanh and real
// powers, with the guarantee and policies of `Interval+Backward.swift`: each returns
// narrowed operands that keep every operand point whose result is a real number in `z`;
// an undefined input or intermediate narrows nothing.

extension Interval {
  /// `z = |x|`: `|x| ∈ r = z ∩ [0, +∞]`, so `x ∈ r ∪ −r`; the hull of the two parts of `x`.
  public static func backwardAbs(z: Interval, x: Interval) -> Interval {
    guard !x.isPossiblyUndefined, !x.isEmpty else { return x }
    let r = z.intersection(Interval(0, .infinity))
    if r.isEmpty { return .empty }
    return x.intersection(r).hull(x.intersection(-r))
  }

  /// `z = atan x`: atan x lies in (−π/2, π/2) and x = tan(atan x), so
  /// `x ∈ tan(z ∩ [−π/2, π/2])` (outward; `tan` is undefined when a pole may be inside,
  /// which leaves `x` unchanged).
  public static func backwardAtan(z: Interval, x: Interval) -> Interval {
    guard !x.isPossiblyUndefined, !x.isEmpty else { return x }
    let h = Interval.halfPi.upper
    let r = z.intersection(Interval(-h, h))
    if r.isEmpty { return .empty }
    return narrow(x, to: r.tan())
  }

  /// `z = tanh x`: tanh x lies in (−1, 1) and x = ½·log((1 + t)/(1 − t)) for t = tanh x,
  /// so `x ∈ ½·log((1 + r)/(1 − r))` with `r = z ∩ [−1, 1]` (outward; a divisor holding 0
  /// gives `entire` and a log argument reaching 0 gives `undefined`, both harmless).
  public static func backwardTanh(z: Interval, x: Interval) -> Interval {
    guard !x.isPossiblyUndefined, !x.isEmpty else { return x }
    let r = z.intersection(Interval(-1, 1))
    if r.isEmpty { return .empty }
    let one = Interval(1)
    let ratio = (one + r) / (one - r)
    return narrow(x, to: Interval(0.5) * ratio.log())
  }

  /// `z = a^b = exp(b·log a)` with `a > 0` on the whole operand (otherwise the power may be
  /// undefined and nothing is narrowed): with `L = log a` and `w = b·L`, contracts `w`
  /// against `exp(w) ∈ z`, then `b` and `L` against `b·L ∈ w`, then `a` against
  /// `log a ∈ L`.
  public static func backwardRealPower(z: Interval, base a: Interval, exponent b: Interval) -> (base: Interval, exponent: Interval) {
    guard !a.isPossiblyUndefined, !b.isPossiblyUndefined, !a.isEmpty, !b.isEmpty, a.lower > 0 else { return (a, b) }
    let l = a.log()
    let w = backwardExp(z: z, x: b * l)
    if w.isEmpty { return (.empty, .empty) }
    let r = backwardMultiply(z: w, x: b, y: l)
    if r.x.isEmpty || r.y.isEmpty { return (.empty, .empty) }
    return (backwardLog(z: r.y, x: a), r.x)
  }
}
