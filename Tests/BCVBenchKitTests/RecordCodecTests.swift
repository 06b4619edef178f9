@testable import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import BCVValidation
import Foundation
import Testing

/// One codec per record (issue #14): what is written reads back equal, field for field and
/// bit for bit, for random records with a fixed seed.
@Suite struct RecordCodecTests {
  static let specials: [Double] = [0, -0.0, 1e-320, -1e308, .infinity, -.infinity, .nan, 0.1, 1.0 / 3]

  /// Random doubles, a third of them special; `nan: false` leaves NaN out (for records
  /// compared with `==`, which no NaN satisfies).
  static func double(_ g: inout SeededGenerator, nan: Bool = true) -> Double {
    let pool = nan ? specials : specials.filter { !$0.isNaN }
    return g.nextInt(below: 3) == 0 ? pool[g.nextInt(below: pool.count)] : g.nextDouble(in: -1e6, 1e6)
  }

  static func optional(_ g: inout SeededGenerator, nan: Bool = true) -> Double? {
    g.nextInt(below: 2) == 0 ? nil : double(&g, nan: nan)
  }

  static func obligation(_ g: inout SeededGenerator, nan: Bool = true) -> ObligationResult {
    let condition = ConditionName.allCases[g.nextInt(below: ConditionName.allCases.count)]
    let status: ObligationStatus
    switch g.nextInt(below: 4) {
    case 0: status = .holds(proof: g.nextInt(below: 2) == 0)
    case 1:
      let point = (0..<(1 + g.nextInt(below: 3))).map { _ in double(&g, nan: nan) }
      let exact = g.nextInt(below: 2) == 0 ? nil : point.map { _ in Rational(BigInt(g.nextInt(below: 1000) - 500), BigInt(1 + g.nextInt(below: 99))) }
      status = .violated(Counterexample(point: point, value: double(&g, nan: nan), confirmation: g.nextInt(below: 2) == 0 ? .exactRational : .intervalArithmetic,
                                        exactPoint: exact))
    default:
      let kind = UnknownReason.Kind.allCases[g.nextInt(below: UnknownReason.Kind.allCases.count)]
      status = .unknown(UnknownReason(kind, ["", "timeout after 3 boxes", "δ-sat box at [0, 1] × [2, 3]; \"quoted\""][g.nextInt(below: 3)]))
    }
    var r = ObligationResult(condition: condition, status: status)
    r.evaluations = g.nextInt(below: 1_000_000)
    r.boxes = g.nextInt(below: 1000)
    r.samplesInRegion = g.nextInt(below: 1000)
    r.violationFractionBound = optional(&g, nan: nan)
    r.confidence = optional(&g, nan: nan)
    r.worstValue = optional(&g, nan: nan)
    r.undecidedFraction = optional(&g, nan: nan)
    r.decidedBy = g.nextInt(below: 2) == 0 ? nil : "smt-external"
    r.waves = g.nextInt(below: 2) == 0 ? nil : g.nextInt(below: 50)
    r.hitTimeLimit = g.nextInt(below: 4) == 0
    r.solver = g.nextInt(below: 2) == 0 ? nil : "z3 4.8.12"
    r.solverStatus = r.solver == nil ? nil : "unsat"
    return r
  }

  /// Equality where NaN equals NaN with the same bits (the codec must keep bits, and `==`
  /// on doubles cannot say so).
  static func same(_ a: ObligationResult, _ b: ObligationResult) -> Bool {
    func bits(_ x: Double?) -> UInt64? { x?.bitPattern }
    func key(_ r: ObligationResult) -> String {
      var status = ""
      switch r.status {
      case .holds(let p): status = "holds \(p)"
      case .violated(let c): status = "violated \(c.point.map(\.bitPattern)) \(c.value.bitPattern) \(c.confirmation) \(c.exactPointText ?? [])"
      case .unknown(let why): status = "unknown \(why.kind) \(why.detail)"
      }
      return "\(r.condition) \(status) \(r.evaluations) \(r.boxes) \(r.samplesInRegion) \(String(describing: bits(r.violationFractionBound))) "
        + "\(String(describing: bits(r.confidence))) \(String(describing: bits(r.worstValue))) \(String(describing: bits(r.undecidedFraction))) "
        + "\(r.decidedBy ?? "-") \(r.waves ?? -1) \(r.hitTimeLimit) \(r.solver ?? "-") \(r.solverStatus ?? "-")"
    }
    return key(a) == key(b)
  }

