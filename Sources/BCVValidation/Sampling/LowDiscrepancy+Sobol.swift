import BCVNumerics

/// The Sobol sequence in `[0, 1)^dimension` (Gray-code order), rotated modulo 1 by a
/// random shift, for dimensions up to `maxDimension`.
///
/// Axis 0 is the van der Corput sequence in base 2; axis a ≥ 1 uses the a-th primitive
/// polynomial and initial direction numbers of Joe and Kuo (2008, file
/// new-joe-kuo-6.21201), expanded by the Bratley–Fox recurrence to 53 left-aligned 64-bit
/// direction numbers. Point k is the XOR of the direction numbers selected by the bits of
/// gray(k) = k ⊕ (k >> 1); its top 53 bits give a value of [0, 1), to which the axis's
/// Cranley–Patterson shift (from `SeededGenerator(seed:stream:)`) is added modulo 1.
///
/// Guarantees: point k depends only on (dimension, seed, stream, k) and is exact integer
/// arithmetic up to one addition, so `point(_:)` and a `Cursor` started anywhere give
/// bit-identical points. Indices below 2⁵³.
public struct SobolSequence: Sendable, Hashable {
  /// Axes for which direction numbers are tabulated.
  public static let maxDimension = 1 + joeKuo.count
  /// Direction numbers per axis: enough for indices below 2⁵³.
  static let bits = 53

  /// Joe–Kuo rows for axes 1, 2, …: degree s of the primitive polynomial, its inner
  /// coefficients a (bits, most significant first), and initial numbers m_1 … m_s.
  static let joeKuo: [(s: Int, a: UInt64, m: [UInt64])] = [
    (1, 0, [1]), (2, 1, [1, 3]), (3, 1, [1, 3, 1]), (3, 2, [1, 1, 1]), (4, 1, [1, 1, 3, 3]),
    (4, 4, [1, 3, 5, 13]), (5, 2, [1, 1, 5, 5, 17]), (5, 4, [1, 1, 5, 5, 5]),
    (5, 7, [1, 1, 7, 11, 19]), (5, 11, [1, 1, 5, 1, 1]), (5, 13, [1, 1, 1, 3, 11]),
    (5, 14, [1, 3, 5, 5, 31]), (6, 1, [1, 3, 3, 9, 7, 49]), (6, 13, [1, 1, 1, 15, 21, 21]),
    (6, 16, [1, 3, 1, 13, 27, 49]), (6, 19, [1, 1, 1, 15, 7, 5]), (6, 22, [1, 3, 1, 15, 13, 25]),
    (6, 25, [1, 1, 5, 5, 19, 61]), (7, 1, [1, 3, 7, 11, 23, 15, 103]),
    (7, 4, [1, 3, 7, 13, 13, 15, 69]),
  ]

  public let dimension: Int
  /// The Cranley–Patterson shift of each axis, in [0, 1).
  public let shift: [Double]
  /// Direction number j of axis a at `a * bits + j`.
  let directions: [UInt64]

  public init(dimension: Int, seed: UInt64, stream: UInt64 = 0) {
    precondition(dimension >= 1 && dimension <= Self.maxDimension,
                 "Sobol dimension must be in 1...\(Self.maxDimension), got \(dimension)")
    self.dimension = dimension
    var directions: [UInt64] = (0..<Self.bits).map { UInt64(1) << (63 - $0) }
    for row in Self.joeKuo.prefix(dimension - 1) {
      var v: [UInt64] = row.m.enumerated().map { $1 << (63 - $0) }
      for j in row.s..<Self.bits {
        var x = v[j - row.s] ^ (v[j - row.s] >> row.s)
        for k in 1..<row.s where (row.a >> (row.s - 1 - k)) & 1 == 1 { x ^= v[j - k] }
        v.append(x)
      }
      directions += v
    }
    self.directions = directions
    var rng = SeededGenerator(seed: seed, stream: stream)
    shift = (0..<dimension).map { _ in rng.nextUnit() }
  }

  /// Point `index` (0 ≤ index < 2⁵³), computed directly.
  public func point(_ index: Int) -> [Double] {
    let bits = self.bits(of: index)
    return (0..<dimension).map { coordinate(bits[$0], axis: $0) }
  }

  /// A cursor positioned at point `index`.
  public func cursor(at index: Int) -> Cursor { Cursor(sequence: self, index: index) }

  /// The unshifted 64-bit fractions of point `index`, one per axis.
  func bits(of index: Int) -> [UInt64] {
    precondition(index >= 0 && index < 1 << Self.bits, "Sobol index \(index) out of range")
    let gray = UInt64(index) ^ (UInt64(index) >> 1)
    return (0..<dimension).map { axis in
      var x: UInt64 = 0
      for j in 0..<Self.bits where (gray >> j) & 1 == 1 { x ^= directions[axis * Self.bits + j] }
      return x
    }
  }

  @inline(__always)
  func coordinate(_ bits: UInt64, axis: Int) -> Double {
    rotated(Double(bits >> 11) * 0x1p-53, by: shift[axis])
  }

  /// Walks the sequence in Gray-code order: going from point k to k + 1 flips the direction
  /// number of k's lowest zero bit, one XOR per axis.
  public struct Cursor: Sendable, UnitCubePoints {
    public let sequence: SobolSequence
    /// The index of the current point.
    public private(set) var index: Int
    private var bits: [UInt64]

    init(sequence: SobolSequence, index: Int) {
      self.sequence = sequence
      self.index = index
      bits = sequence.bits(of: index)
    }

    /// Coordinate `axis` of the current point, in [0, 1).
    @inline(__always)
    public func coordinate(_ axis: Int) -> Double { sequence.coordinate(bits[axis], axis: axis) }

    /// Moves to the next point.
    public mutating func advance() {
      let j = (~UInt64(index)).trailingZeroBitCount
      index += 1
      precondition(j < SobolSequence.bits, "Sobol index out of range")
      for axis in 0..<sequence.dimension { bits[axis] ^= sequence.directions[axis * SobolSequence.bits + j] }
    }
  }
}
