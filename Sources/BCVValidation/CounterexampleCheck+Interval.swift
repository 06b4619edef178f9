import BCVExpression
import BCVNumerics

extension CounterexampleCheck {
  /// Classifies a point of a non-polynomial obligation by evaluating over point intervals:
  /// a violation needs every constraint's enclosure ≤ 0 and the expression's enclosure
  /// certainly violating (> 0, or ≥ 0 when strict); a constraint certainly > 0 or an
  /// expression certainly holding rules the point out; anything else (an undefined or
  /// straddling enclosure) is undecided.
  static func classifyWithIntervals(_ point: [Double], constraintOutputs: [Int],
                                    compiled: CompiledObligation) -> Classification {
    var registers: [Interval] = []
    let values = compiled.tape.evaluate(at: point.map { Interval($0) }, registers: &registers)
    for j in constraintOutputs where values[j].certainlyGreater(0) { return .notViolation }
    for j in constraintOutputs where !values[j].certainlyLessThanOrEqual(0) { return .undecided }
    let g = values[0]
    let holds = compiled.obligation.strict ? g.certainlyLess(0) : g.certainlyLessThanOrEqual(0)
    if holds { return .notViolation }
    let violated = compiled.obligation.strict ? g.certainlyGreaterThanOrEqual(0) : g.certainlyGreater(0)
    return violated ? .violation(Counterexample(point: point, value: g.midpoint, confirmation: .intervalArithmetic)) : .undecided
  }
}
