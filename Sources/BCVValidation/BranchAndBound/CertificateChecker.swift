import BCVExpression
import BCVNumerics

/// The outcome of checking a proof certificate.
public enum CertificateCheckResult: Sendable, Hashable {
  /// Every leaf's decision was re-verified and the leaves cover every piece.
  case accepted(leaves: Int)
  /// The first problem found.
  case rejected(reason: String)

  public var isAccepted: Bool {
    if case .accepted = self { return true }
    return false
  }
}

/// Verifies a `ProofCertificate` from its texts alone, independently of the strategy
/// that produced it.
///
/// Accepts only when all of these hold:
/// 1. the expression and every constraint parse (`ExprParser`) with the certificate's
///    variables, and every leaf is well formed (its piece exists, one finite, ordered
///    bound pair per variable);
/// 2. the leaves of each piece cover the piece's exact box (`CertificateCover`);
/// 3. every leaf's decision follows on the leaf box, recomputed here with
///    `Tape.evaluate(at: [Interval])`, the generic one-point `TapeScalar` path, on tapes
///    the checker compiles itself from the certificate's texts:
///    - `discarded(k, l)`: l > 0, and constraint k's enclosure is defined with lower end ≥ l;
///    - `bounded(u)`: u ≤ 0 (< 0 when strict), and g's enclosure is defined with upper
///      end ≤ u, where the enclosure is the natural one or, failing that, its
///      intersection with the mean-value form (recomputed here, see `meanValue`), or,
///      failing both, for a polynomial g, the greatest of its exact rational Bernstein
///      coefficients over the leaf box (`BernsteinExpansion`, no rounding at all);
///    - `boundedOnSet(k, λ, u)`: λ ≥ 0, u ≤ 0 (< 0 when strict), g and constraint k are
///      polynomials, and the greatest exact Bernstein coefficient of g − λ·h_k over the
///      leaf box is ≤ u; then every point of the leaf with h_k ≤ 0 has g ≤ u.
///
/// "Defined" means every register of the tape is defined on the box (`checkedOutputs`),
/// which is stricter than `Interval`'s plain operators: a division whose divisor, or a
/// negative power whose base, encloses 0 is undefined (the operators return `entire`
/// there, which a bounded function such as `atan` would hide). Then every accepted leaf's
/// claim holds at every real point of the leaf: g is defined there and satisfies the
/// relation, or the point is outside the piece's set.
///
/// ## Why its own code path
/// The checker re-verifies proofs; it must not trust the code that found them. So it uses
/// none of the search's machinery: not `IntervalTapeEvaluator` and its caller-owned
/// buffers, not the HC4 contractor (certificates cannot record contraction), not the
/// point search, not the strategy's compiled program or Bernstein workspaces; leaves are
/// re-checked by the generic `Tape.evaluate(at:registers:)` loop, the mean-value form is
/// recomputed here, and Bernstein bounds are exact rationals (`BernsteinExpansion`), not
/// the strategy's rounded enclosure. What it shares with the search is only the
/// arithmetic itself: the per-instruction semantics (`Instruction.value`) and
/// `Interval`'s outward-rounded operations, the package's one statement of interval
/// arithmetic, tested on their own.
public enum CertificateChecker {
  public static func check(_ cert: ProofCertificate) -> CertificateCheckResult {
    let n = cert.variables.count
    guard n > 0 else { return .rejected(reason: "no variables") }
    let parser = ExprParser(variables: cert.variables)
    let g: Expr
    do { g = try parser.parse(cert.expression) } catch {
      return .rejected(reason: "expression does not parse: \(error)")
    }
    var constraintTapes: [[Tape]] = []
    var constraints: [[Expr]] = []
    for (p, piece) in cert.pieces.enumerated() {
      guard piece.box.dimension == n else {
        return .rejected(reason: "piece \(p): box has \(piece.box.dimension) bounds for \(n) variables")
      }
      var expressions: [Expr] = []
      for (k, text) in piece.constraints.enumerated() {
        do { expressions.append(try parser.parse(text)) } catch {
          return .rejected(reason: "piece \(p) constraint \(k) does not parse: \(error)")
        }
      }
      constraints.append(expressions)
      constraintTapes.append(expressions.map { Tape(compiling: [$0], variableCount: n) })
    }
    for (i, leaf) in cert.leaves.enumerated() {
      if let problem = malformation(leaf, pieces: cert.pieces.count, constraints: constraintTapes, n: n,
                                    strict: cert.strict) {
        return .rejected(reason: "leaf \(i): \(problem)")
      }
    }
    if let gap = CertificateCover.firstGap(cert) { return .rejected(reason: gap) }
    let bounds = GEnclosure(g, variableCount: n)
    var relaxations = SetRelaxations(g: g, constraints: constraints, variableCount: n)
    for (i, leaf) in cert.leaves.enumerated() {
      let box = zip(leaf.lower, leaf.upper).map { Interval($0, $1) }
      switch leaf.decision {
      case .discarded(let k, let l):
        guard let h = checkedOutputs(constraintTapes[leaf.piece][k], at: box)?[0], !h.isPossiblyUndefined else {
          return .rejected(reason: "leaf \(i): constraint \(k) is possibly undefined on the leaf")
        }
        guard h.lower >= l else {
          return .rejected(reason: "leaf \(i): constraint \(k)'s enclosure \(h) does not confirm the recorded lower bound \(l)")
        }
      case .bounded(let u):
        guard let e = bounds.enclosure(on: box) else {
          return .rejected(reason: "leaf \(i): the expression is possibly undefined on the leaf")
        }
        guard e.upper <= u || bounds.bernsteinConfirms(upperBound: u, lower: leaf.lower, upper: leaf.upper) else {
          return .rejected(reason: "leaf \(i): the expression's enclosure \(e) does not confirm the recorded upper bound \(u)")
        }
      case .boundedOnSet(let k, let lambda, let u):
        guard relaxations.confirms(piece: leaf.piece, constraint: k, multiplier: lambda, upperBound: u,
                                   lower: leaf.lower, upper: leaf.upper) else {
          return .rejected(reason: "leaf \(i): the exact Bernstein coefficients of g − \(lambda)·(constraint \(k)) "
                                   + "do not confirm the recorded upper bound \(u)")
        }
      }
    }
    return .accepted(leaves: cert.leaves.count)
  }

