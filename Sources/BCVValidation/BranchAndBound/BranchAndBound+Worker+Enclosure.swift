import BCVExpression
import BCVNumerics

extension BranchAndBound.Worker {
  /// What the interval tests concluded about a box.
  enum Enclosure {
    /// The box is decided: it misses the piece's set, or g certainly satisfies the relation.
    case decided(ProofCertificate.Decision)
    /// Contraction proved that no point of the box satisfies the piece's constraints.
    /// (Never with a certificate: certificates are produced without contraction.)
    case infeasible
    /// g's enclosure is undefined (NaN) somewhere on the box: it can never be accepted.
    case undefined
    /// Neither; split or search further.
    case open
  }

  /// Runs the interval tests on the box `lower…upper` of `piece`. With `contraction` the
  /// box may be narrowed (written back to `lower`/`upper`) to a box that still holds every
  /// point of the piece's set that was in it.
  ///
  /// Guarantees: `.decided(.discarded(k, l))` only when constraint k's enclosure over the
  /// (possibly contracted) box has lower end l > 0; `.infeasible` only when HC4 proved
  /// that no point of the box satisfies the constraints; `.decided(.bounded(u))` only when
  /// u certifies the relation and bounds g from above at every point of the box that may
  /// lie in the piece's set (at every point of the box without contraction). The bound u
  /// comes from the first of these that certifies: the natural enclosure (intersected
  /// with g's contracted enclosure), its intersection with the mean-value form, and, for a
  /// polynomial g, the Bernstein enclosure (`bernsteinBound`). `.decided(.boundedOnSet(k,
  /// λ, u))` only when g − λ·h_k ≤ u ≤ 0 (< 0 when strict) on the box, h_k the piece's
  /// constraint k, so g ≤ u at every point of the box in the piece's set. Leaves
  /// `slopes` set to |∂g/∂xᵢ| over the box when it computed them.
  mutating func enclose(piece: Int, evaluations: inout Int) -> Enclosure {
    slopesKnown = false
    centreViolates = false
    let constraints = program.compiled.pieceConstraints[piece]
    for d in 0..<program.dimension { box[d] = Interval(lower[d], upper[d]) }
    forward(&evaluations)
    if let discard = discarded(constraints) { return .decided(discard) }
    var feasibleG: Interval?
    if contraction, constraints.contains(where: { !registers[program.main.output($0)].certainlyLessThanOrEqual(0) }) {
      switch contract(piece: piece) {
      case .infeasible: return .infeasible
      case .narrowed(let changed):
        // g's narrowed register encloses g at every point of the box that may lie in the
        // piece's set (it is narrower than the forward value when g shares subexpressions
        // with the constraints, as in levelset bands or g = a constraint).
        let narrowed = scratch[program.main.output(0)]
        if !narrowed.isPossiblyUndefined { feasibleG = narrowed }
        if changed {
          for d in 0..<program.dimension { (lower[d], upper[d]) = (box[d].lower, box[d].upper) }
          forward(&evaluations)
          if let discard = discarded(constraints) { return .decided(discard) }
        }
      }
    }
    var natural = registers[program.main.output(0)]
    if natural.isPossiblyUndefined { return .undefined }
    if let f = feasibleG, case let both = natural.intersection(f), !both.isEmpty { natural = both }
    if program.certifies(upperBound: natural.upper) { return .decided(.bounded(upperBound: natural.upper)) }
    if let meanValue = meanValueForm(&evaluations), case let both = natural.intersection(meanValue),
       !both.isEmpty, !both.isPossiblyUndefined, program.certifies(upperBound: both.upper) {
      return .decided(.bounded(upperBound: both.upper))
    }
    if let bound = bernsteinBound(&evaluations) { return .decided(.bounded(upperBound: bound)) }
    for (m, multiplier) in program.setMultipliers[piece].enumerated() {
      guard var work = setWork[piece][m] else { continue }
      setWork[piece][m] = nil  // `work` is then the buffers' only owner: no copy on write
      let bound = certifiedBound(multiplier.enclosure, work: &work, evaluations: &evaluations)
      setWork[piece][m] = work
      if let bound {
        return .decided(.boundedOnSet(constraint: multiplier.constraint, multiplier: multiplier.multiplier,
                                      upperBound: bound))
      }
    }
    return .open
  }

