import Foundation

/// One job's time comparison before the multiplicity correction.
struct TimeTest: Sendable {
  var row: ComparisonRow
  var p: Double
  /// Ratio of fastest repetitions relative to the run (divided by the strategy's run factor).
  var ratio: Double
  /// The same ratio in absolute terms.
  var rawRatio: Double
  var effect: Double
  /// The job's relative A/A noise exceeds `effect`: shown, never failing.
  var unstable: Bool
  /// The smallest p-value the test can reach with these repetitions (and their ties).
  var smallestP: Double
}

extension Comparator {
  /// One job's time test: the one-sided rank test of all repetitions (candidate times
  /// already divided by the run factor), the effect as the ratio of fastest repetitions,
  /// and whether the job is stable. A job's noise is its calibrated A/A noise, else the
  /// gap between its two fastest baseline repetitions relative to the fastest (how well
  /// its minimum is reproduced); above the effect threshold the job is `unstable`.
  func timeTest(_ b: JobSummary, _ c: JobSummary, noise calibrated: Double?, runFactor: Double = 1) -> TimeTest {
    let effect = thresholds.effect(strategy: b.strategy, noise: calibrated)
    let sorted = b.seconds.sorted()
    let noise = calibrated ?? (sorted.count >= 3 && sorted[0] > 0 ? (sorted[1] - sorted[0]) / sorted[0] : nil)
    let relative = c.seconds.map { $0 / runFactor }
    let p = MannWhitney.test(relative, b.seconds, alternative: .greater).pValue
    let rawRatio = (c.fastest ?? .nan) / (b.fastest ?? .nan)
    let ratio = rawRatio / runFactor
    let r = row(b, "seconds (fastest of \(b.seconds.count))", seconds(b.fastest), seconds(c.fastest),
                percent(rawRatio - 1), .pass, nil, "", topic: .time)
    return TimeTest(row: r, p: p, ratio: ratio, rawRatio: rawRatio, effect: effect, unstable: (noise ?? 0) > effect,
                    smallestP: MannWhitney.smallestAttainablePValue(pooled: relative + b.seconds, firstCount: c.seconds.count,
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
      } else if significant && test.ratio > 1 + test.effect && test.rawRatio > 1 {
        r.status = .fail
        r.kind = .performance
        r.detail = "slower: p = \(pValue(test.p)) (corrected per strategy, α/k = \(pValue(level))), effect \(percent(test.ratio - 1)) relative to the run > \(percent(test.effect))"
      } else if test.rawRatio < 1 - test.effect {
        r.status = .improved
      } else {
        r.detail = "p = \(pValue(test.p))" + unreachable
      }
      return r
    }
  }

  /// One row per strategy — its jobs' log ratios of fastest repetitions (relative to the
  /// run factor), tested together with the Wilcoxon signed-rank test — and one row for
  /// the whole run (the raw ratios of every job: a slower build as a whole, or a slower
  /// machine, which only the confirmation re-run can tell apart). Holm across the
  /// strategies and the whole-run test (padded to `strategyCount` as in `judgeTimes`); a
  /// row fails when significant and its median ratio exceeds 1 + its minimum effect (the
  /// strategy-wide effect for strategies, the per-job effect for the whole run).
  func judgeStrategies(_ tests: [TimeTest], strategyCount: Int? = nil) -> [ComparisonRow] {
    var order: [String] = []
    var ratios: [String: [Double]] = [:]
    var raw: [String: [Double]] = [:]
    for t in tests where t.ratio.isFinite && t.ratio > 0 && t.rawRatio.isFinite && t.rawRatio > 0 {
      if ratios[t.row.strategy] == nil { order.append(t.row.strategy) }
      ratios[t.row.strategy, default: []].append(t.ratio)
      raw[t.row.strategy, default: []].append(t.rawRatio)
    }
    guard !order.isEmpty else { return [] }
    let all = order.flatMap { raw[$0]! }
    var results = order.map { WilcoxonSignedRank.greater(ratios[$0]!.map { Foundation.log($0) }) }
    let wholeRun = order.count >= 2 ? WilcoxonSignedRank.greater(all.map { Foundation.log($0) }) : nil
    if let wholeRun { results.append(wholeRun) }
    let padding = max(0, (strategyCount ?? order.count) - order.count)
    let rejected = MultipleTesting.holm(results.map(\.pValue) + [Double](repeating: 1, count: padding), alpha: thresholds.alpha)
    var rows = order.indices.map { i in
      let strategy = order[i]
      let median = Descriptive.median(ratios[strategy]!) ?? 1
      let rawMedian = Descriptive.median(raw[strategy]!) ?? 1
      let effect = thresholds.strategyWideEffect(strategy: strategy)
      var row = ComparisonRow(key: "\(strategy)|all", caseID: "*", strategy: strategy,
                              metric: "seconds (all \(ratios[strategy]!.count) jobs)", baseline: "1", candidate: format(rawMedian),
                              change: percent(rawMedian - 1), status: .pass, kind: nil,
                              detail: "relative to the run \(format(median)); p = \(pValue(results[i].pValue)) (Wilcoxon, Holm)",
                              topic: .strategyTime)
      if rejected[i] && median > 1 + effect && rawMedian > 1 {
        row.status = .fail
        row.kind = .performance
        row.detail = "strategy-wide slowdown: median ratio relative to the run \(format(median)) > \(format(1 + effect)), " + row.detail
      } else if rawMedian < 1 - effect {
        row.status = .improved
      }
      return row
    }
    if let wholeRun {
      let median = Descriptive.median(all) ?? 1
      var row = ComparisonRow(key: "*|all", caseID: "*", strategy: "*", metric: "seconds (whole run, \(all.count) jobs)",
                              baseline: "1", candidate: format(median), change: percent(median - 1), status: .pass, kind: nil,
                              detail: "p = \(pValue(wholeRun.pValue)) (Wilcoxon, Holm)", topic: .runTime)
      if rejected[order.count] && median > 1 + thresholds.minEffect {
        row.status = .fail
        row.kind = .performance
        row.detail = "the whole run is slower (the build, or the machine): median ratio \(format(median)) > \(format(1 + thresholds.minEffect)), " + row.detail
      } else if median < 1 - thresholds.minEffect {
        row.status = .improved
      }
      rows.append(row)
    }
    return rows
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
