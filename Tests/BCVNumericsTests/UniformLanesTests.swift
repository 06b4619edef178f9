import BCVNumerics
import BCVTestSupport
import Testing

/// `UniformLanes` is eight plain xoshiro256+ generators with our own exact conversion.
@Suite struct UniformLanesStream {
  /// A scalar reference: SplitMix64 expanding the first output of `SeededGenerator(seed:stream:)`
  /// into eight xoshiro256+ states, stepped one at a time.
  struct Reference {
    var lanes: [[UInt64]] = []

    init(seed: UInt64, stream: UInt64) {
      var source = SeededGenerator(seed: seed, stream: stream)
      var state = source.next()
      func splitMix() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
      }
      for _ in 0..<8 { lanes.append((0..<4).map { _ in splitMix() }) }
    }

    mutating func next(lane l: Int) -> UInt64 {
      var s = lanes[l]
      let result = s[0] &+ s[3]
      let t = s[1] << 17
      s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
      s[2] ^= t
      s[3] = (s[3] << 45) | (s[3] >> 19)
      lanes[l] = s
      return result
    }
  }

  @Test func fillsPointsFromEightXoshiroLanesWithExactConversion() {
    let n = 3, groups = 5, stride = 48
    let lower: [Double] = [-3, 0.25, -1e-9], upper: [Double] = [3, 0.75, 1e-9]
    var lanes = UniformLanes(seed: propertyTestSeed, stream: 12)
    var reference = Reference(seed: propertyTestSeed, stream: 12)
    var buffer = [Double](repeating: .nan, count: n * stride)
    for round in 0..<3 {
      buffer.withUnsafeMutableBufferPointer {
        lanes.fill($0.baseAddress!, stride: stride, groups: groups, lower: lower, upper: upper, dimension: n)
      }
      for g in 0..<groups {
        for v in 0..<n {
          for l in 0..<8 {
            let u = Double(reference.next(lane: l) >> 11) * 0x1p-53
            let x = Swift.min(lower[v] + (upper[v] - lower[v]) * u, upper[v])
            let k = g * 8 + l
            #expect(buffer[v * stride + k] == x, "round \(round), point \(k), axis \(v)")
            #expect(lower[v] <= x && x <= upper[v])
          }
        }
      }
    }
  }

  @Test func differentStreamsGiveDifferentPoints() {
    var a = UniformLanes(seed: 1, stream: 0), b = UniformLanes(seed: 1, stream: 1)
    var x = [Double](repeating: 0, count: 8), y = x
    let lo: [Double] = [0], hi: [Double] = [1]
    a.fill(&x, stride: 8, groups: 1, lower: lo, upper: hi, dimension: 1)
    b.fill(&y, stride: 8, groups: 1, lower: lo, upper: hi, dimension: 1)
    #expect(x != y)
  }
}