  @Test func anObligationResultReadsBackBitForBitThroughTheResultsFile() throws {
    var g = SeededGenerator(seed: propertyTestSeed)
    for i in 0..<500 {
      let r = Self.obligation(&g)
      let text = JSONWriter.write(r.json, pretty: i % 2 == 0)
      let back = try ObligationResult(json: try JSONParser.parse(text), key: "o", file: "test")
      #expect(Self.same(r, back), "\(text)")
    }
  }

  @Test func aJobRecordReadsBackEqualThroughTheResultsFile() throws {
    var g = SeededGenerator(seed: propertyTestSeed ^ 0x5eed)
    for _ in 0..<200 {
      let obligations = (0..<(1 + g.nextInt(below: 3))).map { _ in Self.obligation(&g, nan: false) }
      let verdict = Verdict(combining: obligations)
      var r = JobRecord(caseID: "case-\(g.nextInt(below: 9))", strategy: ["smt+z3", "sampling", "auto"][g.nextInt(below: 3)],
                        samples: g.nextInt(below: 5) * 1000, workers: 1 + g.nextInt(below: 4), cache: ["off", "cold", "warm"][g.nextInt(below: 3)],
                        repetition: g.nextInt(below: 5), verdict: verdict.kind, proof: verdict.proof, violates: verdict.violates,
                        counterexample: nil, expected: g.nextInt(below: 2) == 0 ? nil : .valid,
                        outcome: Outcome.allCases[g.nextInt(below: Outcome.allCases.count)], seconds: g.nextDouble(in: 0, 10),
                        evaluations: verdict.evaluations, boxes: verdict.boxes, reason: verdict.reason, obligations: obligations)
      r.answer = verdict
      r.tags = ["smoke", "standard"]
      r.timingLoops = 1 + g.nextInt(below: 3)
      r.cpuSeconds = g.nextDouble(in: 0, 10)
      r.peakMemoryBytes = g.nextInt(below: 1 << 30)
      r.cacheHits = g.nextInt(below: 3)
      r.cacheMisses = g.nextInt(below: 3)
      let text = JSONWriter.write(ResultsWriter.recordJSON(r), pretty: false)
      let back = try ResultsReader.record(try JSONParser.parse(text), key: "r", file: "test")
      #expect(back == r, "\(text)")
    }
  }
}

/// The run configuration's one encoding (results metadata, rerun, merge, the child process).
@Suite struct RunConfigurationCodecTests {
  @Test func aRunConfigurationReadsBackEqualInEveryRecordedField() throws {
    var g = SeededGenerator(seed: propertyTestSeed ^ 0xC0DE)
    for _ in 0..<100 {
      var m = RunMatrix()
      m.strategies = Array(StrategyID.allCases.shuffled(using: &g).prefix(1 + g.nextInt(below: 3)))
      m.samples = [1 + g.nextInt(below: 100_000)]
      m.workers = [1 + g.nextInt(below: 8), 9]
      m.cacheModes = CacheMode.allCases.shuffled(using: &g).prefix(1 + g.nextInt(below: 3)).map { $0 }
      m.repetitions = 1 + g.nextInt(below: 9)
      var c = RunConfiguration(matrix: m, seed: g.next(), timeLimit: g.nextInt(below: 2) == 0 ? nil : g.nextDouble(in: 0.01, 100),
                               confidence: g.nextDouble(in: 0.5, 0.999))
      c.budget = WorkBudget(maxBoxes: g.nextInt(below: 2) == 0 ? nil : 1 + g.nextInt(below: 1000), maxCoefficients: nil)
      c.sequence = SampleSequence.allCases[g.nextInt(below: 3)]
      c.smtSolver = g.nextInt(below: 2) == 0 ? nil : ExternalSolver.allCases[g.nextInt(below: 3)]
      c.cacheDirectory = g.nextInt(below: 2) == 0 ? nil : "/tmp/cache \(g.nextInt(below: 9))"
      c.isolate = g.nextInt(below: 2) == 0
      c.jobTimeout = g.nextInt(below: 2) == 0 ? nil : g.nextDouble(in: 1, 100)
      c.memoryLimitMB = g.nextInt(below: 2) == 0 ? nil : 64 + g.nextInt(below: 4096)
      let text = JSONWriter.write(c.json)
      let back = try RunConfiguration(json: try JSONParser.parse(text), file: "t", keyPrefix: "run")
      #expect(back.matrix == c.matrix && back.seed == c.seed && back.timeLimit == c.timeLimit && back.budget == c.budget)
      #expect(back.confidence == c.confidence && back.sequence == c.sequence && back.smtSolver == c.smtSolver)
      #expect(back.cacheDirectory == c.cacheDirectory && back.isolate == c.isolate && back.jobTimeout == c.jobTimeout)
      #expect(back.memoryLimitMB == c.memoryLimitMB)
      // The child's document carries the same configuration and the job.
      let job = Job(caseIndex: 0, strategy: m.strategies[0], samples: m.samples[0], workers: 2, cache: m.cacheModes[0], repetition: 3)
      let spec = try IsolatedJob(json: try JSONParser.parse(JSONWriter.write(IsolatedJob(corpusFile: "f.json", caseID: "x", job: job,
                                                                                        configuration: c).json)))
      #expect(spec.job == job && spec.corpusFile == "f.json" && spec.caseID == "x" && !spec.configuration.isolate)
      #expect(spec.configuration.seed == c.seed && spec.configuration.smtSolver == c.smtSolver && spec.configuration.budget == c.budget)
    }
  }

