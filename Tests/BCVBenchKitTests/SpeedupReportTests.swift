import BCVBenchKit
import BCVValidation
import Testing

/// A synthetic run built for the speedup section, with numbers worked out by hand:
/// - `interval`, workers {1, 2}, cache off: cases c1 (0.1 s → 0.06 s), c2 (0.095 s → 0.06 s),
///   c3 (5 ms → 5 ms), and c4, which reached the time limit at 2 workers (3 s either way).
///   Decided: T(1) = 0.2 s, T(2) = 0.125 s, speedup 1.6, efficiency 0.8, serial fraction
///   f = 2/1.6 − 1 = 0.25, Amdahl at 4, 8, 16: 1/(0.25 + 0.75/n) = 2.2857, 2.9091, 3.3684.
///   Cases of ≥ 10 ms (c1, c2): 0.195 s → 0.12 s, speedup 1.625, f = 2/1.625 − 1 = 0.2308.
///   Waves (one obligation each): c1 1000 boxes in 10 waves, c2 300 in 30, c3 20 in 5:
///   bound at p = Σ boxes / Σ max(boxes/p, waves) = 1320/660 = 2, 1320/330 = 4,
///   1320/167.5 = 7.8806, 1320/97.5 = 13.5385; boxes ÷ waves = 1320/45 = 29.3333.
/// - `symbolic`, workers {1, 2}: single-threaded, so not measured.
/// - `adaptive`: 1 worker at 1000 and 100000 samples, 2 workers at 100000 only: compared at
///   100000 (0.05 s → 0.04 s for its one case: speedup 1.25).
/// - `sampling`: 1 worker only. `smt`: 1 worker with cache off, 2 workers with cache cold only.
private enum SpeedupRun {
  static func record(_ caseID: String, _ strategy: String, samples: Int = 0, workers: Int, cache: String = "off",
                     seconds: Double, boxes: Int = 0, waves: Int? = nil, timeLimited: Bool = false,
                     repetition: Int) -> JobRecord {
    var o = ObligationResult(condition: .flow, status: timeLimited ? .unknown(UnknownReason(.timeout, "timeout after 3 s")) : .holds(proof: true))
    o.boxes = boxes
    o.waves = waves
    o.hitTimeLimit = timeLimited
    var r = JobRecord(caseID: caseID, strategy: strategy, samples: samples, workers: workers, cache: cache,
                      repetition: repetition, verdict: timeLimited ? .unknown : .valid, proof: !timeLimited, violates: nil,
                      counterexample: nil, expected: .valid, outcome: timeLimited ? .unknown : .correct, seconds: seconds,
                      evaluations: 10, boxes: boxes, reason: nil, obligations: [o])
    r.cpuSeconds = seconds * (workers == 1 ? 1 : 1.5)
    return r
  }

  static func records() -> [JobRecord] {
    var out: [JobRecord] = []
    for rep in 0..<3 {
      for (c, t1, t2, boxes, waves) in [("c1", 0.1, 0.06, 1000, 10), ("c2", 0.095, 0.06, 300, 30), ("c3", 0.005, 0.005, 20, 5)] {
        out.append(record(c, "interval", workers: 1, seconds: t1, boxes: boxes, waves: waves, repetition: rep))
        out.append(record(c, "interval", workers: 2, seconds: t2, boxes: boxes, waves: waves, repetition: rep))
      }
      out.append(record("c4", "interval", workers: 1, seconds: 3, boxes: 50, waves: 5, repetition: rep))
      out.append(record("c4", "interval", workers: 2, seconds: 3, boxes: 40, waves: 4, timeLimited: rep == 1,
                        repetition: rep))
      for w in [1, 2] { out.append(record("c1", "symbolic", workers: w, seconds: 0.02, repetition: rep)) }
      out.append(record("c1", "adaptive", samples: 1000, workers: 1, seconds: 0.001, repetition: rep))
      out.append(record("c1", "adaptive", samples: 100_000, workers: 1, seconds: 0.05, repetition: rep))
      out.append(record("c1", "adaptive", samples: 100_000, workers: 2, seconds: 0.04, repetition: rep))
      out.append(record("c1", "sampling", samples: 1000, workers: 1, seconds: 0.01, repetition: rep))
      out.append(record("c1", "smt", workers: 1, seconds: 0.03, repetition: rep))
      out.append(record("c1", "smt", workers: 2, cache: "cold", seconds: 0.02, repetition: rep))
    }
    return out
  }

