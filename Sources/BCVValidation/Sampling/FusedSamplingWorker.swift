import BCVExpression
import BCVNumerics

/// One thread's share of a fused sampling pass: it draws chunks of a box and checks every
/// user of the box on them. It owns one evaluator per box (made on first use) and its
/// buffers, allocated once: per batch, drawing, evaluating and scanning allocate nothing,
/// look nothing up in a dictionary and call nothing through a protocol (a chunk allocates
/// its short list of per-user outcomes; a violation candidate, its point).
///
/// ## What the release build targets
/// The package sets no compiler flags (unsafe flags would stop it being used as a
/// dependency), so a release build targets the toolchain's default CPU — baseline x86-64
/// (SSE2, two doubles per vector) on Linux, or the platform's baseline elsewhere — with
/// ordinary IEEE semantics (no fast-math, no `-Ounchecked`). The loops below are written
/// for that: random lanes and the per-user scan work on `SIMD2` values (one SSE2 register)
/// with compare-and-select instead of branches — the compiler does not vectorise a
/// floating-point maximum or a branchy count on its own without fast-math — and the
/// evaluator's instruction loops over contiguous buffers, which it does vectorise.
/// Anything rare (a violation candidate, an undefined value) sends one batch of one user
/// to a scalar path that applies the exact per-point rules.
final class FusedSamplingWorker {
  static let batch = 256

  let plan: FusedSamplingPlan
  let seed: UInt64
  private var evaluators: [DoubleBatchEvaluator?]
  private let inputs: UnsafeMutablePointer<Double>
  private let status: UnsafeMutablePointer<Double>
  /// Violation candidates of the current chunk, per user slot (reused across chunks).
  private var candidates: [[Candidate]]
  typealias Candidate = ChunkOutcome.Candidate

  init(plan: FusedSamplingPlan, seed: UInt64) {
    self.plan = plan
    self.seed = seed
    evaluators = Array(repeating: nil, count: plan.boxes.count)
    candidates = Array(repeating: [], count: plan.boxes.map(\.users.count).max() ?? 0)
    inputs = .allocate(capacity: max(1, plan.dimension) * Self.batch)
    inputs.initialize(repeating: 0, count: max(1, plan.dimension) * Self.batch)
    status = .allocate(capacity: Self.batch)
    status.initialize(repeating: 0, count: Self.batch)
  }

  deinit {
    inputs.deallocate()
    status.deallocate()
  }

  /// Draws chunk `chunk` of box `b` and returns each user's outcome (slot order), `nil`
  /// for users that take no point of this chunk or that `skip` says are already settled.
  func run(box b: Int, chunk: Int, skip: (FusedSamplingPlan.User) -> Bool) -> [ChunkOutcome?] {
    let box = plan.boxes[b]
    let size = FusedSamplingPlan.chunkSize
    let first = chunk * size
    var outcomes = [ChunkOutcome?](repeating: nil, count: box.users.count)
    var taking: [Int] = []  // users' points in this chunk
    var points = 0
    for (slot, u) in box.users.enumerated() {
      let m = min(size, u.count - first)
      taking.append(max(0, m))
      if m > 0 && !skip(u) {
        outcomes[slot] = ChunkOutcome()
        candidates[slot].removeAll(keepingCapacity: true)
        points = max(points, m)
      }
    }
    if points == 0 { return outcomes }
    let evaluator = evaluator(for: b)
    var lanes = UniformLanes(seed: seed, stream: box.key &+ UInt64(chunk))
    let n = plan.dimension
    var done = 0
    box.lower.withUnsafeBufferPointer { lower in
      box.upper.withUnsafeBufferPointer { upper in
        while done < points {
          let m = min(Self.batch, points - done)
          lanes.fill(inputs, stride: Self.batch, groups: (m + UniformLanes.width - 1) / UniformLanes.width,
                     lower: lower.baseAddress!, upper: upper.baseAddress!, dimension: n)
          evaluator.evaluate(inputs: inputs, stride: Self.batch, count: m)
          for slot in box.users.indices where outcomes[slot] != nil {
            let mu = min(m, taking[slot] - done)
            if mu > 0 { scan(box.users[slot], slot: slot, count: mu, offset: done, evaluator, &outcomes[slot]!) }
          }
          done += m
        }
      }
    }
    for slot in box.users.indices where outcomes[slot] != nil {
      outcomes[slot]!.drawn = taking[slot]
      outcomes[slot]!.settle(candidates[slot], piece: box.users[slot].piece, in: plan.compiled[box.users[slot].obligation])
    }
    return outcomes
  }

