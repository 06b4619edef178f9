/// A sparse polynomial in the variables x0 … x(variableCount−1) with exact rational
/// coefficients.
///
/// The representation is canonical: `terms` lists distinct monomials, each with a nonzero
/// coefficient, in strictly decreasing graded-lexicographic order (see `Monomial`), so the
/// leading term comes first and the constant term, if any, last. Equal polynomials in the
/// same number of variables therefore have equal `terms`, compare equal and hash equal.
public struct Polynomial: Hashable, Sendable {
  /// One coefficient–monomial pair of a polynomial.
  public struct Term: Hashable, Sendable {
    public let monomial: Monomial
    public let coefficient: Rational

    public init(monomial: Monomial, coefficient: Rational) {
      self.monomial = monomial
      self.coefficient = coefficient
    }

    /// The term coefficient · x^exponents.
    public init(exponents: [Int], coefficient: Rational) {
      self.init(monomial: Monomial(exponents), coefficient: coefficient)
    }
  }

  /// The number of variables; every monomial has this many exponents.
  public let variableCount: Int
  /// The terms in canonical order: decreasing monomials, no zero coefficients.
  public let terms: [Term]

  /// The sum of `terms`, which may come in any order, repeat monomials and hold zero
  /// coefficients; every monomial must have `variableCount` exponents.
  public init(variableCount: Int, terms: [Term]) {
    var sums: [Monomial: Rational] = [:]
    for term in terms {
      precondition(
        term.monomial.variableCount == variableCount,
        "term \(term.monomial.exponents) does not have \(variableCount) variables")
      sums[term.monomial, default: 0] += term.coefficient
    }
    self.init(variableCount: variableCount, collected: sums)
  }

  /// The polynomial Σ coefficient · monomial over a map whose coefficients may be zero.
  internal init(variableCount: Int, collected: [Monomial: Rational]) {
    let terms = collected.compactMap { monomial, coefficient in
      coefficient.isZero ? nil : Term(monomial: monomial, coefficient: coefficient)
    }
    self.init(variableCount: variableCount, canonicalTerms: terms.sorted { $0.monomial > $1.monomial })
  }

  /// A polynomial from terms the caller guarantees are already canonical.
  internal init(variableCount: Int, canonicalTerms: [Term]) {
    precondition(variableCount >= 0, "negative variable count \(variableCount)")
    self.variableCount = variableCount
    self.terms = canonicalTerms
  }

  /// The constant polynomial `constant` in `variableCount` variables.
  public init(constant: Rational, variableCount: Int) {
    let terms = constant.isZero
      ? [] : [Term(monomial: Monomial(constantIn: variableCount), coefficient: constant)]
    self.init(variableCount: variableCount, canonicalTerms: terms)
  }

  /// The zero polynomial in `variableCount` variables.
  public static func zero(variableCount: Int) -> Polynomial {
    Polynomial(variableCount: variableCount, canonicalTerms: [])
  }

  /// The polynomial x_i in `count` variables; traps unless 0 ≤ i < count.
  public static func variable(_ i: Int, count: Int) -> Polynomial {
    Polynomial(
      variableCount: count,
      canonicalTerms: [Term(monomial: Monomial(variable: i, count: count), coefficient: 1)])
  }

  /// Whether this is the zero polynomial.
  public var isZero: Bool { terms.isEmpty }

  /// The value of a constant polynomial (0 for the zero polynomial), nil when some
  /// variable occurs.
  public var constantValue: Rational? {
    if terms.isEmpty { return 0 }
    return terms.count == 1 && terms[0].monomial.isConstant ? terms[0].coefficient : nil
  }

  /// The total degree: the largest degree of a monomial; 0 for the zero polynomial.
  public var degree: Int { terms.first?.monomial.degree ?? 0 }

  /// The largest exponent of x_variable in any term; 0 for the zero polynomial.
  public func degree(in variable: Int) -> Int {
    precondition(
      variable >= 0 && variable < variableCount,
      "variable index \(variable) out of range for \(variableCount) variables")
    return terms.reduce(0) { max($0, $1.monomial.exponents[variable]) }
  }

  /// The coefficient of `monomial` (0 when it does not occur).
  public func coefficient(of monomial: Monomial) -> Rational {
    // Binary search in the decreasing term order.
    var low = 0, high = terms.count
    while low < high {
      let mid = (low + high) / 2
      if terms[mid].monomial == monomial { return terms[mid].coefficient }
      if terms[mid].monomial > monomial { low = mid + 1 } else { high = mid }
    }
    return 0
  }

  /// Traps unless the representation is canonical: monomials of `variableCount` variables
  /// in strictly decreasing order, no zero coefficient, each coefficient canonical.
  public func _checkInvariants() {
    for (index, term) in terms.enumerated() {
      term.coefficient._checkInvariants()
      precondition(!term.coefficient.isZero, "zero coefficient at term \(index) of \(self)")
      precondition(
        term.monomial.variableCount == variableCount,
        "term \(index) of \(self) has \(term.monomial.variableCount) variables, not \(variableCount)")
      precondition(
        term.monomial.degree == term.monomial.exponents.reduce(0, +),
        "term \(index) of \(self) has a wrong cached degree")
      if index > 0 {
        precondition(
          terms[index - 1].monomial > term.monomial, "terms \(index - 1) and \(index) of \(self) out of order")
      }
    }
  }
}

/// Thrown when a polynomial power or composition would grow past its term limit.
public struct PolynomialTooLarge: Error, Equatable, Sendable {
  /// The limit that was exceeded.
  public let maxTerms: Int

  public init(maxTerms: Int) {
    self.maxTerms = maxTerms
  }
}
