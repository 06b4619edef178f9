/// A power product x0^e0 · x1^e1 · … · x(n−1)^e(n−1) with non-negative exponents.
///
/// Monomials are ordered graded-lexicographically: first by total degree, then by the
/// exponent of x0, then of x1, and so on, so x0 > x1 > … and x0·x1 > x1² > x0 > 1.
/// This order is a monomial order: it is total, 1 is least, and multiplying both sides by
/// the same monomial (or dividing both by a common factor) keeps it.
public struct Monomial: Hashable, Sendable {
  /// The exponent of each variable; all ≥ 0.
  public let exponents: [Int]
  /// The total degree, the sum of the exponents.
  public let degree: Int

  /// The monomial with these exponents; traps when one is negative.
  public init(_ exponents: [Int]) {
    var total = 0
    for e in exponents {
      precondition(e >= 0, "Monomial exponents must be non-negative, got \(exponents)")
      total += e
    }
    self.exponents = exponents
    self.degree = total
  }

  /// The monomial 1 in `variableCount` variables.
  public init(constantIn variableCount: Int) {
    self.exponents = [Int](repeating: 0, count: variableCount)
    self.degree = 0
  }

  /// The monomial x_index in `variableCount` variables.
  public init(variable index: Int, count variableCount: Int) {
    precondition(
      index >= 0 && index < variableCount,
      "variable index \(index) out of range for \(variableCount) variables")
    var exponents = [Int](repeating: 0, count: variableCount)
    exponents[index] = 1
    self.exponents = exponents
    self.degree = 1
  }

  /// The number of variables.
  public var variableCount: Int { exponents.count }

  /// Whether this is the monomial 1.
  public var isConstant: Bool { degree == 0 }

  /// self · other; both must have the same number of variables.
  internal func multiplied(by other: Monomial) -> Monomial {
    precondition(
      exponents.count == other.exponents.count,
      "monomials in \(exponents.count) and \(other.exponents.count) variables")
    var sum = exponents
    for i in 0..<sum.count { sum[i] += other.exponents[i] }
    return Monomial(unchecked: sum, degree: degree + other.degree)
  }

  /// self with the exponent of `index` lowered by one; that exponent must be positive.
  internal func loweringExponent(of index: Int) -> Monomial {
    var lowered = exponents
    lowered[index] -= 1
    return Monomial(unchecked: lowered, degree: degree - 1)
  }

  /// A monomial from exponents known to be non-negative with the given sum.
  private init(unchecked exponents: [Int], degree: Int) {
    self.exponents = exponents
    self.degree = degree
  }
}

extension Monomial: Comparable {
  /// The graded-lexicographic order described on `Monomial`.
  public static func < (lhs: Monomial, rhs: Monomial) -> Bool {
    if lhs.degree != rhs.degree { return lhs.degree < rhs.degree }
    for (l, r) in zip(lhs.exponents, rhs.exponents) where l != r {
      return l < r
    }
    return false
  }
}
