import BCVExpression
import Foundation
import BCVNumerics
import BCVValidation
import Testing

/// Small problems and obligations for the symbolic-strategy and fingerprint tests, built
/// from text as a corpus case would be.
enum SymbolicFixtures {
  /// The exact value of a decimal literal with an optional leading minus.
  static func rational(_ text: String) -> Rational {
    let negative = text.hasPrefix("-")
    let value = Rational.parseDecimal(negative ? String(text.dropFirst()) : text)!
    return negative ? -value : value
  }

  /// Bounds from two decimal literals.
  static func bounds(_ lower: String, _ upper: String) -> Bounds {
    Bounds(rational(lower), rational(upper))
  }

  /// A constraint written "lhs REL rhs" with REL one of <=, <, >=, >.
  static func constraint(_ text: String, variables: [String]) throws -> SetConstraint {
    let parser = ExprParser(variables: variables)
    for relation in [SetRelation.lessOrEqual, .greaterOrEqual, .less, .greater] {
      let parts = text.components(separatedBy: relation.rawValue)
      if parts.count == 2 {
        return SetConstraint(lhs: try parser.parse(parts[0]), relation: relation, rhs: try parser.parse(parts[1]))
      }
    }
    Issue.record("no relation in constraint \(text)")
    return SetConstraint(expression: .zero, strict: false)
  }

  /// The set box ∩ where, with the box given per variable index.
  static func set(_ variables: [String], box: [Int: Bounds] = [:], where constraints: [String] = [],
                  anyOf: [StateSet]? = nil) throws -> StateSet {
    StateSet(box: box, constraints: try constraints.map { try constraint($0, variables: variables) }, anyOf: anyOf)
  }

  static func problem(variables: [String], dynamics: [String], certificate: String, domain: [Bounds],
                      initial: StateSet, unsafe: StateSet, time: TimeModel = .continuous,
                      condition: ConditionKind = .standard) throws -> BarrierProblem {
    let parser = ExprParser(variables: variables)
    var box: [Int: Bounds] = [:]
    for (i, b) in domain.enumerated() { box[i] = b }
    return BarrierProblem(
      variables: variables, time: time, dynamics: try dynamics.map { try parser.parse($0) },
      domain: StateSet(box: box), initial: initial, unsafe: unsafe,
      certificate: try parser.parse(certificate), condition: condition)
  }

  /// The problem's obligations (initial, unsafe, flow), compiled.
  static func compiled(_ problem: BarrierProblem) throws -> [CompiledObligation] {
    try problem.obligations().map(CompiledObligation.init)
  }

  /// A single obligation "expression ≤ 0" (or < 0) on one piece: box ∩ where.
  static func obligation(_ expression: String, variables: [String], box: [Bounds], where constraints: [String] = [],
                         strict: Bool = false, condition: ConditionName = .flow) throws -> CompiledObligation {
    let parser = ExprParser(variables: variables)
    let piece = RegionPiece(
      box: Box(bounds: box),
      constraints: try constraints.map { try constraint($0, variables: variables).expression })
    return CompiledObligation(Obligation(
      condition: condition, region: Region(pieces: [piece]), expression: try parser.parse(expression),
      strict: strict, variableNames: variables))
  }

  /// The standard 2-D example: B = x1² + x2² − 1 with a small initial disc at the origin,
  /// an unsafe box far away and the given dynamics, on [−2, 2]².
  static func disc(dynamics: [String], initialWhere: [String] = ["x1^2 + x2^2 <= 0.04"],
                   initialBox: [Int: Bounds] = [:]) throws -> BarrierProblem {
    let v = ["x1", "x2"]
    return try problem(
      variables: v, dynamics: dynamics, certificate: "x1^2 + x2^2 - 1",
      domain: [bounds("-2", "2"), bounds("-2", "2")],
      initial: set(v, box: initialBox, where: initialWhere),
      unsafe: set(v, box: [0: bounds("1.5", "2"), 1: bounds("1.5", "2")]))
  }
}
