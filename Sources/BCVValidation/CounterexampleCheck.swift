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
  /// The most floating-point violations a sampling batch settles exactly, most violating
  /// first. Many more than this near g = 0 is round-off noise around an expression that is
  /// zero or tangent on a large set (a Hamiltonian's Ḃ ≡ 0); settling them all would cost
  /// time without bound, so the rest leave the answer `unknown` — fast, deterministic and
  /// honest — unless a later batch confirms a real violation.
  public static let maxExactChecksPerBatch = 32

  /// What a candidate point turned out to be.
  public enum Classification: Sendable, Hashable {
    /// A certain violation.
    case violation(Counterexample)
    /// Certainly not a violation: outside the piece, or the obligation certainly holds there
    /// (a floating-point false alarm).
    case notViolation
    /// Could not be settled (an enclosure straddles the boundary, or a value is undefined).
    case undecided
  }

  public static func confirm(_ point: [Double], piece: Int, in compiled: CompiledObligation) -> Counterexample? {
    if case .violation(let cex) = classify(point, piece: piece, in: compiled) { return cex }
    return nil
  }

  public static func classify(_ point: [Double], piece: Int, in compiled: CompiledObligation) -> Classification {
    let obligation = compiled.obligation
    guard piece < obligation.region.pieces.count, point.count == obligation.dimension,
          point.allSatisfy(\.isFinite) else { return .undecided }
    let exactPoint = point.map { Rational(exactly: $0)! }
    for (x, b) in zip(exactPoint, obligation.region.pieces[piece].box.bounds) {
      if x < b.lower || x > b.upper { return .notViolation }
    }
    let constraintOutputs = compiled.pieceConstraints[piece]
    if compiled.tape.isRational {
      guard let values = compiled.tape.evaluateExactly(at: exactPoint) else { return .undecided }
      for j in constraintOutputs where values[j].signum() > 0 { return .notViolation }
      let g = values[0]
      let violated = obligation.strict ? g.signum() >= 0 : g.signum() > 0
      return violated ? .violation(Counterexample(point: point, value: g.doubleValue, confirmation: .exactRational)) : .notViolation
    }
    return classifyWithIntervals(point, constraintOutputs: constraintOutputs, compiled: compiled)
  }
}
