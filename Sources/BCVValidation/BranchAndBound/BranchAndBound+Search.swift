import BCVExpression
import BCVNumerics

extension BranchAndBound {
  /// One run of the interval branch-and-bound over an obligation, in breadth-first waves
  /// (see `IntervalStrategy` for the algorithm and the determinism argument).
  struct Search {
    struct Outcome {
      var result: ObligationResult
      /// Every decided leaf in wave order (only with `recordLeaves`, complete only for a proof).
      var leaves: [ProofCertificate.Leaf]
    }

    let program: Program
    let settings: StrategySettings
    let contraction: Bool
    let recordLeaves: Bool

    init(compiled: CompiledObligation, settings: StrategySettings, contraction: Bool, recordLeaves: Bool,
         bernstein: Bool) {
      program = Program(compiled, bernstein: bernstein)
      self.settings = settings
      self.contraction = contraction
      self.recordLeaves = recordLeaves
    }

    func run() -> Outcome {
      let obligation = program.compiled.obligation
      var result = ObligationResult(condition: obligation.condition, status: .holds(proof: true))
      result.waves = 0
      var leaves: [ProofCertificate.Leaf] = []
      let deadline = settings.timeLimit.map { Deadline(seconds: $0) }
      var wave = BoxList(dimension: program.dimension)
      for (p, root) in program.roots.enumerated() { wave.append(piece: p, lower: root.lower, upper: root.upper) }
      var tally = Tally(program: program)
      var stop: UnknownReason?
      while wave.count > 0 {
        let budget = settings.maxBoxes - result.boxes
        guard budget > 0 else {
          stop = UnknownReason(.budget, "box budget of \(settings.maxBoxes) exhausted")
          tally.addUndecided(wave)
          break
        }
        let active = min(wave.count, budget)
        result.waves! += 1
        // Results do not depend on the chunking (a chunk stops at its first counterexample
        // and nothing after it is counted), so chunks are sized for balance across workers.
        let chunkSize = ParallelChunks.chunkSize(items: active, smallest: 2, largest: IntervalStrategy.chunkSize)
        let outcomes = ParallelChunks.run(
          count: (active + chunkSize - 1) / chunkSize, workers: settings.workers,
          makeWorker: {
            Worker(program: program, contraction: contraction, recordLeaves: recordLeaves,
                      minWidth: settings.minWidth)
          },
          body: { worker, k -> (result: ChunkOutcome, stop: Bool) in
            if deadline?.hasPassed == true {
              var late = ChunkOutcome(dimension: program.dimension)
              late.timedOut = true
              return (late, true)
            }
            let o = worker.process(wave, range: k * chunkSize ..< min((k + 1) * chunkSize, active))
            return (o, o.violation != nil)
          })
        var next = BoxList(dimension: program.dimension)
        for (k, slot) in outcomes.enumerated() {
          // Chunks after a stop may or may not have run: never look past the first stop.
          guard let o = slot, !o.timedOut else {
            stop = UnknownReason(.timeout, "timeout after \(result.boxes) boxes")
            tally.addUndecided(wave.suffix(from: k * chunkSize))
            break
          }
          result.boxes += o.boxes
          result.evaluations += o.evaluations
          tally.add(o)
          if recordLeaves { leaves.append(contentsOf: o.leaves) }
          if let cex = o.violation {
            result.status = .violated(cex)
            result.worstValue = tally.worstValue
            return Outcome(result: result, leaves: [])
          }
          next.append(contentsOf: o.children)
        }
        if stop == nil && active < wave.count {
          stop = UnknownReason(.budget, "box budget of \(settings.maxBoxes) exhausted")
          tally.addUndecided(wave.suffix(from: active))
        }
        if stop != nil {
          tally.addUndecided(next)
          break
        }
        wave = next
      }
      result.worstValue = tally.worstValue
      if let why = tally.unknownReason(stop: stop, minWidth: settings.minWidth) {
        result.status = .unknown(why)
        result.undecidedFraction = tally.undecidedFraction
        return Outcome(result: result, leaves: [])
      }
      return Outcome(result: result, leaves: leaves)
    }
  }
}