  private func evaluator(for b: Int) -> DoubleBatchEvaluator {
    if let e = evaluators[b] { return e }
    let e = DoubleBatchEvaluator(tape: plan.boxes[b].tape, capacity: Self.batch)
    evaluators[b] = e
    return e
  }

  /// Checks the first `count` points of the batch for one user. The fast path counts the
  /// points in the piece, looks for anything unusual and tracks the largest value two points
  /// at a time (`SIMD2`: one SSE2 register, compare-and-select, no branches); a batch with a
  /// violation candidate or an undefined value is redone point by point.
  private func scan(_ u: FusedSamplingPlan.User, slot: Int, count: Int, offset: Int,
                    _ evaluator: DoubleBatchEvaluator, _ outcome: inout ChunkOutcome) {
    let g = evaluator.output(u.expressionOutput).baseAddress!
    let hs = u.constraintOutputs
    // s[k] > 0: some constraint > 0 (outside); NaN: none > 0 but one undefined;
    // otherwise ≤ 0 (inside). No constraint: every point is inside (s = −1).
    var s = UnsafePointer(status)
    if let first = hs.first {
      s = evaluator.output(first).baseAddress!
      if hs.count > 1 {
        for k in 0..<count { status[k] = s[k] }
        for j in hs.dropFirst() {
          let h = evaluator.output(j).baseAddress!
          for k in 0..<count { status[k] = status[k] > 0 || h[k] > 0 ? 1 : status[k] + h[k] }
        }
        s = UnsafePointer(status)
      }
    } else {
      for k in 0..<count { status[k] = -1 }
    }
    let zero = SIMD2<Double>.zero, t = SIMD2<Double>(repeating: u.threshold)
    var inside2 = SIMD2<Int64>.zero
    var unusual = SIMDMask<SIMD2<Int64>>(repeating: false)
    var largest = SIMD2<Double>(repeating: -.infinity)
    var k = 0
    while k &+ 2 <= count {
      let sk = SIMD2(s[k], s[k &+ 1]), gk = SIMD2(g[k], g[k &+ 1])
      let inside = .!(sk .> zero)
      inside2.replace(with: inside2 &+ 1, where: inside)
      // In the piece, and undefined somewhere or violating (NaN violates).
      unusual = unusual .| (inside .& .!((sk .<= zero) .& (gk .< t)))
      largest.replace(with: gk, where: inside .& (gk .>= largest))
      k &+= 2
    }
    var accepted = Int(inside2[0] &+ inside2[1])
    var flagged = any(unusual)
    var worst = outcome.worst
    worst = largest[0] >= worst ? largest[0] : worst
    worst = largest[1] >= worst ? largest[1] : worst
    if k < count {  // an odd last point
      let sk = s[k], gk = g[k]
      if !(sk > 0) {
        accepted += 1
        flagged = flagged || !(sk <= 0 && gk < u.threshold)
        worst = gk >= worst ? gk : worst
      }
    }
    if !flagged {
      outcome.accepted += accepted
      outcome.worst = worst   // the largest value in the piece (as folding Swift.max, up to the sign of a zero)
      return
    }
    outcome.scan(evaluator, expression: u.expressionOutput, constraints: u.constraintOutputs, count: count,
                 threshold: u.threshold, firstOrder: offset, point: point, into: &candidates[slot])
  }

  private func point(_ k: Int) -> [Double] {
    (0..<plan.dimension).map { inputs[$0 * Self.batch + k] }
  }
}
