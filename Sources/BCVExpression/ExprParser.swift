import BCVNumerics

/// Parses expression text in the grammar of `bcv-corpus/1`:
///
///     sum     := product (("+" | "-") product)*
///     product := unary (("*" | "/") unary)*
///     unary   := ("-" | "+") unary | power
///     power   := atom ("^" unary)?          right-associative, tighter than unary minus
///     atom    := number | "pi" | variable | function "(" sum ")" | "(" sum ")"
///
/// so `-x^2` is −(x²) and `2^3^2` is 2⁹. Numbers are exact rationals. Constant
/// subexpressions are folded exactly while parsing, so a division by a constant zero is
/// reported at its `/`. Every rejection is an `ExprParseError` with a column; limits in
/// `ExprLimits` bound depth, length, exponents and constants, so no input can crash or hang
/// the parser.
public struct ExprParser: Sendable {
  public let variables: [String]
  public let limits: ExprLimits

  public init(variables: [String], limits: ExprLimits = .default) {
    self.variables = variables
    self.limits = limits
  }

  public func parse(_ text: String) throws(ExprParseError) -> Expr {
    let chars = Array(text)
    guard chars.count <= limits.maxLength else {
      throw ExprParseError(column: limits.maxLength + 1,
                           reason: "expression longer than \(limits.maxLength) characters")
    }
    var state = ParserState(chars: chars, variables: variables, limits: limits)
    let tokens = try state.tokenize()
    var cursor = TokenCursor(tokens: tokens, parser: state)
    let (expr, _) = try cursor.parseSum(depth: 0)
    if let extra = cursor.peek, extra.kind != .end {
      throw ExprParseError(column: extra.column, reason: "unexpected \(extra.quoted)")
    }
    return expr
  }
}

struct Token {
  enum Kind: Equatable { case number(Rational), identifier(String), symbol(Character), end }
  let kind: Kind
  let column: Int
  let text: String

  var quoted: String {
    switch kind {
    case .end: return "end of expression"
    default: return "'\(text)'"
    }
  }
}

struct ParserState {
  let chars: [Character]
  let variables: [String]
  let limits: ExprLimits

  func tokenize() throws(ExprParseError) -> [Token] {
    var tokens: [Token] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      let column = i + 1
      if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
      if c.isASCII && (c.isNumber || c == ".") {
        var j = i
        while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." { j += 1 }
        if j < chars.count, chars[j] == "e" || chars[j] == "E" {
          var k = j + 1
          if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
          if k < chars.count, chars[k].isASCII, chars[k].isNumber {
            while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
            j = k
          }
        }
        let text = String(chars[i..<j])
        guard let value = Rational.parseDecimal(text) else {
          throw ExprParseError(column: column, reason: "malformed number '\(text)'")
        }
        tokens.append(Token(kind: .number(value), column: column, text: text))
        i = j
      } else if c.isASCII && (c.isLetter || c == "_") {
        var j = i
        while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" {
          j += 1
        }
        let name = String(chars[i..<j])
        tokens.append(Token(kind: .identifier(name), column: column, text: name))
        i = j
      } else if "+-*/^()".contains(c) {
        tokens.append(Token(kind: .symbol(c), column: column, text: String(c)))
        i += 1
      } else {
        throw ExprParseError(column: column, reason: "unexpected character '\(c)'")
      }
    }
    tokens.append(Token(kind: .end, column: chars.count + 1, text: ""))
    return tokens
  }
}

/// Recursive descent over the tokens. Each parse function returns the expression and the
/// depth of its tree, so over-deep input is rejected before any recursive pass sees it.
struct TokenCursor {
  let tokens: [Token]
  let parser: ParserState
  var position = 0

  init(tokens: [Token], parser: ParserState) {
    self.tokens = tokens
    self.parser = parser
  }

  var peek: Token? { position < tokens.count ? tokens[position] : nil }
  var limits: ExprLimits { parser.limits }

