import BCVNumerics
import Foundation
import Testing

/// Boxes at the edge of the representable range (issue #17: a 1e308-wide box trapped the
/// sampler) are drawn from and weighed without overflow, and ordinary boxes exactly as before.
@Suite struct UniformScaleTests {
  @Test func ordinaryBoxesUseTheUsualFormulaBitForBit() {
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<10_000 {
      let u = rng.nextUnit(), lo = rng.nextDouble(in: -100, 0), hi = lo + rng.nextDouble(in: 0, 50)
      let expected = min(max(lo + (hi - lo) * u, lo), hi)
      #expect(UniformScale.value(u, lower: lo, upper: hi).bitPattern == expected.bitPattern)
    }
  }

  @Test func aBoxWhoseWidthOverflowsGivesFinitePointsInsideIt() {
    let lo = -Double.greatestFiniteMagnitude, hi = Double.greatestFiniteMagnitude
    var rng = SeededGenerator(seed: 8)
    var negative = 0
    for u in [0.0, 0.5, 1 - 0x1p-53] + (0..<10_000).map({ _ in rng.nextUnit() }) {
      let x = UniformScale.value(u, lower: lo, upper: hi)
      #expect(x.isFinite && lo <= x && x <= hi, "u = \(u) gave \(x)")
      if x < 0 { negative += 1 }
    }
    #expect(negative > 4_000 && negative < 6_000)  // spread over the whole box, not piled on one side
    #expect(UniformScale.value(0, lower: lo, upper: hi) == lo)
  }

  @Test func theLaneGeneratorStaysInsideABoxWhoseWidthOverflows() {
    var lanes = UniformLanes(seed: 3, stream: 9)
    let lower = [-1e308, -2.0], upper = [1e308, 2.0]
    var out = [Double](repeating: .nan, count: 2 * 64)
    out.withUnsafeMutableBufferPointer { dst in
      lanes.fill(dst.baseAddress!, stride: 64, groups: 8, lower: lower, upper: upper, dimension: 2)
    }
    for k in 0..<64 {
      #expect(out[k].isFinite && abs(out[k]) <= 1e308)
      #expect(abs(out[64 + k]) <= 2)
    }
  }

  @Test func logVolumesNeitherOverflowNorUnderflow() {
    let wide = UniformScale.logVolume(lower: [-1e308, -1e308, -1e308], upper: [1e308, 1e308, 1e308])
    #expect(abs(wide - 3 * (log(1e308) + log(2.0))) < 1e-9)
    let thin = UniformScale.logVolume(lower: Array(repeating: 0, count: 40), upper: Array(repeating: 1e-10, count: 40))
    #expect(thin.isFinite && thin < -900)
    #expect(UniformScale.logVolume(lower: [1, 0], upper: [1, 5]) == -.infinity)
  }

  @Test func countsFollowVolumesAndNeverTrap() {
    #expect(UniformScale.proportionalCounts(1000, logVolumes: [0, 0]) == [500, 500])
    #expect(UniformScale.proportionalCounts(1000, logVolumes: [.infinity, 0]) == [1000, 1])
    #expect(UniformScale.proportionalCounts(100, logVolumes: [-.infinity, -.infinity]) == [50, 50])
    #expect(UniformScale.proportionalCounts(100, logVolumes: [.nan, 0]) == [1, 100])
    #expect(UniformScale.proportionalCounts(1000, logVolumes: [2000, 2000 + 0.6931471805599453]) == [333, 667])
  }
}
