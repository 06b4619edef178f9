import BCVExpression
import BCVNumerics
import BCVPlatform

/// Adaptive sampling: uniform exploration plus gradient-guided local search where
/// violations are likely. Finds counterexamples faster than uniform sampling when the
/// violating set is small but reachable by ascent from points of small margin, along a
/// constraint boundary or at a face of the box; proves nothing. A violating set away from
/// every such hill is met only by the uniform part, which gets at least a fifth of each
/// batch (all of it once no walker has a seed left).
///
/// The search (`AdaptiveSearch`) first evaluates `initialSamples` uniform points, then
/// spends batches of `batchSize` points: every active walker (at most `walkers`, started
/// from the best uniform points — largest g in the region, or smallest constraint
/// violation outside it — and from any unconfirmed violation) proposes gradient-ascent steps
/// on g, a Newton step onto g = 0, and small perturbations, all projected (linearised)
/// onto its piece's constraints h ≤ 0 so that constraint boundaries are followed, and
/// clamped into its piece's box; the rest of each batch (at least `explorationPoints`) are
/// fresh uniform points. Gradients come from a tape of ∂g/∂xᵢ and ∂h/∂xᵢ compiled once per
/// obligation. A walker retires after 4 rounds without improvement or on reaching a
/// round-off false alarm (the noise around g = 0, which it cannot climb).
///
/// Stops when a violation is confirmed by `CounterexampleCheck` (exact rationals or
/// intervals: an `invalid` is certain), when the budget `settings.samples` of evaluations
/// is spent (an evaluation is a point evaluated on the obligation's tape or on the gradient
/// tape), on timeout, or when the uniform points alone show at confidence
/// `settings.confidence` that the violating fraction is below `targetViolationFraction`
/// (n ≥ ln(1/α)/target uniform points in the region, none violating) while no walker is
/// still improving.
///
/// Answers: `violated` with a confirmed point; `holds(proof: false)` with the bound
/// "violating fraction < ln(1/α)/n at confidence 1 − α", where n (`samplesInRegion`)
/// counts only the uniform points in the region: local-search points are not uniformly
/// distributed, so they make no statistical claim (they can only find violations);
/// `unknown` when no uniform point landed in the region, when the expression was
/// undefined (NaN) at an evaluated point of the region, or when a violation seen in
/// floating point could be neither confirmed nor ruled out (`CounterexampleCheck.classify`;
/// round-off false alarms are dropped, as in `sampling`). `worstValue` is the largest g at
/// any evaluated point of the region.
///
/// Parallelism and determinism: rounds are sequential (each depends on the last) and use
/// only streams of `SeededGenerator(seed:stream:)`. Within a round, the exact checks of
/// its floating-point violations — most of the time where violations are round-off noise
/// around g = 0 — run on `settings.workers` threads, and their outcomes are applied in the
/// order one worker would apply them. So the same seed gives the same answer,
/// counterexample and counters whatever `settings.workers` is.
public struct AdaptiveSamplingStrategy: Strategy {
  public let id = StrategyID.adaptive
  public let isSound = false
  /// Uniform points evaluated before any local search (fewer when the budget is smaller).
  public var initialSamples = 1000
  /// Points evaluated per round after the initial ones.
  public var batchSize = 100
  /// Local searches run at once; each proposes 5 points per round.
  public var walkers = 16
  /// Fresh uniform points per round, at least.
  public var explorationPoints = 20
  /// The violating fraction below which the uniform points may stop the search early.
  public var targetViolationFraction = 1e-4

  public init() {}

  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    var result = ObligationResult(condition: compiled.obligation.condition, status: .unknown(UnknownReason(.undecided, "")))
    if compiled.obligation.region.pieces.isEmpty {
      result.status = .holds(proof: true)
      return result
    }
    let deadline = settings.timeLimit.map { Deadline(seconds: $0) }
    let alpha = 1 - settings.confidence
    let enough = alpha > 0 ? Libm.log(1 / alpha) / targetViolationFraction : .infinity
    var search = AdaptiveSearch(compiled: compiled, strategy: self, settings: settings)
    var timedOut = false
    while !search.isFinished {
      if deadline?.hasPassed == true {
        timedOut = true
        break
      }
      search.advance()
      let t = search.tally
      if search.initialLeft == 0 && t.confirmed == nil && t.undefinedAt == nil && t.unconfirmedAt == nil
          && Double(t.uniformInRegion) >= enough && !search.isClimbing {
        break
      }
    }
    return summarize(search.tally, timedOut: timedOut, into: result, settings: settings)
  }

  private func summarize(_ tally: AdaptiveTally, timedOut: Bool, into base: ObligationResult,
                         settings: StrategySettings) -> ObligationResult {
    var result = base
    result.evaluations = tally.evaluations
    result.samplesInRegion = tally.uniformInRegion
    result.worstValue = tally.worst.isFinite ? tally.worst : nil
    if let cex = tally.confirmed {
      result.status = .violated(cex)
    } else if timedOut {
      result.status = .unknown(UnknownReason(.timeout, "timeout after \(tally.evaluations) evaluations"))
    } else if let p = tally.undefinedAt {
      result.status = .unknown(UnknownReason(.undefined, "expression undefined (NaN) at \(format(p))"))
    } else if let p = tally.unconfirmedAt {
      result.status = .unknown(UnknownReason(.roundOff, "violation within round-off at \(format(p)) could not be confirmed"))
    } else if tally.uniformInRegion == 0 {
      result.status = .unknown(UnknownReason(.noSamples,
        "no uniform sample landed in the region (0 of \(tally.uniformDrawn); \(tally.evaluations) evaluations)"))
    } else {
      let alpha = 1 - settings.confidence
      result.status = .holds(proof: false)
      result.confidence = settings.confidence
      result.violationFractionBound = Libm.log(1 / alpha) / Double(tally.uniformInRegion)
    }
    return result
  }

  private func format(_ p: [Double]) -> String {
    "(" + p.map { "\($0)" }.joined(separator: ", ") + ")"
  }
}
