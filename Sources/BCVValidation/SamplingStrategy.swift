import BCVExpression
import BCVNumerics
import BCVPlatform

/// Uniform random sampling: finds counterexamples fast, proves nothing.
///
/// `settings.samples` points are drawn per obligation, spread over the region's pieces in
/// proportion to their contracted volumes, uniformly inside each piece's sampling box
/// (`SamplingBoxes`: the largest box of doubles inside the exact box, contracted onto the
/// piece's constraints when that shrinks it a lot), and kept when every constraint of the
/// piece is ≤ 0. Uniform points come from `UniformLanes`, in chunks of `chunkSize` whose
/// streams are keyed by the sampling box (`FusedSamplingPlan`): obligations sampling the
/// same box see the same points, and `decideAll` draws them once for all of them (a fused
/// pass), with results identical to deciding each obligation alone, for any worker count.
/// With `settings.sequence` set to `halton` or `sobol` they come instead from a seed-rotated
/// low-discrepancy sequence per piece, chunk c taking its points c·chunkSize ..< (c+1)·chunkSize:
/// just as deterministic, more even, but not independent, so the bound below is then a
/// heuristic (see `SampleSequence`); those obligations are decided one at a time.
///
/// Answers: `violated` with a confirmed point (`CounterexampleCheck`); `holds(proof: false)`
/// with the bound "violating fraction < ln(1/α)/n at confidence 1 − α" over the n points
/// that landed in the region; `holds(proof: true)` when the region is empty (no pieces, or
/// every piece proved empty by outward-rounded contraction); `unknown` when no point landed
/// in the region (a thin set), when the expression was undefined (NaN) at a point of the
/// region, or when a violation seen in floating point could not be confirmed (round-off).
/// `evaluations` counts the points drawn, `samplesInRegion` those in the region, so their
/// ratio is the obligation's acceptance rate.
public struct SamplingStrategy: Strategy {
  public let id = StrategyID.sampling
  public let isSound = false
  /// Points per chunk: the unit of parallel work and of the random streams.
  public static let chunkSize = 1024

  public init() {}

  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    decideAll([compiled], settings: settings)[0]
  }

  /// Decides every obligation; with uniform points, in one fused pass (see the type).
  public func decideAll(_ obligations: [CompiledObligation], settings: StrategySettings) -> [ObligationResult] {
    if settings.sequence != .uniform { return obligations.map { decideAlone($0, settings: settings) } }
    let plan = FusedSamplingPlan(obligations, samples: settings.samples)
    let outcomes = FusedSamplingPass.run(plan, settings: settings)
    return obligations.indices.map { o in
      let obligation = obligations[o].obligation
      let result = ObligationResult(condition: obligation.condition, status: .unknown(UnknownReason(.undecided, "")))
      if let empty = emptyRegion(result, obligation: obligation, provedEmpty: plan.provedEmpty[o]) { return empty }
      return summarize(outcomes[o], into: result, settings: settings)
    }
  }

  /// An empty region holds (certainly): no pieces, or every piece proved empty.
  private func emptyRegion(_ base: ObligationResult, obligation: Obligation, provedEmpty: Bool) -> ObligationResult? {
    guard obligation.region.pieces.isEmpty || provedEmpty else { return nil }
    var result = base
    result.status = .holds(proof: true)
    return result
  }

  /// One obligation with a low-discrepancy sequence (`SamplePlan`, `ChunkSampler`).
  private func decideAlone(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    let obligation = compiled.obligation
    let result = ObligationResult(condition: obligation.condition, status: .unknown(UnknownReason(.undecided, "")))
    let (pieces, provedEmpty) = SamplingBoxes.pieces(of: compiled, samples: settings.samples)
    if let empty = emptyRegion(result, obligation: obligation, provedEmpty: provedEmpty) { return empty }
    let plan = SamplePlan(obligation: obligation, pieces: pieces, chunkSize: Self.chunkSize,
                          sequence: settings.sequence, seed: settings.seed)
    let deadline = settings.timeLimit.map { Deadline(seconds: $0) }
    let outcomes = ParallelChunks.run(
      count: plan.chunks.count, workers: settings.workers,
      makeWorker: { ChunkSampler(compiled: compiled) },
      body: { sampler, k -> (result: ChunkOutcome, stop: Bool) in
        if deadline?.hasPassed == true { return (ChunkOutcome(timedOut: true), true) }
        let outcome = sampler.run(plan.chunks[k])
        return (outcome, outcome.confirmed != nil)
      })
    return summarize(outcomes, into: result, settings: settings)
  }

  private func summarize(_ outcomes: [ChunkOutcome?], into base: ObligationResult,
                         settings: StrategySettings) -> ObligationResult {
    var result = base
    var worst = -Double.infinity
    var undefinedAt: [Double]?
    var unconfirmedAt: [Double]?
    for outcome in outcomes {
      guard let o = outcome else { break }  // skipped after an earlier stop
      if o.timedOut {
        result.status = .unknown(UnknownReason(.timeout, "timeout after \(result.evaluations) evaluations"))
        return result
      }
      result.evaluations += o.drawn
      result.samplesInRegion += o.accepted
      worst = max(worst, o.worst)
      if let cex = o.confirmed {
        result.status = .violated(cex)
        result.worstValue = worst
        return result
      }
      undefinedAt = undefinedAt ?? o.undefinedAt
      unconfirmedAt = unconfirmedAt ?? o.unconfirmedAt
    }
    result.worstValue = worst.isFinite ? worst : nil
    if let p = undefinedAt {
      result.status = .unknown(UnknownReason(.undefined, "expression undefined (NaN) at \(format(p))"))
    } else if let p = unconfirmedAt {
      result.status = .unknown(UnknownReason(.roundOff, "violation within round-off at \(format(p)) could not be confirmed"))
    } else if result.samplesInRegion == 0 {
      result.status = .unknown(UnknownReason(.noSamples, "no sample landed in the region (0 of \(result.evaluations))"))
    } else {
      let alpha = 1 - settings.confidence
      result.status = .holds(proof: false)
      result.confidence = settings.confidence
      result.violationFractionBound = Libm.log(1 / alpha) / Double(result.samplesInRegion)
    }
    return result
  }

  private func format(_ p: [Double]) -> String {
    "(" + p.map { "\($0)" }.joined(separator: ", ") + ")"
  }
}
