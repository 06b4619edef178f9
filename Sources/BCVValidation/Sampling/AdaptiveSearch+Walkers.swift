/// The walkers' life cycle: started from seeds or from an unsettled violation, given
/// gradients where they moved, moved to their best candidate, retired when stuck.
extension AdaptiveSearch {
  /// Moves each walker to its best candidate when that improves it; otherwise shrinks its
  /// step. Retires it after `maxFailures` rounds in a row without improvement, or once it
  /// has moved `maxFalseAlarms` times onto round-off false alarms.
  mutating func advanceWalkers() {
    for w in walkers.indices where walkers[w].active {
      let k = bestCandidate[w]
      if k >= 0 && bestKey[w].isBetter(than: walkers[w].key) {
        for v in 0..<batch.dimension { walkers[w].point[v] = batch.coordinate(k, axis: v) }
        walkers[w].key = bestKey[w]
        walkers[w].hasGradient = false
        walkers[w].step = min(2 * walkers[w].step, Self.maxStep)
        walkers[w].failures = 0
        walkers[w].improved = true
        if falseAlarm[k] { walkers[w].falseAlarms += 1 }
        if walkers[w].falseAlarms >= Self.maxFalseAlarms { retire(w) }
      } else {
        walkers[w].step /= 4
        walkers[w].failures += 1
        walkers[w].improved = false
        if walkers[w].failures >= Self.maxFailures || walkers[w].step < Self.minStep { retire(w) }
      }
    }
  }

  private mutating func retire(_ w: Int) {
    retired.add(walkers[w])
    walkers[w].active = false
  }

  /// Starts a walker at the focus point (an unsettled violation), in an idle slot or in
  /// place of the least promising walker; then starts idle walkers from the best seeds that
  /// are not near an active or recently retired walker.
  mutating func refillWalkers() {
    if let f = focus, !walkers.isEmpty {
      let w = walkers.indices.first { !walkers[$0].active }
        ?? walkers.indices.min { walkers[$1].key.isBetter(than: walkers[$0].key) }!
      walkers[w].piece = f.piece
      walkers[w].key = f.key
      for v in 0..<batch.dimension { walkers[w].point[v] = f.point[v] }
      start(w)
      focus = nil
    }
    for w in walkers.indices where !walkers[w].active {
      while seeds.count > 0 {
        seeds.popBest(into: &walkers[w])
        if !isCrowded(w) { start(w); break }
      }
    }
  }

  private mutating func start(_ w: Int) {
    walkers[w].active = true
    walkers[w].hasGradient = false
    walkers[w].step = Self.initialStep
    walkers[w].failures = 0
    walkers[w].falseAlarms = 0
    walkers[w].improved = true
  }

  private func isCrowded(_ w: Int) -> Bool {
    let walker = walkers[w], width = pieces[walker.piece].width
    if retired.isNear(walker, width: width, radius: Self.separation) { return true }
    return walkers.indices.contains { o in
      o != w && walkers[o].active && walkers[o].piece == walker.piece
        && (0..<batch.dimension).allSatisfy {
          Swift.abs(walkers[o].point[$0] - walker.point[$0]) <= Self.separation * width[$0]
        }
    }
  }

  /// Evaluates the gradient tape at every walker whose point moved, within the budget.
  mutating func updateGradients() {
    gradients.removeAll()
    pending.removeAll(keepingCapacity: true)
    for w in walkers.indices where walkers[w].active && !walkers[w].hasGradient {
      guard tally.evaluations + gradients.count < budget else { break }
      _ = gradients.append(walkers[w].point)
      pending.append(w)
    }
    guard !pending.isEmpty else { return }
    gradients.evaluate()
    tally.evaluations += pending.count
    for (k, w) in pending.enumerated() {
      let constraints = pieces[walkers[w].piece].constraints
      for i in 0..<batch.dimension { walkers[w].gradient[i] = gradients.partial(0, axis: i, k) }
      for (c, j) in constraints.enumerated() {
        walkers[w].constraintValues[c] = gradients.value(j, k)
        for i in 0..<batch.dimension {
          walkers[w].constraintGradients[c * batch.dimension + i] = gradients.partial(j, axis: i, k)
        }
      }
      walkers[w].hasGradient = true
    }
  }
}
