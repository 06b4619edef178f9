import BCVNumerics

/// The tensor Bernstein coefficients of a polynomial over a box, in exact rationals.
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
public struct BernsteinExpansion: Sendable, Hashable {
  /// d_i, the degree of the polynomial in each variable.
  public let degrees: [Int]
  /// b_j in row-major order: the last variable's index varies fastest.
  public let coefficients: [Rational]
  /// The least coefficient: a lower bound of the polynomial on the box.
  public let minimum: Rational
  /// The greatest coefficient: an upper bound of the polynomial on the box.
  public let maximum: Rational
  /// The step in `coefficients` between consecutive indices of each variable.
  private let strides: [Int]

  /// The number of coefficients an expansion of `polynomial` has, Π (d_i + 1); nil when
  /// that product overflows `Int`.
  public static func coefficientCount(of polynomial: Polynomial) -> Int? {
    var count = 1
    for i in 0..<polynomial.variableCount {
      let (product, overflow) = count.multipliedReportingOverflow(by: polynomial.degree(in: i) + 1)
      if overflow { return nil }
      count = product
    }
    return count
  }

  /// The expansion of `polynomial` over the box with these bounds (one per variable).
  ///
  /// Work: Π(d_i + 1) · Σ(d_i + 1) rational operations, up to constant factors. Callers
  /// bound the size first with `coefficientCount(of:)`.
  public init(_ polynomial: Polynomial, over box: [Bounds]) {
    let n = polynomial.variableCount
    precondition(box.count == n, "\(box.count) bounds for a polynomial in \(n) variables")
    let degrees = (0..<n).map { polynomial.degree(in: $0) }
    var strides = [Int](repeating: 1, count: n)
    for i in stride(from: n - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * (degrees[i + 1] + 1) }
    let size = n == 0 ? 1 : strides[0] * (degrees[0] + 1)

    var c = [Rational](repeating: 0, count: size)
    for term in polynomial.terms {
      var index = 0
      for (i, e) in term.monomial.exponents.enumerated() { index += e * strides[i] }
      c[index] = term.coefficient
    }
    for axis in 0..<n where degrees[axis] > 0 {
      BernsteinExpansion.transform(
        &c, degree: degrees[axis], stride: strides[axis],
        lower: box[axis].lower, width: box[axis].upper - box[axis].lower)
    }
    self.degrees = degrees
    self.strides = strides
    self.coefficients = c
    var low = c[0], high = c[0]
    for value in c.dropFirst() {
      if value < low { low = value }
      if value > high { high = value }
    }
    self.minimum = low
    self.maximum = high
  }

  /// b_j for the multi-index j (0 ≤ j_i ≤ d_i).
  public func coefficient(at index: [Int]) -> Rational {
    precondition(index.count == degrees.count, "multi-index \(index) for \(degrees.count) variables")
    var offset = 0
    for (i, j) in index.enumerated() {
      precondition(j >= 0 && j <= degrees[i], "index \(j) of variable \(i) outside 0...\(degrees[i])")
      offset += j * strides[i]
    }
    return coefficients[offset]
  }

  /// The coefficient at a corner, which equals the polynomial's value there: variable i
  /// at its upper bound when `atUpper[i]`, at its lower bound otherwise.
  public func cornerValue(atUpper: [Bool]) -> Rational {
    precondition(atUpper.count == degrees.count, "corner \(atUpper) for \(degrees.count) variables")
    var offset = 0
    for (i, upper) in atUpper.enumerated() where upper { offset += degrees[i] * strides[i] }
    return coefficients[offset]
  }

  /// Along one axis, turns every fibre of power-basis coefficients in x (a_0 … a_d) into
  /// Bernstein coefficients over [lower, lower + width]: a Taylor shift to x = lower + s,
  /// the scaling s = width·t, then t^k = Σ_{j ≥ k} C(j, k)/C(d, k) · B_{j,d}(t).
  private static func transform(_ c: inout [Rational], degree d: Int, stride: Int,
                                lower: Rational, width: Rational) {
    let block = stride * (d + 1)
    // 1 / C(d, k) for k = 0 … d.
    var inverseBinomials: [Rational] = [1]
    var binomial = BigInt(1)
    for k in 1...d {
      binomial = binomial * BigInt(d - k + 1) / BigInt(k)
      inverseBinomials.append(Rational(1, binomial))
    }
    var a = [Rational](repeating: 0, count: d + 1)
    for start in Swift.stride(from: 0, to: c.count, by: block) {
      for offset in start..<(start + stride) {
        for k in 0...d { a[k] = c[offset + k * stride] }
        // Taylor shift: coefficients of a(lower + s).
        if !lower.isZero {
          for j in 0..<d {
            for k in Swift.stride(from: d - 1, through: j, by: -1) where !a[k + 1].isZero {
              a[k] += lower * a[k + 1]
            }
          }
        }
        // Scaling by width^k, then division by C(d, k).
        var power = Rational(1)
        for k in 0...d {
          a[k] = a[k] * power * inverseBinomials[k]
          power *= width
        }
        // b_j = Σ_{k ≤ j} C(j, k)·a_k by d rounds of Pascal additions.
        for round in Swift.stride(from: 1, through: d, by: 1) {
          for j in Swift.stride(from: d, through: round, by: -1) { a[j] += a[j - 1] }
        }
        for k in 0...d { c[offset + k * stride] = a[k] }
      }
    }
  }
}
