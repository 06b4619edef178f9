import BCVExpression
import BCVNumerics

/// A closed interval with exact rational endpoints, lower ≤ upper.
public struct Bounds: Sendable, Hashable {
  public let lower: Rational
  public let upper: Rational

  public init(_ lower: Rational, _ upper: Rational) {
    precondition(lower <= upper, "bounds inverted: [\(lower), \(upper)]")
    self.lower = lower
    self.upper = upper
  }

  /// The intersection, or `nil` when it is empty.
  public func intersection(_ other: Bounds) -> Bounds? {
    let lo = max(lower, other.lower), hi = min(upper, other.upper)
    return lo <= hi ? Bounds(lo, hi) : nil
  }
}

/// One constraint of a set, normalised to `expression ≤ 0` (or `< 0` when `strict`).
///
/// For proofs every set is its closure, so strictness is kept only to print the
/// constraint as written; membership tests treat it as `≤`.
public struct SetConstraint: Sendable, Hashable {
  public let expression: Expr
  public let strict: Bool

  public init(expression: Expr, strict: Bool) {
    self.expression = expression
    self.strict = strict
  }

  /// `lhs REL rhs` as a constraint: `lhs − rhs ≤ 0` for ≤ and <, `rhs − lhs ≤ 0` for ≥ and >.
  public init(lhs: Expr, relation: SetRelation, rhs: Expr) {
    switch relation {
    case .lessOrEqual: self.init(expression: lhs - rhs, strict: false)
    case .less: self.init(expression: lhs - rhs, strict: true)
    case .greaterOrEqual: self.init(expression: rhs - lhs, strict: false)
    case .greater: self.init(expression: rhs - lhs, strict: true)
    }
  }
}

/// The relations a `where` constraint may use.
public enum SetRelation: String, Sendable, Hashable, CaseIterable {
  case lessOrEqual = "<=", less = "<", greaterOrEqual = ">=", greater = ">"
}

/// A set of states as the corpus format describes it: `box ∩ where ∩ (∪ anyOf)`.
///
/// `box` maps variable indices to bounds; a variable it does not name is unbounded here.
/// `anyOf == nil` means no union is applied (the whole space); an empty `anyOf` is the
/// empty set.
public struct StateSet: Sendable, Hashable {
  public var box: [Int: Bounds]
  public var constraints: [SetConstraint]
  public var anyOf: [StateSet]?

  public init(box: [Int: Bounds] = [:], constraints: [SetConstraint] = [], anyOf: [StateSet]? = nil) {
    self.box = box
    self.constraints = constraints
    self.anyOf = anyOf
  }

  public var isPolynomial: Bool {
    constraints.allSatisfy { $0.expression.isPolynomial }
      && (anyOf ?? []).allSatisfy(\.isPolynomial)
  }
}
