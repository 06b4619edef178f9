import BCVNumerics

/// Exact sign decisions for symmetric matrices and quadratic polynomials, by LDLᵀ
/// elimination with symmetric (diagonal) pivoting over the rationals.
///
/// The elimination rests on one fact: for a symmetric M and an index p,
/// - if M_pp < 0, M is negative semidefinite iff the Schur complement of M_pp is
///   (M is congruent to [M_pp] ⊕ that complement);
/// - if M_pp > 0, M is not negative semidefinite;
/// - if M_pp = 0, M is negative semidefinite only when row p is zero (otherwise a 2×2
///   principal minor [[0, a], [a, M_qq]] has determinant −a² < 0), and then p can be dropped.
/// Every step is exact, so every answer is certain.
public enum QuadraticFormCheck {
  /// Whether the symmetric matrix is negative semidefinite: xᵀMx ≤ 0 for every real x.
  public static func isNegativeSemidefinite(_ matrix: [[Rational]]) -> Bool {
    requireSymmetric(matrix)
    return eliminate(matrix, indices: Array(matrix.indices)) != nil
  }

  /// sup over ℝⁿ of a polynomial of total degree ≤ 2, or nil when it is unbounded above
  /// (and for a polynomial of higher degree). The supremum is attained when finite.
  ///
  /// Writing p(x) = xᵀQx + bᵀx + c = zᵀMz with z = (x, 1) and M = [[Q, b/2], [b/2ᵀ, c]],
  /// eliminating the x indices completes squares: p = Σ d_k (x_k + …)² + s with every
  /// d_k < 0, so sup p = s. A positive pivot, or a variable with zero diagonal but a
  /// nonzero coupling, makes p unbounded above.
  ///
  /// In particular p ≤ 0 on ℝⁿ iff M is negative semidefinite iff the result is ≤ 0
  /// (s² p(y/s) = [y; s]ᵀM[y; s] gives the converse by continuity).
  public static func supremum(of polynomial: Polynomial) -> Rational? {
    guard polynomial.degree <= 2 else { return nil }
    let n = polynomial.variableCount
    var m = [[Rational]](repeating: [Rational](repeating: 0, count: n + 1), count: n + 1)
    let half = Rational(1, 2)
    for term in polynomial.terms {
      let used = term.monomial.exponents.indices.filter { term.monomial.exponents[$0] > 0 }
      let c = term.coefficient
      switch (term.monomial.degree, used.count) {
      case (0, _):
        m[n][n] = c
      case (1, _):
        m[used[0]][n] = c * half
        m[n][used[0]] = c * half
      case (2, 1):
        m[used[0]][used[0]] = c
      default:
        m[used[0]][used[1]] = c * half
        m[used[1]][used[0]] = c * half
      }
    }
    guard let reduced = eliminate(m, indices: Array(0..<n)) else { return nil }
    return reduced[n][n]
  }

  /// Eliminates the listed indices of a symmetric matrix with diagonal pivots: returns
  /// the matrix whose entries at indices not eliminated hold the Schur complement, or nil
  /// when the eliminated part proves the quadratic form not negative semidefinite in
  /// those directions (a positive pivot, or a zero diagonal entry with a nonzero entry
  /// left in its row).
  static func eliminate(_ matrix: [[Rational]], indices: [Int]) -> [[Rational]]? {
    var a = matrix
    var alive = [Bool](repeating: true, count: matrix.count)
    var pending = indices
    while let position = pending.firstIndex(where: { !a[$0][$0].isZero }) {
      let p = pending.remove(at: position)
      let pivot = a[p][p]
      if pivot.signum() > 0 { return nil }
      alive[p] = false
      let live = a.indices.filter { alive[$0] }
      for i in live where !a[i][p].isZero {
        let factor = a[i][p] / pivot
        for j in live where !a[p][j].isZero { a[i][j] -= factor * a[p][j] }
      }
    }
    // Every index still pending has a zero diagonal: its row must vanish.
    for p in pending {
      for j in a.indices where alive[j] && !a[p][j].isZero { return nil }
    }
    return a
  }

  private static func requireSymmetric(_ matrix: [[Rational]]) {
    for (i, row) in matrix.enumerated() {
      precondition(
        row.count == matrix.count, "row \(i) has \(row.count) entries in a \(matrix.count)×\(matrix.count) matrix")
      for j in 0..<i {
        precondition(
          matrix[i][j] == matrix[j][i], "matrix not symmetric at (\(i), \(j)): \(matrix[i][j]) vs \(matrix[j][i])")
      }
    }
  }
}
