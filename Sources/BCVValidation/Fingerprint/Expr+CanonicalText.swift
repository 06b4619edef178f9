import BCVExpression
import BCVNumerics

extension Expr {
  /// A text that depends only on the function the expression computes and on where it is
  /// defined, for the algebraic rewritings that matter to fingerprints.
  ///
  /// Construction: every maximal non-polynomial node becomes an *atom*, a fresh variable
  /// named by the node's kind and the canonical texts of its arguments: `sin[…]` and the
  /// other functions, `pow[…; …]` for a real power, `inv[…]` for 1/u, `pi`, and
  /// `ipow[…; k]` only for the integer power k = Int.min, which has no positive
  /// counterpart. The rest is expanded exactly as a polynomial over x0 … x(n−1) and the
  /// atoms (atoms ordered by name) and written with `Polynomial.description`. Variables
  /// are named by position. So expanded and factored forms, reordered sums and products,
  /// and `2*x` against `x + x` give the same text, including inside function arguments;
  /// for a polynomial expression the text is its canonical polynomial. Divisions by a
  /// constant become rational coefficients, and 1/u for a non-constant polynomial u is
  /// written (1/lc)·inv[u/lc] with lc its leading coefficient, so 1/(2x) and (1/2)·(1/x)
  /// agree.
  ///
  /// Guarantee: equal texts mean equal values wherever defined *and* equal domains of
  /// definition. Values: the ring identities used hold for real numbers, and an atom's
  /// name determines its argument's value function. Domains: an expression is undefined
  /// where any of its atoms is; atoms that cancel from the expansion (such as
  /// log(x) − log(x)) are listed after " where ", so they still distinguish the text.
  ///
  /// When an expansion would exceed `Expr.polynomial`'s term limit the text falls back to
  /// the expression's own structure, `expr{…}`, which is exact but not normalised.
  public func canonicalText(variableCount n: Int) -> String {
    let names = (0..<n).map { "x\($0)" }
    var atoms = AtomTable(variableCount: n)
    let abstracted = atoms.abstract(self)
    let order = atoms.names.indices.sorted { atoms.names[$0] < atoms.names[$1] }
    var mapping = Array(0..<(n + order.count))
    for (position, id) in order.enumerated() { mapping[n + id] = n + position }
    let total = n + order.count
    guard let p = abstracted.renumberingVariables(mapping).polynomial(variableCount: total) else {
      return "expr{" + text(variableNames: names) + "}"
    }
    let allNames = names + order.map { atoms.names[$0] }
    var result = p.description(variableNames: allNames)
    let cancelled = (n..<total).filter { p.degree(in: $0) == 0 }.map { allNames[$0] }
    if !cancelled.isEmpty { result += " where " + cancelled.joined(separator: ", ") }
    return result
  }
}

/// The atoms of one expression: non-polynomial nodes replaced by variables n, n+1, … in
/// order of first occurrence, each with its canonical name.
private struct AtomTable {
  let variableCount: Int
  private(set) var names: [String] = []
  private var ids: [String: Int] = [:]

  init(variableCount: Int) { self.variableCount = variableCount }

  /// The variable standing for the atom with this name.
  private mutating func atom(_ name: String) -> Expr {
    if let id = ids[name] { return .variable(variableCount + id) }
    ids[name] = names.count
    names.append(name)
    return .variable(variableCount + names.count - 1)
  }

  /// `e` with every non-polynomial node replaced by its atom variable: a polynomial
  /// expression in the state variables and the atoms, equal to `e` wherever e is defined.
  mutating func abstract(_ e: Expr) -> Expr {
    let n = variableCount
    switch e {
    case .constant, .variable: return e
    case .pi: return atom("pi")
    case .sum(let a, let b): return abstract(a) + abstract(b)
    case .difference(let a, let b): return abstract(a) - abstract(b)
    case .product(let a, let b): return abstract(a) * abstract(b)
    case .negation(let a): return -abstract(a)
    case .quotient(let a, let b): return abstract(a) * reciprocal(of: b)
    case .power(let a, let k) where k >= 0:
      let base = abstract(a)
      return Expr.raising(base, to: k) ?? .power(base, k)
    case .power(let a, let k) where k != Int.min:
      let inverse = reciprocal(of: a)
      return Expr.raising(inverse, to: -k) ?? .power(inverse, -k)
    case .power(let a, let k):
      return atom("ipow[\(a.canonicalText(variableCount: n)); \(k)]")
    case .realPower(let a, let b):
      return atom("pow[\(a.canonicalText(variableCount: n)); \(b.canonicalText(variableCount: n))]")
    case .call(let f, let a):
      return atom("\(f.rawValue)[\(a.canonicalText(variableCount: n))]")
    }
  }

  /// 1/u as a constant, or as a constant times an `inv[…]` atom whose polynomial
  /// argument is scaled to leading coefficient 1 (so 1/(2x) and (1/2)·(1/x) agree).
  private mutating func reciprocal(of u: Expr) -> Expr {
    let n = variableCount
    guard let p = u.polynomial(variableCount: n), !p.isZero else {
      return atom("inv[\(u.canonicalText(variableCount: n))]")
    }
    if let c = p.constantValue { return .constant(c.reciprocal) }
    let lead = p.terms[0].coefficient
    let names = (0..<n).map { "x\($0)" }
    return .constant(lead.reciprocal) * atom("inv[\((lead.reciprocal * p).description(variableNames: names))]")
  }
}
