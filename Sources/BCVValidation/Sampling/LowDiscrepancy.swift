import BCVNumerics

/// Which points `sampling` draws in each piece's box (`StrategySettings.sequence`).
///
/// - `uniform`: independent pseudo-random points from `SeededGenerator`. The statistical
///   bound `sampling` reports ("violating fraction < ln(1/α)/n at confidence 1 − α") is a
///   theorem for these points.
/// - `halton`, `sobol`: a low-discrepancy sequence, Cranley–Patterson-rotated by the seed.
///   Every point is uniformly distributed on its own, and the set covers the box more
///   evenly than independent points, so thin violation sets are met sooner; but the points
///   are not independent, so the bound is then only a heuristic. Sobol covers dimensions up
///   to `SobolSequence.maxDimension`; above that `sobol` draws the Halton sequence.
public enum SampleSequence: String, Sendable, Hashable, CaseIterable {
  case uniform, halton, sobol
}

/// Points of the unit cube read one at a time: coordinates 0 ..< dimension of the current
/// point, each once and in order, then `advance()` to the next point.
public protocol UnitCubePoints {
  mutating func coordinate(_ axis: Int) -> Double
  mutating func advance()
}

/// A rotated low-discrepancy sequence of either kind.
public enum LowDiscrepancySequence: Sendable, Hashable {
  case halton(HaltonSequence)
  case sobol(SobolSequence)

  /// The sequence `kind` names for `dimension` axes, rotated by stream `stream` of `seed`;
  /// `nil` for `.uniform`.
  public init?(_ kind: SampleSequence, dimension: Int, seed: UInt64, stream: UInt64) {
    switch kind {
    case .uniform: return nil
    case .sobol where dimension <= SobolSequence.maxDimension:
      self = .sobol(SobolSequence(dimension: dimension, seed: seed, stream: stream))
    case .halton, .sobol:
      self = .halton(HaltonSequence(dimension: dimension, seed: seed, stream: stream))
    }
  }
}

/// Adds a Cranley–Patterson shift to a value of [0, 1): (u + shift) mod 1, in [0, 1).
@inline(__always)
func rotated(_ u: Double, by shift: Double) -> Double {
  var x = u + shift
  if x >= 1 { x -= 1 }
  return min(x, 1.0.nextDown)
}

/// The Halton sequence in `[0, 1)^dimension`, rotated modulo 1 by a random shift.
///
/// Axis a uses the a-th prime p as its base: point k's coordinate is the radical inverse
/// of k (its base-p digits mirrored about the radix point) plus `shift[a]`, modulo 1
/// (Cranley and Patterson, 1976). The shift comes from `SeededGenerator(seed:stream:)`, so
/// different seeds or streams give different point sets and each point is uniformly
/// distributed over the cube.
///
/// Guarantees: point k depends only on (dimension, seed, stream, k) and is computed in exact
/// integer arithmetic up to one correctly rounded division and one addition, so `point(_:)`
/// and a `Cursor` started anywhere give bit-identical points. Only the lowest M base-p
/// digits of k are used (p^M ≤ 2⁵³), so the sequence repeats after p^M points: beyond
/// 2.2·10¹⁵ for the first 20 bases.
public struct HaltonSequence: Sendable, Hashable {
  public let dimension: Int
  /// The base of each axis: the first `dimension` primes.
  public let bases: [Int]
  /// The Cranley–Patterson shift of each axis, in [0, 1).
  public let shift: [Double]
  /// Digits used per axis (M) and the powers p⁰ … p^M of its base.
  let digitCounts: [Int]
  let powers: [[UInt64]]

