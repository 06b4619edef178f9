import BCVExpression
import BCVNumerics

/// The fused sampling pass over several obligations of one case: each distinct sampling box
/// is drawn once, and every (obligation, piece) that samples in that box — a *user* of
/// the box — checks the same points.
///
/// ## Streams are keyed by the box
/// Chunk c of a box (points c·chunkSize ..< (c+1)·chunkSize of its draws) comes from
/// `UniformLanes(seed:stream:)` with the stream `key(box) + c`, where the key hashes the
/// box's bounds. A user drawing n points in the box takes the first n of them. So what an
/// obligation sees depends only on its own pieces, boxes and counts: a fused pass gives
/// every obligation exactly what a pass over that obligation alone gives (same points,
/// counts, worst values, counterexamples and bounds), and both give the same for any
/// worker count.
struct FusedSamplingPlan {
  /// One (obligation, piece) sampling in a box.
  struct User {
    /// Index of the obligation in the pass's list.
    let obligation: Int
    /// The piece's index in its obligation's region (for confirming counterexamples).
    let piece: Int
    /// Points this user takes from the box's draws.
    let count: Int
    /// Tape outputs (of the box's tape) of the obligation's expression and the piece's constraints.
    let expressionOutput: Int
    let constraintOutputs: [Int]
    /// Position of this user's chunk 0 in its obligation's sequence of chunks (pieces in
    /// order, chunks in order), the order in which the obligation's chunks are summarized.
    let firstPosition: Int
    /// `g` violates the relation exactly when `!(g < threshold)`: 0 for `< 0`, the least
    /// positive double for `≤ 0` (no double lies strictly between 0 and it; NaN violates).
    let threshold: Double
  }

  /// A sampling box, its users and the tape that computes all their outputs at once
  /// (shared subexpressions once).
  struct SampleBox {
    let lower: [Double]
    let upper: [Double]
    let key: UInt64
    let users: [User]
    let tape: Tape
    /// Points drawn: the most any user takes.
    let points: Int
    var chunks: Int { (points + FusedSamplingPlan.chunkSize - 1) / FusedSamplingPlan.chunkSize }
  }

  static let chunkSize = SamplingStrategy.chunkSize

  let compiled: [CompiledObligation]
  let boxes: [SampleBox]
  let dimension: Int
  /// Global chunk g is chunk `chunkIndex[g].chunk` of box `chunkIndex[g].box` (boxes in
  /// order, chunks in order).
  let chunkIndex: [(box: Int, chunk: Int)]
  /// Per obligation: its users as (box, slot in the box's users), in summary order.
  let usersOf: [[(box: Int, slot: Int)]]
  /// Obligations whose region contraction proved empty.
  let provedEmpty: [Bool]

  init(_ obligations: [CompiledObligation], samples: Int) {
    compiled = obligations
    dimension = obligations.first?.obligation.dimension ?? 0
    var order: [[UInt64]: Int] = [:]
    var building: [(lower: [Double], upper: [Double], users: [User], outputs: [Expr])] = []
    var outputIndex: [[Expr: Int]] = []
    var usersOf: [[(box: Int, slot: Int)]] = []
    var provedEmpty: [Bool] = []
    for (o, c) in obligations.enumerated() {
      precondition(c.obligation.dimension == dimension, "obligations of one pass must share their variables")
      let (pieces, empty) = SamplingBoxes.pieces(of: c, samples: samples)
      provedEmpty.append(empty)
      var mine: [(box: Int, slot: Int)] = []
      var position = 0
      for sp in pieces {
        let bits = (sp.lower + sp.upper).map(\.bitPattern)
        let b: Int
        if let existing = order[bits] { b = existing } else {
          b = building.count
          order[bits] = b
          building.append((sp.lower, sp.upper, [], []))
          outputIndex.append([:])
        }
        func output(_ e: Expr) -> Int {
          if let k = outputIndex[b][e] { return k }
          let k = building[b].outputs.count
          outputIndex[b][e] = k
          building[b].outputs.append(e)
          return k
        }
        let g = output(c.obligation.expression)
        let hs = c.obligation.region.pieces[sp.piece].constraints.map(output)
        let threshold = ChunkOutcome.threshold(of: c)
        mine.append((b, building[b].users.count))
        building[b].users.append(User(obligation: o, piece: sp.piece, count: sp.count, expressionOutput: g,
                                      constraintOutputs: hs, firstPosition: position, threshold: threshold))
        position += (sp.count + Self.chunkSize - 1) / Self.chunkSize
      }
      usersOf.append(mine)
    }
    let dimension = self.dimension
    boxes = building.map { b in
      SampleBox(lower: b.lower, upper: b.upper, key: Self.key(b.lower, b.upper), users: b.users,
                tape: Tape(compiling: b.outputs, variableCount: dimension),
                points: b.users.map(\.count).max() ?? 0)
    }
    chunkIndex = boxes.enumerated().flatMap { (b, box) in (0..<box.chunks).map { (box: b, chunk: $0) } }
    self.usersOf = usersOf
    self.provedEmpty = provedEmpty
  }

  /// The stream key of a box: a hash of its dimension and bounds (bit patterns), fixed on
  /// every machine.
  static func key(_ lower: [Double], _ upper: [Double]) -> UInt64 {
    var h: UInt64 = 0x6A09_E667_F3BC_C909 ^ UInt64(lower.count)
    for x in lower + upper {
      h = mix(h ^ x.bitPattern)
    }
    return h
  }

  /// SplitMix64's finalizer applied after a golden-ratio step.
  static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
