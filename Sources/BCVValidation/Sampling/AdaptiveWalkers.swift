/// How promising a point is for finding a violation: points of the region (infeasibility
/// 0) rank before points outside it; inside, a larger value of the obligation's expression
/// (a smaller margin) ranks first; outside, a smaller largest constraint value.
struct RankKey {
  /// max(0, largest constraint value of the piece): 0 exactly when the point is in the region.
  var infeasibility: Double
  var value: Double

  /// Whether `self` ranks before `other` by more than round-off (relative 10⁻⁹), so a
  /// walker creeping by negligible amounts counts as stuck.
  func isBetter(than other: RankKey) -> Bool {
    if infeasibility == 0 || other.infeasibility == 0 {
      guard infeasibility == 0 else { return false }
      guard other.infeasibility == 0 else { return true }
      return value - other.value > 1e-9 * Swift.abs(other.value)
    }
    return other.infeasibility - infeasibility > 1e-9 * other.infeasibility
  }
}

/// A local search: a current point with its values and gradients, and a step length in
/// box-width units that grows after an improvement and shrinks after a round without one.
struct Walker {
  var active = false
  /// Index into the search's pieces.
  var piece = 0
  var point: [Double]
  var key = RankKey(infeasibility: 0, value: 0)
  /// The piece's constraint values at `point`, in the piece's order.
  var constraintValues: [Double]
  /// ∂g/∂xᵢ at `point`.
  var gradient: [Double]
  /// ∂h_c/∂xᵢ at `point`, at `c * dimension + i`.
  var constraintGradients: [Double]
  /// Whether the gradients (and constraint values) belong to the current point.
  var hasGradient = false
  var step = 0.0
  /// Rounds in a row without an improvement.
  var failures = 0
  /// Moves onto floating-point violations that exact checking ruled out.
  var falseAlarms = 0
  /// Whether the last round improved this walker.
  var improved = false

  init(dimension: Int, maxConstraints: Int) {
    point = Array(repeating: 0, count: dimension)
    constraintValues = Array(repeating: 0, count: maxConstraints)
    gradient = Array(repeating: 0, count: dimension)
    constraintGradients = Array(repeating: 0, count: maxConstraints * dimension)
  }
}

/// The best points of the uniform exploration not yet used to start a walker, best first,
/// at most `capacity` of them. Storage is allocated once.
struct SeedPool {
  let dimension: Int
  let capacity: Int
  private(set) var count = 0
  private var points: [Double]
  private var pieces: [Int]
  private var keys: [RankKey]

  init(dimension: Int, capacity: Int) {
    self.dimension = dimension
    self.capacity = capacity
    points = Array(repeating: 0, count: dimension * capacity)
    pieces = Array(repeating: 0, count: capacity)
    keys = Array(repeating: RankKey(infeasibility: 0, value: 0), count: capacity)
  }

  /// Offers point `k` of `batch`; kept when it ranks among the best `capacity`. Ties keep
  /// the earlier point first.
  mutating func offer(_ batch: AdaptiveBatch, _ k: Int, piece: Int, key: RankKey) {
    if count == capacity && !key.isBetter(than: keys[count - 1]) { return }
    var slot = min(count, capacity - 1)
    while slot > 0 && key.isBetter(than: keys[slot - 1]) {
      keys[slot] = keys[slot - 1]
      pieces[slot] = pieces[slot - 1]
      for v in 0..<dimension { points[slot * dimension + v] = points[(slot - 1) * dimension + v] }
      slot -= 1
    }
    keys[slot] = key
    pieces[slot] = piece
    for v in 0..<dimension { points[slot * dimension + v] = batch.coordinate(k, axis: v) }
    count = min(count + 1, capacity)
  }

  /// Removes the best seed and writes it into `walker` (point, piece, key).
  mutating func popBest(into walker: inout Walker) {
    precondition(count > 0, "no seed left")
    walker.piece = pieces[0]
    walker.key = keys[0]
    for v in 0..<dimension { walker.point[v] = points[v] }
    count -= 1
    for s in 0..<count {
      keys[s] = keys[s + 1]
      pieces[s] = pieces[s + 1]
      for v in 0..<dimension { points[s * dimension + v] = points[(s + 1) * dimension + v] }
    }
  }
}

/// Where walkers ended: a new walker is not started within `radius` box widths (in every
/// coordinate) of one of the last `capacity` of them, nor of an active walker.
struct RetiredPoints {
  let dimension: Int
  let capacity: Int
  private var points: [Double]
  private var pieces: [Int]
  private var count = 0
  private var next = 0

  init(dimension: Int, capacity: Int) {
    self.dimension = dimension
    self.capacity = capacity
    points = Array(repeating: 0, count: dimension * capacity)
    pieces = Array(repeating: -1, count: capacity)
  }

  mutating func add(_ walker: Walker) {
    pieces[next] = walker.piece
    for v in 0..<dimension { points[next * dimension + v] = walker.point[v] }
    next = (next + 1) % capacity
    count = min(count + 1, capacity)
  }

  /// Whether `walker`'s point lies within `radius` widths of a retired point of its piece.
  func isNear(_ walker: Walker, width: [Double], radius: Double) -> Bool {
    (0..<count).contains { r in
      pieces[r] == walker.piece && (0..<dimension).allSatisfy {
        Swift.abs(points[r * dimension + $0] - walker.point[$0]) <= radius * width[$0]
      }
    }
  }
}