  /// The sequence for `dimension` axes, rotated by the stream `stream` of `seed`.
  public init(dimension: Int, seed: UInt64, stream: UInt64 = 0) {
    precondition(dimension >= 1, "dimension must be positive, got \(dimension)")
    self.dimension = dimension
    bases = Self.primes(count: dimension)
    var counts: [Int] = [], powers: [[UInt64]] = []
    for p in bases {
      var row: [UInt64] = [1]
      while row.last! <= (UInt64(1) << 53) / UInt64(p) { row.append(row.last! * UInt64(p)) }
      counts.append(row.count - 1)
      powers.append(row)
    }
    digitCounts = counts
    self.powers = powers
    var rng = SeededGenerator(seed: seed, stream: stream)
    shift = (0..<dimension).map { _ in rng.nextUnit() }
  }

  /// Point `index` (index ≥ 0), computed directly.
  public func point(_ index: Int) -> [Double] {
    (0..<dimension).map { axis in
      coordinate(reversed: reversedDigits(of: index, axis: axis), axis: axis)
    }
  }

  /// A cursor positioned at point `index`, for walking the sequence point by point.
  public func cursor(at index: Int) -> Cursor { Cursor(sequence: self, index: index) }

  /// The lowest M base-p digits of `index`, mirrored: an integer below p^M.
  func reversedDigits(of index: Int, axis: Int) -> UInt64 {
    precondition(index >= 0, "index must not be negative, got \(index)")
    let p = UInt64(bases[axis]), m = digitCounts[axis], pw = powers[axis]
    var k = UInt64(index), reversed: UInt64 = 0
    for i in 0..<m where k > 0 {
      reversed += (k % p) * pw[m - 1 - i]
      k /= p
    }
    return reversed
  }

  /// (reversed / p^M + shift) mod 1, always in [0, 1).
  @inline(__always)
  func coordinate(reversed: UInt64, axis: Int) -> Double {
    rotated(Double(reversed) / Double(powers[axis][digitCounts[axis]]), by: shift[axis])
  }

  /// The first `count` primes.
  static func primes(count: Int) -> [Int] {
    var result: [Int] = []
    var candidate = 2
    while result.count < count {
      if result.allSatisfy({ $0 * $0 > candidate || candidate % $0 != 0 }) { result.append(candidate) }
      candidate += 1
    }
    return result
  }

  /// Walks the sequence from a starting index, updating each axis's mirrored digits by an
  /// exact carry instead of recomputing them: O(1) amortised per coordinate, and equal bit
  /// for bit to `point(_:)`.
  public struct Cursor: Sendable, UnitCubePoints {
    public let sequence: HaltonSequence
    /// The index of the current point.
    public private(set) var index: Int
    /// The base-p digits of `index`, least significant first, axis after axis.
    private var digits: [UInt64]
    private var reversed: [UInt64]

    init(sequence: HaltonSequence, index: Int) {
      self.sequence = sequence
      self.index = index
      var digits: [UInt64] = [], reversed: [UInt64] = []
      for axis in 0..<sequence.dimension {
        let p = UInt64(sequence.bases[axis])
        var k = UInt64(index)
        for _ in 0..<sequence.digitCounts[axis] {
          digits.append(k % p)
          k /= p
        }
        reversed.append(sequence.reversedDigits(of: index, axis: axis))
      }
      self.digits = digits
      self.reversed = reversed
    }

    /// Coordinate `axis` of the current point, in [0, 1).
    @inline(__always)
    public func coordinate(_ axis: Int) -> Double {
      sequence.coordinate(reversed: reversed[axis], axis: axis)
    }

    /// Moves to the next point.
    public mutating func advance() {
      index += 1
      var offset = 0
      for axis in 0..<sequence.dimension {
        let p = UInt64(sequence.bases[axis]), m = sequence.digitCounts[axis]
        var i = 0
        while i < m {
          let weight = sequence.powers[axis][m - 1 - i]
          digits[offset + i] += 1
          reversed[axis] += weight
          if digits[offset + i] < p { break }
          digits[offset + i] = 0
          reversed[axis] -= p * weight
          i += 1
        }
        offset += m
      }
    }
  }
}
