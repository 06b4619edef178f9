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

  /// Corrects the time tests for multiplicity, then applies the minimum effect. Each
  /// strategy's jobs form one family, corrected at α/k for k strategies (Bonferroni
  /// across families), so that a strategy that really slowed down cannot loosen the
  /// Benjamini–Hochberg thresholds of the others. `familySizes` (per strategy) and
  /// `strategyCount` pad the families to the sizes of an earlier comparison, as the
  /// confirmation re-run of a few jobs must be judged as strictly as the whole run.
  /// Unstable jobs take part in the correction (so it stays valid) but are never failed.
  func judgeTimes(_ tests: [TimeTest], familySizes: [String: Int] = [:], strategyCount: Int? = nil) -> [ComparisonRow] {
    guard !tests.isEmpty else { return [] }
    var families: [String: [Int]] = [:]
    for (i, t) in tests.enumerated() { families[t.row.strategy, default: []].append(i) }
    let level = thresholds.alpha / Double(max(strategyCount ?? families.count, 1))
    var rejected = [Bool](repeating: false, count: tests.count)
    for (strategy, members) in families {
      let padding = max(0, (familySizes[strategy] ?? members.count) - members.count)
      let ps = members.map { tests[$0].p } + [Double](repeating: 1, count: padding)
      let decisions: [Bool]
      switch thresholds.correction {
      case .holm: decisions = MultipleTesting.holm(ps, alpha: level)
      case .benjaminiHochberg: decisions = MultipleTesting.benjaminiHochberg(ps, q: level)
      }
      for (k, i) in members.enumerated() { rejected[i] = decisions[k] }
    }
    return zip(tests, rejected).map { test, significant in
      var r = test.row
      let unreachable = test.smallestP > level
        ? "; time cannot fail: the smallest attainable p is \(pValue(test.smallestP)) > α/k = \(pValue(level))" : ""
      if test.unstable {
        r.status = .unstable
        r.detail = "unstable: A/A noise above the \(percent(test.effect)) threshold; p = \(pValue(test.p))"
      } else if significant && test.ratio > 1 + test.effect {
        r.status = .fail
        r.kind = .performance
        r.detail = "slower: p = \(pValue(test.p)) (corrected per strategy, α/k = \(pValue(level))), effect \(percent(test.ratio - 1)) > \(percent(test.effect))"
      } else if test.ratio < 1 - test.effect {
        r.status = .improved
      } else {
        r.detail = "p = \(pValue(test.p))" + unreachable
      }
      return r
    }
  }

  /// One row per strategy: its jobs' log ratios of medians, tested together (Wilcoxon,
  /// Holm across `strategyCount` strategies, padded as in `judgeTimes`), failing when
  /// significant and the median ratio exceeds 1 + the strategy-wide minimum effect.
  func judgeStrategies(_ tests: [TimeTest], strategyCount: Int? = nil) -> [ComparisonRow] {
    var order: [String] = []
    var ratios: [String: [Double]] = [:]
    for t in tests where t.ratio.isFinite && t.ratio > 0 {
      if ratios[t.row.strategy] == nil { order.append(t.row.strategy) }
      ratios[t.row.strategy, default: []].append(t.ratio)
    }
    let results = order.map { WilcoxonSignedRank.greater(ratios[$0]!.map { Foundation.log($0) }) }
    let padding = max(0, (strategyCount ?? order.count) - order.count)
    let rejected = MultipleTesting.holm(results.map(\.pValue) + [Double](repeating: 1, count: padding), alpha: thresholds.alpha)
    return order.indices.map { i in
      let strategy = order[i]
      let median = Descriptive.median(ratios[strategy]!) ?? 1
      let effect = thresholds.strategyWideEffect(strategy: strategy)
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
  func timeNotes(_ tests: [TimeTest], strategyCount: Int? = nil) -> [String] {
    var notes: [String] = []
    var order: [String] = []
    var byStrategy: [String: [TimeTest]] = [:]
    for t in tests {
      if byStrategy[t.row.strategy] == nil { order.append(t.row.strategy) }
      byStrategy[t.row.strategy, default: []].append(t)
    }
    let level = thresholds.alpha / Double(max(strategyCount ?? order.count, 1))
    for strategy in order {
      let jobs = byStrategy[strategy]!
      let blocked = jobs.filter { $0.smallestP > level }
      if !blocked.isEmpty {
        let worst = blocked.max { $0.smallestP < $1.smallestP }!
        notes.append("\(strategy): time cannot fail for \(blocked.count) of \(jobs.count) job(s): with so few repetitions the smallest attainable p (up to \(pValue(worst.smallestP))) exceeds α/k = \(pValue(level)) (α = \(thresholds.alpha) over \(order.count) strategies); use more repetitions")
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
