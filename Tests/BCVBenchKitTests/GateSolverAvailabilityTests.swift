import BCVBenchKit
import BCVValidation
import Foundation
import Testing

/// A baseline taken where an external solver was missing must not fail (or pass) a run on
/// a machine that has it, and the reverse: those jobs measured the machine, not the build.
@Suite struct GateSolverAvailability {
  /// `smt-external` jobs whose solver was unavailable: instant `unknown`.
  func withoutSolver(_ run: RunResults) -> RunResults {
    var run = run
    for i in run.records.indices where run.records[i].strategy == "smt-external" {
      var o = ObligationResult(condition: .flow, status: .unknown(UnknownReason(.solverUnavailable, "solver z3 unavailable")))
      o.solverStatus = "unavailable"
      run.records[i].obligations = [o]
      run.records[i].outcome = .unknown
      run.records[i].verdict = .unknown
      run.records[i].proof = false
      run.records[i].seconds = 0.0003
    }
    return run
  }

  @Test func jobsWhoseSolverWasAvailableOnOneSideOnlyAreNotCompared() throws {
    let strategies = ["sampling", "interval", "smt-external"]
    let without = withoutSolver(syntheticRun(seed: 1, strategies: strategies, repetitions: 5))
    let with = syntheticRun(seed: 2, strategies: strategies, repetitions: 5, slowdown: ["smt-external": 50])
    for (a, b, side) in [(without, with, "baseline's machine lacked"), (with, without, "this run's machine lacks")] {
      let c = compare(a, b)
      #expect(c.exitCode == .success, "\(c.text())")
      #expect(c.rows.allSatisfy { $0.strategy != "smt-external" || $0.status != .fail })
      #expect(c.notes.contains { $0.contains("20 job(s) not compared") && $0.contains(side) }, "\(c.notes)")
    }
    // Both sides without the solver: compared as usual (nothing to say).
    let same = compare(without, withoutSolver(syntheticRun(seed: 3, strategies: strategies, repetitions: 5)))
    #expect(same.exitCode == .success)
    #expect(!same.notes.contains { $0.contains("not compared") })
  }

  @Test func theBaselineFileRemembersThatTheSolverWasUnavailable() throws {
    let run = withoutSolver(syntheticRun(seed: 1, strategies: ["sampling", "smt-external"], repetitions: 2))
    let baseline = Baseline(results: run, suiteHash: nil)
    let path = NSTemporaryDirectory() + "bcv-solver-baseline-\(UUID().uuidString).json"
    try baseline.write(to: path)
    let loaded = try Baseline.load(path)
    #expect(loaded.jobs.filter(\.solverUnavailable).count == 20)
    #expect(loaded.jobs.filter { $0.strategy == "sampling" }.allSatisfy { !$0.solverUnavailable })
  }
}
