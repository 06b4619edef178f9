import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

/// A run whose records are one job per case of `strategy`, with the given repetitions' times.
private func run(_ times: [[Double]], strategy: String = "interval", outcome: Outcome = .correct,
                 timedOut: Set<Int> = []) -> RunResults {
  var records: [JobRecord] = []
  for (c, reps) in times.enumerated() {
    for (r, seconds) in reps.enumerated() {
      let verdict: VerdictKind = outcome == .unknown ? .unknown : .valid
      var obligation = ObligationResult(condition: .flow, status: outcome == .unknown ? .unknown(UnknownReason(.budget, "budget")) : .holds(proof: true))
      obligation.hitTimeLimit = timedOut.contains(c)
      records.append(JobRecord(caseID: "case\(c)", strategy: strategy, samples: 0, workers: 1, cache: "off", repetition: r,
                               verdict: verdict, proof: verdict == .valid, violates: nil, counterexample: nil,
                               expected: .valid, outcome: outcome, seconds: seconds, evaluations: 10, boxes: 5,
                               reason: nil, obligations: [obligation]))
    }
  }
  let meta: JSONValue = .object(JSONObject([("suite", .string("synthetic")), ("corpusHash", .string("abc")),
                                            ("machineClass", .object(JSONObject([("host", .string("m1"))])))]))
  return RunResults(metadata: meta, records: records, file: "synthetic")
}

/// Times for `cases` jobs with 5 repetitions each, ±2% seeded noise around 0.1 s × (case + 1).
private func times(seed: UInt64, cases: Int = 12, factor: (Int) -> Double = { _ in 1 }) -> [[Double]] {
  var rng = SeededGenerator(seed: seed)
  return (0..<cases).map { c in
    (0..<5).map { _ in 0.1 * Double(c + 1) * factor(c) * (1 + 0.02 * (2 * rng.nextUnit() - 1)) }
  }
}

private func baseline(_ r: RunResults) -> Baseline { Baseline(results: r, suiteHash: nil) }

@Suite struct GateConfirmation {
  let comparator = Comparator()

  @Test func aTransientSlowdownIsFlaggedThenClearedByTheConfirmationRerun() {
    let base = baseline(run(times(seed: 1)))
    // One noisy batch: every repetition of three jobs ran 40% slower in the first run only.
    let noisy = baseline(run(times(seed: 2) { $0 < 3 ? 1.4 : 1 }))
    let first = comparator.compare(baseline: base, candidate: noisy)
    #expect(first.exitCode == .performanceRegression, "\(first.text())")
    let keys = first.jobsToConfirm(among: noisy.jobs)
    // The flagged jobs, and unflagged ones as controls of the re-run's speed.
    #expect(Set(keys).isSuperset(of: ["case0|interval|0|1|off", "case1|interval|0|1|off", "case2|interval|0|1|off"]))
    #expect(keys.count == 3 + 9)
    // The re-run of just those jobs is back to normal.
    var recheck = baseline(run(times(seed: 3)))
    recheck.jobs = recheck.jobs.filter { keys.contains($0.key) }
    let confirmed = comparator.confirm(first, baseline: base, recheck: recheck)
    #expect(confirmed.exitCode == .success, "\(confirmed.text())")
    #expect(confirmed.confirmation == ConfirmationSummary(rerunJobs: 12, confirmed: 0, cleared: 3))
    let cleared = confirmed.rows.filter { $0.topic == .time && $0.status == .warn }
    #expect(cleared.count == 3 && cleared.allSatisfy { $0.detail.contains("cleared by the confirmation re-run") })
    // The re-run's rows: one per re-run job, and the strategy-wide row over them.
    #expect(confirmed.rows.filter { $0.topic == .confirmation }.count == 13)
  }

  @Test func aPersistentSlowdownIsConfirmedAndStillFails() {
    let base = baseline(run(times(seed: 1)))
    let slow = baseline(run(times(seed: 2) { $0 < 3 ? 1.4 : 1 }))
    let first = comparator.compare(baseline: base, candidate: slow)
    let keys = first.jobsToConfirm(among: slow.jobs)
    var recheck = baseline(run(times(seed: 4) { $0 < 3 ? 1.4 : 1 }))
    recheck.jobs = recheck.jobs.filter { keys.contains($0.key) }
    let confirmed = comparator.confirm(first, baseline: base, recheck: recheck)
    #expect(confirmed.exitCode == .performanceRegression)
    #expect(confirmed.confirmation?.confirmed == 3 && confirmed.confirmation?.cleared == 0)
  }