  static let files = ReportBuilder.render(ReportInput(
    results: RunResults(metadata: ["cores": 2], records: records(), file: "results.json"), title: "speedup"))

  static func rows(_ name: String) throws -> [[String: String]] {
    let lines = try CSVReader.parse(try #require(files[name]))
    let header = try #require(lines.first)
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  static func summary(_ strategy: String, scope: String = "") throws -> [String: String] {
    try #require(try rows("speedup-summary.csv").first { $0["strategy"] == strategy && (scope.isEmpty || $0["scope"] == scope) })
  }
}

@Suite struct SpeedupReportTests {
  @Test func timeLimitedCasesAreExcludedFromTheSumsAndCounted() throws {
    let all = try SpeedupRun.summary("interval", scope: "all")
    #expect(all["status"] == "measured")
    #expect(all["cases"] == "3")
    #expect(all["excluded_time_limited"] == "1")
    #expect(all["speedup"] == "1.6000")
    #expect(all["efficiency"] == "0.8000")
    let points = try SpeedupRun.rows("speedup.csv").filter { $0["strategy"] == "interval" }
    #expect(points.map { $0["total_median_seconds"] } == ["0.200000", "0.125000"])
    #expect(points.map { $0["cores_busy"] } == ["1.0000", "1.5000"])
  }

  @Test func serialFractionAndAmdahlPredictionsFollowFromTheSpeedup() throws {
    let all = try SpeedupRun.summary("interval", scope: "all")
    #expect(all["serial_fraction"] == "0.2500")
    #expect([all["predicted_4"], all["predicted_8"], all["predicted_16"]] == ["2.2857", "2.9091", "3.3684"])
    let long = try SpeedupRun.summary("interval", scope: "long")
    #expect(long["cases"] == "2")
    #expect(long["speedup"] == "1.6250")
    #expect(long["serial_fraction"] == "0.2308")
  }

  @Test func serialFractionFormulaInvertsAmdahlsLawFromAnyBase() {
    for f in [0.0, 0.1, 0.5, 1.0] {
      for (base, p) in [(1, 2), (1, 8), (2, 4), (3, 16)] {
        let s = (f + (1 - f) / Double(base)) / (f + (1 - f) / Double(p))
        let fitted = SpeedupMath.serialFraction(speedup: s, workers: p, base: base)
        #expect(fitted.map { Swift.abs($0 - f) < 1e-12 } == true, "f \(f) base \(base) p \(p)")
      }
    }
    #expect(SpeedupMath.serialFraction(speedup: 1.5, workers: 2, base: 2) == nil)
  }

  @Test func waveBoundIsWorkOverTheCriticalPath() throws {
    let row = try #require(try SpeedupRun.rows("speedup-waves.csv").first { $0["strategy"] == "interval" })
    #expect(row["cases"] == "3")
    #expect(row["boxes"] == "1320" && row["waves"] == "45")
    #expect(row["boxes_per_wave"] == "29.3333")
    #expect([row["bound_2"], row["bound_4"], row["bound_8"], row["bound_16"]] == ["2.0000", "4.0000", "7.8806", "13.5385"])
  }

  @Test func samplersAreComparedAtAMatchedSampleCount() throws {
    let adaptive = try SpeedupRun.summary("adaptive", scope: "all")
    #expect(adaptive["samples"] == "100000")
    #expect(adaptive["speedup"] == "1.2500")
  }

  @Test func aStrategyThatCannotUseASecondWorkerIsSaidSoNotShownAtOne() throws {
    let symbolic = try SpeedupRun.summary("symbolic")
    #expect(symbolic["status"] == "single-threaded")
    #expect(symbolic["speedup"] == "")
    #expect(symbolic["note"]?.hasPrefix("cannot use a second worker") == true)
    #expect(!(try SpeedupRun.rows("speedup.csv")).contains { $0["strategy"] == "symbolic" })
    let html = try #require(SpeedupRun.files["index.html"])
    #expect(html.contains("symbolic: cannot use a second worker"))
  }

  @Test func unmeasurableStrategiesSayWhy() throws {
    #expect(try SpeedupRun.summary("sampling")["status"] == "one worker count")
    let smt = try SpeedupRun.summary("smt")
    #expect(smt["status"] == "no matched configuration")
    #expect(smt["note"]?.contains("cache=cold") == true)
  }
}
