import BCVNumerics

/// Checks that a certificate's leaves cover every piece's exact box.
///
/// For each piece: the leaves' bounding box must contain the piece's rational box (exact
/// comparisons), and the leaves must tile that bounding box as a split tree, which is
/// recovered rather than trusted: a cell holding one leaf must equal it; a cell holding
/// several must have a cut, a coordinate s of some variable with every leaf on one side
/// (upper ≤ s or lower ≥ s, both sides non-empty), and then each side is checked as a
/// cell. Induction on the number of leaves shows the union of the leaves covers the cell,
/// so an accepted piece is covered. A missing leaf leaves a cell that no leaf equals, and
/// overlapping leaves can never be cut apart: both are reported (overlaps are harmless for
/// soundness, but a tree that has them was not produced by bisection). Tilings that are
/// not split trees are rejected too, which is conservative.
enum CertificateCover {
  /// A description of the first piece not covered, or nil when all are.
  static func firstGap(_ cert: ProofCertificate) -> String? {
    var byPiece = Array(repeating: [Int](), count: cert.pieces.count)
    for (i, leaf) in cert.leaves.enumerated() { byPiece[leaf.piece].append(i) }
    let n = cert.variables.count
    for (p, piece) in cert.pieces.enumerated() {
      let members = byPiece[p]
      guard let first = members.first else { return "piece \(p) has no leaves" }
      var lo = cert.leaves[first].lower, hi = cert.leaves[first].upper
      for i in members {
        for d in 0..<n {
          lo[d] = min(lo[d], cert.leaves[i].lower[d])
          hi[d] = max(hi[d], cert.leaves[i].upper[d])
        }
      }
      for (d, b) in piece.box.bounds.enumerated()
      where Rational(exactly: lo[d])! > b.lower || Rational(exactly: hi[d])! < b.upper {
        return "piece \(p): the leaves reach only [\(lo[d]), \(hi[d])] of variable \(d), whose bounds are [\(b.lower), \(b.upper)]"
      }
      if let gap = splitTreeGap(cert.leaves, members, lower: lo, upper: hi) { return "piece \(p): \(gap)" }
    }
    return nil
  }

  /// Nil when `members` tile the cell `lower…upper` as a split tree, else the first cell
  /// that fails.
  private static func splitTreeGap(_ leaves: [ProofCertificate.Leaf], _ members: [Int],
                                   lower: [Double], upper: [Double]) -> String? {
    var cells: [(lower: [Double], upper: [Double], members: [Int])] = [(lower, upper, members)]
    while let cell = cells.popLast() {
      if cell.members.count == 1 {
        let leaf = leaves[cell.members[0]]
        guard leaf.lower == cell.lower && leaf.upper == cell.upper else {
          return "cell \(describe(cell.lower, cell.upper)) is covered only by leaf \(describe(leaf.lower, leaf.upper))"
        }
        continue
      }
      guard let (d, s, left, right) = cut(leaves, cell.members, dimensions: cell.lower.count) else {
        return "the \(cell.members.count) leaves in cell \(describe(cell.lower, cell.upper)) overlap or leave a gap"
      }
      var leftUpper = cell.upper, rightLower = cell.lower
      leftUpper[d] = s
      rightLower[d] = s
      cells.append((cell.lower, leftUpper, left))
      cells.append((rightLower, cell.upper, right))
    }
    return nil
  }

  /// A variable d and coordinate s with every member's upper[d] ≤ s (left) or
  /// lower[d] ≥ s (right), both sides non-empty; the first found, trying variables in
  /// order.
  private static func cut(_ leaves: [ProofCertificate.Leaf], _ members: [Int],
                          dimensions: Int) -> (Int, Double, [Int], [Int])? {
    for d in 0..<dimensions {
      let sorted = members.sorted { (leaves[$0].lower[d], leaves[$0].upper[d]) < (leaves[$1].lower[d], leaves[$1].upper[d]) }
      var reach = -Double.infinity
      for k in 0..<(sorted.count - 1) {
        reach = max(reach, leaves[sorted[k]].upper[d])
        if leaves[sorted[k + 1]].lower[d] >= reach {
          return (d, reach, Array(sorted[...k]), Array(sorted[(k + 1)...]))
        }
      }
    }
    return nil
  }

  private static func describe(_ lower: [Double], _ upper: [Double]) -> String {
    zip(lower, upper).map { "[\($0), \($1)]" }.joined(separator: "×")
  }
}
