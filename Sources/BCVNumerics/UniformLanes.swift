/// Eight independent xoshiro256+ generators ("lanes") stepped together, for filling whole
/// batches of uniform points without a call per coordinate.
///
/// Lane l's state comes from SplitMix64 seeded by `SeededGenerator(seed:stream:)`, so the
/// numbers are fixed by `(seed, stream)` on every machine, toolchain and worker count.
/// xoshiro256+ (Blackman and Vigna, 2018) is the variant meant for floating-point output:
/// its low bits are weak, and only the top 53 are used. Each step is adds, xors and shifts
/// on `SIMD8<UInt64>`, which the compiler lowers to vector instructions (two lanes per SSE2
/// register on the default x86-64 target, four with AVX2).
///
/// Conversion to `Double` is our own and exact: the top 53 bits v of a lane's output give
/// `Double(v) · 2⁻⁵³`, one of the 2⁵³ equally spaced doubles in [0, 1) — the same value
/// `SeededGenerator.nextUnit()` would give for the same 64-bit output. It is computed
/// with integer operations and one subtraction (no integer-to-float instruction, which
/// x86 lacks for 64-bit vectors before AVX-512).
public struct UniformLanes: Sendable {
  /// Values produced per step.
  public static let width = 8

  private var s0: SIMD8<UInt64>, s1: SIMD8<UInt64>, s2: SIMD8<UInt64>, s3: SIMD8<UInt64>

  /// The lanes of stream `stream` of `seed`.
  public init(seed: UInt64, stream: UInt64) {
    var source = SeededGenerator(seed: seed, stream: stream)
    var expand = SplitMix64(state: source.next())
    s0 = .zero; s1 = .zero; s2 = .zero; s3 = .zero
    for lane in 0..<Self.width {
      s0[lane] = expand.next(); s1[lane] = expand.next()
      s2[lane] = expand.next(); s3[lane] = expand.next()
      if s0[lane] | s1[lane] | s2[lane] | s3[lane] == 0 { s0[lane] = 0x9E37_79B9_7F4A_7C15 }
    }
  }

  /// Every lane's next 64-bit output (lane l in element l).
  @inline(__always)
  public mutating func next() -> SIMD8<UInt64> {
    let result = s0 &+ s3
    let t = s1 &<< 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
    s2 ^= t
    s3 = (s3 &<< 45) | (s3 &>> 19)
    return result
  }

  /// Every lane's next unit value in [0, 1): (output >> 11) · 2⁻⁵³, exactly.
  @inline(__always)
  public mutating func nextUnits() -> SIMD8<Double> {
    let v = next() &>> 11                       // < 2⁵³
    let low = v & 0x000F_FFFF_FFFF_FFFF          // bits 0…51
    let top = v &>> 52                           // bit 52: 0 or 1
    // 2⁵² + low, exactly (the exponent field of 2⁵² with low as the significand).
    let biased = unsafeBitCast(low | 0x4330_0000_0000_0000, to: SIMD8<Double>.self)
    // Subtract 2⁵² when bit 52 is clear: the result is top·2⁵² + low = v, exactly.
    let offset = unsafeBitCast((top ^ 1) &* 0x4330_0000_0000_0000, to: SIMD8<Double>.self)
    return (biased - offset) * 0x1p-53
  }

  /// Fills `groups · 8` points uniformly in the box [lower, upper] (each coordinate
  /// `lower + (upper − lower)·u`, clamped into the box, as `SeededGenerator.nextDouble(in:_:)`
  /// computes it), variable-major: coordinate v of point k goes to `dst[v · stride + k]`.
  ///
  /// Point k takes its coordinates from lane k mod 8, in the order v = 0, 1, …, so the
  /// points do not depend on how a caller splits its batches (in multiples of 8).
  /// `stride` must be at least `groups · 8`; `lower`, `upper` hold `dimension` values.
  public mutating func fill(_ dst: UnsafeMutablePointer<Double>, stride: Int, groups: Int,
                            lower: UnsafePointer<Double>, upper: UnsafePointer<Double>, dimension: Int) {
    precondition(stride >= groups * Self.width, "stride \(stride) is shorter than \(groups) groups of \(Self.width)")
    for g in 0..<groups {
      for v in 0..<dimension {
        let lo = SIMD8<Double>(repeating: lower[v]), hi = SIMD8<Double>(repeating: upper[v])
        var x = lo + (hi - lo) * nextUnits()
        x.replace(with: lo, where: x .< lo)
        x.replace(with: hi, where: x .> hi)
        let out = dst + v * stride + g * Self.width
        for lane in 0..<Self.width { out[lane] = x[lane] }
      }
    }
  }
}
