import BCVNumerics

/// The tensor Bernstein coefficients of a polynomial over a box, exactly.
///
/// With d_i the degree of p in x_i and the box mapped affinely onto [0, 1]^n by
/// x_i = lower_i + (upper_i − lower_i)·t_i,
///
///     p(x) = Σ_j b_j · Π_i C(d_i, j_i) t_i^j_i (1 − t_i)^(d_i − j_i),   0 ≤ j_i ≤ d_i.
///
/// Guarantees (exact, no rounding anywhere):
/// - the basis functions are non-negative on the box and sum to one, so
///   `minimum ≤ p(x) ≤ maximum` at every point x of the box: the coefficients' range
///   encloses the polynomial's range over the box;
/// - the corner coefficients (every j_i ∈ {0, d_i}) equal p at the box's corners, so the
///   enclosure is tight whenever an extreme coefficient sits at a corner.
///
/// A side of zero width is allowed; p is then constant along it.
///
/// The coefficients are computed as integers S·b_j for one positive integer S, so that no
/// step needs a gcd; signs and comparisons of S·b_j are those of b_j.
public struct BernsteinExpansion: Sendable {
  /// d_i, the degree of the polynomial in each variable.
  public let degrees: [Int]
  /// S·b_j in row-major order: the last variable's index varies fastest.
  private let scaled: [BigInt]
  /// S > 0.
  private let scale: BigInt
  /// The step in `scaled` between consecutive indices of each variable.
  private let strides: [Int]
  /// Offsets in `scaled` of the least and the greatest coefficient.
  private let minimumOffset: Int, maximumOffset: Int

  /// The number of coefficients an expansion of `polynomial` has, Π (d_i + 1); nil when
  /// that product overflows `Int`.
  public static func coefficientCount(of polynomial: Polynomial) -> Int? {
    BernsteinEnclosure.coefficientCount(of: polynomial)
  }

  /// The expansion of `polynomial` over the box with these bounds (one per variable).
  ///
  /// Work: Π(d_i + 1) · Σ(d_i + 1) integer operations, up to constant factors. Callers
  /// bound the size first with `coefficientCount(of:)`.
  public init(_ polynomial: Polynomial, over box: [Bounds]) {
    let n = polynomial.variableCount
    precondition(box.count == n, "\(box.count) bounds for a polynomial in \(n) variables")
    let degrees = (0..<n).map { polynomial.degree(in: $0) }
    var strides = [Int](repeating: 1, count: n)
    for i in stride(from: n - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * (degrees[i + 1] + 1) }
    let size = n == 0 ? 1 : strides[0] * (degrees[0] + 1)

    // L·p has integer coefficients for L the lcm of the coefficients' denominators.
    var scale = BigInt(1)
    for term in polynomial.terms { scale = BernsteinExpansion.lcm(scale, term.coefficient.denominator) }
    var c = [BigInt](repeating: 0, count: size)
    for term in polynomial.terms {
      var index = 0
      for (i, e) in term.monomial.exponents.enumerated() { index += e * strides[i] }
      c[index] = term.coefficient.numerator * (scale / term.coefficient.denominator)
    }
    for axis in 0..<n where degrees[axis] > 0 {
      let factor = BernsteinExpansion.transform(
        &c, degree: degrees[axis], stride: strides[axis], lower: box[axis].lower,
        width: box[axis].upper - box[axis].lower)
      scale = scale * factor
    }
    self.degrees = degrees
    self.strides = strides
    self.scaled = c
    self.scale = scale
    var low = 0, high = 0
    for offset in c.indices.dropFirst() {
      if c[offset] < c[low] { low = offset }
      if c[offset] > c[high] { high = offset }
    }
    self.minimumOffset = low
    self.maximumOffset = high
  }

  /// How many coefficients the expansion holds, Π(d_i + 1).
  public var coefficientCount: Int { scaled.count }

  /// b_j in row-major order: the last variable's index varies fastest.
  public var coefficients: [Rational] { scaled.map { Rational($0, scale) } }
  /// The least coefficient: a lower bound of the polynomial on the box.
  public var minimum: Rational { Rational(scaled[minimumOffset], scale) }
  /// The greatest coefficient: an upper bound of the polynomial on the box.
  public var maximum: Rational { Rational(scaled[maximumOffset], scale) }
  /// The sign (−1, 0, 1) of `minimum`.
  public var minimumSign: Int { scaled[minimumOffset].signum() }
  /// The sign (−1, 0, 1) of `maximum`.
  public var maximumSign: Int { scaled[maximumOffset].signum() }

