import BCVExpression
import BCVNumerics

/// An obligation whose expression and region constraints are all exact polynomials, in
/// the form the symbolic strategy works on.
///
/// Each polynomial equals its expression at every real point (`Expr.polynomial`), so
/// deciding "g ≤ 0 on every piece" for the polynomials decides the obligation.
struct PolynomialObligation {
  /// One piece of the region: its exact box and the indices (into `constraints`) of its
  /// constraints c ≤ 0.
  struct Piece {
    let bounds: [Bounds]
    let constraints: [Int]
  }

  /// g, the obligation's expression.
  let expression: Polynomial
  /// The distinct constraint polynomials of all pieces.
  let constraints: [Polynomial]
  /// The pieces, in the obligation's order (piece p here is piece p of the region).
  let pieces: [Piece]
  /// Whether the obligation is g < 0 rather than g ≤ 0.
  let strict: Bool

  /// nil when the expression or some constraint is not polynomial (or too large to expand).
  init?(_ obligation: Obligation) {
    let n = obligation.dimension
    guard let g = obligation.expression.polynomial(variableCount: n) else { return nil }
    var constraints: [Polynomial] = []
    var index: [Expr: Int] = [:]
    var pieces: [Piece] = []
    for piece in obligation.region.pieces {
      var ids: [Int] = []
      for c in piece.constraints {
        if let known = index[c] {
          ids.append(known)
          continue
        }
        guard let p = c.polynomial(variableCount: n) else { return nil }
        index[c] = constraints.count
        ids.append(constraints.count)
        constraints.append(p)
      }
      pieces.append(Piece(bounds: piece.box.bounds, constraints: ids))
    }
    self.expression = g
    self.constraints = constraints
    self.pieces = pieces
    self.strict = obligation.strict
  }

  /// Why the Bernstein expansions would be too large, or nil when they are within the
  /// limits: at most `maxCoefficients` coefficients per polynomial and degree at most
  /// `maxDegree` in each variable (the work per box grows with both).
  func expansionLimitExceeded(maxCoefficients: Int, maxDegree: Int) -> String? {
    for (what, p) in [("the expression", expression)] + constraints.map({ ("a constraint", $0) }) {
      for i in 0..<p.variableCount where p.degree(in: i) > maxDegree {
        return "\(what) has degree \(p.degree(in: i)) in variable \(i) (limit \(maxDegree))"
      }
      let count = BernsteinExpansion.coefficientCount(of: p)
      if count == nil || count! > maxCoefficients {
        let size = count.map(String.init) ?? "too many"
        return "the Bernstein expansion of \(what) has \(size) coefficients (limit \(maxCoefficients))"
      }
    }
    return nil
  }

  /// The sum of the pieces' box volumes, in Double (an approximation of the region's
  /// size, used only to report undecided fractions).
  var approximateVolume: Double {
    pieces.reduce(0) { $0 + Box(bounds: $1.bounds).approximateVolume }
  }
}
