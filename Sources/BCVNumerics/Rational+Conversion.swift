// Conversions between Rational and decimal text, Double and BigInt.

extension Rational {
  /// The largest decimal exponent magnitude `parseDecimal` accepts; larger ones would need
  /// a power of ten of more than 33,000 bits for a single literal.
  public static let maxDecimalExponent = 10_000

  /// The exact value of a decimal literal `digits[.digits][(e|E)[+|-]digits]`, where the
  /// integer or the fraction digits (not both) may be missing, as in ".5" and "5.".
  /// There is no sign: unary minus belongs to the expression grammar. Returns nil for any
  /// other text and for exponents whose magnitude exceeds `maxDecimalExponent`.
  /// "0.1" is exactly 1/10 and "1.5e-3" exactly 3/2000.
  public static func parseDecimal(_ text: String) -> Rational? {
    let bytes = Array(text.utf8)
    var index = 0
    func isDigit(_ i: Int) -> Bool {
      i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")
    }
    func digitRun() -> ArraySlice<UInt8> {
      let start = index
      while isDigit(index) { index += 1 }
      return bytes[start..<index]
    }

    let integerDigits = digitRun()
    var fractionDigits: ArraySlice<UInt8> = []
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      fractionDigits = digitRun()
    }
    guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }

    var exponent = 0
    if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
      index += 1
      var negative = false
      if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
        negative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      let exponentDigits = digitRun()
      guard !exponentDigits.isEmpty else { return nil }
      for digit in exponentDigits {
        exponent = exponent * 10 + Int(digit - UInt8(ascii: "0"))
        if exponent > maxDecimalExponent { return nil }
      }
      if negative { exponent = -exponent }
    }
    guard index == bytes.count else { return nil }

    // value = (integer digits ++ fraction digits) × 10^(exponent − fraction digit count).
    let digits = String(decoding: integerDigits + fractionDigits, as: UTF8.self)
    guard let significand = BigInt(digits) else { return nil }
    let scale = exponent - fractionDigits.count
    let power = BigInt(10).power(abs(scale))
    return scale >= 0 ? Rational(significand * power) : Rational(significand, power)
  }

  /// The exact value of `value`: every finite double is a dyadic rational m · 2^k.
  /// nil for NaN and infinities; -0.0 gives 0.
  public init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    if value == 0 {
      self.init(0)
      return
    }
    let isNormal = value.exponentBitPattern != 0
    let significand = BigInt(value.significandBitPattern | (isNormal ? 1 << 52 : 0))
    let exponent = (isNormal ? Int(value.exponentBitPattern) : 1) - 1075
    let signed = value < 0 ? -significand : significand
    if exponent >= 0 {
      self.init(signed << exponent)
    } else {
      self.init(signed, BigInt(1) << -exponent)
    }
  }

  /// ⌊self⌋, the greatest integer ≤ self.
  public func floor() -> BigInt {
    let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    return r.signum() < 0 ? q - 1 : q
  }

  /// ⌈self⌉, the least integer ≥ self.
  public func ceiling() -> BigInt {
    let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    return r.signum() > 0 ? q + 1 : q
  }

  /// self rounded to the nearest double, ties to even (correctly rounded); ±infinity when
  /// |self| rounds to 2^1024 or beyond. A zero result is +0.0 whatever the sign of self.
  public var doubleValue: Double {
    let negative = signum() < 0
    switch scaledForDouble() {
    case .overflow:
      return negative ? -.infinity : .infinity
    case .finite(let q, let ulpExponent, let rest):
      let roundsUp = rest == .aboveHalf || (rest == .half && q & 1 == 1)
      return Rational.makeDouble(roundsUp ? q + 1 : q, ulpExponent: ulpExponent, negative: negative)
    }
  }

  /// The tightest doubles enclosing self: lower ≤ self ≤ upper, equal when self is a double,
  /// and otherwise adjacent (upper == lower.nextUp). Beyond the finite range one bound is
  /// ±greatestFiniteMagnitude and the other ±infinity. Zero bounds are +0.0.
  public var doubleEnclosure: (lower: Double, upper: Double) {
    let negative = signum() < 0
    let towardZero: Double, awayFromZero: Double
    switch scaledForDouble() {
    case .overflow:
      (towardZero, awayFromZero) = (.greatestFiniteMagnitude, .infinity)
    case .finite(let q, let ulpExponent, let rest):
      towardZero = Rational.makeDouble(q, ulpExponent: ulpExponent, negative: false)
      awayFromZero = rest == .exact
        ? towardZero : Rational.makeDouble(q + 1, ulpExponent: ulpExponent, negative: false)
    }
    guard negative else { return (towardZero, awayFromZero) }
    // 0 − x rather than −x keeps a zero bound +0.0.
    return (-awayFromZero, 0 - towardZero)
  }

  /// How |self| / 2^ulpExponent − q, in [0, 1), compares with one half.
  private enum Rest { case exact, belowHalf, half, aboveHalf }

  private enum DoubleScaling {
    /// |self| ≥ 2^1024.
    case overflow
    /// |self| = (q + rest) · 2^ulpExponent with q < 2^53, where 2^ulpExponent is the spacing
    /// of the doubles around |self| (2^-1074 in the subnormal range).
    case finite(q: UInt64, ulpExponent: Int, rest: Rest)
  }

  /// |self| split into a 53-bit integer at the spacing of the doubles around it and a rest.
  private func scaledForDouble() -> DoubleScaling {
    let a = numerator.magnitude
    let b = denominator
    if a.isZero { return .finite(q: 0, ulpExponent: -1074, rest: .exact) }
    // e = ⌊log2 |self|⌋ is the bit-length difference or one less.
    var e = a.bitLength - b.bitLength
    if (a << max(0, -e)) < (b << max(0, e)) { e -= 1 }
    if e >= 1024 { return .overflow }
    let u = max(e - 52, -1074)
    let (n, d) = u <= 0 ? (a << -u, b) : (a, b << u)
    let (q, r) = n.quotientAndRemainder(dividingBy: d)
    let rest: Rest
    if r.isZero {
      rest = .exact
    } else {
      let comparison = BigInt.compare(r << 1, d)
      rest = comparison < 0 ? .belowHalf : (comparison == 0 ? .half : .aboveHalf)
    }
    // |self| < 2^(e+1) makes q < 2^53: at most one limb.
    return .finite(q: q.limbs.first ?? 0, ulpExponent: u, rest: rest)
  }

  /// The double ±q · 2^ulpExponent for q ≤ 2^53 and ulpExponent ≥ −1074 as produced by
  /// `scaledForDouble` (exactly representable unless it overflows to infinity); +0.0 for q = 0.
  private static func makeDouble(_ q: UInt64, ulpExponent: Int, negative: Bool) -> Double {
    if q == 0 { return 0 }
    var q = q, u = ulpExponent
    if q == 1 << 53 {
      q >>= 1
      u += 1
    }
    let sign: FloatingPointSign = negative ? .minus : .plus
    guard q >= 1 << 52 else {
      // Subnormal: ulpExponent is −1074 and the significand field is q itself.
      return Double(sign: sign, exponentBitPattern: 0, significandBitPattern: q)
    }
    let biasedExponent = u + 52 + 1023
    if biasedExponent >= 2047 { return negative ? -.infinity : .infinity }
    return Double(
      sign: sign, exponentBitPattern: UInt(biasedExponent),
      significandBitPattern: q & ((1 << 52) - 1))
  }
}