  mutating func advance() -> Token {
    let t = tokens[position]
    position += 1
    return t
  }

  func isSymbol(_ s: Character) -> Bool {
    if case .symbol(let c) = tokens[position].kind { return c == s }
    return false
  }

  func checkDepth(_ depth: Int, at column: Int) throws(ExprParseError) {
    if depth > limits.maxDepth {
      throw ExprParseError(column: column, reason: "expression nested deeper than \(limits.maxDepth) levels")
    }
  }

  func checkSize(_ e: Expr, at column: Int) throws(ExprParseError) -> Expr {
    if let c = e.constantValue,
       max(c.numerator.bitLength, c.denominator.bitLength) > limits.maxConstantBits {
      throw ExprParseError(column: column, reason: "constant too large (over \(limits.maxConstantBits) bits)")
    }
    return e
  }

  /// A chain `a ± b ± c …` is built as a balanced tree (addition is associative over the
  /// reals, so this is exact), so a polynomial with thousands of terms stays shallow.
  mutating func parseSum(depth: Int) throws(ExprParseError) -> (Expr, Int) {
    let (first, firstDepth) = try parseProduct(depth: depth)
    var terms: [(negated: Bool, expr: Expr)] = [(false, first)]
    var maxDepth = firstDepth
    var lastColumn = tokens[position].column
    while isSymbol("+") || isSymbol("-") {
      let op = advance()
      lastColumn = op.column
      let (rhs, rhsDepth) = try parseProduct(depth: depth)
      terms.append((op.text == "-", rhs))
      maxDepth = max(maxDepth, rhsDepth)
    }
    let tree = balancedSum(terms[...])
    let treeDepth = maxDepth + ceilLog2(terms.count)
    try checkDepth(treeDepth, at: lastColumn)
    return (try checkSize(tree.negated ? -tree.expr : tree.expr, at: lastColumn), treeDepth)
  }

  private func balancedSum(_ terms: ArraySlice<(negated: Bool, expr: Expr)>) -> (negated: Bool, expr: Expr) {
    if terms.count == 1 { return terms[terms.startIndex] }
    let mid = terms.startIndex + terms.count / 2
    let l = balancedSum(terms[..<mid]), r = balancedSum(terms[mid...])
    switch (l.negated, r.negated) {
    case (false, false): return (false, l.expr + r.expr)
    case (false, true): return (false, l.expr - r.expr)
    case (true, false): return (false, r.expr - l.expr)
    case (true, true): return (true, l.expr + r.expr)
    }
  }

  private func ceilLog2(_ n: Int) -> Int {
    var levels = 0
    while (1 << levels) < n { levels += 1 }
    return levels
  }

  /// A chain of `*` alone is built balanced like a sum; once a `/` appears the chain is
  /// left-associative, as written.
  mutating func parseProduct(depth: Int) throws(ExprParseError) -> (Expr, Int) {
    var (lhs, lhsDepth) = try parseUnary(depth: depth)
    var factors: [Expr] = [lhs]
    var factorsDepth = lhsDepth
    while isSymbol("*") || isSymbol("/") {
      let op = advance()
      let (rhs, rhsDepth) = try parseUnary(depth: depth)
      if op.text == "*" {
        factors.append(rhs)
        factorsDepth = max(factorsDepth, rhsDepth)
        continue
      }
      (lhs, lhsDepth) = (balancedProduct(factors[...]), factorsDepth + ceilLog2(factors.count))
      lhsDepth = max(lhsDepth, rhsDepth) + 1
      try checkDepth(lhsDepth, at: op.column)
      guard let q = Expr.dividing(lhs, by: rhs) else {
        throw ExprParseError(column: op.column, reason: "division by zero")
      }
      lhs = try checkSize(q, at: op.column)
      factors = [lhs]
      factorsDepth = lhsDepth
    }
    let column = tokens[position].column
    lhsDepth = factorsDepth + ceilLog2(factors.count)
    try checkDepth(lhsDepth, at: column)
    return (try checkSize(balancedProduct(factors[...]), at: column), lhsDepth)
  }

