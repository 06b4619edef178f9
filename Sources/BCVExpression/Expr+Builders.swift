import BCVNumerics

/// Folding constructors: every way of building an `Expr` in this package goes through
/// these, so constants are folded exactly and the identities below hold everywhere.
///
/// Identities applied (each exact for every real input where the original is defined,
/// and never removing a subexpression that could be undefined somewhere, so the domain of
/// definition is preserved): constant ∘ constant is computed in exact rationals;
/// 0 + e = e; e − 0 = e; 1·e = e; e/1 = e; −(−e) = e; e¹ = e; e⁰ = 1 for polynomial e;
/// 0·e = 0 only for polynomial e (0·log x is undefined where log x is).
extension Expr {
  public static func + (a: Expr, b: Expr) -> Expr {
    if let x = a.constantValue, let y = b.constantValue { return .constant(x + y) }
    if a.constantValue?.isZero == true { return b }
    if b.constantValue?.isZero == true { return a }
    if case .negation(let nb) = b { return a - nb }
    return .sum(a, b)
  }

  public static func - (a: Expr, b: Expr) -> Expr {
    if let x = a.constantValue, let y = b.constantValue { return .constant(x - y) }
    if b.constantValue?.isZero == true { return a }
    if a.constantValue?.isZero == true { return -b }
    if case .negation(let nb) = b { return a + nb }
    return .difference(a, b)
  }

  public static func * (a: Expr, b: Expr) -> Expr {
    if let x = a.constantValue, let y = b.constantValue { return .constant(x * y) }
    if let x = a.constantValue {
      if x == Rational(1) { return b }
      if x == Rational(-1) { return -b }
      if x.isZero && b.isPolynomial { return .zero }
    }
    if let y = b.constantValue {
      if y == Rational(1) { return a }
      if y == Rational(-1) { return -a }
      if y.isZero && a.isPolynomial { return .zero }
      return .product(b, a)  // constants first: 3*x, never x*3
    }
    return .product(a, b)
  }

  /// The quotient; `nil` when the divisor is the constant zero, which callers report as
  /// an input error.
  public static func dividing(_ a: Expr, by b: Expr) -> Expr? {
    if let y = b.constantValue {
      if y.isZero { return nil }
      if let x = a.constantValue { return .constant(x / y) }
      if y == Rational(1) { return a }
    }
    return .quotient(a, b)
  }

  public static prefix func - (a: Expr) -> Expr {
    switch a {
    case .constant(let c): return .constant(-c)
    case .negation(let inner): return inner
    default: return .negation(a)
    }
  }

  /// `base ^ n` for an integer n; `nil` when the base is the constant zero and n < 0.
  public static func raising(_ base: Expr, to n: Int) -> Expr? {
    if let c = base.constantValue {
      if c.isZero && n < 0 { return nil }
      return .constant(c.power(n))
    }
    if n == 1 { return base }
    if n == 0 && base.isPolynomial { return .one }
    if case .power(let inner, let m) = base, m.multipliedReportingOverflow(by: n).overflow == false,
       (m > 0 && n > 0) {
      return .power(inner, m * n)
    }
    return .power(base, n)
  }

  public static func apply(_ f: ElementaryFunction, _ argument: Expr) -> Expr {
    if let c = argument.constantValue, c.isZero {
      switch f {
      case .sin, .tan, .tanh, .atan, .abs, .sqrt, .sign: return .zero
      case .cos, .exp: return .one
      case .log: break
      }
    }
    if let c = argument.constantValue {
      if f == .abs { return .constant(c.signum() < 0 ? -c : c) }
      if f == .sign { return .constant(Rational(c.signum())) }
    }
    return .call(f, argument)
  }

  /// Σ terms, folded; zero for an empty list.
  public static func sum(of terms: [Expr]) -> Expr {
    terms.reduce(Expr.zero, +)
  }
}
