import BCVNumerics
import Foundation

/// Reads solver output: the status line and the `(get-model)` answer.
///
/// Models are read from `(define-fun NAME () Real VALUE)` entries wherever they appear
/// (z3 and cvc5 wrap them in a list, dReal in `(model …)`). VALUE may be a numeral or
/// decimal (`2`, `1.5`, `-3.0`, `1e-3`), `(- v)`, `(/ a b)`, `(+ …)`, `(* …)` of those,
/// read exactly and rounded once to the nearest double, or dReal's interval `[lo, hi]`
/// (its midpoint). Anything else, such as z3's `(root-obj …)` or cvc5's algebraic
/// numbers, is skipped and reported.
enum SolverOutput {
  /// The status: the first line of standard output that is `sat`, `unsat`, `unknown` or
  /// starts with `delta-sat`; `error` if an `(error …)` line comes first, or if no status
  /// line appears (with the standard error text or the exit code).
  static func status(stdout: String, stderr: String, exitCode: Int32) -> ExternalSolverResult.Status {
    for raw in stdout.split(whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      switch line {
      case "sat": return .sat
      case "unsat": return .unsat
      case "unknown": return .unknown
      default:
        if line.hasPrefix("delta-sat") {
          let delta = line.split(separator: "=").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
          return .deltaSat(delta: delta ?? .nan)
        }
        if line.hasPrefix("(error") { return .error(String(line.prefix(300))) }
      }
    }
    let why = stderr.split(whereSeparator: \.isNewline).first.map(String.init)
    return .error(String((why ?? "no answer (exit code \(exitCode))").prefix(300)))
  }

  /// The model values by symbol, and the symbols whose values were skipped.
  static func model(in text: String) -> (values: [String: Double], skipped: [String]) {
    var tokens = SExprTokenizer(text)
    var values: [String: Double] = [:]
    var skipped: [String] = []
    while let expr = SExpr.parse(&tokens) { collect(expr, &values, &skipped) }
    return (values, skipped)
  }

  private static func collect(_ e: SExpr, _ values: inout [String: Double], _ skipped: inout [String]) {
    guard case .list(let items) = e else { return }
    if items.count == 5, case .atom("define-fun") = items[0], case .atom(let name) = items[1],
       case .list(let parameters) = items[2], parameters.isEmpty {
      if let v = value(items[4]) { values[name] = v } else { skipped.append(name) }
      return
    }
    for item in items { collect(item, &values, &skipped) }
  }

  private static func value(_ e: SExpr) -> Double? {
    if case .interval(let lo, let hi) = e, lo.isFinite, hi.isFinite { return lo / 2 + hi / 2 }
    return exact(e)?.doubleValue
  }

  private static func exact(_ e: SExpr) -> Rational? {
    switch e {
    case .atom(let a):
      if a.hasPrefix("-") { return Rational.parseDecimal(String(a.dropFirst())).map { -$0 } }
      return Rational.parseDecimal(a.hasPrefix("+") ? String(a.dropFirst()) : a)
    case .interval: return nil
    case .list(let items):
      guard case .atom(let op)? = items.first, items.count >= 2 else { return nil }
      var args: [Rational] = []
      for item in items.dropFirst() {
        guard let v = exact(item) else { return nil }
        args.append(v)
      }
      switch op {
      case "-": return args.count == 1 ? -args[0] : args.dropFirst().reduce(args[0], -)
      case "+": return args.reduce(Rational(0), +)
      case "*": return args.reduce(Rational(1), *)
      case "/":
        guard args.dropFirst().allSatisfy({ !$0.isZero }) else { return nil }
        return args.dropFirst().reduce(args[0], /)
      default: return nil
      }
    }
  }
}

/// A parsed S-expression of solver output.
indirect enum SExpr {
  case atom(String)
  case list([SExpr])
  /// dReal's `[lo, hi]`.
  case interval(Double, Double)

  /// The next complete expression, or `nil` at the end of the input.
  static func parse(_ tokens: inout SExprTokenizer) -> SExpr? {
    while let token = tokens.next() {
      switch token {
      case "(":
        var items: [SExpr] = []
        while let t = tokens.peek(), t != ")" {
          guard let item = parse(&tokens) else { return .list(items) }
          items.append(item)
        }
        _ = tokens.next()
        return .list(items)
      case ")": continue
      case "[":
        var numbers: [Double] = []
        while let t = tokens.next(), t != "]" {
          if t != "," { numbers.append(Double(t) ?? .nan) }
        }
        return numbers.count == 2 ? .interval(numbers[0], numbers[1]) : .atom("[]")
      default: return .atom(token)
      }
    }
    return nil
  }
}

/// Splits solver output into `(`, `)`, `[`, `]`, `,` and atoms; `|quoted|` symbols lose
/// their bars, `"strings"` and `; comments` are dropped.
struct SExprTokenizer {
  private let scalars: [Unicode.Scalar]
  private var index = 0
  private var buffered: String?

  init(_ text: String) { scalars = Array(text.unicodeScalars) }

  mutating func peek() -> String? {
    if buffered == nil { buffered = read() }
    return buffered
  }

  mutating func next() -> String? {
    if let b = buffered {
      buffered = nil
      return b
    }
    return read()
  }

  private mutating func read() -> String? {
    while index < scalars.count {
      let c = scalars[index]
      if c.properties.isWhitespace { index += 1; continue }
      if c == ";" {
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
        continue
      }
      if c == "\"" {
        index += 1
        while index < scalars.count, scalars[index] != "\"" { index += 1 }
        index += 1
        continue
      }
      if "()[],".unicodeScalars.contains(c) {
        index += 1
        return String(c)
      }
      if c == "|" {
        let start = index + 1
        index = start
        while index < scalars.count, scalars[index] != "|" { index += 1 }
        defer { index += 1 }
        return String(String.UnicodeScalarView(scalars[start..<min(index, scalars.count)]))
      }
      let start = index
      while index < scalars.count, !scalars[index].properties.isWhitespace,
            !"()[],;|\"".unicodeScalars.contains(scalars[index]) { index += 1 }
      return String(String.UnicodeScalarView(scalars[start..<index]))
    }
    return nil
  }
}
