import BCVExpression
import BCVNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Uniform random sampling: finds counterexamples fast, proves nothing.
///
/// `settings.samples` points are drawn per obligation, spread over the region's pieces in
/// proportion to their box volumes, uniformly inside each box (the largest box of doubles
/// inside the exact box), and kept when every constraint of the piece is ≤ 0. The points
/// come from `SeededGenerator(seed:stream:)` in fixed chunks of `chunkSize`, so the same
/// seed gives the same points, verdicts and counters for any worker count. With
/// `settings.sequence` set to `halton` or `sobol` they come instead from a seed-rotated
/// low-discrepancy sequence, chunk c taking its points c·chunkSize ..< (c+1)·chunkSize:
/// just as deterministic, more even, but not independent, so the bound below is then a
/// heuristic (see `SampleSequence`).
///
/// Answers: `violated` with a confirmed point (`CounterexampleCheck`); `holds(proof: false)`
/// with the bound "violating fraction < ln(1/α)/n at confidence 1 − α" over the n points
/// that landed in the region; `unknown` when no point landed in the region (a thin set),
/// when the expression was undefined (NaN) at a point of the region, or when a violation
/// seen in floating point could not be confirmed (round-off).
public struct SamplingStrategy: Strategy {
  public let name = "sampling"
  public let isSound = false
  /// Points per chunk: the unit of parallel work and of the random streams.
  public static let chunkSize = 1024

  public init() {}

  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    let obligation = compiled.obligation
    var result = ObligationResult(condition: obligation.condition, status: .unknown(reason: ""))
    if obligation.region.pieces.isEmpty {
      result.status = .holds(proof: true)
      return result
    }
    let plan = SamplePlan(obligation: obligation, samples: settings.samples, chunkSize: Self.chunkSize,
                          sequence: settings.sequence, seed: settings.seed)
    let deadline = settings.timeLimit.map { Deadline(seconds: $0) }
    let streamSalt = UInt64(ConditionName.allCases.firstIndex(of: obligation.condition)!) << 48
    let outcomes = ParallelChunks.run(
      count: plan.chunks.count, workers: settings.workers,
      makeWorker: { ChunkSampler(compiled: compiled) },
      body: { sampler, k -> (result: ChunkOutcome, stop: Bool) in
        if deadline?.hasPassed == true { return (ChunkOutcome(timedOut: true), true) }
        var rng = SeededGenerator(seed: settings.seed, stream: streamSalt | UInt64(k))
        let outcome = sampler.run(plan.chunks[k], rng: &rng)
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
        result.status = .unknown(reason: "timeout after \(result.evaluations) evaluations")
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
      result.status = .unknown(reason: "expression undefined (NaN) at \(format(p))")
    } else if let p = unconfirmedAt {
      result.status = .unknown(reason: "violation within round-off at \(format(p)) could not be confirmed")
    } else if result.samplesInRegion == 0 {
      result.status = .unknown(reason: "no sample landed in the region (0 of \(result.evaluations))")
    } else {
      let alpha = 1 - settings.confidence
      result.status = .holds(proof: false)
      result.confidence = settings.confidence
      result.violationFractionBound = log(1 / alpha) / Double(result.samplesInRegion)
    }
    return result
  }

  private func format(_ p: [Double]) -> String {
    "(" + p.map { "\($0)" }.joined(separator: ", ") + ")"
  }
}
