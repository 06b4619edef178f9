import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import Foundation
import Testing

/// A standard normal variate by the Box–Muller transform.
private func normal(_ g: inout SeededGenerator) -> Double {
  let u1 = 1 - g.nextUnit()  // in (0, 1], so the logarithm is finite
  let u2 = g.nextUnit()
  return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
}

/// `count` timings around `center` with relative normal noise `noise`.
private func timings(_ count: Int, center: Double, noise: Double, _ g: inout SeededGenerator) -> [Double] {
  (0..<count).map { _ in center * (1 + noise * normal(&g)) }
}

private func isClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-12) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct StatisticsDescriptiveTests {
  // Sorted: 1 1 2 3 4 5 6 9.
  let sample: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]

  @Test("type-7 quantiles match hand-computed values")
  func quantilesMatchHandComputedValues() {
    #expect(isClose(Descriptive.quantile(sample, 0), 1))
    #expect(isClose(Descriptive.quantile(sample, 0.25), 1.75))  // h = 1.75: 1 + 0.75·(2 − 1)
    #expect(isClose(Descriptive.quantile(sample, 0.5), 3.5))
    #expect(isClose(Descriptive.quantile(sample, 0.75), 5.25))  // h = 5.25: 5 + 0.25·(6 − 5)
    #expect(isClose(Descriptive.quantile(sample, 0.9), 6.9))    // h = 6.3: 6 + 0.3·(9 − 6)
    #expect(isClose(Descriptive.quantile(sample, 1), 9))
    #expect(isClose(Descriptive.quantile([2, 10], 0.3), 4.4))
    #expect(isClose(Descriptive.quantile([7], 0.3), 7))
  }

  @Test("median, spread and moments match hand-computed values")
  func summariesMatchHandComputedValues() {
    #expect(isClose(Descriptive.median(sample), 3.5))
    #expect(isClose(Descriptive.median([5, 1, 3]), 3))
    #expect(isClose(Descriptive.interquartileRange(sample), 3.5))
    // |x − 3.5| sorted: 0.5 0.5 1.5 1.5 2.5 2.5 2.5 5.5.
    #expect(isClose(Descriptive.medianAbsoluteDeviation(sample), 2))
    #expect(isClose(Descriptive.medianAbsoluteDeviation(sample, scaled: true), 2 * 1.4826))
    #expect(isClose(Descriptive.mean(sample), 3.875))
    #expect(isClose(Descriptive.standardDeviation(sample), 2.748376143938713))
    #expect(isClose(Descriptive.ratioOfMedians([11, 12, 13], [9, 10, 11]), 1.2))
  }

  @Test("statistics of too little data are nil, not NaN or a trap")
  func emptyInputGivesNil() {
    #expect(Descriptive.median([]) == nil)
    #expect(Descriptive.quantile([], 0.5) == nil)
    #expect(Descriptive.quantile(sample, -0.1) == nil)
    #expect(Descriptive.quantile(sample, 1.1) == nil)
    #expect(Descriptive.quantile(sample, .nan) == nil)
    #expect(Descriptive.interquartileRange([]) == nil)
    #expect(Descriptive.medianAbsoluteDeviation([]) == nil)
    #expect(Descriptive.mean([]) == nil)
    #expect(Descriptive.standardDeviation([4]) == nil)
    #expect(Descriptive.ratioOfMedians([1], []) == nil)
    #expect(Descriptive.ratioOfMedians([1], [0]) == nil)
  }
}

@Suite struct StatisticsMannWhitneyTests {
  @Test("3 against 3, completely separated: the smallest one-sided p is exactly 1/20")
  func threeAgainstThree() {
    let r = MannWhitney.test([4, 5, 6], [1, 2, 3], alternative: .greater)
    #expect(r.isExact)
    #expect(r.u == 9)
    #expect(r.effect == 1)
    #expect(isClose(r.pValue, 0.05))
    #expect(isClose(MannWhitney.smallestAttainablePValue(3, 3, alternative: .greater), 0.05))
    #expect(isClose(MannWhitney.test([4, 5, 6], [1, 2, 3], alternative: .less).pValue, 1))
    #expect(isClose(MannWhitney.test([4, 5, 6], [1, 2, 3], alternative: .twoSided).pValue, 0.1))
  }

  @Test("5 against 5, completely separated: one-sided p = 1/252")
  func fiveAgainstFive() {
    let r = MannWhitney.test([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], alternative: .greater)
    #expect(r.isExact)
    #expect(r.u == 25)
    #expect(isClose(r.pValue, 1.0 / 252))
    #expect(isClose(MannWhitney.smallestAttainablePValue(5, 5, alternative: .twoSided), 2.0 / 252))
    #expect(isClose(MannWhitney.smallestAttainablePValue(10, 10, alternative: .greater), 1.0 / 184_756))
  }