  @Test func aStrategyWideFailureRerunsEveryJobOfThatStrategy() {
    let base = baseline(run(times(seed: 1, cases: 20)))
    let slow = baseline(run(times(seed: 2, cases: 20) { _ in 1.2 }))
    let first = comparator.compare(baseline: base, candidate: slow)
    #expect(first.rows.contains { $0.topic == .strategyTime && $0.status == .fail })
    #expect(first.jobsToConfirm(among: slow.jobs).count == 20)
  }

  @Test func aJobStoppedByTheWallClockNeverFailsTheAccuracyGate() {
    let base = baseline(run(times(seed: 1, cases: 3), outcome: .correct))
    // The candidate's job 1 reached the wall-clock limit and answered unknown.
    let limited = run(times(seed: 2, cases: 3), outcome: .unknown, timedOut: [0, 1, 2])
    let c = comparator.compare(baseline: base, candidate: baseline(limited))
    #expect(c.accuracyFailures == 0, "\(c.text())")
    #expect(c.rows.filter { $0.status == .timeLimited }.count == 3)
    #expect(c.notes.contains { $0.contains("reached the wall-clock limit") })
    // Without the time limit the same change is a lost answer.
    let lost = run(times(seed: 2, cases: 3), outcome: .unknown)
    #expect(comparator.compare(baseline: base, candidate: baseline(lost)).accuracyFailures == 3)
  }

  @Test func aWrongAnswerFailsEvenWhenTimeLimited() {
    let base = baseline(run(times(seed: 1, cases: 2)))
    let wrong = run(times(seed: 2, cases: 2), outcome: .wrong, timedOut: [0, 1])
    #expect(comparator.compare(baseline: base, candidate: baseline(wrong)).accuracyFailures == 2)
  }

  @Test func anUnstableJobIsReportedAndNeverFailsOnTime() {
    // Job 0's baseline repetitions vary by ±50%: above the 10% threshold.
    var t = times(seed: 1)
    t[0] = [0.05, 0.1, 0.15, 0.07, 0.13]
    let base = baseline(run(t))
    let slow = baseline(run(times(seed: 2) { $0 == 0 ? 3 : 1 }))
    let c = comparator.compare(baseline: base, candidate: slow)
    let row = c.rows.first { $0.key == "case0|interval|0|1|off" && $0.topic == .time }
    #expect(row?.status == .unstable)
    #expect(c.exitCode == .success, "\(c.text())")
    #expect(c.notes.contains { $0.contains("1 of 12 job(s) unstable") })
  }

  @Test func theGateSaysWhenTimeCannotFail() {
    var strict = GateThresholds()
    strict.alpha = 0.01
    let three = times(seed: 1).map { Array($0.prefix(3)) }
    let c = Comparator(thresholds: strict).compare(baseline: baseline(run(three)), candidate: baseline(run(three)))
    #expect(c.notes.contains { $0.contains("time cannot fail for 12 of 12 job(s)") }, "\(c.notes)")
  }
}

@Suite struct SuiteBudget {
  @Test func aSuiteReadsItsBudgetAndConfirmSetting() throws {
    let text = """
    { "format": "bcv-suite/1", "name": "s", "corpus": ["c"], "budget": { "maxBoxes": 20000, "maxCoefficients": 5 },
      "confirm": false }
    """
    let suite = try SuiteLoader.load(text: text, file: "S.json").suite
    #expect(suite.budget == WorkBudget(maxBoxes: 20000, maxCoefficients: 5))
    #expect(!suite.confirmsRegressions)
    var settings = StrategySettings()
    suite.budget.apply(to: &settings)
    #expect(settings.maxBoxes == 20000 && settings.maxCoefficients == 5)
  }

  @Test func aBadBudgetIsRejectedNamingItsKey() {
    for (budget, key) in [("{ \"maxBoxes\": 0 }", "budget.maxBoxes"), ("{ \"maxBoxes\": 1e999 }", "budget.maxBoxes"),
                          ("{ \"boxes\": 3 }", "budget.boxes"), ("[1]", "budget")] {
      let text = "{ \"format\": \"bcv-suite/1\", \"name\": \"s\", \"corpus\": [\"c\"], \"budget\": \(budget) }"
      do {
        _ = try SuiteLoader.load(text: text, file: "S.json")
        Issue.record("accepted \(budget)")
      } catch {
        #expect(error.errors.first?.key == key, "\(error)")
      }
    }
  }
}

