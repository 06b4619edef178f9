import BCVPlatform

/// Maps a unit value u ∈ [0, 1) to [lower, upper] for any finite bounds, the one formula
/// every sampler uses.
///
/// When the width `upper − lower` is finite the value is `lower + (upper − lower)·u`
/// (bit-for-bit what the samplers always computed). When the width overflows — a box such
/// as [−1e308, 1e308], whose bounds are finite doubles — it is `mid + half·(2u − 1)` with
/// `mid = lower/2 + upper/2` and `half = upper/2 − lower/2`, neither of which overflows.
/// Either way the result is clamped to [lower, upper]: never ±∞, never NaN.
public enum UniformScale {
  @inlinable @inline(__always)
  public static func value(_ u: Double, lower: Double, upper: Double) -> Double {
    let width = upper - lower
    let x = width.isFinite ? lower + width * u : (lower * 0.5 + upper * 0.5) + (upper * 0.5 - lower * 0.5) * (2 * u - 1)
    return Swift.min(Swift.max(x, lower), upper)
  }

  /// The natural logarithm of the volume of the box [lower, upper] (Double bounds), without
  /// overflow or underflow: 1e308-wide or 1e-320-thin boxes in many dimensions compare and
  /// weigh correctly. −∞ when some width is zero.
  public static func logVolume(lower: [Double], upper: [Double]) -> Double {
    var sum = 0.0
    for (lo, hi) in zip(lower, upper) {
      let width = hi - lo
      sum += width.isFinite ? Libm.log(width) : Libm.log(hi * 0.5 - lo * 0.5) + Libm.log(2)
    }
    return sum
  }

  /// Splits `total` draws over items in proportion to `exp(logVolumes[i])`: at least one each,
  /// equal shares when every volume is zero (−∞). Never traps on infinite or NaN weights
  /// (a NaN log-volume counts as zero volume).
  public static func proportionalCounts(_ total: Int, logVolumes: [Double]) -> [Int] {
    let logs = logVolumes.map { $0.isNaN ? -Double.infinity : $0 }
    let top = logs.max() ?? -.infinity
    let weights: [Double]
    switch top {
    case -.infinity: weights = logs.map { _ in 1.0 }
    case .infinity: weights = logs.map { $0 == .infinity ? 1.0 : 0.0 }
    default: weights = logs.map { Libm.exp($0 - top) }
    }
    let sum = weights.reduce(0, +)
    return weights.map { w in
      let share = Double(total) * (w / sum)
      return Swift.max(1, share.isFinite ? Int(share.rounded()) : 1)
    }
  }
}
