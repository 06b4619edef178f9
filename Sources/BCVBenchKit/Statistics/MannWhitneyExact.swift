/// Mid-ranks of two samples pooled together, kept as integers: a mid-rank is a whole or
/// half number, so twice it (the "doubled mid-rank") is an integer, and every comparison
/// of rank sums is made on these integers, never on floating-point values.
struct PooledRanking {
  /// Groups of equal pooled values in ascending order of value: how many values the
  /// group holds, how many of them come from the first sample, and twice their shared
  /// mid-rank (for a group at 0-based positions start..<end, start + 1 + end).
  var groups: [(size: Int, first: Int, doubledRank: Int)] = []
  /// The sum of the doubled mid-ranks of the first sample's values.
  var doubledRankSumOfFirst = 0
  /// Σ(t³ − t) over groups of t equal pooled values; 0 when all are distinct.
  var tieSum = 0.0
  var hasTies: Bool { tieSum > 0 }

  init(_ x: [Double], _ y: [Double]) {
    let pooled = (x.map { ($0, true) } + y.map { ($0, false) }).sorted { $0.0 < $1.0 }
    var start = 0
    while start < pooled.count {
      var end = start + 1
      while end < pooled.count, pooled[end].0 == pooled[start].0 { end += 1 }
      let first = pooled[start..<end].filter(\.1).count
      let doubledRank = start + 1 + end
      groups.append((end - start, first, doubledRank))
      doubledRankSumOfFirst += first * doubledRank
      let t = Double(end - start)
      tieSum += t * t * t - t
      start = end
    }
  }
}

extension MannWhitney {
  /// The exact null distribution of the first sample's doubled mid-rank sum, given the
  /// tie pattern: entry s counts the subsets of size `m` of the pooled positions whose
  /// doubled mid-ranks sum to s, out of C(N, m) equally likely ones (N the pooled size).
  ///
  /// Dynamic programme over (items chosen so far, doubled sum so far), one tie group at
  /// a time: choosing c of a group of t equal values adds c × its doubled mid-rank in
  /// C(t, c) ways. Counts are exact `Int`s: the count of a state after some groups is at
  /// most C(N′, k) for the N′ positions seen, so at most C(60, 30) < 2⁵⁷ within
  /// `exactPooledLimit`. Cost O(N · m · N²) additions; about 7 × 10⁶ at N = 60.
  static func exactRankSumCounts(_ groups: [(size: Int, first: Int, doubledRank: Int)], m: Int) -> [Int] {
    let total = groups.reduce(0) { $0 + $1.size }
    let width = total * (total + 1) + 1
    var counts = [Int](repeating: 0, count: (m + 1) * width)
    counts[0] = 1
    var seen = 0, reach = 0
    for group in groups {
      let binomials = binomialRow(group.size)
      for k in stride(from: min(m - 1, seen), through: 0, by: -1) {
        for s in 0...reach where counts[k * width + s] != 0 {
          let ways = counts[k * width + s]
          for c in 1...min(group.size, m - k) {
            counts[(k + c) * width + s + c * group.doubledRank] += ways * binomials[c]
          }
        }
      }
      seen += group.size
      reach += group.size * group.doubledRank
    }
    return Array(counts[(m * width)...])
  }

  /// The exact null distribution of U for sample sizes m and n without ties, as counts:
  /// entry u is the number of the C(m + n, m) equally likely rank arrangements with U = u.
  ///
  /// These are the coefficients of the Gaussian binomial [m + n choose m]_q =
  /// ∏ᵢ₌₁…ₘ (1 − q^(n+i)) / (1 − q^i), built one factor at a time; every intermediate
  /// polynomial is itself a Gaussian binomial, so all counts are exact integers bounded
  /// by C(60, 30) < 2⁵⁷ within `exactPooledLimit`. Cost O(m²·n): the fast path when
  /// there are no ties.
  static func exactDistribution(_ m: Int, _ n: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: m * n + m + 1)
    counts[0] = 1
    for i in 1...m {
      let up = n + i
      for k in stride(from: counts.count - 1, through: up, by: -1) { counts[k] -= counts[k - up] }
      for k in i..<counts.count { counts[k] += counts[k - i] }
    }
    return Array(counts[0...(m * n)])
  }

  /// One-sided tail probabilities (P(S ≥ observed), P(S ≤ observed)) of a distribution
  /// given as integer counts indexed by the statistic; the comparison is on the integer
  /// index, and each probability is a single division of exact integer counts.
  static func tails(_ counts: [Int], observed: Int) -> (upper: Double, lower: Double) {
    let total = counts.reduce(0, +)
    let upper = counts[observed...].reduce(0, +), lower = counts[...observed].reduce(0, +)
    return (Double(upper) / Double(total), Double(lower) / Double(total))
  }

  /// C(t, 0) … C(t, t) as exact integers (t ≤ 60 here, so all below 2⁶³).
  static func binomialRow(_ t: Int) -> [Int] {
    var row = [1]
    for c in stride(from: 1, through: t, by: 1) { row.append(row[c - 1] * (t - c + 1) / c) }
    return row
  }

  /// C(a, b) as a double, to within a few units in the last place.
  static func binomial(_ a: Int, _ b: Int) -> Double {
    guard b > 0, b < a else { return b == 0 || b == a ? 1 : 0 }
    var value = 1.0
    for i in 1...min(b, a - b) { value = value * Double(max(b, a - b) + i) / Double(i) }
    return value
  }
}
