import BCVNumerics

extension Expr {
  /// The expression with variable i replaced by `replacements[i]`, folded.
  /// B(f(x)) for discrete-time systems is `certificate.substituting(dynamics)`.
  public func substituting(_ replacements: [Expr]) -> Expr {
    switch self {
    case .constant, .pi: return self
    case .variable(let i):
      precondition(i < replacements.count,
                   "variable index \(i) out of range for \(replacements.count) replacements")
      return replacements[i]
    case .sum(let a, let b): return a.substituting(replacements) + b.substituting(replacements)
    case .difference(let a, let b):
      return a.substituting(replacements) - b.substituting(replacements)
    case .product(let a, let b):
      return a.substituting(replacements) * b.substituting(replacements)
    case .quotient(let a, let b):
      let num = a.substituting(replacements), den = b.substituting(replacements)
      return Expr.dividing(num, by: den) ?? .quotient(num, den)
    case .negation(let a): return -a.substituting(replacements)
    case .power(let a, let n):
      let base = a.substituting(replacements)
      return Expr.raising(base, to: n) ?? .power(base, n)
    case .realPower(let a, let b):
      return .realPower(a.substituting(replacements), b.substituting(replacements))
    case .call(let f, let a): return .apply(f, a.substituting(replacements))
    }
  }

  /// The expression with variables renumbered: variable i becomes `mapping[i]`.
  public func renumberingVariables(_ mapping: [Int]) -> Expr {
    substituting(mapping.map { Expr.variable($0) })
  }
}
