import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import Foundation
import Testing

/// Twice the mid-rank of `values[i]` among `values`: 2·#{smaller} + #{equal} + 1.
/// Computed straight from the definition, independently of the library's grouping.
private func doubledMidRank(_ i: Int, in values: [Double]) -> Int {
  2 * values.filter { $0 < values[i] }.count + values.filter { $0 == values[i] }.count + 1
}

/// (upper, lower, two-sided) p-values from exact integer counts of a statistic ≥ and ≤
/// the observed one; two-sided is twice the smaller tail, capped at 1.
private func pValues(atLeast: Int, atMost: Int, total: Int) -> [Double] {
  let upper = Double(atLeast) / Double(total), lower = Double(atMost) / Double(total)
  return [upper, lower, min(1, 2 * min(upper, lower))]
}

/// Mann–Whitney by brute force: every choice of m of the pooled positions as the first
/// sample, comparing doubled rank sums as integers. Also returns the smallest upper-tail
/// p-value over all arrangements.
private func bruteForceMannWhitney(_ x: [Double], _ y: [Double]) -> (p: [Double], smallestUpper: Double) {
  let pooled = x + y, m = x.count
  let ranks = pooled.indices.map { doubledMidRank($0, in: pooled) }
  let observed = ranks[0..<m].reduce(0, +)
  var sums: [Int] = []
  func choose(from start: Int, left: Int, sum: Int) {
    if left == 0 { sums.append(sum); return }
    guard pooled.count - start >= left else { return }
    choose(from: start + 1, left: left - 1, sum: sum + ranks[start])
    choose(from: start + 1, left: left, sum: sum)
  }
  choose(from: 0, left: m, sum: 0)
  let largest = sums.max()!
  let p = pValues(atLeast: sums.filter { $0 >= observed }.count, atMost: sums.filter { $0 <= observed }.count,
                  total: sums.count)
  return (p, Double(sums.filter { $0 == largest }.count) / Double(sums.count))
}

/// Wilcoxon signed-rank by brute force over all 2ⁿ sign flips of the non-zero differences
/// (zeros dropped), ties by exact equality of |d|.
private func bruteForceWilcoxon(_ differences: [Double]) -> [Double] {
  let d = differences.filter { $0 != 0 }
  let magnitudes = d.map(abs)
  let ranks = d.indices.map { doubledMidRank($0, in: magnitudes) }
  let observed = d.indices.filter { d[$0] > 0 }.reduce(0) { $0 + ranks[$1] }
  var atLeast = 0, atMost = 0
  for mask in 0..<(1 << d.count) {
    let sum = d.indices.filter { mask & (1 << $0) != 0 }.reduce(0) { $0 + ranks[$1] }
    if sum >= observed { atLeast += 1 }
    if sum <= observed { atMost += 1 }
  }
  return pValues(atLeast: atLeast, atMost: atMost, total: 1 << d.count)
}

/// A value with heavy ties (one decimal, from `levels` levels around 1) or, when
/// `levels` is 0, a continuous one.
private func draw(levels: Int, shift: Double, _ g: inout SeededGenerator) -> Double {
  guard levels > 0 else { return g.nextUnit() + shift }
  return (10 + Double(g.nextInt(below: levels)) + (shift > 0 && g.nextUnit() < shift ? 1 : 0)) / 10
}

private let alternatives: [MannWhitney.Alternative] = [.greater, .less, .twoSided]

