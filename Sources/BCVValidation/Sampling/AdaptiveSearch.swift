import BCVExpression
import BCVNumerics

/// What the adaptive search has seen so far.
struct AdaptiveTally {
  /// Points evaluated on the obligation's tape plus points evaluated on the gradient tape.
  var evaluations = 0
  /// Fresh uniform points drawn, and those of them that landed in the region: the n of
  /// the statistical bound (local-search points are not uniform and never count).
  var uniformDrawn = 0
  var uniformInRegion = 0
  /// The largest value of the expression at any evaluated point of the region.
  var worst = -Double.infinity
  var confirmed: Counterexample?
  var undefinedAt: [Double]?
  var unconfirmedAt: [Double]?
}

/// The state of one obligation's adaptive search: uniform exploration plus local searches
/// ("walkers") started from the most promising uniform points. Sequential and driven only by
/// its two seeded streams, so it is deterministic. Buffers are allocated at the start; only
/// points that are reported or checked (violations, undefined values) are copied out.
///
/// Each `advance()` evaluates one batch: first the initial uniform points, then rounds of
/// (fill idle walkers from the seed pool, evaluate gradients where walkers moved, propose
/// `movesPerWalker` candidates per walker plus at least `explorationPoints` uniform points,
/// evaluate, confirm violations, move each walker to its best candidate if it improved).
struct AdaptiveSearch {
  static let movesPerWalker = 5
  /// Step lengths, in widths of the piece's box.
  static let initialStep = 0.05, maxStep = 0.5, minStep = 1e-9
  /// Rounds in a row without improvement after which a walker retires.
  static let maxFailures = 4
  /// Moves onto round-off false alarms (g > 0 in floating point, ≤ 0 exactly) after which a
  /// walker retires: it has reached the noise around g = 0, which it cannot climb, and where
  /// every candidate costs an exact check. False alarms never seed walkers either.
  static let maxFalseAlarms = 1
  /// New walkers start at least this many box widths (in some coordinate) from active
  /// walkers and recently retired ones.
  static let separation = 0.02

  let compiled: CompiledObligation
  let pieces: [SearchPiece]
  let budget: Int
  let batchSize: Int
  let explorationPoints: Int
  /// Threads for the exact checks of a batch (`settings.workers`); results do not depend on it.
  let workers: Int
  private let cumulativeWeight: [Double]
  private(set) var initialLeft: Int
  var tally = AdaptiveTally()
  var walkers: [Walker]
  var batch: AdaptiveBatch
  var gradients: GradientBatch
  var seeds: SeedPool
  var retired: RetiredPoints
  var uniformRNG: SeededGenerator
  var localRNG: SeededGenerator
  /// Scratch for one proposal, in box-width units.
  var direction: [Double]
  var delta: [Double]
  /// Per walker: the batch slot of its best candidate this round (−1: none), and its rank.
  var bestCandidate: [Int]
  var bestKey: [RankKey]
  /// Per batch slot: the point's rank (nil when undefined), and whether it was a
  /// floating-point violation ruled out exactly.
  var slotKey: [RankKey?]
  var falseAlarm: [Bool]
  var pending: [Int] = []
  private var violators: [(value: Double, slot: Int)] = []
  /// A uniform point whose violation could not be settled: the next walker starts there.
  var focus: (piece: Int, point: [Double], key: RankKey)?

