// Readable text for polynomials, such as "3/4*x0^2*x1 - x1 + 2".

extension Polynomial: CustomStringConvertible {
  /// The polynomial written with the variable names x0, x1, ….
  public var description: String {
    description(variableNames: (0..<variableCount).map { "x\($0)" })
  }

  /// The polynomial written with the given name for each variable: terms in canonical
  /// (decreasing) order joined by " + " and " - ", each as coefficient*x^e*…, with unit
  /// coefficients and exponents 1 left out; "0" for the zero polynomial. Rational
  /// coefficients read as "3/4*x", meaning (3/4)·x.
  public func description(variableNames: [String]) -> String {
    precondition(
      variableNames.count == variableCount,
      "\(variableNames.count) variable names for a polynomial in \(variableCount) variables")
    if terms.isEmpty { return "0" }
    var text = ""
    for (index, term) in terms.enumerated() {
      let negative = term.coefficient.signum() < 0
      if index == 0 {
        if negative { text += "-" }
      } else {
        text += negative ? " - " : " + "
      }
      let factors = term.monomial.exponents.enumerated().compactMap { i, e -> String? in
        e == 0 ? nil : (e == 1 ? variableNames[i] : "\(variableNames[i])^\(e)")
      }
      let magnitude = term.coefficient.magnitude
      let parts = (magnitude == 1 && !factors.isEmpty) ? factors : [magnitude.description] + factors
      text += parts.joined(separator: "*")
    }
    return text
  }
}
