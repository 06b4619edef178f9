import BCVExpression
import BCVNumerics
import BCVValidation

/// Builds problems from text, for tests: `makeProblem(variables: ["x","y"], dynamics: [...], …)`.
func makeProblem(variables: [String], dynamics: [String], domain: [(Double, Double)],
                 initial: StateSet, unsafe: StateSet, certificate: String,
                 condition: ConditionKind = .standard, time: TimeModel = .continuous) throws -> BarrierProblem {
  let parser = ExprParser(variables: variables)
  var box: [Int: Bounds] = [:]
  for (i, (lo, hi)) in domain.enumerated() { box[i] = Bounds(Rational(exactly: lo)!, Rational(exactly: hi)!) }
  return BarrierProblem(variables: variables, time: time, dynamics: try dynamics.map { try parser.parse($0) },
                        domain: StateSet(box: box), initial: initial, unsafe: unsafe,
                        certificate: try parser.parse(certificate), condition: condition)
}

/// A set given by constraints `"EXPR <= 0"`-style strings, parsed as `lhs <= rhs`.
func whereSet(_ variables: [String], _ constraints: [String], box: [Int: (Double, Double)] = [:]) throws -> StateSet {
  let parser = ExprParser(variables: variables)
  var set = StateSet()
  for (i, (lo, hi)) in box { set.box[i] = Bounds(Rational(exactly: lo)!, Rational(exactly: hi)!) }
  for c in constraints {
    let parts = c.components(separatedBy: "<=")
    set.constraints.append(SetConstraint(lhs: try parser.parse(parts[0]), relation: .lessOrEqual, rhs: try parser.parse(parts[1])))
  }
  return set
}

func compiled(_ problem: BarrierProblem) throws -> [CompiledObligation] {
  try problem.obligations().map(CompiledObligation.init)
}

import Foundation
