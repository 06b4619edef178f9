/// Text formatting shared by every report output: XML escaping, compact numbers, seconds,
/// percentages, and the statistics the reports use (median, quartiles).
///
/// Every function is pure and locale-free: the same input always gives the same text.
enum ReportFormat {
  /// `s` made safe as XML/HTML text or attribute content: `& < > " '` become entities, and
  /// characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF)
  /// become U+FFFD. The result never breaks well-formedness.
  static func xml(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let forbidden = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
      }
    }
    return out
  }

  /// `x` rounded to `decimals` places (0...9) in plain decimal notation, e.g. `fixed(2.5, 2)`
  /// is "2.50". Non-finite values give "NaN", "inf" or "-inf"; magnitudes too large for exact
  /// integer scaling fall back to Swift's shortest round-trip description.
  static func fixed(_ x: Double, _ decimals: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    let d = max(0, min(decimals, 9))
    var power = 1.0
    for _ in 0..<d { power *= 10 }
    let scaled = (x.magnitude * power).rounded()
    guard scaled < 9e15 else { return x.description }
    let n = Int64(scaled), p = Int64(power)
    let sign = x < 0 && n != 0 ? "-" : ""
    guard d > 0 else { return sign + String(n) }
    let fraction = String(n % p)
    return sign + String(n / p) + "." + String(repeating: "0", count: d - fraction.count) + fraction
  }

  /// `fixed` with trailing fractional zeros (and a trailing point) removed: "2.5", "3".
  static func trimmed(_ x: Double, _ decimals: Int) -> String {
    var s = fixed(x, decimals)
    guard s.contains(".") else { return s }
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
  }

  /// A short human number with about three significant digits: "0", "0.00123", "1.23",
  /// "12.3", "1234", "12.3k", "4.5M", "1.2G", and "1.2e-5" below 0.001.
  static func compact(_ x: Double) -> String {
    guard x.isFinite else { return fixed(x, 0) }
    let m = x.magnitude
    if m == 0 { return "0" }
    if m >= 1e9 { return trimmed(x / 1e9, decimalsFor(m / 1e9)) + "G" }
    if m >= 1e6 { return trimmed(x / 1e6, decimalsFor(m / 1e6)) + "M" }
    if m >= 1e4 { return trimmed(x / 1e3, decimalsFor(m / 1e3)) + "k" }
    if m >= 1e-3 { return trimmed(x, decimalsFor(m)) }
    var exponent = 0
    var mantissa = m
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    return (x < 0 ? "-" : "") + trimmed(mantissa, 1) + "e" + String(exponent)
  }

  /// Decimal places that show about three significant digits of a magnitude in [0.001, 1e4).
  private static func decimalsFor(_ m: Double) -> Int {
    if m >= 100 { return 0 }
    if m >= 10 { return 1 }
    if m >= 1 { return 2 }
    var d = 2
    var v = m
    while v < 1 && d < 9 { v *= 10; d += 1 }
    return d
  }

  /// A duration with a unit chosen for readability: "1.23 s", "45.6 ms", "789 µs", "0 s".
  static func seconds(_ s: Double) -> String {
    let m = s.magnitude
    if m == 0 || !s.isFinite { return compact(s) + " s" }
    if m >= 1 { return compact(s) + " s" }
    if m >= 1e-3 { return compact(s * 1e3) + " ms" }
    return compact(s * 1e6) + " µs"
  }

  /// A fraction in [0, 1] as a percentage with at most one decimal: "95.8%", "100%".
  static func percent(_ fraction: Double) -> String {
    trimmed(fraction * 100, 1) + "%"
  }

  /// A ratio such as a speedup: "1.87×".
  static func ratio(_ x: Double) -> String {
    trimmed(x, 2) + "×"
  }

  /// Seconds for machine-read outputs (CSV, JUnit): fixed six decimals, "0.001234".
  static func machineSeconds(_ s: Double) -> String {
    fixed(s, 6)
  }

  /// A fraction for machine-read outputs: fixed four decimals, "0.8333".
  static func machineFraction(_ f: Double) -> String {
    fixed(f, 4)
  }

  /// The median of `values` (the mean of the two middle values for an even count), or nil
  /// for an empty list. Independent of input order.
  static func median(_ values: [Double]) -> Double? {
    quantile(values, 0.5)
  }

  /// The `q`-quantile (0...1) of `values` by linear interpolation between order statistics
  /// (type 7), or nil for an empty list. Independent of input order.
  static func quantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let low = Int(position.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    let weight = position - Double(low)
    return sorted[low] + (sorted[high] - sorted[low]) * weight
  }

  /// Whether `a` sorts before `b` by UTF-8 bytes: the order every report uses for names.
  static func byteOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// `s` cut to at most `limit` characters, ending in "…" when cut.
  static func truncated(_ s: String, _ limit: Int) -> String {
    s.count <= limit ? s : String(s.prefix(max(1, limit - 1))) + "…"
  }
}
