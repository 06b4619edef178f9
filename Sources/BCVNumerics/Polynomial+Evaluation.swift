// Evaluating polynomials at points, exactly over Rational or approximately in Double.

extension Polynomial {
  /// The exact value of self at `point`, which has one coordinate per variable.
  public func evaluate(at point: [Rational]) -> Rational {
    requirePoint(count: point.count)
    // powers[i][k] = point[i]^k for k up to the degree in x_i.
    let powers = (0..<variableCount).map { i -> [Rational] in
      var table: [Rational] = [1]
      for _ in 0..<degree(in: i) { table.append(table[table.count - 1] * point[i]) }
      return table
    }
    var value: Rational = 0
    for term in terms {
      var product = term.coefficient
      for (i, e) in term.monomial.exponents.enumerated() where e > 0 {
        product *= powers[i][e]
      }
      value += product
    }
    return value
  }

  /// An approximate value of self at `point` in double precision: each coefficient is
  /// rounded to its nearest double and the sum of products is formed in floating point,
  /// so the result carries rounding error (no enclosure is claimed). Meant for tests and
  /// sampling, not for hot loops: coefficients are converted on every call.
  public func evaluate(at point: [Double]) -> Double {
    requirePoint(count: point.count)
    var value = 0.0
    for term in terms {
      var product = term.coefficient.doubleValue
      for (i, e) in term.monomial.exponents.enumerated() where e > 0 {
        product *= Polynomial.integerPower(point[i], e)
      }
      value += product
    }
    return value
  }

  /// x^n for n ≥ 1 by repeated squaring.
  private static func integerPower(_ x: Double, _ n: Int) -> Double {
    var result = 1.0, base = x, e = n
    while e > 0 {
      if e & 1 == 1 { result *= base }
      e >>= 1
      if e > 0 { base *= base }
    }
    return result
  }

  /// Traps when a point does not have one coordinate per variable.
  private func requirePoint(count: Int) {
    precondition(
      count == variableCount,
      "point with \(count) coordinates for a polynomial in \(variableCount) variables")
  }
}