  @Test("exact p-values of an interleaved sample match scipy's exact test")
  func exactInterleaved() {
    let x: [Double] = [1.1, 2.3, 3.7, 5.2, 6.0], y: [Double] = [0.5, 1.9, 2.2, 3.0]
    let greater = MannWhitney.test(x, y, alternative: .greater)
    #expect(greater.isExact)
    #expect(greater.u == 16)
    #expect(isClose(greater.effect, 0.8))
    #expect(isClose(greater.pValue, 0.09523809523809523))
    #expect(isClose(MannWhitney.test(x, y, alternative: .less).pValue, 0.9444444444444444))
    #expect(isClose(MannWhitney.test(x, y, alternative: .twoSided).pValue, 0.19047619047619047))
  }

  @Test("at 30 against 28 the exact p-value agrees with the normal approximation")
  func exactAgreesWithNormalForLargerSamples() {
    let x: [Double] = (0..<30).map { i in
      let t = Double(i)
      return 10 * sin(1.7 * t) + 0.05 * t + 3
    }
    let y: [Double] = (0..<28).map { i in 10 * cos(2.3 * Double(i)) }
    let r = MannWhitney.test(x, y, alternative: .greater)
    #expect(r.isExact)
    #expect(r.u == 533)
    #expect(isClose(r.pValue, 0.03998447764544764, tolerance: 1e-9))  // scipy, exact
    #expect(abs(r.pValue - 0.04001069293532393) < 1e-3)  // scipy, asymptotic
    #expect(isClose(MannWhitney.test(x, y, alternative: .twoSided).pValue, 0.07996895529089527, tolerance: 1e-9))
  }

  @Test("beyond 60 pooled values the tie-corrected normal approximation matches scipy")
  func normalApproximationWithTies() {
    let x = (0..<40).map { Double(($0 * 7) % 13) }
    let y = (0..<35).map { Double(($0 * 5) % 11 + 1) }
    let greater = MannWhitney.test(x, y, alternative: .greater)
    #expect(!greater.isExact)
    #expect(greater.u == 697.5)
    #expect(isClose(greater.pValue, 0.5127480477094893, tolerance: 1e-9))
    #expect(isClose(MannWhitney.test(x, y, alternative: .less).pValue, 0.4915004977759248, tolerance: 1e-9))
    #expect(isClose(MannWhitney.test(x, y, alternative: .twoSided).pValue, 0.9830009955518496, tolerance: 1e-9))
    // A tie in a small sample no longer switches to the approximation: the permutation
    // distribution given the ties is exact up to 60 pooled values.
    #expect(MannWhitney.test([1, 2, 3], [3, 4, 5], alternative: .less).isExact)
  }

  @Test("degenerate samples give no evidence")
  func degenerateSamples() {
    #expect(MannWhitney.test([], [1, 2], alternative: .greater).pValue == 1)
    let allEqual = MannWhitney.test([2, 2, 2], [2, 2], alternative: .twoSided)
    #expect(allEqual.pValue == 1)
    #expect(allEqual.effect == 0.5)
  }

  @Test("under H0, 2000 pairs of 10 reject at 5% no more than 7% of the time")
  func falseAlarmRateUnderNull() {
    var g = SeededGenerator(seed: propertyTestSeed)
    var oneSided = 0, twoSided = 0
    let trials = 2000
    for _ in 0..<trials {
      let x = timings(10, center: 1, noise: 0.05, &g), y = timings(10, center: 1, noise: 0.05, &g)
      if MannWhitney.test(x, y, alternative: .greater).pValue <= 0.05 { oneSided += 1 }
      if MannWhitney.test(x, y, alternative: .twoSided).pValue <= 0.05 { twoSided += 1 }
    }
    #expect(Double(oneSided) / Double(trials) <= 0.07)
    #expect(Double(twoSided) / Double(trials) <= 0.07)
  }

  @Test("a 25% slowdown with 10% noise is detected almost always")
  func powerAgainstShift() {
    var g = SeededGenerator(seed: propertyTestSeed)
    var tenDetected = 0, fiveDetected = 0
    let trials = 500
    for _ in 0..<trials {
      let slow = timings(10, center: 1.25, noise: 0.1, &g), base = timings(10, center: 1, noise: 0.1, &g)
      if MannWhitney.test(slow, base, alternative: .greater).pValue <= 0.05 { tenDetected += 1 }
      if MannWhitney.test(Array(slow.prefix(5)), Array(base.prefix(5)), alternative: .greater).pValue <= 0.05 {
        fiveDetected += 1
      }
    }
    #expect(Double(tenDetected) / Double(trials) >= 0.95)
    #expect(Double(fiveDetected) / Double(trials) >= 0.8)
  }
}

