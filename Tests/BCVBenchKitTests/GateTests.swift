import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Testing

/// Synthetic runs: `cases` cases × the given strategies, `repetitions` timings each drawn
/// around `base(strategy)` with ±3% multiplicative noise from a seeded generator.
func syntheticRun(seed: UInt64, cases: Int = 20, strategies: [String] = ["sampling", "interval"], repetitions: Int = 10,
                  slowdown: [String: Double] = [:], outcome: (Int, String) -> Outcome = { _, _ in .correct },
                  evaluations: (Int, String) -> Int = { i, _ in 1000 + i }, machine: String = "m1",
                  corpusHash: String = "abc") -> RunResults {
  var rng = SeededGenerator(seed: seed)
  var records: [JobRecord] = []
  for c in 0..<cases {
    for s in strategies {
      for r in 0..<repetitions {
        let base = 0.01 * Double(c + 1) * (s == "interval" ? 2 : 1) * (slowdown[s] ?? 1)
        let seconds = base * (1 + 0.03 * (2 * rng.nextUnit() - 1))
        let o = outcome(c, s)
        records.append(JobRecord(caseID: "case\(c)", strategy: s, samples: 1000, workers: 1, cache: "off", repetition: r,
                                 verdict: o == .unknown ? .unknown : (o == .wrong ? .invalid : .valid), proof: o != .unknown,
                                 violates: nil, counterexample: nil, expected: .valid, outcome: o, seconds: seconds,
                                 evaluations: evaluations(c, s), boxes: 0, reason: nil, obligations: []))
      }
    }
  }
  let meta: JSONValue = .object(JSONObject([("suite", .string("synthetic")), ("corpusHash", .string(corpusHash)),
                                            ("machineClass", .object(JSONObject([("host", .string(machine))])))]))
  return RunResults(metadata: meta, records: records, file: "synthetic-\(seed)")
}

func compare(_ a: RunResults, _ b: RunResults, thresholds: GateThresholds = .default, lenient: Bool = false) -> Comparison {
  Comparator(thresholds: thresholds, lenient: lenient).compare(baseline: Baseline(results: a, suiteHash: nil),
                                                              candidate: Baseline(results: b, suiteHash: nil))
}

@Suite struct RegressionGate {
  @Test func aStrategyWideSlowdownIsSeenEvenWhenNoSingleJobIsSignificant() {
    // Three repetitions per job: no per-job rank test can reach α, but 20 jobs all slower can.
    let c = compare(syntheticRun(seed: 1, repetitions: 3), syntheticRun(seed: 2, repetitions: 3, slowdown: ["sampling": 1.3]))
    // With two strategies, half the jobs 30% slower also moves the whole run (its own row).
    let failing = c.rows.filter { $0.status == .fail && $0.topic != .runTime }
    #expect(failing.count == 1)
    #expect(failing.first?.caseID == "*" && failing.first?.strategy == "sampling")
    #expect(compare(syntheticRun(seed: 1, repetitions: 3), syntheticRun(seed: 2, repetitions: 3)).exitCode == .success)
  }

  @Test func signedRankTestSeesConsistentShifts() {
    #expect(WilcoxonSignedRank.greater((1...20).map { Double($0) / 100 }).pValue < 0.001)
    #expect(WilcoxonSignedRank.greater((1...20).map { Double($0 % 2 == 0 ? $0 : -$0) / 100 }).pValue > 0.2)
    #expect(WilcoxonSignedRank.greater([]).pValue == 1)
  }

  @Test func twoRunsOfTheSameBuildRaiseNoFalseAlarm() {
    for seed in UInt64(1)...10 {
      let c = compare(syntheticRun(seed: propertyTestSeed &+ seed), syntheticRun(seed: propertyTestSeed &+ seed &+ 100))
      #expect(c.exitCode == .success, "seed \(seed): \(c.text())")
      #expect(c.performanceFailures == 0)
    }
  }

  @Test func aTwentyFivePercentSlowdownIsFlaggedOnThatStrategyOnly() {
    let c = compare(syntheticRun(seed: propertyTestSeed), syntheticRun(seed: propertyTestSeed &+ 1, slowdown: ["interval": 1.25]))
    #expect(c.exitCode == .performanceRegression)
    let failing = c.rows.filter { $0.status == .fail && $0.topic != .runTime }
    #expect(failing.filter { $0.caseID != "*" }.count == 20)
    #expect(failing.contains { $0.caseID == "*" && $0.strategy == "interval" })
    #expect(failing.allSatisfy { $0.strategy == "interval" && $0.metric.hasPrefix("seconds") })
  }