  @Test func aConfigurationWithABadFieldNamesItsKey() throws {
    let good = RunConfiguration().json.objectValue!
    for (key, bad) in [("seed", JSONValue.number(3)), ("sequence", .string("random")), ("smtSolver", .string("yices")),
                       ("timeLimit", .number(-1)), ("memoryLimitMB", .number(0))] {
      let broken = JSONValue.object(JSONObject(good.keys.map { ($0, $0 == key ? bad : good[$0]!) }))
      #expect(throws: InputError.self) { try RunConfiguration(json: broken, file: "f", keyPrefix: "run") }
      do { _ = try RunConfiguration(json: broken, file: "f", keyPrefix: "run") } catch { #expect(error.key == "run.\(key)", "\(error)") }
    }
  }
}

/// Baselines and journals: what is written reads back equal (random records, fixed seed).
@Suite struct BaselineAndJournalCodecTests {
  static func records(_ g: inout SeededGenerator, count: Int) -> [JobRecord] {
    (0..<count).map { i in
      let obligations = (0..<(1 + g.nextInt(below: 3))).map { _ in RecordCodecTests.obligation(&g, nan: false) }
      let verdict = Verdict(combining: obligations)
      var r = JobRecord(caseID: "case-\(i / 3)", strategy: ["smt+z3", "sampling", "auto"][i % 3], samples: 1000, workers: 1,
                        cache: "off", repetition: 0, verdict: verdict.kind, proof: verdict.proof, violates: nil, counterexample: nil,
                        expected: .valid, outcome: Outcome.scoring(verdict.kind, against: nil), seconds: g.nextDouble(in: 0, 3),
                        evaluations: verdict.evaluations, boxes: verdict.boxes, reason: nil, obligations: [])
      r.answer = verdict
      return r
    }
  }

  @Test func aBaselineReadsBackEqual() throws {
    var g = SeededGenerator(seed: propertyTestSeed ^ 0xBA5E)
    for _ in 0..<20 {
      var results = RunResults(metadata: .object(JSONObject([("suite", "s"), ("corpusHash", "c"), ("commit", "abc"),
                                                             ("machineClass", .object(JSONObject([("cores", 2)])))])),
                               records: Self.records(&g, count: 12), file: "")
      results.records += results.records.map { var r = $0; r.repetition = 1; r.seconds *= 1.01; return r }
      var baseline = Baseline(results: results, suiteHash: "h")
      baseline.noise = Dictionary(uniqueKeysWithValues: baseline.jobs.prefix(3).map { ($0.key, g.nextDouble(in: 0, 0.2)) })
      let back = try Baseline.decode(try JSONParser.parse(JSONWriter.write(baseline.json())), file: "b.json")
      #expect(back.jobs == baseline.jobs && back.noise == baseline.noise && back.machineClass == baseline.machineClass)
      #expect(back.suite == baseline.suite && back.suiteHash == baseline.suiteHash && back.corpusHash == baseline.corpusHash)
      #expect(back.commit == baseline.commit)
    }
  }

  @Test func aJournalReadsBackEveryRecordEqual() throws {
    var g = SeededGenerator(seed: propertyTestSeed ^ 0x10B)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bcv-journal-codec-\(getpid()).jsonl").path
    let written = Self.records(&g, count: 30)
    do {
      let journal = try Journal(path: path, runIdentity: "run-1", fresh: true)
      for (i, r) in written.enumerated() { try journal.record(index: i, r) }
    }
    let read = try Journal.read(path, runIdentity: "run-1")
    #expect(read.count == written.count)
    for (i, r) in written.enumerated() { #expect(read[i] == r, "record \(i)") }
  }
}
