import BCVNumerics

extension Expr {
  /// The expression in the corpus grammar, using the given names for the variables.
  /// Parsing the text back gives an equal expression (the same tree, not only the same
  /// function), which proof certificates rely on.
  public func text(variableNames names: [String]) -> String {
    render(names, context: 0)
  }

  // Precedence levels: 1 sum/difference, 2 product/quotient, 3 unary minus, 4 power, 5 atom.
  private var precedence: Int {
    switch self {
    case .constant(let c): return c.signum() < 0 ? 3 : (c.isInteger ? 5 : 2)
    case .pi, .variable, .call: return 5
    case .sum, .difference: return 1
    case .product, .quotient: return 2
    case .negation: return 3
    case .power, .realPower: return 4
    }
  }

  private func render(_ names: [String], context: Int) -> String {
    let body: String
    switch self {
    case .constant(let c): body = c.description
    case .pi: body = "pi"
    case .variable(let i): body = i < names.count ? names[i] : "x\(i)"
    // A left operand of the same precedence is parenthesised too: the parser builds chains
    // such as `a + b + c` as balanced trees, so only explicit grouping reproduces the tree.
    case .sum(let a, let b): body = a.render(names, context: 2) + " + " + b.render(names, context: 2)
    case .difference(let a, let b):
      body = a.render(names, context: 2) + " - " + b.render(names, context: 2)
    case .product(let a, let b): body = a.render(names, context: 3) + "*" + b.render(names, context: 3)
    case .quotient(let a, let b): body = a.render(names, context: 3) + "/" + b.render(names, context: 3)
    case .negation(let a): body = "-" + a.render(names, context: 3)
    case .power(let a, let n):
      body = a.render(names, context: 5) + "^" + (n < 0 ? "(\(n))" : "\(n)")
    case .realPower(let a, let b): body = a.render(names, context: 5) + "^" + b.render(names, context: 5)
    case .call(let f, let a): body = f.rawValue + "(" + a.render(names, context: 0) + ")"
    }
    return precedence < context ? "(" + body + ")" : body
  }
}
