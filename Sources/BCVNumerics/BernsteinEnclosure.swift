/// Encloses a polynomial's range over boxes by its tensor Bernstein coefficients, computed
/// in outward-rounded interval arithmetic.
///
/// With d_i the degree of p in x_i and a box mapped onto [0, 1]^n by
/// x_i = lower_i + w_i·t_i (w_i = upper_i − lower_i), p is a convex combination of its
/// Bernstein coefficients b_j at every point of the box, so min b_j ≤ p(x) ≤ max b_j
/// there, and the coefficients at the box's corners are p's values at the corners.
///
/// Guarantee: every interval `coefficients(lower:upper:)` returns (and so `range`)
/// contains the exact coefficient b_j, and `range`'s enclosure contains p(x) for every x
/// of the box. Each b_j is computed from p's exact coefficients enclosed in doubles by a
/// Taylor shift to the point lower_i, scaling by an enclosure of w_i (the exact width lies
/// in it, so t ∈ [0, 1] reaches the whole side), and the basis change
/// b_j = Σ_{k ≤ j} C(j, k)/C(d, k)·r_k with every ratio enclosed.
///
/// Unlike a natural interval extension this has no dependency problem: p enters expanded,
/// with its cancellations already exact, and the overestimation shrinks quadratically
/// with the box's width.
public struct BernsteinEnclosure: Sendable {
  /// Reusable buffers, so that `range` allocates nothing; one per thread.
  public struct Workspace: Sendable {
    var coefficients: [Interval]
    var fibre: [Interval]
    var widthPowers: [Interval]

    public init(for enclosure: BernsteinEnclosure) {
      coefficients = enclosure.power
      let longest = (enclosure.degrees.max() ?? 0) + 1
      fibre = Array(repeating: .entire, count: longest)
      widthPowers = fibre
    }
  }

  /// The coefficients' range over one box.
  public struct Range: Sendable {
    /// [min b_j, max b_j], enclosed: contains p(x) at every point of the box.
    /// `Interval.undefined` when some coefficient overflowed to NaN.
    public let enclosure: Interval
    /// The greatest lower end among the coefficients' enclosures: when it is ≤ some c,
    /// no coefficient is certainly > c, so the exact coefficients may still all be ≤ c.
    public let greatestLower: Double
  }

  /// The polynomial, exactly.
  public let polynomial: Polynomial
  /// d_i, the degree in each variable.
  public let degrees: [Int]
  /// Steps between consecutive indices of each variable in the row-major tensor.
  private let strides: [Int]
  /// The power-basis coefficients, each enclosed outward, in the row-major tensor.
  private let power: [Interval]
  /// Per variable i: C(j, k)/C(d_i, k), enclosed outward, at index j·(d_i + 1) + k for
  /// 0 ≤ k ≤ j ≤ d_i.
  private let ratios: [[Interval]]

  /// The number of tensor coefficients, Π(d_i + 1).
  public var coefficientCount: Int { power.count }

  /// The number of tensor Bernstein coefficients of `polynomial`, Π(d_i + 1) with d_i its
  /// degree in x_i; nil when that product overflows `Int`.
  public static func coefficientCount(of polynomial: Polynomial) -> Int? {
    var count = 1
    for i in 0..<polynomial.variableCount {
      let (product, overflow) = count.multipliedReportingOverflow(by: polynomial.degree(in: i) + 1)
      if overflow { return nil }
      count = product
    }
    return count
  }

  /// nil when the polynomial has more than `maxCoefficients` tensor coefficients (the
  /// work per box is about Π(d_i + 1)·Σ(d_i + 1) interval operations).
  public init?(_ polynomial: Polynomial, maxCoefficients: Int) {
    guard let count = Self.coefficientCount(of: polynomial), count <= maxCoefficients else { return nil }
    let n = polynomial.variableCount
    let degrees = (0..<n).map { polynomial.degree(in: $0) }
    var strides = [Int](repeating: 1, count: n)
    for i in stride(from: n - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * (degrees[i + 1] + 1) }
    var power = [Interval](repeating: Interval(0), count: count)
    for term in polynomial.terms {
      var index = 0
      for (i, e) in term.monomial.exponents.enumerated() { index += e * strides[i] }
      power[index] = Self.enclose(term.coefficient)
    }
    self.polynomial = polynomial
    self.degrees = degrees
    self.strides = strides
    self.power = power
    ratios = degrees.map(Self.ratioTable)
  }

