import BCVExpression
import BCVNumerics

/// SMT-LIB2 export of the negation of an obligation on one piece: the script is `unsat`
/// exactly when the obligation holds on that piece.
///
/// Layout:
/// ```
/// ; bcv-bench: negation of the flow obligation on piece 1 of 1 (unsat = it holds)
/// (set-logic QF_NRA)
/// (declare-const |x1| Real)
/// (assert (<= (- 2) |x1|))            box bounds, exact rationals: (/ n d), (- n)
/// (assert (<= |x1| (/ 1 2)))
/// (assert (<= h 0))                   each constraint of the piece
/// (assert (> g 0))                    the negated obligation (>= when strict)
/// (check-sat)
/// (get-model)
/// (exit)
/// ```
///
/// - Logic: `QF_NRA` when only `+ - * /` and integer powers occur; otherwise
///   `QF_NRAT` (standard dialect) or `QF_NRA` (dReal's dialect, the only nonlinear logic
///   dReal accepts), with dReal's function names: sin cos tan exp log sqrt tanh abs and
///   `atan` (dReal) / `arctan` (standard, as cvc5 spells it).
/// - Powers: `x^n` as the product `(* x x x)` (a `let` names a compound base), or
///   `(^ x n)` in dReal's dialect; `x^-n` as `(/ 1 …)`; `a^b` as `(exp (* b (log a)))`.
/// - π: a declared constant `|pi|` with `(assert (<= lo |pi|))`, `(assert (<= |pi| hi))`
///   for the exact doubles just below and above π. Unsat then holds for the true π.
/// - Undefined points: where an expression may be undefined (a divisor or a negatively
///   powered base = 0, log or real-power base ≤ 0, sqrt of < 0, tan where cos = 0, the
///   internal sign at 0), the point counts as violating, as `Obligation` says. Such
///   conditions are added as disjuncts: `(assert (or (> g 0) (= d 0) …))`, and likewise
///   for the constraints (a point where h is undefined may be in the region). Polynomial
///   obligations have none, so their scripts are exactly the layout above.
/// - Names: variables become quoted symbols `|name|`; names that are not plain
///   identifiers, or that clash with SMT-LIB words or function names, become `|v<i>|`
///   (see `symbols(for:)`).
///
/// Soundness note: z3 and cvc5 read the rationals exactly, so their `unsat` is a proof.
/// dReal reads numbers into doubles (its constants are rounded), so its `unsat` is a
/// proof up to that rounding.
public enum SMTLIB2 {
  /// The solver family a script is written for.
  public enum Dialect: String, Sendable, Hashable, CaseIterable {
    /// SMT-LIB 2.6 as z3 and cvc5 read it.
    case standard
    /// dReal 4: `QF_NRA` with transcendental functions, `(^ x n)`.
    case dreal
  }

  /// The script for piece `piece` of `obligation`, in the standard dialect.
  public static func script(for obligation: Obligation, piece: Int) -> String {
    script(for: obligation, piece: piece, dialect: .standard)
  }