  /// b_j for the multi-index j (0 ≤ j_i ≤ d_i).
  public func coefficient(at index: [Int]) -> Rational {
    precondition(index.count == degrees.count, "multi-index \(index) for \(degrees.count) variables")
    var offset = 0
    for (i, j) in index.enumerated() {
      precondition(j >= 0 && j <= degrees[i], "index \(j) of variable \(i) outside 0...\(degrees[i])")
      offset += j * strides[i]
    }
    return Rational(scaled[offset], scale)
  }

  /// The coefficient at a corner, which equals the polynomial's value there: variable i
  /// at its upper bound when `atUpper[i]`, at its lower bound otherwise.
  public func cornerValue(atUpper: [Bool]) -> Rational {
    Rational(scaled[cornerOffset(atUpper)], scale)
  }

  /// The sign (−1, 0, 1) of `cornerValue(atUpper:)`.
  public func cornerSign(atUpper: [Bool]) -> Int {
    scaled[cornerOffset(atUpper)].signum()
  }

  private func cornerOffset(_ atUpper: [Bool]) -> Int {
    precondition(atUpper.count == degrees.count, "corner \(atUpper) for \(degrees.count) variables")
    var offset = 0
    for (i, upper) in atUpper.enumerated() where upper { offset += degrees[i] * strides[i] }
    return offset
  }

  /// Along one axis, turns every fibre of integer power-basis coefficients in x
  /// (c_0 … c_d) into integer Bernstein coefficients over [lower, lower + width], scaled
  /// by the positive factor returned, D^d·M.
  ///
  /// With lower = a/D and width = b/D over a common denominator D:
  /// D^d·Σ c_k x^k = Σ (c_k D^(d−k)) y^k for y = D·x = a + b·t. A Taylor shift by a and
  /// the scaling by b^k give the coefficients r_k of t^k; then, with M the lcm of the
  /// binomials C(d, k), M·b_j = Σ_{k ≤ j} C(j, k)·(r_k·M/C(d, k)), formed by d rounds of
  /// Pascal additions.
  private static func transform(_ c: inout [BigInt], degree d: Int, stride: Int,
                                lower: Rational, width: Rational) -> BigInt {
    let denominator = lcm(lower.denominator, width.denominator)
    let a = lower.numerator * (denominator / lower.denominator)
    let b = width.numerator * (denominator / width.denominator)
    var binomials = [BigInt(1)]
    for k in 1...d { binomials.append(binomials[k - 1] * BigInt(d - k + 1) / BigInt(k)) }
    let m = binomials.reduce(BigInt(1), lcm)
    // Per k: D^(d−k) before the shift, b^k·M/C(d, k) after it.
    var before = [BigInt](repeating: 1, count: d + 1)
    for k in Swift.stride(from: d - 1, through: 0, by: -1) { before[k] = before[k + 1] * denominator }
    var after = [BigInt](repeating: 0, count: d + 1)
    var bPower = BigInt(1)
    for k in 0...d {
      after[k] = bPower * (m / binomials[k])
      bPower = bPower * b
    }

    let block = stride * (d + 1)
    var r = [BigInt](repeating: 0, count: d + 1)
    for start in Swift.stride(from: 0, to: c.count, by: block) {
      for offset in start..<(start + stride) {
        for k in 0...d { r[k] = c[offset + k * stride] * before[k] }
        if !a.isZero {
          for j in 0..<d {
            for k in Swift.stride(from: d - 1, through: j, by: -1) where !r[k + 1].isZero {
              r[k] = r[k] + a * r[k + 1]
            }
          }
        }
        for k in 0...d { r[k] = r[k] * after[k] }
        for round in 1...d {
          for j in Swift.stride(from: d, through: round, by: -1) { r[j] = r[j] + r[j - 1] }
        }
        for k in 0...d { c[offset + k * stride] = r[k] }
      }
    }
    return denominator.power(d) * m
  }

  /// The least common multiple of two positive integers.
  private static func lcm(_ x: BigInt, _ y: BigInt) -> BigInt {
    x / BigInt.gcd(x, y) * y
  }
}

extension BernsteinExpansion {
  /// The greatest exact Bernstein coefficient of `polynomial` over the box `lower…upper`
  /// (doubles read as exact rationals): an upper bound of the polynomial on the box. nil
  /// when an endpoint is not finite or the box has a side with lower > upper.
  public static func maximum(of polynomial: Polynomial, lower: [Double], upper: [Double]) -> Rational? {
    var bounds: [Bounds] = []
    for (lo, hi) in zip(lower, upper) {
      guard let l = Rational(exactly: lo), let h = Rational(exactly: hi), l <= h else { return nil }
      bounds.append(Bounds(l, h))
    }
    return BernsteinExpansion(polynomial, over: bounds).maximum
  }
}
