/// The candidate points a walker proposes each round. Every step is computed in units of
/// the piece's box widths (so a step of 0.05 moves 5% of the box in each coordinate) and
/// the result is clamped into the box; constraints are handled by linearised projection
/// and then checked for real by evaluation.
extension AdaptiveSearch {
  enum Move {
    /// Gradient ascent on g: a step of this length along the scaled gradient, with
    /// coordinates at a face of the box that the gradient pushes outward held fixed.
    case ascent(Double)
    /// A Newton step onto the level set g = 0 along the scaled gradient (10% past it), for a
    /// walker with g < 0.
    case newton
    /// For a walker outside the region: a Newton step onto the violated constraints'
    /// boundaries h = 0 (aiming just inside), scaled by this factor.
    case restore(Double)
    /// A uniform perturbation of at most this length in each coordinate.
    case jitter(Double)
  }

  /// Move `slot` (0 ..< movesPerWalker) of a walker: ascent at the walker's step s, at s/4,
  /// Newton onto g = 0 (ascent at 4s when g ≥ 0), and two perturbations of radius s and
  /// s/32 (refinement near a point of small margin or an unconfirmed violation). Outside
  /// the region the first three restore feasibility instead; without a gradient all five
  /// are perturbations.
  func move(_ slot: Int, for walker: Walker) -> Move {
    let s = walker.step
    guard walker.hasGradient else {
      switch slot {
      case 0: return .jitter(s)
      case 1: return .jitter(s / 4)
      case 2: return .jitter(4 * s)
      case 3: return .jitter(s / 16)
      default: return .jitter(s / 32)
      }
    }
    switch slot {
    case 0: return walker.key.infeasibility > 0 ? .restore(1) : .ascent(s)
    case 1: return walker.key.infeasibility > 0 ? .restore(0.5) : .ascent(s / 4)
    case 2:
      if walker.key.infeasibility > 0 { return .restore(2) }
      return walker.key.value < 0 ? .newton : .ascent(4 * s)
    case 3: return .jitter(s)
    default: return .jitter(s / 32)
    }
  }

  /// Appends walker `w`'s candidates to the batch while it holds fewer than `limit` points.
  mutating func appendMoves(of w: Int, limit: Int) {
    let walker = walkers[w]
    let piece = pieces[walker.piece]
    for slot in 0..<Self.movesPerWalker where batch.count < limit {
      propose(move(slot, for: walker), walker: walker, piece: piece)
      let k = batch.append(piece: walker.piece, origin: w)
      for v in 0..<batch.dimension {
        let x = walker.point[v] + piece.width[v] * delta[v]
        batch.set(k, axis: v, x.isFinite ? min(max(x, piece.lower[v]), piece.upper[v]) : walker.point[v])
      }
    }
  }

  /// Writes the step of `move` into `delta`. A move that needs a direction the gradient does
  /// not give (zero, infinite or NaN) falls back to a perturbation of the walker's step.
  private mutating func propose(_ move: Move, walker: Walker, piece: SearchPiece) {
    switch move {
    case .ascent(let length):
      let norm = scaledGradient(walker, piece)
      guard norm > 0 && norm.isFinite else { return jitter(walker.step) }
      for i in delta.indices { delta[i] = length * direction[i] / norm }
      correctForConstraints(walker, piece)
    case .newton:
      let norm = scaledGradient(walker, piece)
      guard norm > 0 && norm.isFinite else { return jitter(walker.step) }
      let t = -1.1 * walker.key.value / (norm * norm)
      for i in delta.indices { delta[i] = t * direction[i] }
      correctForConstraints(walker, piece)
    case .restore(let factor):
      for i in delta.indices { delta[i] = 0 }
      correctForConstraints(walker, piece)
      for i in delta.indices { delta[i] *= factor }
      if delta.allSatisfy({ $0 == 0 }) { return jitter(walker.step) }
    case .jitter(let radius):
      return jitter(radius)
    }
    capLength()
  }

  private mutating func jitter(_ radius: Double) {
    for i in delta.indices { delta[i] = localRNG.nextDouble(in: -radius, radius) }
  }

  /// Writes the gradient of g in box-width units into `direction`, with components that
  /// would push a coordinate at a face of the box out of it set to zero; returns its norm.
  private mutating func scaledGradient(_ walker: Walker, _ piece: SearchPiece) -> Double {
    var norm2 = 0.0
    for i in direction.indices {
      var d = piece.width[i] * walker.gradient[i]
      if (d > 0 && walker.point[i] >= piece.upper[i]) || (d < 0 && walker.point[i] <= piece.lower[i]) { d = 0 }
      direction[i] = d
      norm2 += d * d
    }
    return norm2.squareRoot()
  }

  /// Adjusts `delta` so that each constraint, linearised at the walker, ends no closer to
  /// its boundary than half its current value (h < 0), or just inside it (h ≥ 0): one
  /// projection per constraint, in order.
  private mutating func correctForConstraints(_ walker: Walker, _ piece: SearchPiece) {
    let n = delta.count
    for c in piece.constraints.indices {
      let h = walker.constraintValues[c]
      let target = h < 0 ? h / 2 : -0.01 * h
      var predicted = h, norm2 = 0.0
      for i in 0..<n {
        let d = piece.width[i] * walker.constraintGradients[c * n + i]
        predicted += d * delta[i]
        norm2 += d * d
      }
      guard predicted > target, norm2 > 0, norm2.isFinite, predicted.isFinite else { continue }
      let t = (predicted - target) / norm2
      for i in 0..<n { delta[i] -= t * piece.width[i] * walker.constraintGradients[c * n + i] }
    }
  }

  /// Limits a step to one box width (Euclidean, in width units).
  private mutating func capLength() {
    var norm2 = 0.0
    for d in delta { norm2 += d * d }
    guard norm2 > 1 else { return }
    let scale = 1 / norm2.squareRoot()
    for i in delta.indices { delta[i] *= scale }
  }
}
