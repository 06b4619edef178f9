// Conversions between BigInt and decimal text, and between BigInt and Double.

extension BigInt: CustomStringConvertible {
  /// 10^19, the largest power of ten below 2^64: decimal text is converted 19 digits at a time.
  private static let decimalChunk: UInt64 = 10_000_000_000_000_000_000
  private static let decimalChunkDigits = 19

  /// The decimal text of self: an optional "-" then digits without leading zeros ("0" for zero).
  public var description: String {
    if isZero { return "0" }
    var chunks: [UInt64] = []
    var rest = limbs
    while !rest.isEmpty {
      let (q, r) = BigInt.divideMagnitude(rest, bySingleLimb: BigInt.decimalChunk)
      chunks.append(r)
      rest = q
    }
    var text = isNegative ? "-" : ""
    text += String(chunks[chunks.count - 1])
    for chunk in chunks.dropLast().reversed() {
      let digits = String(chunk)
      text += String(repeating: "0", count: BigInt.decimalChunkDigits - digits.count) + digits
    }
    return text
  }

  /// The integer written in `decimal`: an optional "+" or "-" followed by one or more
  /// ASCII digits and nothing else; nil for any other text.
  public init?(_ decimal: String) {
    var bytes = Substring(decimal).utf8[...]
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      bytes = bytes.dropFirst()
    }
    guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    var magnitude: [UInt64] = []
    // The first chunk takes the leftover digits so that every later chunk has exactly 19.
    var chunkLength = bytes.count % BigInt.decimalChunkDigits
    if chunkLength == 0 { chunkLength = BigInt.decimalChunkDigits }
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let end = bytes.index(index, offsetBy: chunkLength)
      var chunk: UInt64 = 0
      var scale: UInt64 = 1
      for byte in bytes[index..<end] {
        chunk = chunk * 10 + UInt64(byte - UInt8(ascii: "0"))
        scale *= 10
      }
      BigInt.multiplyAdd(&magnitude, by: scale, adding: chunk)
      index = end
      chunkLength = BigInt.decimalChunkDigits
    }
    self.init(magnitude: magnitude, negative: negative)
  }

  /// magnitude ← magnitude × factor + addend, in place.
  private static func multiplyAdd(_ magnitude: inout [UInt64], by factor: UInt64, adding addend: UInt64) {
    var carry = addend
    for i in 0..<magnitude.count {
      let (high, low) = magnitude[i].multipliedFullWidth(by: factor)
      let (sum, overflow) = low.addingReportingOverflow(carry)
      magnitude[i] = sum
      carry = high &+ (overflow ? 1 : 0)
    }
    if carry != 0 { magnitude.append(carry) }
  }
}

extension BigInt {
  /// The integer equal to `value`, or nil when `value` is not finite or has a fractional part.
  public init?(exactly value: Double) {
    guard value.isFinite, value == value.rounded(.towardZero) else { return nil }
    if value == 0 {
      self.init(0)
      return
    }
    // A nonzero integral double is normal: value = ±(2^52 + fraction) × 2^(exponent − 52).
    let significand = BigInt((1 << 52) | value.significandBitPattern)
    let shifted = significand << (Int(value.exponent) - 52)
    self = value < 0 ? -shifted : shifted
  }
}

extension Double {
  /// `value` rounded to the nearest double, ties to even; ±infinity when |value| rounds
  /// to 2^1024 or more.
  public init(_ value: BigInt) {
    let length = value.bitLength
    if length <= 64 {
      // Integer-to-Double conversion of a UInt64 is correctly rounded.
      let m = Double(value.limbs.first ?? 0)
      self = value.isNegative ? -m : m
      return
    }
    // Keep the top 64 bits and fold every dropped bit into a sticky lowest bit: the 11 bits
    // below the 53-bit significand then decide the rounding exactly as the full value would.
    let excess = length - 64
    var top = (value.magnitude >> excess).limbs[0]
    if value.hasNonzeroBits(below: excess) { top |= 1 }
    // Scaling by a power of two is exact until it overflows to infinity.
    self = Double(sign: value.isNegative ? .minus : .plus, exponent: excess, significand: Double(top))
  }
}