  private func balancedProduct(_ factors: ArraySlice<Expr>) -> Expr {
    if factors.count == 1 { return factors[factors.startIndex] }
    let mid = factors.startIndex + factors.count / 2
    return balancedProduct(factors[..<mid]) * balancedProduct(factors[mid...])
  }

  mutating func parseUnary(depth: Int) throws(ExprParseError) -> (Expr, Int) {
    try checkDepth(depth, at: tokens[position].column)
    if isSymbol("-") || isSymbol("+") {
      let op = advance()
      let (operand, d) = try parseUnary(depth: depth + 1)
      return (op.text == "-" ? -operand : operand, d + 1)
    }
    return try parsePower(depth: depth)
  }

  mutating func parsePower(depth: Int) throws(ExprParseError) -> (Expr, Int) {
    let (base, baseDepth) = try parseAtom(depth: depth)
    guard isSymbol("^") else { return (base, baseDepth) }
    let caret = advance()
    let (exponent, expDepth) = try parseUnary(depth: depth + 1)
    let d = max(baseDepth, expDepth) + 1
    try checkDepth(d, at: caret.column)
    if let e = exponent.constantValue, e.isInteger {
      guard let n = e.numerator.asInt, abs(n) <= limits.maxExponent else {
        throw ExprParseError(column: caret.column,
                             reason: "exponent \(e) exceeds the limit of \(limits.maxExponent)")
      }
      if let c = base.constantValue,
         max(c.numerator.bitLength, c.denominator.bitLength) * abs(n) > limits.maxConstantBits {
        throw ExprParseError(column: caret.column, reason: "constant too large (over \(limits.maxConstantBits) bits)")
      }
      guard let p = Expr.raising(base, to: n) else {
        throw ExprParseError(column: caret.column, reason: "division by zero (zero to a negative power)")
      }
      return (p, d)
    }
    if let c = base.constantValue, c.signum() <= 0 {
      throw ExprParseError(column: caret.column,
                           reason: "non-integer power of a non-positive constant (a^b needs a > 0)")
    }
    return (.realPower(base, exponent), d)
  }

  mutating func parseAtom(depth: Int) throws(ExprParseError) -> (Expr, Int) {
    let token = advance()
    switch token.kind {
    case .number(let value):
      return (.constant(value), 1)
    case .identifier(let name):
      if name == "pi" { return (.pi, 1) }
      if let f = ElementaryFunction.callable[name] {
        guard isSymbol("(") else {
          throw ExprParseError(column: token.column + name.count,
                               reason: "function '\(name)' needs its argument in parentheses")
        }
        _ = advance()
        let (arg, d) = try parseSum(depth: depth + 1)
        try expectClosing(opener: token)
        return (.apply(f, arg), d + 1)
      }
      if let index = parser.variables.firstIndex(of: name) {
        return (.variable(index), 1)
      }
      if isSymbol("(") {
        throw ExprParseError(column: token.column, reason: "unknown function '\(name)'")
      }
      throw ExprParseError(column: token.column, reason: "unknown variable '\(name)'")
    case .symbol("("):
      let (inner, d) = try parseSum(depth: depth + 1)
      try expectClosing(opener: token)
      return (inner, d)
    case .end:
      throw ExprParseError(column: token.column, reason: position == 1 ? "empty expression" : "unexpected end of expression")
    default:
      throw ExprParseError(column: token.column, reason: "unexpected \(token.quoted)")
    }
  }

  mutating func expectClosing(opener: Token) throws(ExprParseError) {
    guard isSymbol(")") else {
      let t = tokens[position]
      if t.kind == .end {
        throw ExprParseError(column: opener.column, reason: "unclosed '(' (expected ')' before end of expression)")
      }
      throw ExprParseError(column: t.column, reason: "expected ')' but found \(t.quoted)")
    }
    _ = advance()
  }
}
