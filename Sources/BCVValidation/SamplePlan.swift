import BCVExpression
import BCVNumerics

/// How an obligation's low-discrepancy samples are split into chunks: each chunk draws
/// `count` points in one piece's sampling box. Deterministic in the obligation, sampling
/// pieces, sequence and seed alone. (Uniform samples go through `FusedSamplingPlan`.)
struct SamplePlan {
  struct Chunk {
    let piece: Int
    let count: Int
    let lower: [Double]
    let upper: [Double]
    /// The piece's sequence, of which this chunk takes the points
    /// `firstIndex ..< firstIndex + count`.
    var sequence: LowDiscrepancySequence
    var firstIndex = 0
  }

  let chunks: [Chunk]

  /// Piece p walks its own sequence (rotated by `seed` and stream (condition, p)) from
  /// index 0, chunk after chunk, so a chunk's points do not depend on who draws it.
  init(obligation: Obligation, pieces: [SamplingPiece], chunkSize: Int,
       sequence: SampleSequence, seed: UInt64 = 0) {
    let salt = UInt64(ConditionName.allCases.firstIndex(of: obligation.condition)!) << 48
    var chunks: [Chunk] = []
    for sp in pieces {
      guard let points = LowDiscrepancySequence(sequence, dimension: obligation.dimension, seed: seed,
                                                stream: salt | UInt64(sp.piece)) else {
        preconditionFailure("SamplePlan is for low-discrepancy sequences, got \(sequence)")
      }
      var remaining = sp.count
      var drawn = 0
      while remaining > 0 {
        let n = min(chunkSize, remaining)
        chunks.append(Chunk(piece: sp.piece, count: n, lower: sp.lower, upper: sp.upper,
                            sequence: points, firstIndex: drawn))
        remaining -= n
        drawn += n
      }
    }
    self.chunks = chunks
  }
}

/// What one chunk saw.
struct ChunkOutcome {
  var drawn = 0
  var accepted = 0
  var worst = -Double.infinity
  var confirmed: Counterexample?
  var undefinedAt: [Double]?
  var unconfirmedAt: [Double]?
  var timedOut = false
}

/// Draws and evaluates one low-discrepancy chunk in batches, owning its evaluator and buffers (one per
/// worker thread, reused across chunks).
struct ChunkSampler {
  let compiled: CompiledObligation
  let evaluator: DoubleBatchEvaluator
  var inputs: [Double]
  static let batch = 128

  init(compiled: CompiledObligation) {
    self.compiled = compiled
    evaluator = DoubleBatchEvaluator(tape: compiled.tape, capacity: Self.batch)
    inputs = Array(repeating: 0, count: compiled.obligation.dimension * Self.batch)
  }

  /// Draws the chunk's points from its sequence.
  mutating func run(_ chunk: SamplePlan.Chunk) -> ChunkOutcome {
    switch chunk.sequence {
    case .halton(let sequence):
      var points = sequence.cursor(at: chunk.firstIndex)
      return run(chunk, points: &points)
    case .sobol(let sequence):
      var points = sequence.cursor(at: chunk.firstIndex)
      return run(chunk, points: &points)
    }
  }

  private mutating func run<Points: UnitCubePoints>(_ chunk: SamplePlan.Chunk,
                                                    points: inout Points) -> ChunkOutcome {
    var outcome = ChunkOutcome()
    let n = compiled.obligation.dimension
    let constraints = compiled.pieceConstraints[chunk.piece]
    var candidates: [ChunkOutcome.Candidate] = []
    let threshold = ChunkOutcome.threshold(of: compiled)
    var done = 0
    while done < chunk.count {
      let m = min(Self.batch, chunk.count - done)
      // Points are drawn point by point (all coordinates of point k, then point k+1), so
      // the use of the source does not depend on the batch size; `UniformScale` maps each
      // unit value into the box, as `SeededGenerator.nextDouble(in:_:)` does.
      for k in 0..<m {
        for v in 0..<n {
          inputs[v * Self.batch + k] = UniformScale.value(points.coordinate(v), lower: chunk.lower[v], upper: chunk.upper[v])
        }
        points.advance()
      }
      inputs.withUnsafeBufferPointer { evaluator.evaluate(inputs: $0.baseAddress!, stride: Self.batch, count: m) }
      outcome.scan(evaluator, expression: 0, constraints: constraints, count: m, threshold: threshold,
                   firstOrder: done, point: point, into: &candidates)
      done += m
    }
    outcome.drawn = chunk.count
    outcome.settle(candidates, piece: chunk.piece, in: compiled)
    return outcome
  }

  private func point(_ k: Int) -> [Double] {
    (0..<compiled.obligation.dimension).map { inputs[$0 * Self.batch + k] }
  }
}
