import BCVExpression
import BCVNumerics

/// Turns a candidate point found in floating point into a certain counterexample, or
/// declines. Strategies may only report `violated` with a point that passed this check.
///
/// For rational tapes (polynomial obligations) the point's doubles are converted to exact
/// rationals and everything is evaluated exactly. Otherwise the tape is evaluated over
/// point intervals, whose results enclose the true values. Either way the point must lie
/// in the piece's box, satisfy every constraint of the piece (≤ 0, the closure) and
/// violate the obligation with certainty.
public enum CounterexampleCheck {
  public static func confirm(_ point: [Double], piece: Int, in compiled: CompiledObligation) -> Counterexample? {
    let obligation = compiled.obligation
    guard piece < obligation.region.pieces.count, point.count == obligation.dimension,
          point.allSatisfy(\.isFinite) else { return nil }
    let exactPoint = point.map { Rational(exactly: $0)! }
    for (x, b) in zip(exactPoint, obligation.region.pieces[piece].box.bounds) {
      if x < b.lower || x > b.upper { return nil }
    }
    let constraintOutputs = compiled.pieceConstraints[piece]
    if compiled.tape.isRational {
      guard let values = compiled.tape.evaluateExactly(at: exactPoint) else { return nil }
      for j in constraintOutputs where values[j].signum() > 0 { return nil }
      let g = values[0]
      let violated = obligation.strict ? g.signum() >= 0 : g.signum() > 0
      return violated ? Counterexample(point: point, value: g.doubleValue, confirmation: .exactRational) : nil
    }
    return confirmWithIntervals(point, constraintOutputs: constraintOutputs, compiled: compiled)
  }
}
