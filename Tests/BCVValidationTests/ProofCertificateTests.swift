import BCVExpression
import BCVNumerics
import BCVValidation
import Foundation
import Testing

@Suite struct ProofCertificateTests {
  /// The proved obligations of a valid case with their certificates.
  func certificates(_ problem: BarrierProblem, strategy: IntervalStrategy = IntervalStrategy())
    throws -> [(CompiledObligation, ProofCertificate)] {
    try compiled(problem).map { o in
      let (result, certificate) = strategy.prove(o, settings: IntervalCases.settings())
      #expect(result.status == .holds(proof: true))
      return (o, try #require(certificate))
    }
  }

  func replacing(_ cert: ProofCertificate, leaves: [ProofCertificate.Leaf]? = nil,
                 pieces: [ProofCertificate.Piece]? = nil) -> ProofCertificate {
    ProofCertificate(condition: cert.condition, expression: cert.expression, strict: cert.strict,
                     variables: cert.variables, pieces: pieces ?? cert.pieces, leaves: leaves ?? cert.leaves)
  }

  func expectRejected(_ cert: ProofCertificate, mentioning text: String) {
    let check = CertificateChecker.check(cert)
    guard case .rejected(let reason) = check else {
      Issue.record("expected a rejection mentioning \"\(text)\", got \(check)")
      return
    }
    #expect(reason.contains(text), "reason: \(reason)")
  }

  @Test func aProofComesWithACertificateTheCheckerAccepts() throws {
    for problem in [try IntervalCases.polynomialValid(), try IntervalCases.sinValid()] {
      for (o, cert) in try certificates(problem) {
        #expect(cert.states(o.obligation))
        #expect(CertificateChecker.check(cert) == .accepted(leaves: cert.leaves.count))
      }
    }
  }

  @Test func multiplePiecesAndLevelSetBandsAreCertified() throws {
    let vars = IntervalCases.vars
    let half = Rational(1) / Rational(2)
    // Unsafe is a union of two boxes (two pieces); flow runs on the band −1/2 ≤ B ≤ 1/2.
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(vars, ["x1^2 + x2^2 <= 0.25"]),
                            unsafe: StateSet(anyOf: [StateSet(box: [0: Bounds(Rational(3) / Rational(2), 2)]),
                                                     StateSet(box: [1: Bounds(-2, Rational(-3) / Rational(2))])]),
                            certificate: "x1^2 + x2^2 - 1", condition: .levelSet(c1: -half, c2: half))
    let proved = try certificates(p)
    #expect(proved[1].1.pieces.count == 2)
    #expect(proved[2].1.pieces[0].constraints.count == 2)
    for (_, cert) in proved { #expect(CertificateChecker.check(cert).isAccepted) }
  }

  @Test func certificatesRecordEveryKindOfLeaf() throws {
    // Without the Bernstein step the initial disc is tiled by discarded and bounded leaves.
    let plain = try certificates(IntervalCases.polynomialValid(), strategy: IntervalStrategy(usesBernstein: false))[0].1
    #expect(plain.leaves.contains { if case .discarded = $0.decision { return true } else { return false } })
    #expect(plain.leaves.contains { if case .bounded = $0.decision { return true } else { return false } })
    // With it, B − (x1² + x2² − 1/4) = −3/4 settles the whole piece: one leaf, multiplier 1.
    let relaxed = try certificates(IntervalCases.polynomialValid())[0].1
    #expect(relaxed.leaves.count == 1)
    guard case .boundedOnSet(let k, let lambda, let u) = relaxed.leaves[0].decision else {
      Issue.record("expected a boundedOnSet leaf, got \(relaxed.leaves[0].decision)")
      return
    }
    #expect(k == 0 && lambda == 1 && u == -0.75)
    #expect(CertificateChecker.check(relaxed).isAccepted)
  }

  @Test func aLevelSetTangencyIsCertifiedThroughItsSetMultiplier() throws {
    // Level-set initial condition B − c1 ≤ 0 on X0 = {B ≤ c1}: zero margin on the whole
    // boundary, g − h = 0 exactly. Proved and certified without contraction.
    let vars = IntervalCases.vars
    let half = Rational(1) / Rational(2)
    let p = try makeProblem(variables: vars, dynamics: ["-x1", "-x2"], domain: [(-2, 2), (-2, 2)],
                            initial: try whereSet(vars, ["x1^2 + x2^2 - 1 <= -0.5"]),
                            unsafe: StateSet(box: [0: Bounds(Rational(3) / Rational(2), 2)]),
                            certificate: "x1^2 + x2^2 - 1", condition: .levelSet(c1: -half, c2: half))
    let o = try compiled(p)[0]
    let (result, certificate) = IntervalStrategy().prove(o, settings: IntervalCases.settings())
    #expect(result.status == .holds(proof: true))
    let cert = try #require(certificate)
    #expect(CertificateChecker.check(cert).isAccepted)
    let (plain, none) = IntervalStrategy(usesBernstein: false).prove(o, settings: IntervalCases.settings(maxBoxes: 2000))
    #expect(plain.status != .holds(proof: true) && none == nil)

    // A leaf claiming a bound the relaxation does not give, a negative multiplier, and a
    // multiplier that does not cancel the leading form: all rejected.
    let leaf = cert.leaves[0]
    guard case .boundedOnSet(let k, _, let u) = leaf.decision else {
      Issue.record("expected a boundedOnSet leaf, got \(leaf.decision)")
      return
    }
    for (lambda, bound, reason) in [(Rational(1), -0x1p-40, "leaf 0"), (Rational(-1), u, "negative"),
                                    (Rational(1) / Rational(2), u, "leaf 0")] {
      var leaves = cert.leaves
      leaves[0] = ProofCertificate.Leaf(piece: leaf.piece, lower: leaf.lower, upper: leaf.upper,
                                        decision: .boundedOnSet(constraint: k, multiplier: lambda, upperBound: bound))
      expectRejected(replacing(cert, leaves: leaves), mentioning: reason)
    }
  }

  @Test func jsonRoundTripsExactlyAndDeterministically() throws {
    for (_, cert) in try certificates(IntervalCases.sinValid()) {
      let data = cert.jsonData()
      #expect(cert.jsonData() == data)
      let back = try ProofCertificate(json: data)
      #expect(back == cert)
      #expect(CertificateChecker.check(back).isAccepted)
      let text = String(decoding: data, as: UTF8.self)
      #expect(text.contains("\"format\":\"bcv-proof/2\""))
      // A bcv-proof/1 file (the same leaves kinds, minus boundedOnSet) still reads.
      let old = text.replacingOccurrences(of: "bcv-proof/2", with: "bcv-proof/1")
      #expect(try ProofCertificate(json: Data(old.utf8)) == cert)
    }
    let relaxed = try certificates(IntervalCases.polynomialValid())[0].1
    #expect(try ProofCertificate(json: relaxed.jsonData()) == relaxed)
  }

  @Test func leafNumbersMustBeExactDoubles() throws {
    let cert = try certificates(IntervalCases.polynomialValid())[2].1
    let text = String(decoding: cert.jsonData(), as: UTF8.self)
    let tampered = text.replacingOccurrences(of: "\"lower\":[\"-2\"", with: "\"lower\":[\"-1/3\"")
    #expect(tampered != text)
    #expect(throws: ProofCertificateFormatError.self) { try ProofCertificate(json: Data(tampered.utf8)) }
  }

  @Test func noCertificateWithoutAProof() throws {
    let flow = try compiled(IntervalCases.polynomialInvalid())[2]
    let (result, certificate) = IntervalStrategy().prove(flow, settings: IntervalCases.settings())
    #expect(result.status != .holds(proof: true))
    #expect(certificate == nil)
  }

  @Test func anAlteredBoundIsRejected() throws {
    let cert = try certificates(IntervalCases.sinValid())[2].1
    let i = try #require(cert.leaves.firstIndex { if case .bounded = $0.decision { return true } else { return false } })
    var leaves = cert.leaves
    let leaf = leaves[i]
    guard case .bounded(let u) = leaf.decision else { return }
    leaves[i] = ProofCertificate.Leaf(piece: leaf.piece, lower: leaf.lower, upper: leaf.upper,
                                      decision: .bounded(upperBound: u - 100))
    expectRejected(replacing(cert, leaves: leaves), mentioning: "leaf \(i)")
    leaves[i] = ProofCertificate.Leaf(piece: leaf.piece, lower: leaf.lower, upper: leaf.upper,
                                      decision: .bounded(upperBound: 0.5))
    expectRejected(replacing(cert, leaves: leaves), mentioning: "does not show")
  }

  @Test func leavesBoundedByBernsteinCoefficientsAreCheckedExactly() throws {
    // Ḃ ≡ 0: only the exact Bernstein expansion confirms the flow leaves' bound 0.
    let cert = try certificates(IntervalCases.hamiltonian())[2].1
    #expect(CertificateChecker.check(cert) == .accepted(leaves: cert.leaves.count))
    let i = try #require(cert.leaves.firstIndex { if case .bounded = $0.decision { return true } else { return false } })
    let leaf = cert.leaves[i]
    var leaves = cert.leaves
    leaves[i] = ProofCertificate.Leaf(piece: leaf.piece, lower: leaf.lower, upper: leaf.upper,
                                      decision: .bounded(upperBound: -0x1p-60))
    expectRejected(replacing(cert, leaves: leaves), mentioning: "leaf \(i)")

    // A zero at a leaf's corner, certified by the exact maximum 0.
    let g = try ExprParser(variables: ["x1"]).parse(IntervalCases.cornerTangency)
    let (result, corner) = IntervalStrategy().prove(IntervalCases.obligation(g, box: [(0, 2)]),
                                                    settings: IntervalCases.settings())
    #expect(result.status == .holds(proof: true))
    let certificate = try #require(corner)
    #expect(CertificateChecker.check(certificate) == .accepted(leaves: certificate.leaves.count))
  }

  @Test func anAlteredDiscardIsRejected() throws {
    let cert = try certificates(IntervalCases.polynomialValid(), strategy: IntervalStrategy(usesBernstein: false))[0].1
    let i = try #require(cert.leaves.firstIndex { if case .discarded = $0.decision { return true } else { return false } })
    var leaves = cert.leaves
    let leaf = leaves[i]
    leaves[i] = ProofCertificate.Leaf(piece: leaf.piece, lower: leaf.lower, upper: leaf.upper,
                                      decision: .discarded(constraint: 0, lowerBound: 1000))
    expectRejected(replacing(cert, leaves: leaves), mentioning: "leaf \(i)")
  }

  @Test func aRemovedLeafIsRejected() throws {
    let cert = try certificates(IntervalCases.sinValid())[2].1
    #expect(cert.leaves.count > 1)
    for i in [0, cert.leaves.count / 2, cert.leaves.count - 1] {
      var leaves = cert.leaves
      leaves.remove(at: i)
      expectRejected(replacing(cert, leaves: leaves), mentioning: "piece 0")
    }
  }

  @Test func shrunkCoverageIsRejected() throws {
    let cert = try certificates(IntervalCases.sinValid())[2].1
    // A leaf narrowed in one variable leaves a gap between it and its neighbour.
    var leaves = cert.leaves
    let leaf = leaves[0]
    var upper = leaf.upper
    upper[0] = Interval(leaf.lower[0], leaf.upper[0]).midpoint
    leaves[0] = ProofCertificate.Leaf(piece: leaf.piece, lower: leaf.lower, upper: upper, decision: leaf.decision)
    expectRejected(replacing(cert, leaves: leaves), mentioning: "piece 0")
    // A piece wider than the leaves' union.
    let piece = cert.pieces[0]
    var bounds = piece.box.bounds
    bounds[1] = Bounds(bounds[1].lower, bounds[1].upper + Rational(1) / Rational(1000))
    let wider = ProofCertificate.Piece(box: Box(bounds: bounds), constraints: piece.constraints)
    expectRejected(replacing(cert, pieces: [wider]), mentioning: "reach only")
  }

  @Test func overlappingLeavesAreRejected() throws {
    let cert = try certificates(IntervalCases.sinValid())[2].1
    var leaves = cert.leaves
    leaves.append(leaves[0])
    expectRejected(replacing(cert, leaves: leaves), mentioning: "overlap")
  }

  @Test func leavesWhereTheExpressionMayBeUndefinedAreRejected() {
    // One leaf claiming a bound over the whole box. Interval's `/` gives `entire` for
    // 1/[−1, 1], and atan of it is within π/2, so only the checker's divisor check stops
    // the claim atan(1/x1) − 2 ≤ −0.4 at x1 = 0, where the expression is undefined.
    for (text, lower) in [("atan(1/x1) - 2", -1.0), ("log(x1) - 10", 0.0), ("atan(x1^-1) - 2", -1.0)] {
      let cert = ProofCertificate(
        condition: .flow, expression: text, strict: false, variables: ["x1"],
        pieces: [ProofCertificate.Piece(box: Box(bounds: [Bounds(Rational(exactly: lower)!, 1)]), constraints: [])],
        leaves: [ProofCertificate.Leaf(piece: 0, lower: [lower], upper: [1], decision: .bounded(upperBound: -0.4))])
      expectRejected(cert, mentioning: "possibly undefined")
    }
  }

  @Test func aCertificateOfAnotherExpressionIsRejected() throws {
    let cert = try certificates(IntervalCases.sinValid())[2].1
    let other = ProofCertificate(condition: cert.condition, expression: cert.expression + " + 1",
                                 strict: cert.strict, variables: cert.variables, pieces: cert.pieces,
                                 leaves: cert.leaves)
    #expect(!CertificateChecker.check(other).isAccepted)
    let obligation = try compiled(IntervalCases.sinValid())[2].obligation
    #expect(!other.states(obligation))
  }
}
