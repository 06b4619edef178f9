extension BranchAndBound {
  /// A list of boxes in flat storage: box k of dimension n has its bounds at
  /// `lower[k*n ..< (k+1)*n]` and `upper[k*n ..< (k+1)*n]`, and belongs to piece
  /// `pieces[k]`. One wave of the branch-and-bound is one list; appending never allocates
  /// per box beyond the arrays' amortised growth.
  struct BoxList {
    let dimension: Int
    private(set) var lower: [Double] = []
    private(set) var upper: [Double] = []
    private(set) var pieces: [Int] = []

    init(dimension: Int) { self.dimension = dimension }

    var count: Int { pieces.count }

    mutating func append(piece: Int, lower lo: UnsafeBufferPointer<Double>, upper hi: UnsafeBufferPointer<Double>) {
      precondition(lo.count == dimension && hi.count == dimension,
                   "box of \(lo.count)/\(hi.count) bounds in a list of dimension \(dimension)")
      lower.append(contentsOf: lo)
      upper.append(contentsOf: hi)
      pieces.append(piece)
    }

    mutating func append(piece: Int, lower lo: [Double], upper hi: [Double]) {
      lo.withUnsafeBufferPointer { l in hi.withUnsafeBufferPointer { u in append(piece: piece, lower: l, upper: u) } }
    }

    mutating func append(contentsOf other: BoxList) {
      lower.append(contentsOf: other.lower)
      upper.append(contentsOf: other.upper)
      pieces.append(contentsOf: other.pieces)
    }

    /// Calls `body` with box k's bounds.
    func withBox<R>(_ k: Int, _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> R) -> R {
      let range = k * dimension ..< (k + 1) * dimension
      return lower.withUnsafeBufferPointer { l in
        upper.withUnsafeBufferPointer { u in
          body(UnsafeBufferPointer(rebasing: l[range]), UnsafeBufferPointer(rebasing: u[range]))
        }
      }
    }

    /// The boxes from index `start` on.
    func suffix(from start: Int) -> BoxList {
      var rest = BoxList(dimension: dimension)
      rest.lower = Array(lower[(start * dimension)...])
      rest.upper = Array(upper[(start * dimension)...])
      rest.pieces = Array(pieces[start...])
      return rest
    }
  }
}

extension BranchAndBound {
  /// What one chunk of a wave produced, merged by the strategy in chunk order.
  struct ChunkOutcome {
    /// The boxes to examine in the next wave, in order.
    var children: BoxList
    /// Certificate leaves, in order (only when a certificate is requested).
    var leaves: [ProofCertificate.Leaf] = []
    var boxes = 0
    var evaluations = 0
    /// Boxes left undecided because no variable could be split further.
    var stuck = 0
    /// Undecided measure per piece, as (piece, measure) in order.
    var undecided: [(piece: Int, measure: Double)] = []
    /// A confirmed counterexample; the chunk stops at the first.
    var violation: Counterexample?
    /// Where g's enclosure was undefined (a box's centre), or g was NaN at a feasible point.
    var undefinedAt: [Double]?
    /// A feasible point that violated in floating point but could not be confirmed.
    var unconfirmedAt: [Double]?
    /// The largest finite g seen at a feasible point.
    var worst = -Double.infinity
    /// The deadline passed before the chunk ran.
    var timedOut = false

    init(dimension: Int) { children = BoxList(dimension: dimension) }
  }
}