@Suite struct StatisticsExactMannWhitneyTests {
  @Test("exact p-values with and without ties equal brute-force enumeration for all three alternatives")
  func matchesBruteForce() {
    var g = SeededGenerator(seed: propertyTestSeed)
    var tiedCases = 0
    for trial in 0..<400 {
      let m = 1 + g.nextInt(below: 7), n = 1 + g.nextInt(below: 7)
      let levels = trial % 4 == 3 ? 0 : 3 + g.nextInt(below: 2)
      let shift = [0, 0.3, 0.7][g.nextInt(below: 3)]
      let x = (0..<m).map { _ in draw(levels: levels, shift: shift, &g) }
      let y = (0..<n).map { _ in draw(levels: levels, shift: 0, &g) }
      if Set(x + y).count < m + n { tiedCases += 1 }
      let expected = bruteForceMannWhitney(x, y)
      for (alternative, p) in zip(alternatives, expected.p) {
        let r = MannWhitney.test(x, y, alternative: alternative)
        #expect(r.isExact)
        #expect(abs(r.pValue - p) <= 1e-9, "x = \(x), y = \(y), \(alternative): \(r.pValue) vs \(p)")
      }
      let smallest = MannWhitney.smallestAttainablePValue(pooled: x + y, firstCount: m, alternative: .greater)
      #expect(abs(smallest - expected.smallestUpper) <= 1e-12, "x = \(x), y = \(y)")
    }
    #expect(tiedCases >= 250)
  }

  @Test("reproducer: rounded timings with ties give the permutation p-value 18/252, not 0.0485")
  func tiedReproducer() {
    let baseline = [1.0, 1.0, 1.1, 1.1, 1.0], candidate = [1.2, 1.2, 1.0, 1.1, 1.2]
    let r = MannWhitney.test(candidate, baseline, alternative: .greater)
    #expect(r.isExact)
    #expect(r.u == 20.5)
    #expect(abs(r.pValue - 18.0 / 252) <= 1e-12)  // scipy.stats.permutation_test: 0.07142857142857142
  }

  @Test("a tie no longer forces the approximation, and the statistic is compared as an integer")
  func smallTiedSamplesAreExact() {
    // x = 1 2 3, y = 3 4 5: doubled ranks 2 4 7 | 7 10 12; x's doubled sum 13 is the
    // smallest of the 20 arrangements' sums, attained twice (with either 3): 2/20.
    let r = MannWhitney.test([1, 2, 3], [3, 4, 5], alternative: .less)
    #expect(r.isExact)
    #expect(r.u == 0.5)
    #expect(abs(r.pValue - 2.0 / 20) <= 1e-15)
    // x = 1 2 4 has doubled sum 2 + 4 + 10 = 16, which {1, 3, 3} (2 + 7 + 7) reaches too:
    // sums ≤ 16 are {1, 2, 3} twice (13), {1, 2, 4} and {1, 3, 3}: 4/20.
    #expect(abs(MannWhitney.test([1, 2, 4], [3, 3, 5], alternative: .less).pValue - 4.0 / 20) <= 1e-15)
  }

  @Test("smallest attainable p-values: 1/C(m+n, m) without ties, larger with ties at the boundary")
  func smallestAttainable() {
    #expect(MannWhitney.smallestAttainablePValue(3, 3, alternative: .greater) == 0.05)
    #expect(abs(MannWhitney.smallestAttainablePValue(7, 7, alternative: .greater) - 1.0 / 3432) <= 1e-18)
    // Three repetitions a side can never reach α = 0.01, even without ties.
    #expect(MannWhitney.smallestAttainablePValue(3, 3, alternative: .greater) > 0.01)
    // Top group of four equal values, three needed: C(4, 3)/C(6, 3) = 4/20.
    let tied: [Double] = [1, 1, 2, 2, 2, 2]
    #expect(abs(MannWhitney.smallestAttainablePValue(pooled: tied, firstCount: 3, alternative: .greater) - 0.2) <= 1e-15)
    #expect(abs(MannWhitney.test([2, 2, 2], [1, 1, 2], alternative: .greater).pValue - 0.2) <= 1e-15)
    // .less: the two smallest are one group of two, the third comes from the four: 4/20.
    #expect(abs(MannWhitney.smallestAttainablePValue(pooled: tied, firstCount: 3, alternative: .less) - 0.2) <= 1e-15)
    #expect(abs(MannWhitney.smallestAttainablePValue(pooled: tied, firstCount: 3, alternative: .twoSided) - 0.4) <= 1e-15)
    #expect(MannWhitney.smallestAttainablePValue(pooled: [1, 1, 1, 2, 2, 2], firstCount: 3, alternative: .greater) == 0.05)
    #expect(MannWhitney.smallestAttainablePValue(pooled: [3, 3, 3], firstCount: 1, alternative: .twoSided) == 1)
  }
}

