import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import Foundation
import Testing

/// A standard normal variate by the Box–Muller transform.
private func normal(_ g: inout SeededGenerator) -> Double {
  let u1 = 1 - g.nextUnit()
  let u2 = g.nextUnit()
  return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
}

/// Twice the mid-rank of `values[i]` among `values`.
private func doubledMidRank(_ i: Int, in values: [Double]) -> Int {
  2 * values.filter { $0 < values[i] }.count + values.filter { $0 == values[i] }.count + 1
}

/// (upper, lower, two-sided) from counts (as doubles) indexed by an integer statistic.
private func tails(_ counts: [Double], observed: Int) -> [Double] {
  let total = counts.reduce(0, +)
  let upper = counts[observed...].reduce(0, +) / total, lower = counts[...observed].reduce(0, +) / total
  return [upper, lower, min(1, 2 * min(upper, lower))]
}

/// The permutation p-values of Mann–Whitney by a dynamic programme over pooled positions
/// one at a time (not over tie groups, as the library does), counts as doubles: exact
/// to about 10⁻¹³ relative, beyond the library's exact limit.
private func permutationMannWhitney(_ x: [Double], _ y: [Double]) -> [Double] {
  let pooled = x + y, m = x.count
  let ranks = pooled.indices.map { doubledMidRank($0, in: pooled) }
  let width = ranks.reduce(0, +) + 1
  var counts = [[Double]](repeating: [Double](repeating: 0, count: width), count: m + 1)
  counts[0][0] = 1
  var reach = 0
  for r in ranks {
    for k in stride(from: m - 1, through: 0, by: -1) {
      for s in 0...reach where counts[k][s] != 0 { counts[k + 1][s + r] += counts[k][s] }
    }
    reach += r
  }
  return tails(counts[m], observed: ranks[0..<m].reduce(0, +))
}

/// The sign-flip p-values of Wilcoxon's signed-rank statistic (zeros dropped, exact
/// ties), counts as doubles.
private func signFlipWilcoxon(_ differences: [Double]) -> [Double] {
  let d = differences.filter { $0 != 0 }
  let magnitudes = d.map(abs)
  let ranks = d.indices.map { doubledMidRank($0, in: magnitudes) }
  var counts = [Double](repeating: 0, count: ranks.reduce(0, +) + 1)
  counts[0] = 1
  var reach = 0
  for r in ranks {
    for s in stride(from: reach, through: 0, by: -1) { counts[s + r] += counts[s] }
    reach += r
  }
  return tails(counts, observed: d.indices.filter { d[$0] > 0 }.reduce(0) { $0 + ranks[$1] })
}

private let alternatives: [MannWhitney.Alternative] = [.greater, .less, .twoSided]

@Suite struct StatisticsApproximationTests {
  @Test("beyond 60 pooled values the normal approximation is within its documented error of the permutation p")
  func mannWhitneyApproximation() {
    var g = SeededGenerator(seed: propertyTestSeed, stream: 2)
    for trial in 0..<12 {
      let total = 61 + g.nextInt(below: 4), m = 15 + g.nextInt(below: total - 30)
      let levels = [0, 0, 6, 3][trial % 4]
      let shift = [0.0, 0.4, 0.8][trial % 3]
      let value = { (shift: Double, g: inout SeededGenerator) -> Double in
        let v = normal(&g) + shift
        return levels == 0 ? v : min(Double(levels), max(0, ((v + 2) * Double(levels) / 4).rounded()))
      }
      let x = (0..<m).map { _ in value(shift, &g) }, y = (m..<total).map { _ in value(0, &g) }
      let exact = permutationMannWhitney(x, y)
      let bound = levels == 3 ? 0.03 : 0.006
      for (alternative, p) in zip(alternatives, exact) where p <= 0.1 {
        let r = MannWhitney.test(x, y, alternative: alternative)
        #expect(!r.isExact)
        #expect(abs(r.pValue - p) <= bound, "levels \(levels), \(alternative): \(r.pValue) vs \(p)")
      }
    }
  }

  @Test("beyond 50 differences the normal approximation is within its documented error of the sign-flip p")
  func wilcoxonApproximation() {
    var g = SeededGenerator(seed: propertyTestSeed, stream: 3)
    for trial in 0..<12 {
      let n = 51 + g.nextInt(below: 6)
      let tied = trial % 2 == 1
      let shift = [0.0, 0.2, 0.5][trial % 3]
      let d = (0..<n).map { _ in
        let v = normal(&g) + shift
        return tied ? (v * 2).rounded(.down) / 2 + 0.25 : v  // never zero: all n values count
      }
      let exact = signFlipWilcoxon(d)
      for (alternative, p) in zip(alternatives, exact) {
        let r = WilcoxonSignedRank.test(d, alternative: alternative, tieTolerance: 0)
        #expect(!r.isExact)
        let bound = !tied || p <= 0.1 ? 0.005 : 0.025
        #expect(abs(r.pValue - p) <= bound, "tied \(tied), \(alternative): \(r.pValue) vs \(p)")
      }
    }
  }

  @Test("at the exact limits the result is exact, one beyond it is not")
  func limits() {
    let x = (0..<30).map { Double($0 % 5) }, y = (0..<30).map { Double($0 % 4) }
    #expect(MannWhitney.test(x, y, alternative: .greater).isExact)
    #expect(!MannWhitney.test(x + [9], y, alternative: .greater).isExact)
    let d = (1...50).map { Double($0 % 7) - 2.5 }
    #expect(WilcoxonSignedRank.greater(d).isExact)
    #expect(!WilcoxonSignedRank.greater(d + [3]).isExact)
  }
}