/// The two measured false alarms of the approximate tests, now decided exactly.
@Suite struct GateReproducers {
  @Test func theTiedMannWhitneyReproducerPassesTheGate() {
    let c = Comparator().compare(baseline: baseline(run([[1.0, 1.0, 1.1, 1.1, 1.0]])),
                                 candidate: baseline(run([[1.2, 1.2, 1.0, 1.1, 1.2]])))
    #expect(c.exitCode == .success, "\(c.text())")
    let row = c.rows.first { $0.topic == .time }
    #expect(row?.detail.hasPrefix("p = 0.0714") == true, "\(row?.detail ?? "")")
  }

  @Test func theTiedWilcoxonReproducerPassesTheGateUnderHolm() {
    var holm = GateThresholds()
    holm.correction = .holm
    let base: [[Double]] = [[1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4]]
    for ratios in [[1.20, 1.25, 1.25, 1.30], [1.20, 1.25, 1.27, 1.30]] {
      let candidate = zip(base, ratios).map { times, r in times.map { $0 * r } }
      let c = Comparator(thresholds: holm).compare(baseline: baseline(run(base)), candidate: baseline(run(candidate)))
      let strategy = c.rows.first { $0.topic == .strategyTime }
      #expect(strategy?.status != .fail, "\(c.text())")
      #expect(strategy?.detail.contains("p = 0.0625") == true, "\(strategy?.detail ?? "")")
    }
  }
}

@Suite struct RunSpeed {
  /// Two strategies of 20 jobs each, every time multiplied by `factor(strategy)`.
  func two(_ seed: UInt64, _ factor: (String) -> Double = { _ in 1 }) -> RunResults {
    let a = run(times(seed: seed, cases: 20) { _ in factor("interval") }, strategy: "interval")
    let b = run(times(seed: seed &+ 50, cases: 20) { _ in factor("sampling") }, strategy: "sampling")
    return RunResults(metadata: a.metadata, records: a.records + b.records, file: "two")
  }

  @Test func aWholeRunThirtyPercentSlowerFailsOnlyTheWholeRunRowAndAFastReRunClearsIt() {
    let base = baseline(two(1))
    let slowMachine = baseline(two(2) { _ in 1.3 })
    let first = Comparator().compare(baseline: base, candidate: slowMachine)
    let failing = first.rows.filter { $0.status == .fail }
    #expect(failing.map(\.topic) == [.runTime], "\(first.text())")
    #expect(first.notes.contains { $0.contains("run speed") })
    // The whole run is re-run; on a machine back to its speed the failure is cleared.
    let keys = first.jobsToConfirm(among: slowMachine.jobs)
    #expect(keys.count == 40)
    let confirmed = Comparator().confirm(first, baseline: base, recheck: baseline(two(3)))
    #expect(confirmed.exitCode == .success, "\(confirmed.text())")
    // A build slower as a whole stays slower in the re-run: confirmed.
    let again = Comparator().confirm(first, baseline: base, recheck: baseline(two(4) { _ in 1.3 }))
    #expect(again.exitCode == .performanceRegression)
  }

  @Test func oneStrategySlowerIsFlaggedOnThatStrategyOnlyWithControlsInTheReRun() {
    func four(_ seed: UInt64, slow: Double) -> RunResults {
      var records: [JobRecord] = []
      for (k, s) in ["interval", "sampling", "smt", "symbolic"].enumerated() {
        records += run(times(seed: seed &+ UInt64(k) * 50, cases: 20) { _ in s == "interval" ? slow : 1 }, strategy: s).records
      }
      return RunResults(metadata: run([[1]]).metadata, records: records, file: "four")
    }
    let base = baseline(four(1, slow: 1))
    let slow = baseline(four(2, slow: 1.4))
    let c = Comparator().compare(baseline: base, candidate: slow)
    let failing = c.rows.filter { $0.status == .fail }
    #expect(!failing.isEmpty && failing.allSatisfy { $0.strategy == "interval" }, "\(c.text())")
    let keys = c.jobsToConfirm(among: slow.jobs)
    #expect(keys.filter { !$0.contains("|interval|") }.count == Comparison.confirmationControls)
    #expect(keys.filter { $0.contains("|interval|") }.count == 20)
  }

  @Test func episodesOfInterferenceDoNotMoveTheFastestRepetition() {
    // Two of five repetitions of every job hit a 60% slower episode in the candidate.
    let base = baseline(two(1))
    var noisy = two(2)
    for i in noisy.records.indices where noisy.records[i].repetition % 3 == 1 { noisy.records[i].seconds *= 1.6 }
    let c = Comparator().compare(baseline: base, candidate: baseline(noisy))
    #expect(c.exitCode == .success, "\(c.text())")
  }
}
