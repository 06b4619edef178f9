import BCVExpression
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

private typealias F = SymbolicFixtures

/// A case's obligations, built from text: domain [−2, 2]², a disc-shaped initial set
/// given by `initialWhere`, an unsafe box.
private func obligations(certificate: String, dynamics: [String], variables: [String] = ["x1", "x2"],
                         initialWhere: [String]? = nil, unsafeBox: (String, String) = ("1.5", "2")) throws -> [Obligation] {
  let v = variables
  let disc = ["\(v[0])^2 + \(v[1])^2 <= 0.04"]
  return try F.problem(
    variables: v, dynamics: dynamics, certificate: certificate,
    domain: [F.bounds("-2", "2"), F.bounds("-2", "2")],
    initial: F.set(v, where: initialWhere ?? disc),
    unsafe: F.set(v, box: [0: F.bounds(unsafeBox.0, unsafeBox.1), 1: F.bounds("1.5", "2")])).obligations()
}

private let standard = (certificate: "x1^2 + x2^2 - 1", dynamics: ["-x1 + x2", "-x2 - x1^3/3"])

@Test("Fingerprint: rewritten certificates and dynamics give the same fingerprints")
func fingerprintIgnoresAlgebraicRewriting() throws {
  let base = try obligations(certificate: standard.certificate, dynamics: standard.dynamics)
  let rewritten: [[Obligation]] = [
    try obligations(certificate: "x2*x2 + (x1 - 1)*(x1 + 1)", dynamics: standard.dynamics),
    try obligations(certificate: "-1 + x2^2 + x1^2", dynamics: ["x2 - x1", "-(x1^3)/3 - x2"]),
    try obligations(certificate: standard.certificate, dynamics: ["x2 - x1/2 - x1/2", "-x2 - 1/3*x1*x1^2"]),
    try obligations(certificate: "a^2 + b^2 - 1", dynamics: ["-a + b", "-b - a^3/3"], variables: ["a", "b"]),
    try obligations(certificate: standard.certificate, dynamics: standard.dynamics, initialWhere: ["4*x1^2 + 4*x2^2 <= 0.16"]),
  ]
  for (k, other) in rewritten.enumerated() {
    #expect(other.map(\.fingerprint) == base.map(\.fingerprint), "rewriting \(k)")
    #expect(other.caseFingerprint == base.caseFingerprint, "rewriting \(k)")
  }
  #expect(base.caseFingerprint.count == 64)
  #expect(base.allSatisfy { $0.fingerprint.count == 64 && $0.fingerprint.allSatisfy(\.isHexDigit) })
}

@Test("Fingerprint: changed coefficients, swapped dynamics and changed sets give different fingerprints")
func fingerprintSeesRealChanges() throws {
  let base = try obligations(certificate: "x1^2 + 2*x2^2 + x1*x2 - 1", dynamics: ["x2", "-x1 - x2"])
  let changed: [[Obligation]] = [
    try obligations(certificate: "x1^2 + 2*x2^2 + x1*x2 - 1.01", dynamics: ["x2", "-x1 - x2"]),
    try obligations(certificate: "x1^2 + 2*x2^2 + x1*x2 - 1", dynamics: ["-x1 - x2", "x2"]),
    try obligations(certificate: "x1^2 + 2*x2^2 + x1*x2 - 1", dynamics: ["x2", "-x1 - 1.001*x2"]),
    try obligations(certificate: "x1^2 + 2*x2^2 + x1*x2 - 1", dynamics: ["x2", "-x1 - x2"], unsafeBox: ("1.25", "2")),
    try obligations(certificate: "x1^2 + 2*x2^2 + x1*x2 - 1", dynamics: ["x2", "-x1 - x2"],
                    initialWhere: ["x1^2 + x2^2 <= 0.05"]),
  ]
  for (k, other) in changed.enumerated() {
    #expect(other.caseFingerprint != base.caseFingerprint, "change \(k)")
  }
  // Only the obligations that changed get new fingerprints.
  let dynamicsChanged = changed[1]
  #expect(dynamicsChanged[0].fingerprint == base[0].fingerprint && dynamicsChanged[1].fingerprint == base[1].fingerprint)
  #expect(dynamicsChanged[2].fingerprint != base[2].fingerprint)
}

