import BCVExpression
import BCVNumerics

extension Obligation {
  /// A text that identifies the obligation up to rewriting: equal texts mean the same
  /// condition, relation, region and expression function (see `Expr.canonicalText`), so
  /// they have the same answer.
  ///
  /// Lines: a format tag; the condition; the relation; the number of variables; g in
  /// canonical form; then one line per piece, sorted and without duplicates, giving the
  /// exact box and the piece's constraints sorted and without duplicates. Variables are
  /// named by position (x0, x1, …), never by their case names. Polynomial constraints are
  /// scaled to leading coefficient ±1 (a positive factor does not change {c ≤ 0});
  /// constant constraints are dropped when they always hold, and their piece when they
  /// never do.
  public var canonicalText: String {
    let n = dimension
    var lines = [
      "bcv-obligation/1",
      "condition \(condition.rawValue)",
      "relation \(strict ? "<" : "<=") 0",
      "variables \(n)",
      "g \(expression.canonicalText(variableCount: n))",
    ]
    var pieces = Set<String>()
    for piece in region.pieces {
      guard let constraints = Obligation.canonicalConstraints(piece.constraints, variableCount: n) else { continue }
      let box = piece.box.bounds.map { "[\($0.lower), \($0.upper)]" }.joined(separator: " x ")
      pieces.insert("piece \(box) where {" + constraints.joined(separator: "} {") + "}")
    }
    lines += pieces.sorted()
    return lines.joined(separator: "\n")
  }

  /// SHA-256 of `canonicalText`, as 64 hex digits.
  public var fingerprint: String { SHA256.hex(of: canonicalText) }

  /// The constraints' canonical texts, sorted and distinct; nil when one is a positive
  /// constant, so the piece is empty.
  private static func canonicalConstraints(_ constraints: [Expr], variableCount n: Int) -> [String]? {
    var texts = Set<String>()
    for c in constraints {
      guard let p = c.polynomial(variableCount: n) else {
        texts.insert(c.canonicalText(variableCount: n))
        continue
      }
      if let value = p.constantValue {
        if value.signum() > 0 { return nil }
        continue
      }
      let scaled = p.terms[0].coefficient.magnitude.reciprocal * p
      texts.insert(scaled.description(variableNames: (0..<n).map { "x\($0)" }))
    }
    return texts.sorted()
  }
}

extension Array where Element == Obligation {
  /// SHA-256 over the obligations' canonical texts (sorted, so their order does not
  /// matter): equal for two cases that differ only by rewriting the certificate, the
  /// dynamics or the sets, by renaming variables, or by reordering constraints.
  public var caseFingerprint: String {
    SHA256.hex(of: "bcv-case/1\n" + map(\.canonicalText).sorted().joined(separator: "\n--\n"))
  }
}
