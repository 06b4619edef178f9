import BCVExpression
import BCVNumerics

/// An axis-aligned box with exact rational bounds on every variable.
public struct Box: Sendable, Hashable {
  public var bounds: [Bounds]

  public init(bounds: [Bounds]) { self.bounds = bounds }

  public var dimension: Int { bounds.count }

  /// The box's volume in Double (rounded; for weighting samples, never for proofs).
  public var approximateVolume: Double {
    bounds.reduce(1.0) { $0 * ($1.upper - $1.lower).doubleValue }
  }

  /// The largest box of doubles inside this one: every Double point in it lies in the
  /// exact box. `nil` when no double lies inside (a point bound such as [0.1, 0.1]).
  public var innerDoubleBounds: (lower: [Double], upper: [Double])? {
    var lo: [Double] = [], hi: [Double] = []
    for b in bounds {
      let l = b.lower.doubleEnclosure.upper, u = b.upper.doubleEnclosure.lower
      if l > u { return nil }
      lo.append(l)
      hi.append(u)
    }
    return (lo, hi)
  }
}

/// A piece of a region: a box intersected with constraints `g ≤ 0` (closures).
public struct RegionPiece: Sendable, Hashable {
  public var box: Box
  public var constraints: [Expr]

  public init(box: Box, constraints: [Expr]) {
    self.box = box
    self.constraints = constraints
  }
}

/// A region in disjunctive normal form: the union of its pieces. An obligation is decided
/// over a region; an empty list of pieces is the empty set.
public struct Region: Sendable, Hashable {
  public var pieces: [RegionPiece]

  public init(pieces: [RegionPiece]) { self.pieces = pieces }

  /// The region of `set ∩ domain`. The domain's box must bound every variable (the
  /// loader checks this), so every piece is a complete box.
  ///
  /// Pieces whose boxes do not meet are dropped (exactly, in rationals). Unions multiply
  /// out, so the number of pieces is bounded by `maxPieces`; `nil` when it would exceed it.
  public static func of(_ set: StateSet, within domain: StateSet, dimension: Int,
                        maxPieces: Int = 4096) -> Region? {
    let domainBox = (0..<dimension).map { domain.box[$0] }
    precondition(domainBox.allSatisfy { $0 != nil }, "the domain box leaves a variable unbounded")
    let whole = RegionPiece(box: Box(bounds: domainBox.map { $0! }), constraints: [])
    guard let outer = pieces(of: domain, base: whole, maxPieces: maxPieces) else { return nil }
    var result: [RegionPiece] = []
    for piece in outer {
      guard let inner = pieces(of: set, base: piece, maxPieces: maxPieces) else { return nil }
      result.append(contentsOf: inner)
      if result.count > maxPieces { return nil }
    }
    return Region(pieces: result)
  }

  /// The pieces of `set ∩ base`.
  static func pieces(of set: StateSet, base: RegionPiece, maxPieces: Int) -> [RegionPiece]? {
    var bounds = base.box.bounds
    for (index, b) in set.box {
      guard let meet = bounds[index].intersection(b) else { return [] }
      bounds[index] = meet
    }
    let piece = RegionPiece(box: Box(bounds: bounds),
                            constraints: base.constraints + set.constraints.map(\.expression))
    guard let union = set.anyOf else { return [piece] }
    var result: [RegionPiece] = []
    for member in union {
      guard let sub = pieces(of: member, base: piece, maxPieces: maxPieces) else { return nil }
      result.append(contentsOf: sub)
      if result.count > maxPieces { return nil }
    }
    return result
  }
}
