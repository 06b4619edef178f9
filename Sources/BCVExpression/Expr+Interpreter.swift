import BCVNumerics

extension Expr {
  /// The value at a point, by walking the tree: the plain reference semantics that the
  /// compiled evaluators are tested against. Not for hot loops (use a `Tape`).
  public func evaluate<S: TapeScalar>(at point: [S]) -> S {
    switch self {
    case .constant(let c): return S(tapeConstant: c)
    case .pi: return S.tapePi
    case .variable(let i): return point[i]
    case .sum(let a, let b): return a.evaluate(at: point) + b.evaluate(at: point)
    case .difference(let a, let b): return a.evaluate(at: point) - b.evaluate(at: point)
    case .product(let a, let b): return a.evaluate(at: point) * b.evaluate(at: point)
    case .quotient(let a, let b): return a.evaluate(at: point).divided(by: b.evaluate(at: point))
    case .negation(let a): return -a.evaluate(at: point)
    case .power(let a, let n): return a.evaluate(at: point).raised(toInteger: n)
    case .realPower(let a, let b): return a.evaluate(at: point).raised(toReal: b.evaluate(at: point))
    case .call(let f, let a): return a.evaluate(at: point).applying(f)
    }
  }
}
