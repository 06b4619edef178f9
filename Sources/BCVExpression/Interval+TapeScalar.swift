import BCVNumerics

/// Interval evaluation of tapes: every output encloses the real value of its expression
/// at every point of the input intervals; `Interval.undefined` (NaN endpoints) where the
/// expression may be undefined somewhere in them.
extension Interval: TapeScalar {
  /// The tightest interval of doubles containing the exact constant.
  public init(tapeConstant: Rational) {
    let e = tapeConstant.doubleEnclosure
    self.init(e.lower, e.upper)
  }

  public static var tapePi: Interval { .pi }

  public func divided(by divisor: Interval) -> Interval {
    if divisor.isPossiblyUndefined || isPossiblyUndefined { return .undefined }
    if divisor.isEmpty || isEmpty { return .empty }
    return divisor.lower <= 0 && divisor.upper >= 0 ? .undefined : self / divisor
  }

  /// Negative powers of an interval containing 0 are undefined there, as for `divided(by:)`.
  public func raised(toInteger n: Int) -> Interval {
    if n < 0 && !isEmpty && !isPossiblyUndefined && lower <= 0 && upper >= 0 { return .undefined }
    return pow(n)
  }
  public func raised(toReal exponent: Interval) -> Interval { pow(exponent) }

  public func applying(_ f: ElementaryFunction) -> Interval {
    switch f {
    case .sin: return sin()
    case .cos: return cos()
    case .tan: return tan()
    case .exp: return exp()
    case .log: return log()
    case .sqrt: return sqrt()
    case .tanh: return tanh()
    case .atan: return atan()
    case .abs: return abs()
    case .sign: return signEnclosure()
    }
  }

  /// sign(x) over the interval: −1, 0 or 1 where determined, else the hull of the signs
  /// it takes (so [−1, 1] across zero).
  func signEnclosure() -> Interval {
    if isPossiblyUndefined || isEmpty { return self }
    let lo: Double = lower > 0 ? 1 : (lower == 0 ? 0 : -1)
    let hi: Double = upper < 0 ? -1 : (upper == 0 ? 0 : 1)
    return Interval(lo, hi)
  }
}
