import BCVNumerics

extension Expr {
  /// The partial derivative with respect to variable `index`, symbolically, folded.
  ///
  /// Exact wherever the expression is differentiable. At a kink of `abs` it uses
  /// sign(u)·u′, whose interval value at u = 0 spans both one-sided derivatives, so
  /// enclosures built from it remain sound (the Clarke generalised gradient).
  public func derivative(withRespectTo index: Int) -> Expr {
    switch self {
    case .constant, .pi: return .zero
    case .variable(let i): return i == index ? .one : .zero
    case .sum(let a, let b):
      return a.derivative(withRespectTo: index) + b.derivative(withRespectTo: index)
    case .difference(let a, let b):
      return a.derivative(withRespectTo: index) - b.derivative(withRespectTo: index)
    case .negation(let a):
      return -a.derivative(withRespectTo: index)
    case .product(let a, let b):
      return a.derivative(withRespectTo: index) * b + a * b.derivative(withRespectTo: index)
    case .quotient(let a, let b):
      let da = a.derivative(withRespectTo: index), db = b.derivative(withRespectTo: index)
      if db == .zero { return Expr.dividing(da, by: b) ?? .zero }
      let numerator = da * b - a * db
      return Expr.dividing(numerator, by: Expr.raising(b, to: 2) ?? b * b) ?? .zero
    case .power(let a, let n):
      let da = a.derivative(withRespectTo: index)
      if da == .zero { return .zero }
      let lowered = Expr.raising(a, to: n - 1) ?? .power(a, n - 1)
      return .constant(Rational(n)) * lowered * da
    case .realPower(let a, let b):
      // d(a^b) = a^b · (b′·log a + b·a′/a)
      let da = a.derivative(withRespectTo: index), db = b.derivative(withRespectTo: index)
      var inner = Expr.zero
      if db != .zero { inner = inner + db * .apply(.log, a) }
      if da != .zero { inner = inner + b * (Expr.dividing(da, by: a) ?? .zero) }
      return self * inner
    case .call(let f, let a):
      let da = a.derivative(withRespectTo: index)
      if da == .zero { return .zero }
      return f.derivative(at: a) * da
    }
  }

  /// ∇self · field: the directional derivative along a vector field.
  public func lieDerivative(along field: [Expr]) -> Expr {
    var terms: [Expr] = []
    for (i, fi) in field.enumerated() {
      let partial = derivative(withRespectTo: i)
      if partial != .zero && fi != .zero { terms.append(partial * fi) }
    }
    return .sum(of: terms)
  }
}

extension ElementaryFunction {
  /// f′(u) as an expression in u.
  func derivative(at u: Expr) -> Expr {
    switch self {
    case .sin: return .apply(.cos, u)
    case .cos: return -.apply(.sin, u)
    case .tan: return .one + (Expr.raising(.apply(.tan, u), to: 2) ?? .zero)
    case .exp: return .apply(.exp, u)
    case .log: return Expr.dividing(.one, by: u) ?? .zero
    case .sqrt: return Expr.dividing(.one, by: .constant(Rational(2)) * .apply(.sqrt, u)) ?? .zero
    case .tanh: return .one - (Expr.raising(.apply(.tanh, u), to: 2) ?? .zero)
    case .atan: return Expr.dividing(.one, by: .one + (Expr.raising(u, to: 2) ?? u * u)) ?? .zero
    case .abs: return .apply(.sign, u)
    case .sign: return .zero
    }
  }
}
