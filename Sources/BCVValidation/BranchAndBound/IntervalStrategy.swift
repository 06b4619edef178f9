import BCVExpression
import BCVNumerics

/// Interval branch-and-bound: proves obligations with outward-rounded interval
/// arithmetic, or finds confirmed counterexamples.
///
/// Each piece of the obligation's region starts as one box, the piece's exact rational box
/// enclosed outward in doubles. A box is
/// 1. **discarded** when some constraint's enclosure is certainly > 0 (the box misses the
///    piece's set; an undefined enclosure never discards);
/// 2. **contracted** onto the constraints with HC4-revise (`HC4Contractor.revise`), keeping every
///    point of the set, and re-tested (by `decide` only; `prove` skips this step); the
///    contraction also narrows g's enclosure on the set where g shares subexpressions with
///    the constraints;
/// 3. **accepted** when g's enclosure certainly satisfies the relation (upper ≤ 0, or < 0
///    when strict), escalating: first the natural interval extension of the tape, then its
///    intersection with the mean-value form g(c) + ∇g(B)·(B − c) (gradient tape compiled
///    once per obligation from `Expr.derivative`), then, when g is a polynomial with at
///    most `maxBernsteinCoefficients` tensor coefficients, the range of its Bernstein
///    coefficients over the box (outward-rounded; exact rational when rounding alone
///    blocks the decision), and last the same for g − λ·h with a set multiplier
///    (`BranchAndBound.SetMultiplier`), which bounds g on the box's part in the set. An enclosure that is undefined (NaN) anywhere never accepts: a
///    point where g is undefined violates the obligation;
/// 4. **searched** for a counterexample: centre and linearisation corner in floating
///    point, a short projected gradient ascent, then `CounterexampleCheck.confirm`; a
///    confirmed point answers `violated` at once;
/// 5. otherwise **bisected** along the variable of largest smear |∂g/∂xᵢ|·widthᵢ (the
///    relatively widest when smears are unknown or one variable starves).
///
/// Answers: `holds(proof: true)` when every box was discarded or accepted (an empty region
/// holds); `violated` with a confirmed point; otherwise `unknown` with the reason (box
/// budget `settings.maxBoxes`, boxes narrower than `settings.minWidth` in every splittable
/// variable, `settings.timeLimit`, undefined enclosures, unconfirmable round-off
/// violations) and `undecidedFraction`: the undecided part of each piece's measure (its
/// box's volume over the variables in which it has positive width), weighted by the
/// pieces' box volumes (equally when all are zero).
///
/// **Parallelism and determinism.** The box tree is processed in breadth-first waves. A
/// wave is an ordered list of boxes, cut into chunks of at most `chunkSize` boxes (about 32
/// per wave, for balance; the chunking never changes a result); chunks run on
/// `settings.workers` threads (`ParallelChunks`) and their results are merged in chunk
/// order, so the next wave (the children, in order), the counters and the leaves are the
/// same for any worker count. A box's fate depends only on the box. A counterexample stops
/// the search: the reported one is the first confirmed in wave order, and the counters
/// count exactly the boxes up to it. Only a `timeLimit` can make results depend on timing.
///
/// Counters: `boxes` examined; `evaluations` counts tape evaluations, one per interval
/// pass over a box (main, gradient, centre value) and one per floating-point point;
/// `waves` the breadth-first waves run (the critical path: `boxes / waves` bounds the
/// speedup of any worker count).
public struct IntervalStrategy: Strategy {
  public let id = StrategyID.interval
  public let isSound = true
  /// The most boxes per chunk, the unit of parallel work (smaller waves get smaller chunks).
  public static let chunkSize = 128
  /// The most tensor Bernstein coefficients, Π(d_i + 1), for which a polynomial g gets the
  /// Bernstein enclosure; beyond that its cost per box outweighs the boxes it saves.
  public static let maxBernsteinCoefficients = 4096
  /// Whether boxes escalate to the Bernstein enclosure for polynomial obligations (step 3).
  /// Off only to measure what it buys (`bcv-perf obligations`).
  public let usesBernstein: Bool

  public init(usesBernstein: Bool = true) {
    self.usesBernstein = usesBernstein
  }

  public func decide(_ compiled: CompiledObligation, settings: StrategySettings) -> ObligationResult {
    BranchAndBound.Search(compiled: compiled, settings: settings, contraction: true, recordLeaves: false,
              bernstein: usesBernstein).run().result
  }

  /// Decides the obligation and, when it is proved, returns a certificate of the proof
  /// that `CertificateChecker` can verify independently.
  ///
  /// The certificate states the obligation by its texts, so what is proved is the
  /// obligation as re-read from them (`ExprParser` on `Expr.text`): equal to the original
  /// as real functions by the printer's contract, though possibly grouped differently
  /// (`2*x1*-x1` reads back as 2·(x1·(−x1))), which changes interval enclosures; the
  /// re-reading is repeated until the texts read back to exactly what was proved. The
  /// search runs without HC4 contraction, so that every leaf is decided by a rule the
  /// checker re-verifies on its own code path (a constraint's natural enclosure; g's
  /// natural enclosure intersected with the mean-value form, or g's exact rational
  /// Bernstein coefficients). Box counts
  /// may therefore differ from `decide`'s. The certificate is nil unless the status is
  /// `holds(proof: true)`; it is also nil, with `decide`'s result, when the texts do not
  /// reach such a fixed point (an expression with the internal `sign` function does not
  /// parse) or a box is too large for doubles.
  public func prove(_ compiled: CompiledObligation,
                    settings: StrategySettings) -> (ObligationResult, ProofCertificate?) {
    guard let reread = compiled.obligation.rereadToFixpoint(),
          reread.region.pieces.allSatisfy({ $0.box.bounds.allSatisfy { b in
            b.lower.doubleEnclosure.lower.isFinite && b.upper.doubleEnclosure.upper.isFinite } })
    else { return (decide(compiled, settings: settings), nil) }
    let outcome = BranchAndBound.Search(compiled: CompiledObligation(reread), settings: settings, contraction: false,
                            recordLeaves: true, bernstein: usesBernstein).run()
    guard outcome.result.status == .holds(proof: true) else { return (outcome.result, nil) }
    return (outcome.result, ProofCertificate(statementOf: reread, leaves: outcome.leaves))
  }
}

extension Obligation {
  /// `rereadFromTexts()` repeated until it no longer changes the obligation (at most
  /// `rounds` times); nil when that does not happen.
  func rereadToFixpoint(rounds: Int = 4) -> Obligation? {
    guard var current = rereadFromTexts() else { return nil }
    for _ in 0..<rounds {
      guard let next = current.rereadFromTexts() else { return nil }
      if next == current { return current }
      current = next
    }
    return nil
  }

  /// The obligation with its expression and constraints replaced by their texts read
  /// back with `ExprParser`; nil when a text does not parse.
  func rereadFromTexts() -> Obligation? {
    let parser = ExprParser(variables: variableNames)
    func reread(_ e: Expr) -> Expr? { try? parser.parse(e.text(variableNames: variableNames)) }
    guard let g = reread(expression) else { return nil }
    var pieces: [RegionPiece] = []
    for piece in region.pieces {
      let constraints = piece.constraints.compactMap(reread)
      guard constraints.count == piece.constraints.count else { return nil }
      pieces.append(RegionPiece(box: piece.box, constraints: constraints))
    }
    return Obligation(condition: condition, region: Region(pieces: pieces), expression: g, strict: strict,
                      variableNames: variableNames)
  }
}