@Suite struct StatisticsExactWilcoxonTests {
  @Test("exact p-values with and without ties equal all 2ⁿ sign flips for all three alternatives")
  func matchesBruteForce() {
    var g = SeededGenerator(seed: propertyTestSeed, stream: 1)
    for trial in 0..<300 {
      let n = 1 + g.nextInt(below: 12)
      let tied = trial % 3 != 2
      let d: [Double] = (0..<n).map { _ in
        let sign: Double = g.nextUnit() < 0.65 ? 1 : -1
        return tied ? sign * Double(g.nextInt(below: 4)) / 10 : sign * g.nextUnit()
      }
      let expected = bruteForceWilcoxon(d)
      for (alternative, p) in zip(alternatives, expected) {
        let r = WilcoxonSignedRank.test(d, alternative: alternative)
        #expect(r.isExact)
        #expect(r.count == d.filter { $0 != 0 }.count)
        #expect(abs(r.pValue - p) <= 1e-9, "d = \(d), \(alternative): \(r.pValue) vs \(p)")
      }
      #expect(WilcoxonSignedRank.greater(d) == WilcoxonSignedRank.test(d, alternative: .greater))
    }
  }

  @Test("reproducer: four all-positive log ratios give 1/16 with or without a tie")
  func fourPositiveRatios() {
    for ratios in [[1.20, 1.25, 1.25, 1.30], [1.20, 1.25, 1.27, 1.30]] {
      let r = WilcoxonSignedRank.greater(ratios.map { log($0) })
      #expect(r.isExact)
      #expect(r.count == 4)
      #expect(r.wPlus == 10)
      #expect(r.pValue == 0.0625)
    }
    #expect(WilcoxonSignedRank.smallestAttainablePValue(n: 4) == 0.0625)
    #expect(WilcoxonSignedRank.smallestAttainablePValue(n: 4, alternative: .twoSided) == 0.125)
    #expect(WilcoxonSignedRank.smallestAttainablePValue(n: 7) == 1.0 / 128)
    #expect(WilcoxonSignedRank.smallestAttainablePValue(n: 0) == 1)
    #expect(WilcoxonSignedRank.smallestAttainablePValue(n: 1) == 0.5)
  }

  @Test("zeros are dropped (Wilcoxon's convention), also when within the tie tolerance of zero")
  func zerosAreDropped() {
    let r = WilcoxonSignedRank.greater([0, 0, 0.1, 0.2, -1e-12])
    #expect(r.count == 2)
    #expect(r.wPlus == 3)
    #expect(r.pValue == 0.25)
    #expect(WilcoxonSignedRank.greater([0, -1e-12], tieTolerance: 0).count == 1)
    let none = WilcoxonSignedRank.greater([0, .nan, .infinity])
    #expect(none.count == 0 && none.pValue == 1)
  }

  @Test("|d| equal but for rounding tie under the default tolerance, and only bit-identical ones with 0")
  func tieTolerance() {
    let a = log(1.25)
    let d = [a, a.nextUp, -a]
    #expect(WilcoxonSignedRank.greater(d).wPlus == 4)  // three-way tie, ranks 2 2 2
    #expect(WilcoxonSignedRank.greater(d, tieTolerance: 0).wPlus == 4.5)  // ranks 1.5 3 1.5
    // Ratios that are equal in decimal but computed differently still tie by default.
    let ratios = [0.5 / 0.4, 1.0 / 0.8, 1.5 / 1.2, 0.3 / 0.24]
    let logs = ratios.map { log($0) }
    #expect(WilcoxonSignedRank.greater(logs + [-0.1]).wPlus == 14)  // −0.1 ranks 1, the four share 3.5
  }
}