  init(compiled: CompiledObligation, strategy: AdaptiveSamplingStrategy, settings: StrategySettings) {
    let n = compiled.obligation.dimension
    self.compiled = compiled
    pieces = SearchPiece.all(of: compiled)
    budget = max(0, settings.samples)
    batchSize = max(1, strategy.batchSize)
    explorationPoints = max(0, strategy.explorationPoints)
    workers = max(1, settings.workers)
    initialLeft = min(max(0, strategy.initialSamples), budget)
    let volumes = pieces.map { compiled.obligation.region.pieces[$0.region].box.approximateVolume }
    let total = volumes.reduce(0, +)
    let weights = total > 0 && total.isFinite ? volumes : volumes.map { _ in 1.0 }
    var running = 0.0
    cumulativeWeight = weights.map { running += $0; return running }
    let maxConstraints = pieces.map(\.constraints.count).max() ?? 0
    let walkerCount = max(0, strategy.walkers)
    walkers = Array(repeating: Walker(dimension: n, maxConstraints: maxConstraints), count: walkerCount)
    batch = AdaptiveBatch(compiled: compiled, capacity: batchSize)
    gradients = GradientBatch(compiled: compiled, capacity: max(1, walkerCount))
    seeds = SeedPool(dimension: n, capacity: 4 * max(1, walkerCount))
    retired = RetiredPoints(dimension: n, capacity: 4 * max(1, walkerCount))
    let salt = UInt64(ConditionName.allCases.firstIndex(of: compiled.obligation.condition)!) << 48
    uniformRNG = SeededGenerator(seed: settings.seed, stream: salt | 0xADA0_0000)
    localRNG = SeededGenerator(seed: settings.seed, stream: salt | 0xADA0_0001)
    direction = Array(repeating: 0, count: n)
    delta = Array(repeating: 0, count: n)
    bestCandidate = Array(repeating: -1, count: walkerCount)
    slotKey = Array(repeating: nil, count: batchSize)
    falseAlarm = Array(repeating: false, count: batchSize)
    bestKey = Array(repeating: RankKey(infeasibility: 0, value: 0), count: walkerCount)
    pending.reserveCapacity(walkerCount)
    violators.reserveCapacity(batchSize)
  }

  /// Done: a counterexample was confirmed, the budget is spent, or no box holds a double.
  var isFinished: Bool {
    tally.confirmed != nil || tally.evaluations >= budget || pieces.isEmpty
  }

  /// Whether some walker improved in the last round (a fresh walker counts as improving).
  var isClimbing: Bool { walkers.contains { $0.active && $0.improved } }

  /// Evaluates the next batch (see the type's documentation).
  mutating func advance() {
    guard !isFinished else { return }
    if initialLeft > 0 {
      let m = min(initialLeft, batchSize, budget - tally.evaluations)
      batch.removeAll()
      for _ in 0..<m { appendUniform() }
      initialLeft -= m
      process()
      return
    }
    refillWalkers()
    updateGradients()
    let m = min(batchSize, budget - tally.evaluations)
    guard m > 0 else { return }
    batch.removeAll()
    let localLimit = max(0, m - explorationPoints)
    for w in walkers.indices where walkers[w].active { appendMoves(of: w, limit: localLimit) }
    while batch.count < m { appendUniform() }
    process()
    advanceWalkers()
  }

  /// A fresh point, uniform over the union of the pieces' boxes weighted by volume.
  private mutating func appendUniform() {
    var p = 0
    if pieces.count > 1 {
      // The first piece whose cumulative weight exceeds u, by bisection.
      let u = uniformRNG.nextUnit() * cumulativeWeight[cumulativeWeight.count - 1]
      var high = pieces.count - 1
      while p < high {
        let mid = (p + high) / 2
        if cumulativeWeight[mid] <= u { p = mid + 1 } else { high = mid }
      }
    }
    let k = batch.append(piece: p, origin: AdaptiveBatch.uniform)
    for v in 0..<batch.dimension {
      batch.set(k, axis: v, uniformRNG.nextDouble(in: pieces[p].lower[v], pieces[p].upper[v]))
    }
    tally.uniformDrawn += 1
  }

