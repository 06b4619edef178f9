import BCVExpression
import BCVNumerics

extension BranchAndBound {
  /// Decides boxes of one obligation, one at a time, for one worker thread.
  ///
  /// Per box, in order (see `IntervalStrategy` for the whole algorithm):
  /// 1. discard when a constraint's enclosure is certainly > 0;
  /// 2. optionally contract the box onto the constraints (HC4), then re-test 1;
  /// 3. accept when g's enclosure certainly satisfies the relation (`enclosure(...)`:
  ///    natural extension, then mean-value form, then Bernstein for polynomials, then
  ///    Bernstein for g − λ·h with a set multiplier);
  /// 4. look for a confirmed counterexample (`PointSearch`);
  /// 5. otherwise split along the variable of largest smear, or leave the box undecided when
  ///    no variable can be split.
  /// The fate of a box depends only on the box, so results do not depend on which worker
  /// processes it. All buffers are owned here and reused; a box that is split or decided
  /// allocates nothing except its certificate leaf.
  struct Worker {
    /// The most a dimension's relative width may fall behind the widest one before the
    /// widest is split instead of the one of largest smear (keeps constraint-only variables
    /// from starving).
    static let smearStarvationRatio = 16.0

    let program: Program
    let contraction: Bool
    let recordLeaves: Bool
    let minWidth: Double
    var search: PointSearch
    var box: [Interval]
    var registers: [Interval]
    var scratch: [Interval]
    var gradientRegisters: [Interval]
    var valueRegisters: [Interval]
    var centre: [Interval]
    var lower: [Double]
    var upper: [Double]
    /// |∂g/∂xᵢ| over the current box, or nil when not computed or not finite.
    var slopes: [Double]
    var slopesKnown = false
    /// Whether g certainly violates the relation at the current box's centre (set by the
    /// mean-value form when it runs).
    var centreViolates = false
    /// Buffers for the Bernstein enclosure, when the program has one.
    var bernsteinWork: BernsteinEnclosure.Workspace?
    /// Buffers for each piece's set multipliers.
    var setWork: [[BernsteinEnclosure.Workspace?]]

    init(program: Program, contraction: Bool, recordLeaves: Bool, minWidth: Double) {
      self.program = program
      self.contraction = contraction
      self.recordLeaves = recordLeaves
      self.minWidth = minWidth
      search = PointSearch(program: program)
      let n = program.dimension
      box = Array(repeating: .entire, count: n)
      centre = box
      registers = Array(repeating: .entire, count: program.main.registerCount)
      scratch = registers
      gradientRegisters = Array(repeating: .entire, count: program.gradient.registerCount)
      valueRegisters = Array(repeating: .entire, count: program.value.registerCount)
      lower = Array(repeating: 0, count: n)
      upper = lower
      slopes = lower
      bernsteinWork = program.bernstein.map { BernsteinEnclosure.Workspace(for: $0) }
      setWork = program.setMultipliers.map { $0.map { BernsteinEnclosure.Workspace(for: $0.enclosure) } }
    }

    /// Processes boxes `range` of `wave`, stopping at the first confirmed counterexample.
    mutating func process(_ wave: BoxList, range: Range<Int>) -> ChunkOutcome {
      var outcome = ChunkOutcome(dimension: program.dimension)
      for k in range {
        let piece = wave.pieces[k]
        wave.withBox(k) { lo, hi in
          for d in 0..<program.dimension {
            lower[d] = lo[d]
            upper[d] = hi[d]
          }
        }
        decide(piece: piece, into: &outcome)
        if outcome.violation != nil { break }
      }
      return outcome
    }

    /// Decides the box `lower…upper` of `piece`.
    private mutating func decide(piece: Int, into outcome: inout ChunkOutcome) {
      outcome.boxes += 1
      switch enclose(piece: piece, evaluations: &outcome.evaluations) {
      case .decided(let decision):
        if recordLeaves {
          outcome.leaves.append(ProofCertificate.Leaf(piece: piece, lower: lower, upper: upper, decision: decision))
        }
        return
      case .infeasible:
        return
      case .undefined:
        if outcome.undefinedAt == nil { outcome.undefinedAt = midpoint() }
      case .open:
        break
      }
      let found = lower.withUnsafeBufferPointer { lo in
        upper.withUnsafeBufferPointer { hi in search.search(piece: piece, lower: lo, upper: hi) }
      }
      outcome.evaluations += found.evaluations
      outcome.worst = max(outcome.worst, found.worst)
      if outcome.undefinedAt == nil { outcome.undefinedAt = found.undefinedAt }
      if outcome.unconfirmedAt == nil { outcome.unconfirmedAt = found.unconfirmedAt }
      if let cex = found.confirmed {
        outcome.violation = cex
        return
      }
      guard let d = splitDimension(piece: piece) else {
        outcome.stuck += 1
        let m = lower.withUnsafeBufferPointer { lo in
          upper.withUnsafeBufferPointer { hi in program.measure(piece: piece, lower: lo, upper: hi) }
        }
        outcome.undecided.append((piece, m))
        return
      }
      let mid = Interval(lower[d], upper[d]).midpoint
      let saved = upper[d]
      upper[d] = mid
      append(piece: piece, to: &outcome.children)
      upper[d] = saved
      lower[d] = mid
      append(piece: piece, to: &outcome.children)
    }

    private func append(piece: Int, to list: inout BoxList) {
      lower.withUnsafeBufferPointer { lo in
        upper.withUnsafeBufferPointer { hi in list.append(piece: piece, lower: lo, upper: hi) }
      }
    }

    /// The variable to bisect: the largest smear |∂g/∂xᵢ|·widthᵢ among the splittable
    /// variables, unless its width relative to the piece's root has fallen more than
    /// `smearStarvationRatio` times behind the relatively widest splittable variable (then
    /// that one); the relatively widest when smears are unknown or all zero. Ties go to the
    /// lowest index. A variable is splittable when its width is at least `minWidth` and its
    /// midpoint lies strictly inside; nil when none is.
    private func splitDimension(piece: Int) -> Int? {
      let root = program.roots[piece]
      var widest: Int?, widestRelative = -1.0
      var steepest: Int?, steepestSmear = 0.0
      for d in 0..<program.dimension {
        let w = upper[d] - lower[d]
        guard w >= minWidth, w > 0 else { continue }
        let m = Interval(lower[d], upper[d]).midpoint
        guard lower[d] < m, m < upper[d] else { continue }
        let relative = w / (root.upper[d] - root.lower[d])
        if relative > widestRelative { (widest, widestRelative) = (d, relative) }
        if slopesKnown {
          let smear = slopes[d] * w
          if smear.isFinite, smear > steepestSmear { (steepest, steepestSmear) = (d, smear) }
        }
      }
      guard let s = steepest else { return widest }
      let relative = (upper[s] - lower[s]) / (root.upper[s] - root.lower[s])
      return relative * Self.smearStarvationRatio < widestRelative ? widest : s
    }

    private func midpoint() -> [Double] {
      (0..<program.dimension).map { Interval(lower[$0], upper[$0]).midpoint }
    }
  }
}