  @Test func aSlowdownBelowTheMinimumEffectIsNotARegression() {
    let c = compare(syntheticRun(seed: propertyTestSeed), syntheticRun(seed: propertyTestSeed &+ 1, slowdown: ["interval": 1.04]))
    #expect(c.performanceFailures == 0)
    // 6% is below the per-job effect (10%) but above the strategy-wide one (5%).
    let six = compare(syntheticRun(seed: propertyTestSeed), syntheticRun(seed: propertyTestSeed &+ 1, slowdown: ["interval": 1.06]))
    #expect(six.rows.filter { $0.status == .fail }.map(\.key) == ["interval|all"])
  }

  @Test func aNewWrongAnswerFailsAccuracyAndDominatesTheExitCode() {
    let base = syntheticRun(seed: 1)
    let candidate = syntheticRun(seed: 2, slowdown: ["interval": 1.5], outcome: { c, s in c == 3 && s == "sampling" ? .wrong : .correct })
    let c = compare(base, candidate)
    #expect(c.accuracyFailures == 1)
    #expect(c.exitCode == .accuracyFailure)
    #expect(c.verdictChanges.map(\.caseID) == ["case3"])
    #expect(c.orderedRows.first?.status == .fail)
  }

  @Test func correctToUnknownFailsUnlessTheSuiteAllowsIt() {
    let candidate = syntheticRun(seed: 2, outcome: { c, _ in c == 0 ? .unknown : .correct })
    #expect(compare(syntheticRun(seed: 1), candidate).accuracyFailures == 2)
    var allow = GateThresholds.default
    allow.allowUnknown = true
    let c = compare(syntheticRun(seed: 1), candidate, thresholds: allow)
    #expect(c.accuracyFailures == 0)
    #expect(c.rows.filter { $0.status == .warn }.count == 2)
  }

  @Test func unknownToCorrectIsAnImprovementNeverAFailure() {
    let c = compare(syntheticRun(seed: 1, outcome: { c, _ in c == 0 ? .unknown : .correct }), syntheticRun(seed: 2))
    #expect(c.exitCode == .success)
    #expect(c.rows.filter { $0.status == .improved && $0.metric == "outcome" }.count == 2)
  }

  @Test func moreWorkThanTheBaselineFailsExactly() {
    let c = compare(syntheticRun(seed: 1), syntheticRun(seed: 2, evaluations: { i, s in s == "sampling" && i == 5 ? 2000 : 1000 + i }))
    #expect(c.performanceFailures == 1)
    var tolerant = GateThresholds.default
    tolerant.counterTolerance = 2
    #expect(compare(syntheticRun(seed: 1), syntheticRun(seed: 2, evaluations: { i, s in s == "sampling" && i == 5 ? 2000 : 1000 + i }),
                    thresholds: tolerant).performanceFailures == 0)
  }

  @Test func missingJobsFailUnlessLenientAndNewJobsAreReported() {
    let base = syntheticRun(seed: 1, cases: 5)
    let fewer = syntheticRun(seed: 2, cases: 4)
    #expect(compare(base, fewer).accuracyFailures == 2)
    #expect(compare(base, fewer, lenient: true).exitCode == .success)
    let more = compare(base, syntheticRun(seed: 2, cases: 6))
    #expect(more.rows.filter { $0.status == .new }.count == 2)
    #expect(more.exitCode == .success)
  }

  @Test func anotherMachineClassComparesAccuracyButNotTime() {
    let c = compare(syntheticRun(seed: 1), syntheticRun(seed: 2, slowdown: ["interval": 2], machine: "m2"))
    #expect(c.timeCompared == false)
    #expect(c.performanceFailures == 0)
    #expect(!c.notes.isEmpty)
  }

  @Test func benjaminiHochbergAlsoFlagsTheSlowStrategy() {
    var bh = GateThresholds.default
    bh.correction = .benjaminiHochberg
    let c = compare(syntheticRun(seed: 1), syntheticRun(seed: 2, slowdown: ["sampling": 1.3]), thresholds: bh)
    let failing = c.rows.filter { $0.status == .fail && $0.topic != .runTime }
    #expect(failing.allSatisfy { $0.strategy == "sampling" })
    #expect(failing.count == 21)
  }

  @Test func scoresPunishWrongProofsMost() {
    let table = ScoreTable()
    let wrongProof = JobSummary(key: "k", caseID: "c", strategy: "s", samples: 1, workers: 1, cache: "off", verdict: .valid,
                                proof: true, outcome: .wrong, evaluations: 0, boxes: 0, cacheHits: 0, cacheMisses: 0,
                                seconds: [1], timedOut: false)
    var wrongInvalid = wrongProof
    wrongInvalid.verdict = .invalid
    var probabilistic = wrongProof
    probabilistic.proof = false
    #expect(table.score(wrongProof) < table.score(wrongInvalid))
    #expect(table.score(wrongInvalid) < table.score(probabilistic))
    var proof = wrongProof
    proof.outcome = .correct
    var guess = proof
    guess.proof = false
    #expect(table.score(proof) > table.score(guess))
  }
}