@Suite struct StatisticsMultipleTestingTests {
  let p: [Double] = [0.01, 0.04, 0.03, 0.005]

  @Test("Holm matches a hand-computed example")
  func holmByHand() {
    // Sorted 0.005 0.01 0.03 0.04, times 4 3 2 1: 0.02 0.03 0.06 0.04, running max 0.02 0.03 0.06 0.06.
    let adjusted = MultipleTesting.holmAdjusted(p)
    for (a, b) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) { #expect(isClose(a, b)) }
    #expect(MultipleTesting.holm(p, alpha: 0.05) == [true, false, false, true])
    #expect(MultipleTesting.holm([0.02, 0.03, 0.04], alpha: 0.05) == [false, false, false])
  }

  @Test("Benjamini–Hochberg matches a hand-computed example and steps up")
  func benjaminiHochbergByHand() {
    // Sorted 0.005 0.01 0.03 0.04, times 4/j: 0.02 0.02 0.04 0.04; running min from the top is the same.
    let adjusted = MultipleTesting.benjaminiHochbergAdjusted(p)
    for (a, b) in zip(adjusted, [0.02, 0.04, 0.04, 0.02]) { #expect(isClose(a, b)) }
    #expect(MultipleTesting.benjaminiHochberg(p, q: 0.05) == [true, true, true, true])
    #expect(MultipleTesting.benjaminiHochberg(p, q: 0.03) == [true, false, false, true])
    // 0.02 > 0.04/3, yet all three are rejected because the largest is at most q.
    #expect(MultipleTesting.benjaminiHochberg([0.02, 0.03, 0.04], q: 0.04) == [true, true, true])
  }

  @Test("empty input, NaN and out-of-range p-values are handled")
  func edgeCases() {
    #expect(MultipleTesting.holm([], alpha: 0.05) == [])
    #expect(MultipleTesting.benjaminiHochbergAdjusted([]) == [])
    #expect(MultipleTesting.holmAdjusted([.nan, 0.01]) == [1, 0.02])
    #expect(MultipleTesting.benjaminiHochberg([-1, 2], q: 0.05) == [true, false])
  }

  @Test("adjusted p-values are at least the raw ones, ordered like them, BH below Holm, and rejections grow with α")
  func monotonicity() {
    var g = SeededGenerator(seed: propertyTestSeed)
    for _ in 0..<200 {
      let count = 1 + g.nextInt(below: 30)
      let raw = (0..<count).map { _ in pow(g.nextUnit(), 3) }
      let holm = MultipleTesting.holmAdjusted(raw), bh = MultipleTesting.benjaminiHochbergAdjusted(raw)
      for i in raw.indices {
        #expect(holm[i] >= raw[i] && holm[i] <= 1)
        #expect(bh[i] >= raw[i] && bh[i] <= holm[i])
        for j in raw.indices where raw[i] <= raw[j] {
          #expect(holm[i] <= holm[j])
          #expect(bh[i] <= bh[j])
        }
      }
      let strict = MultipleTesting.holm(raw, alpha: 0.01), loose = MultipleTesting.holm(raw, alpha: 0.05)
      let strictBH = MultipleTesting.benjaminiHochberg(raw, q: 0.01)
      let looseBH = MultipleTesting.benjaminiHochberg(raw, q: 0.05)
      for i in raw.indices {
        #expect(!strict[i] || loose[i])
        #expect(!strictBH[i] || looseBH[i])
        #expect(!loose[i] || looseBH[i])
      }
    }
  }
}

@Suite struct StatisticsChangePointTests {
  @Test("a 5σ step at 15 in 30 runs is found within one index")
  func stepIsDetected() {
    var found = 0
    let trials = 100
    for stream in 0..<UInt64(trials) {
      var g = SeededGenerator(seed: propertyTestSeed, stream: stream)
      let series = (0..<30).map { ($0 < 15 ? 1.0 : 1.1) + 0.02 * normal(&g) }
      let changes = ChangePoints.detect(series)
      if changes.count == 1, abs(changes[0] - 15) <= 1 { found += 1 }
    }
    #expect(found >= 95)
  }

  @Test("noise alone rarely produces a change point")
  func noiseGivesNone() {
    var withChange = 0
    let trials = 300
    for stream in 0..<UInt64(trials) {
      var g = SeededGenerator(seed: propertyTestSeed, stream: stream)
      let length = stream % 3 == 0 ? 100 : 30
      let series = timings(length, center: 10, noise: 0.03, &g)
      if !ChangePoints.detect(series).isEmpty { withChange += 1 }
    }
    #expect(Double(withChange) / Double(trials) <= 0.05)
  }

