/// What the confirmation re-run did: which jobs it ran again and how their flags ended.
public struct ConfirmationSummary: Sendable, Hashable {
  /// Jobs re-run (flagged jobs, and every job of a strategy flagged as a whole).
  public var rerunJobs: Int
  /// Failing time rows (per job or per strategy) flagged again by the re-run: they still fail.
  public var confirmed: Int
  /// Failing time rows the re-run did not flag again: now warnings.
  public var cleared: Int

  public init(rerunJobs: Int, confirmed: Int, cleared: Int) {
    self.rerunJobs = rerunJobs
    self.confirmed = confirmed
    self.cleared = cleared
  }
}

extension Comparison {
  /// Unflagged jobs re-run beside the flagged ones, as a reference for the re-run's speed.
  public static let confirmationControls = 12

  /// The job keys a confirmation re-run must repeat: every job whose time failed, and
  /// every job of a strategy whose strategy-wide time failed, and every job when the
  /// whole run's time failed, plus up to `confirmationControls` unflagged jobs of other
  /// strategies (`jobs` lists the
  /// candidate's jobs). Empty when no time row failed; counter and cache failures are
  /// deterministic and are never re-run.
  public func jobsToConfirm(among jobs: [JobSummary]) -> [String] {
    let failing = rows.filter { $0.status == .fail && $0.kind == .performance }
    if failing.contains(where: { $0.topic == .runTime }) { return jobs.map(\.key) }
    let keys = Set(failing.filter { $0.topic == .time }.map(\.key))
    let strategies = Set(failing.filter { $0.topic == .strategyTime }.map(\.strategy))
    let flagged = jobs.filter { keys.contains($0.key) || strategies.contains($0.strategy) }
    guard !flagged.isEmpty else { return [] }
    // Controls: unflagged jobs of the other strategies, round-robin, so that the re-run can
    // measure its own run speed (`Comparator.runFactor`) against jobs that did not move.
    var pools: [String: [JobSummary]] = [:]
    var order: [String] = []
    for j in jobs where !keys.contains(j.key) && !strategies.contains(j.strategy) {
      if pools[j.strategy] == nil { order.append(j.strategy) }
      pools[j.strategy, default: []].append(j)
    }
    var controls: [JobSummary] = []
    var round = 0
    while controls.count < Self.confirmationControls, order.contains(where: { pools[$0]!.count > round }) {
      for s in order where pools[s]!.count > round && controls.count < Self.confirmationControls {
        controls.append(pools[s]![round])
      }
      round += 1
    }
    let chosen = Set(flagged.map(\.key) + controls.map(\.key))
    return jobs.filter { chosen.contains($0.key) }.map(\.key)
  }
}

extension Comparator {
  /// Confirms a comparison's time failures with a re-run of the flagged jobs (fresh
  /// repetitions, `recheck`): a failing time row stays failing only if the re-run
  /// compared with the same baseline flags it again; otherwise it becomes a warning that
  /// says it was cleared. A strategy-wide failure is re-tested on the re-run jobs of that
  /// strategy. The re-run's own time rows are added (topic `confirmation`, never failing
  /// by themselves) so a report shows both measurements.
  ///
  /// Under no change, a time false alarm now needs two independent rejections, so its
  /// probability is at most about α² per job; a real slowdown persists and is flagged twice.
  public func confirm(_ first: Comparison, baseline: Baseline, recheck: Baseline) -> Comparison {
    let rerunKeys = Set(recheck.jobs.map(\.key))
    var restricted = baseline
    restricted.jobs = baseline.jobs.filter { rerunKeys.contains($0.key) }
    let second = compare(baseline: restricted, candidate: recheck, families: families(of: baseline))
    let secondByKey = Dictionary(second.rows.filter { [.time, .strategyTime, .runTime].contains($0.topic) }.map { ($0.key, $0) },
                                 uniquingKeysWith: { a, _ in a })
    var result = first
    var confirmed = 0, cleared = 0
    for i in result.rows.indices {
      let r = result.rows[i]
      guard r.status == .fail, r.kind == .performance, [.time, .strategyTime, .runTime].contains(r.topic) else { continue }
      if let again = secondByKey[r.key], again.status == .fail {
        confirmed += 1
        result.rows[i].detail += "; confirmed by the re-run (\(again.candidate), \(again.detail))"
      } else {
        cleared += 1
        result.rows[i].status = .warn
        result.rows[i].kind = nil
        let how = secondByKey[r.key].map { "re-run \($0.candidate) \($0.change), \($0.detail)" } ?? "not re-run"
        result.rows[i].detail = "flagged, then cleared by the confirmation re-run (\(how)); first: " + r.detail
      }
    }
    for var again in secondByKey.values.sorted(by: { $0.key < $1.key }) {
      again.metric = "re-run " + again.metric
      again.topic = .confirmation
      if again.status == .fail { again.status = .warn }
      again.kind = nil
      result.rows.append(again)
    }
    result.notes.append("confirmation: \(recheck.jobs.count) job(s) re-run with fresh repetitions; \(confirmed) time failure(s) confirmed, \(cleared) cleared")
    result.confirmation = ConfirmationSummary(rerunJobs: recheck.jobs.count, confirmed: confirmed, cleared: cleared)
    return result
  }
}
