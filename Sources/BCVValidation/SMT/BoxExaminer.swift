import BCVExpression
import BCVNumerics

/// A box of the branch-and-prune search: double sides enclosing part of one piece.
struct SMTSearchBox: Sendable, Hashable {
  let piece: Int
  var sides: [Interval]

  /// The product of the side widths (rounded; for reporting only).
  var volume: Double { sides.reduce(1.0) { $0 * $1.width } }
}

/// What examining one box decided.
enum SMTBoxOutcome: Sendable {
  /// Contraction emptied the box: it holds no violation.
  case refuted
  /// Undecided; both halves go to the next wave (lower half first).
  case split(SMTSearchBox, SMTSearchBox)
  /// δ-sat: narrower than δ on every side, or every constraint δ-satisfied on the whole
  /// box, and no point tried in it was a confirmed counterexample. `mayBeUndefined` when
  /// some enclosure over it was undefined.
  case deltaSat(SMTSearchBox, mayBeUndefined: Bool)
  case counterexample(Counterexample)
}

/// Examines boxes of one obligation for one worker thread (it owns the scratch buffers).
///
/// For a box: contract it with HC4 against the negation of the obligation on its piece
/// (`g ∈ [0, +∞]`, every constraint `h ∈ [−∞, 0]`; the closure, so strict and non-strict
/// obligations are both covered); empty → refuted. A non-strict obligation's box is also
/// refuted when g's enclosure over it is defined and ≤ 0 (no point has g > 0, although
/// the closure g ≥ 0 may still be met where g = 0). Otherwise try the contracted box's
/// midpoint in floating point and confirm it with `CounterexampleCheck` when it looks
/// violating. Then the δ test: when every side is at most δ wide, or the enclosures show
/// every constraint δ-satisfied (`g ≥ −δ`, `h ≤ δ`) on the whole box, a few points of
/// the box (midpoint and corners) are tried with `CounterexampleCheck` and the box is
/// δ-sat unless one is confirmed. Otherwise the widest side is bisected.
///
/// Every answer depends on the box alone, never on which worker examines it or what it
/// examined before, so the search is deterministic for any number of workers.
struct BoxExaminer {
  let compiled: CompiledObligation
  let contractor: HC4Contractor
  /// Per piece: the negation's constraints (output 0 first).
  let constraints: [[HC4Contractor.Constraint]]
  /// Per piece: the largest box of doubles inside the exact box, where candidate points
  /// are clamped so that they lie in the piece (`nil` when no double lies inside).
  let inner: [(lower: [Double], upper: [Double])?]
  let delta: Double
  private var scratch = HC4Contractor.Scratch()
  private var registers: [Double] = []
  /// Candidates whose floating-point value is within this of violating are confirmed
  /// exactly (round-off may hide a violation of a strict obligation at 0).
  static let confirmationSlack = 1e-12

  init(compiled: CompiledObligation, contractor: HC4Contractor, delta: Double) {
    self.compiled = compiled
    self.contractor = contractor
    self.delta = delta
    let negation = Interval(0, .infinity), region = Interval(-.infinity, 0)
    constraints = compiled.pieceConstraints.map { outputs in
      [HC4Contractor.Constraint(output: 0, range: negation)]
        + outputs.map { HC4Contractor.Constraint(output: $0, range: region) }
    }
    inner = compiled.obligation.region.pieces.map { $0.box.innerDoubleBounds }
  }

