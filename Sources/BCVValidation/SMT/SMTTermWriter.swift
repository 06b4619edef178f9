import BCVExpression
import BCVNumerics

/// Writes expressions as SMT-LIB2 terms for `SMTLIB2` (see there for the conventions).
/// Mutable only for the counter that names `let`-bound power bases.
struct SMTTermWriter {
  /// The symbol of the declared constant standing for π.
  static let piSymbol = "|pi|"
  /// Integers at least this large are split into sums of smaller numerals for dReal,
  /// whose scanner reads numerals into 64-bit integers.
  static let drealNumeralLimit = BigInt(1) << 62

  let symbols: [String]
  let dialect: SMTLIB2.Dialect
  private var lets = 0

  init(symbols: [String], dialect: SMTLIB2.Dialect) {
    self.symbols = symbols
    self.dialect = dialect
  }

  /// `(assert literal)`, or `(assert (or literal u₁ u₂ …))` with the conditions under
  /// which `e` may be undefined.
  mutating func assertion(_ literal: String, undefinedWhere e: Expr) -> String {
    var conditions: [String] = []
    undefinedness(e, into: &conditions)
    if conditions.isEmpty { return "(assert \(literal))" }
    return "(assert (or \(literal) \(conditions.joined(separator: " "))))"
  }

  mutating func term(_ e: Expr) -> String {
    switch e {
    case .constant(let c): return rational(c)
    case .pi: return Self.piSymbol
    case .variable(let i): return symbols[i]
    case .sum(let a, let b): return "(+ \(term(a)) \(term(b)))"
    case .difference(let a, let b): return "(- \(term(a)) \(term(b)))"
    case .product(let a, let b): return "(* \(term(a)) \(term(b)))"
    case .quotient(let a, let b): return "(/ \(term(a)) \(term(b)))"
    case .negation(let a): return "(- \(term(a)))"
    case .power(let a, let n):
      let p = power(a, n.magnitude)
      return n < 0 ? "(/ 1 \(p))" : p
    case .realPower(let a, let b): return "(exp (* \(term(b)) (log \(term(a)))))"
    case .call(let f, let a):
      let x = term(a)
      switch f {
      case .sign: return "(ite (> \(x) 0) 1 (ite (< \(x) 0) (- 1) 0))"
      case .atan: return dialect == .dreal ? "(atan \(x))" : "(arctan \(x))"
      default: return "(\(f.rawValue) \(x))"
      }
    }
  }

  /// `base^n` for `n >= 0`: a product of n copies (a compound base bound once by `let`),
  /// or `(^ base n)` for dReal.
  private mutating func power(_ base: Expr, _ n: UInt) -> String {
    if n == 0 { return "1" }
    let b = term(base)
    if n == 1 { return b }
    if dialect == .dreal { return "(^ \(b) \(n))" }
    switch base {
    case .variable, .pi, .constant:
      return "(* " + Array(repeating: b, count: Int(n)).joined(separator: " ") + ")"
    default:
      lets += 1
      let name = "?p\(lets)"
      return "(let ((\(name) \(b))) (* " + Array(repeating: name, count: Int(n)).joined(separator: " ") + "))"
    }
  }

  /// Exact rational: `n`, `(- n)`, `(/ n d)` or `(- (/ n d))`.
  func rational(_ q: Rational) -> String {
    let magnitude = q.numerator.magnitude
    let body = q.isInteger ? integer(magnitude) : "(/ \(integer(magnitude)) \(integer(q.denominator)))"
    return q.signum() < 0 ? "(- \(body))" : body
  }

  /// A non-negative integer numeral; for dReal, large ones as `(+ (* q 10¹⁸) r)`.
  private func integer(_ n: BigInt) -> String {
    guard dialect == .dreal, !(n < Self.drealNumeralLimit) else { return n.description }
    let chunk = BigInt(10).power(18)
    let (q, r) = n.quotientAndRemainder(dividingBy: chunk)
    return "(+ (* \(integer(q)) \(chunk)) \(r))"
  }

  /// Appends, innermost first and without repeats, a literal for each way `e` may be
  /// undefined at a point (see `SMTLIB2`).
  private mutating func undefinedness(_ e: Expr, into out: inout [String]) {
    func add(_ literal: String) { if !out.contains(literal) { out.append(literal) } }
    switch e {
    case .constant, .pi, .variable: return
    case .sum(let a, let b), .difference(let a, let b), .product(let a, let b):
      undefinedness(a, into: &out)
      undefinedness(b, into: &out)
    case .quotient(let a, let b):
      undefinedness(a, into: &out)
      undefinedness(b, into: &out)
      if b.constantValue.map({ $0.isZero }) != false { add("(= \(term(b)) 0)") }
    case .realPower(let a, let b):
      undefinedness(a, into: &out)
      undefinedness(b, into: &out)
      add("(<= \(term(a)) 0)")
    case .negation(let a): undefinedness(a, into: &out)
    case .power(let a, let n):
      undefinedness(a, into: &out)
      if n < 0 { add("(= \(term(a)) 0)") }
    case .call(let f, let a):
      undefinedness(a, into: &out)
      switch f {
      case .log: add("(<= \(term(a)) 0)")
      case .sqrt: add("(< \(term(a)) 0)")
      case .tan: add("(= (cos \(term(a))) 0)")
      case .sign: add("(= \(term(a)) 0)")
      case .sin, .cos, .exp, .tanh, .atan, .abs: break
      }
    }
  }
}
