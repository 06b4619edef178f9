/// A pseudo-random generator whose stream is fixed by its seed on every machine,
/// every Swift version and every worker count.
///
/// The algorithm is xoshiro256** (Blackman and Vigna, 2018) with its state filled by
/// SplitMix64 from the 64-bit seed. Conversions to `Double` are our own (53 random bits
/// scaled by 2⁻⁵³), not the standard library's, so that the points a seed produces
/// never change when the toolchain does.
///
/// Independent streams for parallel chunks come from `SeededGenerator(seed:stream:)`,
/// which hashes the pair, so chunk k sees the same numbers whoever evaluates it.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  /// A generator whose whole stream is determined by `seed`.
  public init(seed: UInt64) {
    var sm = SplitMix64(state: seed)
    s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
  }

  /// The `stream`-th independent generator derived from `seed`.
  public init(seed: UInt64, stream: UInt64) {
    var sm = SplitMix64(state: seed ^ 0xD1B5_4A32_D192_ED03)
    let a = sm.next()
    var mix = SplitMix64(state: a &+ stream &* 0x9E37_79B9_7F4A_7C15)
    self.init(seed: mix.next())
  }

  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// A uniform value in [0, 1): one of the 2⁵³ equally spaced doubles.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform value in [lower, upper] (finite bounds, even when the width overflows);
  /// `lower` when the interval is a point. See `UniformScale.value`.
  public mutating func nextDouble(in lower: Double, _ upper: Double) -> Double {
    UniformScale.value(nextUnit(), lower: lower, upper: upper)
  }

  /// A uniform integer in 0..<bound, without modulo bias (Lemire's method).
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive, got \(bound)")
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let threshold = (0 &- b) % b
      while m.low < threshold { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 &- k))
  }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): used only to expand seeds.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
