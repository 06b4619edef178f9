import Foundation

/// One job's time comparison before the multiplicity correction.
struct TimeTest: Sendable {
  var row: ComparisonRow
  var p: Double
  var ratio: Double
  var effect: Double
  /// The job's relative A/A noise exceeds `effect`: shown, never failing.
  var unstable: Bool
  /// The smallest p-value the test can reach with these repetitions (and their ties).
  var smallestP: Double
}

extension Comparator {
  /// The rank test of one job's repetitions, its effect threshold and whether it is stable.
  func timeTest(_ b: JobSummary, _ c: JobSummary, noise calibrated: Double?) -> TimeTest {
    let effect = thresholds.effect(strategy: b.strategy, noise: calibrated)
    let noise = calibrated ?? NoiseModel(repetitions: b.seconds)?.relativeNoise
    let p = MannWhitney.test(c.seconds, b.seconds, alternative: .greater).pValue
    let ratio = (Descriptive.median(c.seconds) ?? .nan) / (Descriptive.median(b.seconds) ?? .nan)
    let r = row(b, "seconds (median)", format(Descriptive.median(b.seconds)), format(Descriptive.median(c.seconds)),
                percent(ratio - 1), .pass, nil, "", topic: .time)
    return TimeTest(row: r, p: p, ratio: ratio, effect: effect, unstable: (noise ?? 0) > effect,
                    smallestP: MannWhitney.smallestAttainablePValue(pooled: c.seconds + b.seconds, firstCount: c.seconds.count,
                                                                    alternative: .greater))
  }

  /// Corrects the time tests for multiplicity, then applies the minimum effect. Unstable
  /// jobs take part in the correction (so it stays valid) but are never failed.
  func judgeTimes(_ tests: [TimeTest]) -> [ComparisonRow] {
    guard !tests.isEmpty else { return [] }
    let ps = tests.map(\.p)
    let rejected: [Bool]
    switch thresholds.correction {
    case .holm: rejected = MultipleTesting.holm(ps, alpha: thresholds.alpha)
    case .benjaminiHochberg: rejected = MultipleTesting.benjaminiHochberg(ps, q: thresholds.alpha)
    }
    return zip(tests, rejected).map { test, significant in
      var r = test.row
      let unreachable = test.smallestP > thresholds.alpha
        ? "; time cannot fail: the smallest attainable p is \(pValue(test.smallestP)) > α = \(thresholds.alpha)" : ""
      if test.unstable {
        r.status = .unstable
        r.detail = "unstable: A/A noise above the \(percent(test.effect)) threshold; p = \(pValue(test.p))"
      } else if significant && test.ratio > 1 + test.effect {
        r.status = .fail
        r.kind = .performance
        r.detail = "slower: p = \(pValue(test.p)) (corrected, α = \(thresholds.alpha)), effect \(percent(test.ratio - 1)) > \(percent(test.effect))"
      } else if test.ratio < 1 - test.effect {
        r.status = .improved
      } else {
        r.detail = "p = \(pValue(test.p))" + unreachable
      }
      return r
    }
  }

  /// One row per strategy: its jobs' log ratios of medians, tested together.
  func judgeStrategies(_ tests: [TimeTest]) -> [ComparisonRow] {
    var order: [String] = []
    var ratios: [String: [Double]] = [:]
    for t in tests where t.ratio.isFinite && t.ratio > 0 {
      if ratios[t.row.strategy] == nil { order.append(t.row.strategy) }
      ratios[t.row.strategy, default: []].append(t.ratio)
    }
    let results = order.map { WilcoxonSignedRank.greater(ratios[$0]!.map { Foundation.log($0) }) }
    let rejected = MultipleTesting.holm(results.map(\.pValue), alpha: thresholds.alpha)
    return order.indices.map { i in
      let strategy = order[i]
      let median = Descriptive.median(ratios[strategy]!) ?? 1
      let effect = thresholds.strategyMinEffect[strategy] ?? thresholds.minEffect
      var row = ComparisonRow(key: "\(strategy)|all", caseID: "*", strategy: strategy,
                              metric: "seconds (all \(ratios[strategy]!.count) jobs)", baseline: "1", candidate: format(median),
                              change: percent(median - 1), status: .pass, kind: nil,
                              detail: "p = \(pValue(results[i].pValue)) (Wilcoxon, Holm)", topic: .strategyTime)
      if rejected[i] && median > 1 + effect {
        row.status = .fail
        row.kind = .performance
        row.detail = "strategy-wide slowdown: median ratio \(format(median)) > \(format(1 + effect)), " + row.detail
      } else if median < 1 - effect {
        row.status = .improved
      }
      return row
    }
  }

  /// What the repetitions make impossible, and how many jobs are unstable, per strategy:
  /// "with 3 and 3 repetitions time cannot reach α = 0.01", rather than never flagging in
  /// silence.
  func timeNotes(_ tests: [TimeTest]) -> [String] {
    var notes: [String] = []
    var order: [String] = []
    var byStrategy: [String: [TimeTest]] = [:]
    for t in tests {
      if byStrategy[t.row.strategy] == nil { order.append(t.row.strategy) }
      byStrategy[t.row.strategy, default: []].append(t)
    }
    for strategy in order {
      let jobs = byStrategy[strategy]!
      let blocked = jobs.filter { $0.smallestP > thresholds.alpha }
      if !blocked.isEmpty {
        let worst = blocked.max { $0.smallestP < $1.smallestP }!
        notes.append("\(strategy): time cannot fail for \(blocked.count) of \(jobs.count) job(s): with so few repetitions the smallest attainable p (up to \(pValue(worst.smallestP))) exceeds α = \(thresholds.alpha); use 5 or more repetitions a side")
      }
      let finite = jobs.filter { $0.ratio.isFinite && $0.ratio > 0 }.count
      let strategyP = WilcoxonSignedRank.smallestAttainablePValue(n: finite)
      if finite > 0 && strategyP > thresholds.alpha {
        notes.append("\(strategy): the strategy-wide test cannot fail with \(finite) job(s) (smallest attainable p \(pValue(strategyP)) > α = \(thresholds.alpha))")
      }
      let unstable = jobs.filter(\.unstable).count
      if unstable > 0 {
        notes.append("\(strategy): \(unstable) of \(jobs.count) job(s) unstable (A/A noise above their threshold): their time is shown, never failing")
      }
    }
    return notes
  }
}
