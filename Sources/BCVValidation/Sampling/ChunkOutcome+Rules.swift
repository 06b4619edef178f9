import BCVExpression

/// The rules every sampler applies to its evaluated points, written once: the fused
/// uniform pass (`FusedSamplingWorker`, on its slow path) and the low-discrepancy
/// `ChunkSampler` give the same answers for the same points because they share these.
extension ChunkOutcome {
  /// A point whose value violates the obligation in floating point, awaiting confirmation.
  typealias Candidate = (g: Double, order: Int, point: [Double])

  /// Scans `count` evaluated points: a point is in the piece unless some constraint output
  /// is > 0; in the piece, an undefined (NaN) constraint or expression marks the point
  /// undefined; otherwise its value counts for the worst value and, when `!(value <
  /// threshold)` (0 for `< 0`, the least positive double for `≤ 0`), it becomes a candidate
  /// numbered `firstOrder + k` in drawing order.
  mutating func scan(_ evaluator: DoubleBatchEvaluator, expression: Int, constraints: [Int], count: Int,
                     threshold: Double, firstOrder: Int, point: (Int) -> [Double],
                     into candidates: inout [Candidate]) {
    let g = evaluator.output(expression)
    pointLoop: for k in 0..<count {
      var undefinedConstraint = false
      for j in constraints {
        let h = evaluator.output(j)[k]
        if h > 0 { continue pointLoop }
        if h.isNaN { undefinedConstraint = true }
      }
      accepted += 1
      let value = g[k]
      if value.isNaN || undefinedConstraint {
        if undefinedAt == nil { undefinedAt = point(k) }
        continue
      }
      worst = max(worst, value)
      if !(value < threshold) { candidates.append((value, firstOrder + k, point(k))) }
    }
  }

  /// Confirms candidates most violating first (ties in drawing order), at most
  /// `CounterexampleCheck.maxExactChecksPerBatch` of them, exactly or by intervals: a false
  /// alarm from round-off is dropped; the first confirmed one becomes `confirmed`; one that
  /// cannot be settled (or is beyond the limit) leaves the answer open (`unconfirmedAt`).
  mutating func settle(_ candidates: [Candidate], piece: Int, in compiled: CompiledObligation) {
    if candidates.isEmpty { return }
    let ranked = candidates.sorted { ($0.g, -$0.order) > ($1.g, -$1.order) }
    for (n, c) in ranked.enumerated() {
      if n == CounterexampleCheck.maxExactChecksPerBatch {
        if unconfirmedAt == nil { unconfirmedAt = c.point }
        return
      }
      switch CounterexampleCheck.classify(c.point, piece: piece, in: compiled) {
      case .violation(let cex):
        confirmed = cex
        return
      case .undecided:
        if unconfirmedAt == nil { unconfirmedAt = c.point }
      case .notViolation:
        continue
      }
    }
  }

  /// The value `g` must stay below for `compiled` to hold at a point: 0 for a strict
  /// relation, the least positive double otherwise (`!(g < t)` is then `compiled.violates(g)`).
  static func threshold(of compiled: CompiledObligation) -> Double {
    compiled.obligation.strict ? 0 : Double.leastNonzeroMagnitude
  }
}
