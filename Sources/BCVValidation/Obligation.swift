import BCVExpression
import BCVNumerics

/// The central idea: one certificate condition as "on this region, this expression
/// satisfies this relation". Every strategy decides obligations; a case's verdict
/// combines the verdicts of its three obligations.
///
/// The relation is always against zero: `expression ≤ 0` everywhere on `region`, or
/// `expression < 0` when `strict`. A point of the region with `expression > 0` (or `≥ 0`
/// when strict) violates the obligation; so does a point where the expression is
/// undefined, since an undefined value never counts as the condition holding.
public struct Obligation: Sendable, Hashable {
  public let condition: ConditionName
  public let region: Region
  public let expression: Expr
  public let strict: Bool
  public let variableNames: [String]

  public init(condition: ConditionName, region: Region, expression: Expr, strict: Bool,
              variableNames: [String]) {
    self.condition = condition
    self.region = region
    self.expression = expression
    self.strict = strict
    self.variableNames = variableNames
  }

  public var dimension: Int { variableNames.count }

  /// Whether the expression and every constraint of the region are polynomial.
  public var isPolynomial: Bool {
    expression.isPolynomial && region.pieces.allSatisfy { $0.constraints.allSatisfy(\.isPolynomial) }
  }

  /// A one-line statement, e.g. `flow: 2*x1*x2 - … <= 0 on 1 piece(s)`.
  public var summary: String {
    "\(condition.rawValue): \(expression.text(variableNames: variableNames)) \(strict ? "<" : "<=") 0 on \(region.pieces.count) piece(s)"
  }
}

/// An obligation compiled for evaluation: output 0 of `tape` is the obligation's
/// expression, and piece p's constraints are the outputs listed in `pieceConstraints[p]`.
/// Shared subexpressions between the expression and the constraints are computed once.
public struct CompiledObligation: Sendable {
  public let obligation: Obligation
  public let tape: Tape
  public let pieceConstraints: [[Int]]

  public init(_ obligation: Obligation) {
    var outputs: [Expr] = [obligation.expression]
    var index: [Expr: Int] = [:]
    var pieceConstraints: [[Int]] = []
    for piece in obligation.region.pieces {
      var ids: [Int] = []
      for c in piece.constraints {
        if let existing = index[c] { ids.append(existing); continue }
        index[c] = outputs.count
        ids.append(outputs.count)
        outputs.append(c)
      }
      pieceConstraints.append(ids)
    }
    self.obligation = obligation
    self.tape = Tape(compiling: outputs, variableCount: obligation.dimension)
    self.pieceConstraints = pieceConstraints
  }

  /// Whether the value `g` of the expression violates the relation (NaN violates).
  @inline(__always)
  public func violates(_ g: Double) -> Bool {
    obligation.strict ? !(g < 0) : !(g <= 0)
  }
}