@Test("Fingerprint: reordered and rescaled constraints give the same fingerprint")
func fingerprintIgnoresConstraintOrderAndScale() throws {
  let box = [F.bounds("-1", "1"), F.bounds("-1", "1")]
  let v = ["x1", "x2"]
  let a = try F.obligation("x1 - x2", variables: v, box: box, where: ["x1 >= 0", "x1^2 + x2 <= 1", "x2 < 0.5"]).obligation
  let b = try F.obligation("-x2 + x1", variables: v, box: box,
                           where: ["2*x2 < 1", "0 <= x1", "x1^2 + x2 <= 1", "x1 >= 0"]).obligation
  #expect(a.canonicalText == b.canonicalText)
  #expect(a.fingerprint == b.fingerprint)
  let c = try F.obligation("x1 - x2", variables: v, box: box, where: ["x1 >= 0", "x1^2 + x2 <= 1", "x2 < 0.25"]).obligation
  #expect(a.fingerprint != c.fingerprint)
  let strict = try F.obligation("x1 - x2", variables: v, box: box, where: ["x1 >= 0", "x1^2 + x2 <= 1", "x2 < 0.5"],
                                strict: true).obligation
  #expect(a.fingerprint != strict.fingerprint)
  let unsafe = try F.obligation("x1 - x2", variables: v, box: box, where: ["x1 >= 0", "x1^2 + x2 <= 1", "x2 < 0.5"],
                                condition: .unsafe).obligation
  #expect(a.fingerprint != unsafe.fingerprint)
}

@Test("Fingerprint: a polynomial expression is written as its canonical polynomial")
func fingerprintWritesPolynomialsCanonically() throws {
  let box = [F.bounds("0", "0.5"), F.bounds("-1", "1")]
  let o = try F.obligation("(w + 1)*u - u", variables: ["u", "w"], box: box).obligation
  let lines = o.canonicalText.split(separator: "\n")
  #expect(lines.contains("g x0*x1"))
  #expect(lines.contains("piece [0, 1/2] x [-1, 1] where {}"))
}

@Test("Fingerprint: non-polynomial expressions are normalised inside and around their functions")
func fingerprintNormalisesNonPolynomialExpressions() throws {
  let parser = ExprParser(variables: ["x", "y"])
  func text(_ s: String) throws -> String { try parser.parse(s).canonicalText(variableCount: 2) }
  let same = [
    ("exp(x + x) - y*sin(2*y)", "-sin(y*2)*y + exp(2*x)"),
    ("sin(x)*(y + 1)", "sin(x) + y*sin(x)"),
    ("1/x", "x^-1"),
    ("1/(2*x + 2*y)", "0.5/(y + x)"),
    ("(x + 1)^0.5 * pi", "pi*(1 + x)^(1/2)"),
    ("sqrt(x^2 + 2*x*y + y^2)", "sqrt((x + y)^2)"),
  ]
  for (a, b) in same { #expect(try text(a) == text(b), "\(a) vs \(b)") }
  let different = [
    ("sin(x)", "cos(x)"), ("sin(x)", "sin(y)"), ("exp(2*x)", "exp(2*x) + 0.001"), ("1/x", "1/y"),
    ("log(x) - log(x)", "0"), ("x*(1/x)", "1"), ("sqrt(x)^2", "x"), ("x^0.5", "x^0.25"),
  ]
  for (a, b) in different { #expect(try text(a) != text(b), "\(a) vs \(b)") }
  #expect(try text("log(x) - log(x)") == "0 where log[x0]")
}

@Test("Fingerprint: random rewritings inside functions keep the canonical text")
func fingerprintRandomRewritingsKeepTheCanonicalText() throws {
  var g = SeededGenerator(seed: propertyTestSeed)
  let names = ["x", "y", "z"]
  let parser = ExprParser(variables: names)
  func randomPolynomialExpr() -> Expr {
    var e = Expr.constant(Rational(g.nextInt(below: 7) - 3))
    for _ in 0..<(1 + g.nextInt(below: 3)) {
      let factor = Expr.variable(g.nextInt(below: 3)) + .constant(Rational(g.nextInt(below: 5) - 2))
      e = g.nextInt(below: 2) == 0 ? e * factor : e + factor * factor
    }
    return e
  }
  for _ in 0..<100 {
    let (inner, outer) = (randomPolynomialExpr(), randomPolynomialExpr())
    // The same functions written factored, and with every polynomial part expanded.
    let expanded = { (e: Expr) throws -> Expr in
      try parser.parse(try #require(e.polynomial(variableCount: 3)).description(variableNames: names))
    }
    let factored = Expr.apply(.atan, inner) * outer + outer
    let rewritten = outer * (Expr.one + .apply(.atan, try expanded(inner)))
    #expect(factored.canonicalText(variableCount: 3) == rewritten.canonicalText(variableCount: 3))
    let shifted = Expr.apply(.atan, try expanded(inner) + .one) * outer + outer
    #expect(inner.polynomial(variableCount: 3) == nil
      || factored.canonicalText(variableCount: 3) != shifted.canonicalText(variableCount: 3))
  }
}
