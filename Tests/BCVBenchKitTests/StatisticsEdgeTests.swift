import BCVBenchKit
import Foundation
import Testing

/// Whether p·a ≤ t·b exactly, by error-free products (fma): each product is hi + lo
/// exactly (no underflow at these magnitudes), so the comparison is exact.
private func exactlyAtMost(_ p: Double, _ a: Double, _ t: Double, _ b: Double) -> Bool {
  let left = p * a, leftError = fma(p, a, -left)
  let right = t * b, rightError = fma(t, b, -right)
  if left != right { return left < right }
  return leftError <= rightError
}

@Suite struct StatisticsMultipleTestingKnifeEdgeTests {
  @Test("BH: p = 0.05/7 against q = 0.05 with m = 7 is decided by exact arithmetic")
  func benjaminiHochbergSevenJobs() {
    let p = 0.05 / 7
    let pValues = [p] + Array(repeating: 0.9, count: 6)
    let expected = exactlyAtMost(p, 7, 0.05, 1)
    #expect(MultipleTesting.benjaminiHochberg(pValues, q: 0.05)[0] == expected)
    #expect(MultipleTesting.holm(pValues, alpha: 0.05)[0] == expected)
    #expect(MultipleTesting.benjaminiHochberg([p.nextUp] + pValues.dropFirst(), q: 0.05)[0]
            == exactlyAtMost(p.nextUp, 7, 0.05, 1))
    #expect(MultipleTesting.benjaminiHochberg([p.nextDown] + pValues.dropFirst(), q: 0.05)[0])
  }

  @Test("p-values exactly on a threshold are rejected, one ulp above are not (BH and Holm)")
  func representableThresholds() {
    // (q or α, m, j, p) with p·m = q·j (BH) or p·(m − j + 1) = α (Holm) exactly.
    let bh: [(Double, Int, Int, Double)] = [(3.0 / 64, 6, 2, 1.0 / 64), (3.0 / 64, 12, 4, 1.0 / 64),
                                            (21.0 / 1024, 7, 1, 3.0 / 1024), (0.05, 5, 5, 0.05), (0.1, 4, 2, 0.05)]
    for (q, m, j, p) in bh {
      let pValues = Array(repeating: 1e-9, count: j - 1) + [p] + Array(repeating: 0.9, count: m - j)
      #expect(MultipleTesting.benjaminiHochberg(pValues, q: q)[j - 1], "q \(q) m \(m) j \(j)")
      var above = pValues
      above[j - 1] = p.nextUp
      #expect(!MultipleTesting.benjaminiHochberg(above, q: q)[j - 1], "q \(q) m \(m) j \(j)")
    }
    let holm: [(Double, Int, Int, Double)] = [(3.0 / 64, 5, 2, 3.0 / 256), (21.0 / 1024, 7, 1, 3.0 / 1024),
                                              (0.05, 3, 3, 0.05), (0.03, 2, 1, 0.015)]
    for (alpha, m, j, p) in holm {
      let pValues = Array(repeating: 1e-9, count: j - 1) + [p] + Array(repeating: 0.9, count: m - j)
      #expect(MultipleTesting.holm(pValues, alpha: alpha)[j - 1], "α \(alpha) m \(m) j \(j)")
      var above = pValues
      above[j - 1] = p.nextUp
      #expect(!MultipleTesting.holm(above, alpha: alpha)[j - 1], "α \(alpha) m \(m) j \(j)")
    }
  }

  @Test("around a rounded threshold α·j/m every decision equals the exact one")
  func roundedThresholds() {
    var disagreementsWithFloatingPoint = 0
    for m in [3, 7, 10, 11, 13, 49, 97, 300] {
      for j in Set([1, 2, m / 2, m]) where j >= 1 {
        for q in [0.05, 0.01, 0.1, 0.2] {
          var p = q * Double(j) / Double(m)
          p = p.nextDown.nextDown
          for _ in 0..<5 {
            let pValues = Array(repeating: 0, count: j - 1) + [p] + Array(repeating: 1, count: m - j)
            let expected = exactlyAtMost(p, Double(m), q, Double(j))
            #expect(MultipleTesting.benjaminiHochberg(pValues, q: q)[j - 1] == expected, "m \(m) j \(j) q \(q) p \(p)")
            if (MultipleTesting.benjaminiHochbergAdjusted(pValues)[j - 1] <= q) != expected {
              disagreementsWithFloatingPoint += 1
            }
            let holmExpected = exactlyAtMost(p, Double(m - j + 1), q, 1)
            #expect(MultipleTesting.holm(pValues, alpha: q)[j - 1] == holmExpected, "m \(m) j \(j) q \(q) p \(p)")
            p = p.nextUp
          }
        }
      }
    }
    // The floating-point adjusted values do get some of these knife edges wrong.
    #expect(disagreementsWithFloatingPoint > 0)
  }

  @Test("levels of 1 or more reject everything, a NaN level nothing")
  func extremeLevels() {
    #expect(MultipleTesting.holm([1, 1, 0.5], alpha: 1) == [true, true, true])
    #expect(MultipleTesting.benjaminiHochberg([1, 1, 0.5], q: .infinity) == [true, true, true])
    #expect(MultipleTesting.holm([0, 0.1], alpha: .nan) == [false, false])
    #expect(MultipleTesting.benjaminiHochberg([0, 0.1], q: -.infinity) == [false, false])
  }
}