  /// The script for piece `piece` of `obligation` in `dialect`.
  public static func script(for obligation: Obligation, piece: Int, dialect: Dialect) -> String {
    precondition(obligation.region.pieces.indices.contains(piece),
                 "piece \(piece) outside 0..<\(obligation.region.pieces.count)")
    let region = obligation.region.pieces[piece]
    let names = symbols(for: obligation).map { "|\($0)|" }
    var writer = SMTTermWriter(symbols: names, dialect: dialect)
    let all = [obligation.expression] + region.constraints
    var lines = [
      "; bcv-bench: negation of the \(obligation.condition.rawValue) obligation on piece \(piece + 1) of \(obligation.region.pieces.count) (unsat = it holds)",
      "(set-logic \(logic(for: all, dialect: dialect)))",
    ]
    for name in names { lines.append("(declare-const \(name) Real)") }
    if all.contains(where: \.mentionsPi) {
      let enclosure = Interval.pi
      lines.append("(declare-const \(SMTTermWriter.piSymbol) Real)")
      lines.append("(assert (<= \(writer.rational(Rational(exactly: enclosure.lower)!)) \(SMTTermWriter.piSymbol)))")
      lines.append("(assert (<= \(SMTTermWriter.piSymbol) \(writer.rational(Rational(exactly: enclosure.upper)!))))")
    }
    for (name, bounds) in zip(names, region.box.bounds) {
      lines.append("(assert (<= \(writer.rational(bounds.lower)) \(name)))")
      lines.append("(assert (<= \(name) \(writer.rational(bounds.upper))))")
    }
    for h in region.constraints {
      lines.append(writer.assertion("(<= \(writer.term(h)) 0)", undefinedWhere: h))
    }
    let g = obligation.expression
    lines.append(writer.assertion("(\(obligation.strict ? ">=" : ">") \(writer.term(g)) 0)", undefinedWhere: g))
    lines += ["(check-sat)", "(get-model)", "(exit)"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The SMT symbol (without the quoting bars) of each variable, in order: the name
  /// itself when it is a plain identifier (a letter or `_`, then letters, digits, `_`,
  /// `.`) that is not reserved and not taken, else `v<index>` (made unique with `_`).
  /// Solver models name variables by these symbols.
  public static func symbols(for obligation: Obligation) -> [String] {
    var taken = reservedWords
    var result: [String] = []
    for (i, name) in obligation.variableNames.enumerated() {
      var symbol = isPlainIdentifier(name) && !taken.contains(name) ? name : "v\(i)"
      while taken.contains(symbol) { symbol += "_" }
      taken.insert(symbol)
      result.append(symbol)
    }
    return result
  }

  /// Words a variable symbol must avoid: SMT-LIB reserved words and core/arithmetic
  /// symbols, the functions z3, cvc5 and dReal know, model syntax, and `pi`.
  static let reservedWords: Set<String> = [
    "pi", "e", "_", "!", "as", "let", "forall", "exists", "match", "par", "and", "or", "not",
    "xor", "ite", "distinct", "true", "false", "Real", "Int", "Bool", "exp", "log", "sin", "cos",
    "tan", "sqrt", "tanh", "atan", "arctan", "abs", "sinh", "cosh", "asin", "acos", "arcsin",
    "arccos", "atan2", "arctan2", "min", "max", "pow", "to_real", "to_int", "is_int", "div", "mod",
    "root-obj", "model", "define-fun", "real.pi", "sign",
  ]

  static func isPlainIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, isASCIILetter(first) || first == "_" else { return false }
    return name.unicodeScalars.allSatisfy { isASCIILetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }
  }

  private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c)
  }

  /// `QF_NRA` for `+ - * /` and integer powers only; otherwise the dialect's logic with
  /// transcendental functions.
  static func logic(for expressions: [Expr], dialect: Dialect) -> String {
    if expressions.allSatisfy(\.isRationalFunction) { return "QF_NRA" }
    return dialect == .dreal ? "QF_NRA" : "QF_NRAT"
  }
}

extension Expr {
  /// Whether π occurs.
  var mentionsPi: Bool {
    switch self {
    case .pi: return true
    case .constant, .variable: return false
    case .sum(let a, let b), .difference(let a, let b), .product(let a, let b),
         .quotient(let a, let b), .realPower(let a, let b):
      return a.mentionsPi || b.mentionsPi
    case .negation(let a), .power(let a, _), .call(_, let a): return a.mentionsPi
    }
  }

  /// Whether only rationals, variables, `+ - * /`, negation and integer powers occur.
  var isRationalFunction: Bool {
    switch self {
    case .constant, .variable: return true
    case .pi, .realPower, .call: return false
    case .sum(let a, let b), .difference(let a, let b), .product(let a, let b), .quotient(let a, let b):
      return a.isRationalFunction && b.isRationalFunction
    case .negation(let a), .power(let a, _): return a.isRationalFunction
    }
  }
}