  /// Evaluates the batch, tallies it, settles its violations, offers its uniform points
  /// (except round-off false alarms) as seeds and records each walker's best candidate.
  private mutating func process() {
    batch.evaluate()
    tally.evaluations += batch.count
    violators.removeAll(keepingCapacity: true)
    let g = batch.output(0)
    for k in 0..<batch.count {
      slotKey[k] = nil
      falseAlarm[k] = false
      let piece = pieces[batch.piece[k]]
      var infeasibility = 0.0, undefinedConstraint = false
      for j in piece.constraints {
        let h = batch.output(j)[k]
        if h.isNaN { undefinedConstraint = true } else if h > infeasibility { infeasibility = h }
      }
      let value = g[k], origin = batch.origin[k]
      if infeasibility == 0 {
        if origin == AdaptiveBatch.uniform { tally.uniformInRegion += 1 }
        if value.isNaN || undefinedConstraint {
          if tally.undefinedAt == nil { tally.undefinedAt = batch.point(k) }
          continue
        }
        tally.worst = max(tally.worst, value)
        if compiled.violates(value) { violators.append((value, k)) }
      } else if value.isNaN || undefinedConstraint {
        continue
      }
      slotKey[k] = RankKey(infeasibility: infeasibility, value: value)
    }
    confirmViolators()
    for w in bestCandidate.indices { bestCandidate[w] = -1 }
    for k in 0..<batch.count {
      guard let key = slotKey[k] else { continue }
      let origin = batch.origin[k]
      if origin == AdaptiveBatch.uniform {
        if !falseAlarm[k] { seeds.offer(batch, k, piece: batch.piece[k], key: key) }
      } else if bestCandidate[origin] < 0 || key.isBetter(than: bestKey[origin]) {
        bestCandidate[origin] = k
        bestKey[origin] = key
      }
    }
  }

  /// Settles the batch's floating-point violations, most violating first (ties in batch
  /// order), as `sampling` does: the first certain one ends the search, round-off false
  /// alarms are dropped, and one that cannot be settled leaves the answer open.
  ///
  /// The exact checks are most of the search's time where violations are round-off noise
  /// (a Hamiltonian's Ḃ ≡ 0), so with `workers` > 1 they run at once (`ParallelChunks`,
  /// one check per chunk, stopping after the first certain violation); their outcomes are
  /// then applied in the same order as one by one, so the answer, the counters and the
  /// walkers' next moves are those of a single worker.
  private mutating func confirmViolators() {
    guard !violators.isEmpty else { return }
    violators.sort { ($0.value, -$0.slot) > ($1.value, -$1.slot) }
    let checked = min(violators.count, CounterexampleCheck.maxExactChecksPerBatch)
    var outcomes: [CounterexampleCheck.Classification?] = []
    if workers > 1 && checked > 1 {
      let search = self
      outcomes = ParallelChunks.run(
        count: checked, workers: workers, makeWorker: { () },
        body: { _, n -> (result: CounterexampleCheck.Classification, stop: Bool) in
          let c = search.classify(search.violators[n].slot)
          if case .violation = c { return (c, true) }
          return (c, false)
        })
    }
    for (n, v) in violators.enumerated() {
      if n == CounterexampleCheck.maxExactChecksPerBatch {
        if tally.unconfirmedAt == nil { tally.unconfirmedAt = batch.point(v.slot) }
        return
      }
      // Every outcome up to the first certain violation was computed (ParallelChunks runs
      // every chunk below the lowest stop).
      switch n < outcomes.count ? outcomes[n]! : classify(v.slot) {
      case .violation(let cex):
        tally.confirmed = cex
        return
      case .undecided:
        if tally.unconfirmedAt == nil { tally.unconfirmedAt = batch.point(v.slot) }
        if focus == nil && batch.origin[v.slot] == AdaptiveBatch.uniform {
          focus = (batch.piece[v.slot], batch.point(v.slot), RankKey(infeasibility: 0, value: v.value))
        }
      case .notViolation:
        falseAlarm[v.slot] = true
      }
    }
  }

  /// The exact classification of the point in batch slot `k` (reads the batch only).
  private func classify(_ k: Int) -> CounterexampleCheck.Classification {
    CounterexampleCheck.classify(batch.point(k), piece: pieces[batch.piece[k]].region, in: compiled)
  }
}