  /// An upper bound of g on the box that certifies the relation, from g's Bernstein
  /// coefficients (`BernsteinEnclosure`); nil when g is not a (small enough) polynomial or the
  /// coefficients do not certify.
  ///
  /// The coefficients are first enclosed in interval arithmetic. When that fails only
  /// because some enclosures straddle the bound (no coefficient certainly violates), the
  /// exact rational coefficients decide: an exact maximum of 0 proves g ≤ 0 at a tangency
  /// that sits on the box's corner, where any rounded enclosure must straddle 0. Skipped
  /// when g certainly violates at the box's centre.
  private mutating func bernsteinBound(_ evaluations: inout Int) -> Double? {
    // g at a point of the box lies in the coefficients' range: a violating centre value
    // (from the mean-value form) means no Bernstein bound can certify.
    guard !centreViolates, let bernstein = program.bernstein, var work = bernsteinWork else { return nil }
    bernsteinWork = nil
    let bound = certifiedBound(bernstein, work: &work, evaluations: &evaluations)
    bernsteinWork = work
    return bound
  }

  /// An upper bound of the enclosed polynomial on the box that certifies the relation:
  /// the rounded coefficients' maximum, or, when only rounding blocks it, the exact
  /// coefficients' maximum rounded up; nil when neither certifies or a bound is infinite.
  private func certifiedBound(_ enclosure: BernsteinEnclosure, work: inout BernsteinEnclosure.Workspace,
                              evaluations: inout Int) -> Double? {
    for d in 0..<program.dimension where !(lower[d].isFinite && upper[d].isFinite) { return nil }
    evaluations += 1
    let range = enclosure.range(lower: lower, upper: upper, in: &work)
    let bound = range.enclosure.upper
    if program.certifies(upperBound: bound) { return bound }
    guard program.certifies(upperBound: range.greatestLower),
          let exact = BernsteinExpansion.maximum(of: enclosure.polynomial, lower: lower, upper: upper)
    else { return nil }
    evaluations += 1
    let exactBound = exact.doubleEnclosure.upper
    return program.certifies(upperBound: exactBound) ? exactBound : nil
  }

  /// The main tape over `box` into `registers`.
  private mutating func forward(_ evaluations: inout Int) {
    evaluations += 1
    box.withUnsafeBufferPointer { b in
      registers.withUnsafeMutableBufferPointer { program.main.evaluate(b, into: $0) }
    }
  }

  /// The first constraint (in the piece's order) certainly > 0 on the box.
  private func discarded(_ constraints: [Int]) -> ProofCertificate.Decision? {
    for (k, j) in constraints.enumerated() {
      let h = registers[program.main.output(j)]
      if h.certainlyGreater(0) { return .discarded(constraint: k, lowerBound: h.lower) }
    }
    return nil
  }

  /// HC4-revise (`HC4Contractor.revise`) over the forward registers, targets in
  /// `scratch`, writing the contracted box to `box`.
  private mutating func contract(piece: Int) -> HC4Contractor.Revision {
    let tape = program.main.tape, constraints = program.pieceContraction[piece]
    return box.withUnsafeMutableBufferPointer { b in
      registers.withUnsafeBufferPointer { v in
        scratch.withUnsafeMutableBufferPointer { t in
          HC4Contractor.revise(b, tape: tape, constraints: constraints, values: v, targets: t)
        }
      }
    }
  }

  /// The mean-value form g(c) + Σᵢ ∂g/∂xᵢ(box)·(boxᵢ − cᵢ) with c the box's midpoint
  /// (`Interval.midpoint` per variable), summed in variable order; nil when the form does
  /// not apply (g may be discontinuous, or g(c) or a partial derivative is undefined).
  ///
  /// Sound because g is continuous on the box (its natural enclosure is defined, and g has
  /// no `sign`) and Lipschitz along every segment, with derivatives enclosed by the
  /// gradient tape (Clarke's at `abs` kinks): g(x) − g(c) = ∫ ∇g·(x − c) lies in the sum.
  /// `CertificateChecker` recomputes exactly this formula on its own code path.
  private mutating func meanValueForm(_ evaluations: inout Int) -> Interval? {
    guard program.meanValueAllowed else { return nil }
    let n = program.dimension
    evaluations += 2
    box.withUnsafeBufferPointer { b in
      gradientRegisters.withUnsafeMutableBufferPointer { program.gradient.evaluate(b, into: $0) }
    }
    var allFinite = true
    for d in 0..<n {
      let s = gradientRegisters[program.gradient.output(d)]
      if s.isPossiblyUndefined { return nil }
      slopes[d] = s.magnitude
      allFinite = allFinite && slopes[d].isFinite
    }
    slopesKnown = allFinite
    for d in 0..<n { centre[d] = Interval(box[d].midpoint) }
    centre.withUnsafeBufferPointer { c in
      valueRegisters.withUnsafeMutableBufferPointer { program.value.evaluate(c, into: $0) }
    }
    var sum = valueRegisters[program.value.output(0)]
    if sum.isPossiblyUndefined { return nil }
    centreViolates = !program.certifies(upperBound: sum.lower)
    for d in 0..<n {
      sum = sum + gradientRegisters[program.gradient.output(d)] * (box[d] - centre[d])
    }
    return sum
  }
}
