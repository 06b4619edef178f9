extension BranchAndBound {
  /// What the branch-and-bound has left undecided and noticed on the way, merged from chunk
  /// outcomes in order, and the `unknown` answer it leads to.
  struct Tally {
    let program: Program
    /// Undecided measure per piece (in the piece's measured dimensions).
    private var undecided: [Double]
    private(set) var undecidedBoxes = 0
    private var stuck = 0
    private var undefinedAt: [Double]?
    private var unconfirmedAt: [Double]?
    private var worst = -Double.infinity

    init(program: Program) {
      self.program = program
      undecided = Array(repeating: 0, count: program.roots.count)
    }

    mutating func add(_ o: ChunkOutcome) {
      for u in o.undecided { undecided[u.piece] += u.measure }
      undecidedBoxes += o.undecided.count
      stuck += o.stuck
      undefinedAt = undefinedAt ?? o.undefinedAt
      unconfirmedAt = unconfirmedAt ?? o.unconfirmedAt
      worst = max(worst, o.worst)
    }

    /// Counts every box of `list` as undecided.
    mutating func addUndecided(_ list: BoxList) {
      for k in 0..<list.count {
        let p = list.pieces[k]
        undecided[p] += list.withBox(k) { lo, hi in program.measure(piece: p, lower: lo, upper: hi) }
      }
      undecidedBoxes += list.count
    }

    /// The largest finite g seen at a feasible point, if any.
    var worstValue: Double? { worst.isFinite ? worst : nil }

    /// The undecided fraction of the region: per piece, undecided measure over the piece's
    /// measure (capped at 1), weighted by the pieces' box volumes (equally when all are 0).
    /// Positive whenever some box is undecided, even when its measure rounds to 0.
    var undecidedFraction: Double {
      guard undecidedBoxes > 0 else { return 0 }
      let volumes = program.compiled.obligation.region.pieces.map { $0.box.approximateVolume }
      let total = volumes.reduce(0, +)
      var fraction = 0.0
      for p in undecided.indices {
        let weight = total > 0 && total.isFinite ? volumes[p] / total : 1 / Double(undecided.count)
        let whole = program.rootMeasure(piece: p)
        let share = whole > 0 && whole.isFinite ? min(1, undecided[p] / whole) : (undecided[p] > 0 ? 1 : 0)
        fraction += weight * share
      }
      return min(1, max(fraction, .leastNormalMagnitude))
    }

    /// Nil when everything was decided (a proof); otherwise why the answer is unknown: the
    /// stop (timeout or budget) if any, else the minimum width (a budget), with what was seen
    /// in the undecided boxes appended.
    func unknownReason(stop: UnknownReason?, minWidth: Double) -> UnknownReason? {
      var parts: [String] = []
      if let stop { parts.append(stop.detail) }
      if stuck > 0 { parts.append("\(stuck) box(es) narrower than the minimum width \(minWidth) left undecided") }
      guard !parts.isEmpty else { return nil }
      if let p = undefinedAt { parts.append("expression possibly undefined (NaN) near \(Self.format(p))") }
      if let p = unconfirmedAt { parts.append("violation within round-off at \(Self.format(p)) could not be confirmed") }
      return UnknownReason(stop?.kind ?? .budget, parts.joined(separator: "; "))
    }

    static func format(_ p: [Double]) -> String {
      "(" + p.map { "\($0)" }.joined(separator: ", ") + ")"
    }
  }
}