  @Test("a single spike, however large, is not a change point")
  func spikeGivesNone() {
    var withChange = 0
    for stream in 0..<100 as Range<UInt64> {
      var g = SeededGenerator(seed: propertyTestSeed, stream: stream)
      var series = timings(30, center: 10, noise: 0.03, &g)
      series[Int(stream % 30)] *= 5
      if !ChangePoints.detect(series).isEmpty { withChange += 1 }
    }
    #expect(withChange <= 3)
    #expect(ChangePoints.detect([1, 1.01, 0.99, 1, 50, 1, 1.02, 0.98, 1, 1.01]) == [])
  }

  @Test("clean steps, constant and short series, and the minimum segment")
  func edgeCases() {
    #expect(ChangePoints.detect([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]) == [5])
    #expect(ChangePoints.detect([1, 1, 1, 2, 2, 2, 3, 3, 3]) == [3, 6])
    #expect(ChangePoints.detect(Array(repeating: 4, count: 20)) == [])
    #expect(ChangePoints.detect([]) == [])
    #expect(ChangePoints.detect([1, 1, 2, 2, 2]) == [])
    // The last run is higher, but a segment needs three values unless told otherwise.
    #expect(ChangePoints.detect([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]) == [])
    #expect(ChangePoints.detect([1, 1, 1, 1, 1, 1, 1, 1, 1, 2], minimumSegment: 1) == [9])
    #expect(ChangePoints.detect([1, 1, 1, 1, 1, 1, 1, 1, 2, 2], minimumSegment: 2) == [8])
  }
}

@Suite struct StatisticsBootstrapTests {
  @Test("the ratio-of-medians interval is deterministic and covers the shift")
  func intervalCoversShift() throws {
    var g = SeededGenerator(seed: propertyTestSeed)
    let candidate = timings(10, center: 1.25, noise: 0.05, &g), baseline = timings(10, center: 1, noise: 0.05, &g)
    let interval = try #require(Bootstrap.ratioOfMediansInterval(candidate: candidate, baseline: baseline, seed: 7))
    #expect(interval == Bootstrap.ratioOfMediansInterval(candidate: candidate, baseline: baseline, seed: 7))
    #expect(interval.contains(1.25))
    #expect(interval.lowerBound > 1.1)
    let point = try #require(Descriptive.ratioOfMedians(candidate, baseline))
    #expect(interval.contains(point))
  }

  @Test("invalid inputs give nil")
  func invalidInputs() {
    #expect(Bootstrap.ratioOfMediansInterval(candidate: [], baseline: [1], seed: 1) == nil)
    #expect(Bootstrap.ratioOfMediansInterval(candidate: [1], baseline: [0, 1], seed: 1) == nil)
    #expect(Bootstrap.ratioOfMediansInterval(candidate: [1], baseline: [1], confidence: 1, seed: 1) == nil)
    #expect(Bootstrap.ratioOfMediansInterval(candidate: [1], baseline: [1], resamples: 0, seed: 1) == nil)
  }
}

@Suite struct StatisticsNoiseModelTests {
  @Test("relative noise is scaled MAD over median, and thresholds scale with k")
  func relativeNoiseByHand() throws {
    // Median 11, |x − 11| = 2 1 1 0 4 → MAD 1.
    let model = try #require(NoiseModel(repetitions: [9, 10, 12, 11, 15]))
    #expect(isClose(model.relativeNoise, 1.4826 / 11))
    #expect(model.repetitions == 5)
    #expect(isClose(model.threshold(multiple: 3), 3 * 1.4826 / 11))
    #expect(NoiseModel(repetitions: [1]) == nil)
    #expect(NoiseModel(repetitions: [1, -1]) == nil)
  }

  @Test("pooling takes the median of the jobs' noises")
  func pooling() throws {
    let models = [0.01, 0.05, 0.02].map { NoiseModel(relativeNoise: $0, repetitions: 4) }
    let pooled = try #require(NoiseModel(pooling: models))
    #expect(pooled.relativeNoise == 0.02)
    #expect(pooled.repetitions == 12)
    #expect(NoiseModel(pooling: []) == nil)
  }

  @Test("on simulated 5% noise the pooled estimate is near 5%")
  func pooledEstimateIsNearTruth() throws {
    var g = SeededGenerator(seed: propertyTestSeed)
    let models = (0..<200).compactMap { _ in NoiseModel(repetitions: timings(10, center: 2, noise: 0.05, &g)) }
    let pooled = try #require(NoiseModel(pooling: models))
    #expect(abs(pooled.relativeNoise - 0.05) < 0.01)
  }
}