  /// What is wrong with a leaf's shape or its decision's numbers, if anything.
  private static func malformation(_ leaf: ProofCertificate.Leaf, pieces: Int, constraints: [[Tape]],
                                   n: Int, strict: Bool) -> String? {
    guard leaf.piece >= 0 && leaf.piece < pieces else { return "piece \(leaf.piece) does not exist" }
    guard leaf.lower.count == n && leaf.upper.count == n else { return "needs \(n) bounds per side" }
    for d in 0..<n where !(leaf.lower[d].isFinite && leaf.upper[d].isFinite && leaf.lower[d] <= leaf.upper[d]) {
      return "bounds [\(leaf.lower[d]), \(leaf.upper[d])] of variable \(d) are not a finite interval"
    }
    switch leaf.decision {
    case .discarded(let k, let l):
      guard k >= 0 && k < constraints[leaf.piece].count else { return "constraint \(k) does not exist" }
      guard l > 0 else { return "recorded lower bound \(l) does not show the constraint > 0" }
    case .bounded(let u):
      guard strict ? u < 0 : u <= 0 else {
        return "recorded upper bound \(u) does not show the expression \(strict ? "<" : "<=") 0"
      }
    case .boundedOnSet(let k, let lambda, let u):
      guard k >= 0 && k < constraints[leaf.piece].count else { return "constraint \(k) does not exist" }
      guard lambda.signum() >= 0 else { return "multiplier \(lambda) is negative" }
      guard strict ? u < 0 : u <= 0 else {
        return "recorded upper bound \(u) does not show the expression \(strict ? "<" : "<=") 0"
      }
    }
    return nil
  }

  /// The tape's outputs over `point` (one interval per variable), or nil when some
  /// register of the tape is possibly undefined on the box (which includes every
  /// division whose divisor, and every negative power whose base, encloses 0:
  /// `Interval`'s `TapeScalar` operations make those `undefined`, though the plain
  /// operators give `entire`). Requiring every register defined, not only the outputs,
  /// is stricter than the strategy, never weaker.
  static func checkedOutputs(_ tape: Tape, at point: [Interval]) -> [Interval]? {
    var registers: [Interval] = []
    let outputs = tape.evaluate(at: point, registers: &registers)
    return registers.contains(where: \.isPossiblyUndefined) ? nil : outputs
  }
}