@Suite struct StatisticsDescriptiveExtremeTests {
  private func close(_ a: Double?, _ b: Double, ulps: Double = 4) -> Bool {
    guard let a, a.isFinite else { return false }
    return abs(a - b) <= ulps * max(b.ulp, Double.leastNonzeroMagnitude)
  }

  @Test("medians and quantiles of values near ±1e308 do not overflow")
  func quantilesOfHugeValues() {
    #expect(Descriptive.median([-1e308, 1e308]) == 0)
    #expect(close(Descriptive.median([1e308, 1.7e308]), 1.35e308))
    #expect(close(Descriptive.median([-1.7e308, -1e308]), -1.35e308))
    #expect(close(Descriptive.quantile([-1.7e308, 1.7e308], 0.99), 1.666e308, ulps: 64))
    #expect(close(Descriptive.quantile([-1.7e308, 1.7e308], 0.25), -0.85e308))
    #expect(Descriptive.quantile([-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude], 0.5) == 0)
    #expect(Descriptive.quantile([1, .infinity], 0.5) == .infinity)
    #expect(Descriptive.quantile([-.infinity, 1], 0.5) == -.infinity)
  }

  @Test("IQR, MAD, mean and standard deviation are finite when the true value is")
  func spreadsOfHugeValues() {
    #expect(close(Descriptive.interquartileRange([-1e308, 1e308]), 1e308))
    #expect(close(Descriptive.medianAbsoluteDeviation([-1e308, 1e308]), 1e308))
    // Median 1e308; deviations 2.7e308 (too large for a double), 0, 0.7e308.
    #expect(close(Descriptive.medianAbsoluteDeviation([-1.7e308, 1e308, 1.7e308]), 0.7e308))
    #expect(close(Descriptive.medianAbsoluteDeviation([-1.7e308, 1e308, 1.7e308], scaled: true), 0.7e308 * 1.4826, ulps: 8))
    #expect(close(Descriptive.mean([1e308, 1e308, 1e308]), 1e308))
    #expect(Descriptive.mean([-1e308, 1e308]) == 0)
    #expect(close(Descriptive.mean([1.7e308, 1.7e308, -1.0e308]), 0.8e308))
    #expect(close(Descriptive.standardDeviation([-1e308, 1e308]), 2.0.squareRoot() * 1e308))
    #expect(Descriptive.standardDeviation([1.7e308, -1.7e308]) == .infinity)  // true value 2.4e308
  }

  @Test("subnormal and mixed-sign samples keep their exact values")
  func subnormalsAndMixedSigns() {
    let tiny = Double.leastNonzeroMagnitude
    #expect(Descriptive.median([tiny, 3 * tiny]) == 2 * tiny)
    #expect(Descriptive.median([-tiny, tiny]) == 0)
    #expect(Descriptive.mean([tiny, 3 * tiny]) == 2 * tiny)
    #expect(Descriptive.medianAbsoluteDeviation([tiny, 3 * tiny, 5 * tiny]) == 2 * tiny)
    #expect((Descriptive.standardDeviation([tiny, 3 * tiny]) ?? 0) > 0)
    #expect(Descriptive.standardDeviation([0, 0, 0]) == 0)
    #expect(Descriptive.median([-1e308, -1, 1, 1e308]) == 0)
    #expect(close(Descriptive.interquartileRange([-1e-300, 1e-300, -1e300, 1e300]), 5e299))
    #expect(close(Descriptive.standardDeviation([1.7e308, 1.7e308.nextDown]), 1.7e308.ulp / 2.0.squareRoot()))
    let small = Double.leastNonzeroMagnitude
    #expect(close(Descriptive.standardDeviation([2024 * small, 6072 * small]), 2862 * small, ulps: 1))
    #expect(Descriptive.mean([1e308, -1e308, 1, 2]) == 0.75)
  }
}