  /// The range of the Bernstein coefficients over the box `lower…upper` (finite, ordered
  /// bounds, one per variable), computed in `work` without allocating.
  public func range(lower: [Double], upper: [Double], in work: inout Workspace) -> Range {
    compute(lower: lower, upper: upper, in: &work)
    var low = Double.infinity, high = -Double.infinity, greatestLower = -Double.infinity
    for c in work.coefficients {
      if c.isPossiblyUndefined { return Range(enclosure: .undefined, greatestLower: .nan) }
      low = min(low, c.lower)
      high = max(high, c.upper)
      greatestLower = max(greatestLower, c.lower)
    }
    return Range(enclosure: Interval(low, high), greatestLower: greatestLower)
  }

  /// Every coefficient's enclosure over the box `lower…upper`, in row-major order (the
  /// last variable's index varies fastest), as `BernsteinExpansion` orders them.
  public func coefficients(lower: [Double], upper: [Double]) -> [Interval] {
    var work = Workspace(for: self)
    compute(lower: lower, upper: upper, in: &work)
    return work.coefficients
  }

  private func compute(lower: [Double], upper: [Double], in work: inout Workspace) {
    precondition(lower.count == degrees.count && upper.count == degrees.count,
                 "a box of \(lower.count) and \(upper.count) bounds for \(degrees.count) variables")
    for k in power.indices { work.coefficients[k] = power[k] }
    for axis in degrees.indices where degrees[axis] > 0 {
      transform(axis: axis, lower: lower[axis], upper: upper[axis], in: &work)
    }
  }

  /// Along `axis`, turns every fibre of enclosed power-basis coefficients in x_axis into
  /// enclosed Bernstein coefficients over [lower, upper].
  private func transform(axis: Int, lower: Double, upper: Double, in work: inout Workspace) {
    let d = degrees[axis], step = strides[axis], block = step * (d + 1)
    let shift = Interval(lower)
    let width = Interval(upper) - shift
    work.widthPowers[0] = Interval(1)
    for k in 1...d { work.widthPowers[k] = work.widthPowers[k - 1] * width }
    let table = ratios[axis]
    for start in stride(from: 0, to: work.coefficients.count, by: block) {
      for offset in start..<(start + step) {
        for k in 0...d { work.fibre[k] = work.coefficients[offset + k * step] }
        if lower != 0 {
          for j in 0..<d {
            for k in stride(from: d - 1, through: j, by: -1) {
              work.fibre[k] = work.fibre[k] + shift * work.fibre[k + 1]
            }
          }
        }
        for k in 1...d { work.fibre[k] = work.fibre[k] * work.widthPowers[k] }
        for j in 0...d {
          var b = work.fibre[0]
          for k in stride(from: 1, through: j, by: 1) { b = b + table[j * (d + 1) + k] * work.fibre[k] }
          work.coefficients[offset + j * step] = b
        }
      }
    }
  }

  /// C(j, k)/C(d, k) for 0 ≤ k ≤ j ≤ d at j·(d + 1) + k, each enclosed outward (the
  /// entries with k > j are unused).
  private static func ratioTable(degree d: Int) -> [Interval] {
    var binomial = [[BigInt]](repeating: [], count: d + 1)
    for j in 0...d {
      binomial[j] = [BigInt(1)]
      if j > 0 {
        for k in 1...j { binomial[j].append(k == j ? BigInt(1) : binomial[j - 1][k - 1] + binomial[j - 1][k]) }
      }
    }
    var table = [Interval](repeating: Interval(0), count: (d + 1) * (d + 1))
    for j in 0...d {
      for k in 0...j { table[j * (d + 1) + k] = enclose(Rational(binomial[j][k], binomial[d][k])) }
    }
    return table
  }

  private static func enclose(_ q: Rational) -> Interval {
    let (lo, hi) = q.doubleEnclosure
    return Interval(lo, hi)
  }
}
