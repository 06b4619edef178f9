import BCVExpression
import BCVNumerics

/// The δ-decision search of the `smt` strategy over all pieces of one obligation.
///
/// ## Deterministic waves
/// The queue is processed breadth-first in waves. A wave is the whole current frontier
/// in canonical order (pieces in order, then the order in which boxes were split, lower
/// half first); it is cut into chunks of at most `chunkSize` boxes that `ParallelChunks` hands to
/// the workers, and the outcomes are read back in chunk order. The next frontier is the
/// concatenation of the children in that order. A box's outcome depends on the box alone
/// (`BoxExaminer`), so the frontiers, the counters and the answer are the same for any
/// worker count. The first confirmed counterexample in canonical order wins; boxes after
/// it in its wave are not counted.
///
/// ## Budgets
/// At most `settings.maxBoxes` boxes are examined (the last wave is truncated to fit) and
/// `settings.timeLimit` seconds are spent (checked before each chunk); either ends the
/// search with `unknown`. A timeout is the only source of run-to-run variation.
struct BranchAndPrune {
  static let chunkSize = 64

  let compiled: CompiledObligation
  let delta: Double
  let settings: StrategySettings
  let deadline: Deadline?

  struct Outcome {
    var status: ObligationStatus
    var boxes = 0
    var evaluations = 0
    var undecidedFraction: Double?
  }

  private struct ChunkResult {
    var outcomes: [SMTBoxOutcome] = []
    var evaluations = 0
    var timedOut = false
  }

  func run() -> Outcome {
    let pieces = compiled.obligation.region.pieces
    var frontier = pieces.indices.map { p in
      SMTSearchBox(piece: p, sides: pieces[p].box.bounds.map {
        Interval($0.lower.doubleEnclosure.lower, $0.upper.doubleEnclosure.upper)
      })
    }
    let totalVolume = frontier.reduce(0) { $0 + $1.volume }
    let contractor = HC4Contractor(tape: compiled.tape)
    var result = Outcome(status: .holds(proof: true))
    var deltaSat = DeltaSatTally()
    while !frontier.isEmpty {
      let remaining = settings.maxBoxes - result.boxes
      if remaining <= 0 {
        return finish(result, deltaSat, frontier, totalVolume,
                      why: UnknownReason(.budget, "box budget exhausted"))
      }
      let wave = Array(frontier.prefix(remaining))
      // The answer and counters do not depend on the chunking (a chunk stops at its first
      // counterexample, and nothing after it is counted), so chunks are sized for balance:
      // about 32 per wave, at most `chunkSize` boxes each.
      let size = ParallelChunks.chunkSize(items: wave.count, smallest: 2, largest: Self.chunkSize)
      let chunkCount = (wave.count + size - 1) / size
      let chunks = ParallelChunks.run(
        count: chunkCount, workers: settings.workers,
        makeWorker: { BoxExaminer(compiled: compiled, contractor: contractor, delta: delta) },
        body: { examiner, k -> (result: ChunkResult, stop: Bool) in
          var chunk = ChunkResult()
          if deadline?.hasPassed == true {
            chunk.timedOut = true
            return (chunk, true)
          }
          for box in wave[(k * size)..<min(wave.count, (k + 1) * size)] {
            let (outcome, evaluations) = examiner.examine(box)
            chunk.outcomes.append(outcome)
            chunk.evaluations += evaluations
            if case .counterexample = outcome { return (chunk, true) }
          }
          return (chunk, false)
        })
      var next: [SMTSearchBox] = []
      for chunk in chunks {
        guard let chunk else { break }
        if chunk.timedOut {
          return finish(result, deltaSat, frontier, totalVolume,
                        why: UnknownReason(.timeout, "timeout"))
        }
        result.boxes += chunk.outcomes.count
        result.evaluations += chunk.evaluations
        for outcome in chunk.outcomes {
          switch outcome {
          case .refuted: continue
          case .split(let low, let high): next.append(low); next.append(high)
          case .deltaSat(let box, let undefined): deltaSat.add(box, mayBeUndefined: undefined)
          case .counterexample(let cex):
            result.status = .violated(cex)
            return result
          }
        }
      }
      frontier = next + frontier.dropFirst(wave.count)
    }
    if deltaSat.count == 0 { return result }
    return finish(result, deltaSat, [], totalVolume, why: nil)
  }

  /// The `unknown` answer. Its reason names the budget that ran out (if any), then the
  /// first δ-sat box, δ and the counts: "box budget exhausted; δ-sat box at [a, b] × [c, d]
  /// (δ = 0.001); 3 δ-sat of 200000 boxes", or "timeout (1234 boxes, δ = 0.001)" when no
  /// box was δ-sat. The undecided fraction is the volume of the δ-sat boxes and of the
  /// boxes never examined over the volume of all pieces.
  private func finish(_ partial: Outcome, _ tally: DeltaSatTally, _ unexamined: [SMTSearchBox],
                      _ totalVolume: Double, why: UnknownReason?) -> Outcome {
    var result = partial
    if let first = tally.first {
      let undefined = tally.firstMayBeUndefined ? " where the expression may be undefined" : ""
      let box = "δ-sat box at \(format(first))\(undefined) (δ = \(delta)); \(tally.count) δ-sat of \(result.boxes) boxes"
      result.status = .unknown(UnknownReason(why?.kind ?? .deltaSat, why.map { "\($0); \(box)" } ?? box))
    } else {
      result.status = .unknown(UnknownReason(why?.kind ?? .undecided, "\(why?.detail ?? "undecided") (\(result.boxes) boxes, δ = \(delta))"))
    }
    let undecided = tally.volume + unexamined.reduce(0) { $0 + $1.volume }
    if totalVolume > 0 && totalVolume.isFinite {
      result.undecidedFraction = min(1, undecided / totalVolume)
    }
    return result
  }

  /// `[a, b] × [c, d]`, with the piece number when the obligation has several.
  func format(_ box: SMTSearchBox) -> String {
    let sides = box.sides.map { "[\($0.lower), \($0.upper)]" }.joined(separator: " × ")
    return compiled.obligation.region.pieces.count > 1 ? "\(sides) (piece \(box.piece + 1))" : sides
  }
}

/// The δ-sat boxes seen so far: how many, their volume, and the first one in canonical
/// order (the one the reason names).
struct DeltaSatTally {
  private(set) var count = 0
  private(set) var volume = 0.0
  private(set) var first: SMTSearchBox?
  private(set) var firstMayBeUndefined = false

  mutating func add(_ box: SMTSearchBox, mayBeUndefined: Bool) {
    if first == nil {
      first = box
      firstMayBeUndefined = mayBeUndefined
    }
    count += 1
    volume += box.volume
  }
}
