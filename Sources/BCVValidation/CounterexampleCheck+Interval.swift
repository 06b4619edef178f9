import BCVExpression
import BCVNumerics

extension CounterexampleCheck {
  /// Confirms a point of a non-polynomial obligation by evaluating over point intervals:
  /// every constraint's enclosure must be ≤ 0 and the expression's enclosure certainly
  /// violating (> 0, or ≥ 0 when strict). An undefined enclosure confirms nothing.
  static func confirmWithIntervals(_ point: [Double], constraintOutputs: [Int],
                                   compiled: CompiledObligation) -> Counterexample? {
    var registers: [Interval] = []
    let values = compiled.tape.evaluate(at: point.map { Interval($0) }, registers: &registers)
    for j in constraintOutputs where !values[j].certainlyLessThanOrEqual(0) { return nil }
    let g = values[0]
    let violated = compiled.obligation.strict ? g.certainlyGreaterThanOrEqual(0) : g.certainlyGreater(0)
    guard violated else { return nil }
    return Counterexample(point: point, value: g.midpoint, confirmation: .intervalArithmetic)
  }
}
