import BCVNumerics

/// An expression over real variables, as the corpus format defines it.
///
/// Variables are numbered by their position in the case's `variables` list; names live
/// in the parser's context, so two expressions that differ only by the names of their
/// variables are equal. Build values through the folding constructors in
/// `Expr+Builders.swift` (`Expr.sum`, `Expr.product`, …) rather than the raw cases, so
/// constants are folded and trivial identities removed in one place.
public indirect enum Expr: Hashable, Sendable {
  /// An exact rational number (decimal literals are exact: `0.1` is 1/10).
  case constant(Rational)
  /// The number π.
  case pi
  /// The state variable with this index.
  case variable(Int)
  case sum(Expr, Expr)
  case difference(Expr, Expr)
  case product(Expr, Expr)
  case quotient(Expr, Expr)
  case negation(Expr)
  /// `base ^ n` for an integer `n` (negative allowed: `x^-2` is 1/x²).
  case power(Expr, Int)
  /// `base ^ exponent` for a non-integer exponent: exp(exponent·log(base)), defined only
  /// where base > 0.
  case realPower(Expr, Expr)
  case call(ElementaryFunction, Expr)
}

/// The functions an expression may call. `sign` is internal: it appears only in
/// derivatives of `abs`, where it stands for the (Clarke) derivative of |u|; at u = 0 its
/// interval value is [-1, 1], so enclosures of such derivatives stay sound.
public enum ElementaryFunction: String, CaseIterable, Hashable, Sendable {
  case sin, cos, tan, exp, log, sqrt, tanh, atan, abs, sign

  /// The functions a user may write, by name.
  public static let callable: [String: ElementaryFunction] = {
    var table: [String: ElementaryFunction] = [:]
    for f in allCases where f != .sign { table[f.rawValue] = f }
    return table
  }()
}

extension Expr {
  /// Zero and one as expressions.
  public static let zero = Expr.constant(Rational(0))
  public static let one = Expr.constant(Rational(1))

  /// The exact value when this is a rational constant.
  public var constantValue: Rational? {
    if case .constant(let c) = self { return c }
    return nil
  }

  /// Whether the expression is polynomial in the sense of the corpus format: numbers,
  /// variables, `+ - *`, non-negative integer powers and division by a nonzero constant.
  public var isPolynomial: Bool {
    switch self {
    case .constant, .variable: return true
    case .pi, .realPower, .call: return false
    case .sum(let a, let b), .difference(let a, let b), .product(let a, let b):
      return a.isPolynomial && b.isPolynomial
    case .quotient(let a, let b):
      return a.isPolynomial && b.constantValue.map { !$0.isZero } == true
    case .negation(let a): return a.isPolynomial
    case .power(let a, let n): return n >= 0 && a.isPolynomial
    }
  }

  /// The number of nodes, counting shared subtrees once per occurrence.
  public var nodeCount: Int {
    switch self {
    case .constant, .pi, .variable: return 1
    case .sum(let a, let b), .difference(let a, let b), .product(let a, let b),
         .quotient(let a, let b), .realPower(let a, let b):
      return 1 + a.nodeCount + b.nodeCount
    case .negation(let a), .power(let a, _), .call(_, let a): return 1 + a.nodeCount
    }
  }

  /// The indices of the variables that occur, ascending.
  public var variablesUsed: [Int] {
    var seen = Set<Int>()
    collectVariables(into: &seen)
    return seen.sorted()
  }

  private func collectVariables(into seen: inout Set<Int>) {
    switch self {
    case .constant, .pi: return
    case .variable(let i): seen.insert(i)
    case .sum(let a, let b), .difference(let a, let b), .product(let a, let b),
         .quotient(let a, let b), .realPower(let a, let b):
      a.collectVariables(into: &seen); b.collectVariables(into: &seen)
    case .negation(let a), .power(let a, _), .call(_, let a): a.collectVariables(into: &seen)
    }
  }
}
