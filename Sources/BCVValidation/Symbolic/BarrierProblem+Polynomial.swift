import BCVExpression
import BCVNumerics

extension BarrierProblem {
  /// The certificate's change as an exact polynomial: Ḃ = Σ ∂B/∂x_i · f_i for continuous
  /// time, ΔB = B∘f − B for discrete time. It equals `certificateChange` at every point.
  ///
  /// nil when the certificate or a dynamics component is not polynomial, or when an
  /// expansion would exceed `maxTerms` terms (see `Expr.polynomial` and
  /// `Polynomial.composed(with:maxTerms:)`).
  public func polynomialCertificateChange(maxTerms: Int = 100_000) -> Polynomial? {
    let n = dimension
    guard let b = certificate.polynomial(variableCount: n, maxTerms: maxTerms) else { return nil }
    var f: [Polynomial] = []
    for component in dynamics {
      guard let p = component.polynomial(variableCount: n, maxTerms: maxTerms) else { return nil }
      f.append(p)
    }
    switch time {
    case .continuous:
      var change = Polynomial.zero(variableCount: n)
      for (i, fi) in f.enumerated() {
        let partial = b.derivative(withRespectTo: i)
        let (pairs, overflow) = partial.terms.count.multipliedReportingOverflow(by: fi.terms.count)
        if overflow || pairs > maxTerms { return nil }
        change += partial * fi
      }
      return change
    case .discrete:
      guard let composed = try? b.composed(with: f, maxTerms: maxTerms) else { return nil }
      return composed - b
    }
  }
}