  /// The outcome for `box` and the tape evaluations it took.
  mutating func examine(_ box: SMTSearchBox) -> (outcome: SMTBoxOutcome, evaluations: Int) {
    let result = contractor.contract(box.sides, constraints: constraints[box.piece], scratch: &scratch)
    var evaluations = result.evaluations
    guard let sides = result.box else { return (.refuted, evaluations) }
    if !compiled.obligation.strict, result.enclosures[0].certainlyLessThanOrEqual(0) {
      return (.refuted, evaluations)
    }
    let contracted = SMTSearchBox(piece: box.piece, sides: sides)
    if let p = clamped(sides.map(\.midpoint), piece: box.piece) {
      evaluations += 1
      if looksViolating(p, piece: box.piece, slack: 0) {
        evaluations += 1
        if let cex = CounterexampleCheck.confirm(p, piece: box.piece, in: compiled) {
          return (.counterexample(cex), evaluations)
        }
      }
    }
    let narrow = sides.allSatisfy { $0.width <= delta }
    if narrow || deltaSatisfied(result.enclosures) {
      for p in candidates(sides, piece: box.piece) {
        evaluations += 1
        guard looksViolating(p, piece: box.piece, slack: Self.confirmationSlack) else { continue }
        evaluations += 1
        if let cex = CounterexampleCheck.confirm(p, piece: box.piece, in: compiled) {
          return (.counterexample(cex), evaluations)
        }
      }
      let undefined = result.enclosures.contains(where: \.isPossiblyUndefined)
      return (.deltaSat(contracted, mayBeUndefined: undefined), evaluations)
    }
    var widest = 0
    for k in sides.indices where sides[k].width > sides[widest].width { widest = k }
    let halves = sides[widest].bisected()
    guard halves.lower != sides[widest], halves.upper != sides[widest] else {
      // No double strictly inside the side: it cannot be split further.
      return (.deltaSat(contracted, mayBeUndefined: result.enclosures.contains(where: \.isPossiblyUndefined)), evaluations)
    }
    var low = contracted, high = contracted
    low.sides[widest] = halves.lower
    high.sides[widest] = halves.upper
    return (.split(low, high), evaluations)
  }

  /// Every enclosure defined, `g ≥ −δ` and every `h ≤ δ` on the whole box: each point of
  /// the box satisfies the δ-weakened negation.
  private func deltaSatisfied(_ enclosures: [Interval]) -> Bool {
    guard let g = enclosures.first, !enclosures.contains(where: \.isPossiblyUndefined) else { return false }
    return g.lower >= -delta && enclosures.dropFirst().allSatisfy { $0.upper <= delta }
  }

  /// Floating-point test of a point: in the piece's constraints (`h ≤ slack`) and `g`
  /// violating or within `slack` of it. Only a filter; `CounterexampleCheck` decides.
  private mutating func looksViolating(_ p: [Double], piece: Int, slack: Double) -> Bool {
    let values = compiled.tape.evaluate(at: p, registers: &registers)
    for j in compiled.pieceConstraints[piece] where !(values[j] <= slack) { return false }
    return slack > 0 ? values[0] >= -slack : compiled.violates(values[0]) && !values[0].isNaN
  }

  /// The midpoint and up to four corners of the box (all lower, all upper, and the two
  /// alternating ones), clamped into the piece and without repeats.
  private func candidates(_ sides: [Interval], piece: Int) -> [[Double]] {
    let n = sides.count
    let patterns: [(Int) -> Bool] = [{ _ in false }, { _ in true }, { $0 % 2 == 0 }, { $0 % 2 == 1 }]
    var raw = [sides.map(\.midpoint)]
    for upper in patterns {
      raw.append((0..<n).map { upper($0) ? sides[$0].upper : sides[$0].lower })
    }
    var result: [[Double]] = []
    for p in raw {
      if let c = clamped(p, piece: piece), !result.contains(c) { result.append(c) }
    }
    return result
  }

  /// `p` moved into the piece's inner double box; `nil` when the piece has none or a
  /// coordinate is not finite.
  private func clamped(_ p: [Double], piece: Int) -> [Double]? {
    guard let box = inner[piece] else { return nil }
    var q = p
    for k in q.indices {
      guard q[k].isFinite else { return nil }
      q[k] = min(max(q[k], box.lower[k]), box.upper[k])
    }
    return q
  }
}
