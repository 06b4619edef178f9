@testable import BCVBenchKit
import BCVNumerics
import BCVValidation
import Foundation
import Testing

// The disk cache stores results in the results file's encoding (ResultCodec.resultsJSON),
// so its tests live with that codec.

private func result(_ condition: ConditionName = .flow, evaluations: Int = 7) -> ObligationResult {
  var r = ObligationResult(condition: condition, status: .violated(Counterexample(point: [0.1, -2.5e-300], value: 1 / 3,
                                                                                  confirmation: .exactRational)))
  r.evaluations = evaluations
  r.samplesInRegion = 5
  r.worstValue = 1 / 3
  return r
}

private func scratchDirectory(_ name: String) -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("bcv-diskcache-\(name)-\(getpid())").path
  try? FileManager.default.removeItem(atPath: path)
  return path
}

extension DiskCache {
  convenience init(directory: String, maxBytes: Int = 256 << 20) {
    self.init(directory: directory, codec: .resultsJSON, maxBytes: maxBytes)
  }
}

@Suite struct DiskCacheBehaviour {
  @Test func entriesSurviveANewCacheObject() {
    let dir = scratchDirectory("persist")
    DiskCache(directory: dir).store("k", result())
    let reopened = DiskCache(directory: dir)
    #expect(reopened.lookup("k") == result())
    #expect(reopened.statistics.hits == 1)
  }

  @Test func corruptedAndTruncatedEntriesAreDetectedCountedAndRecomputed() throws {
    let dir = scratchDirectory("corrupt")
    let cache = DiskCache(directory: dir)
    cache.store("flip", result())
    cache.store("cut", result())
    cache.store("empty", result())
    let flip = cache.path(for: "flip"), cut = cache.path(for: "cut"), empty = cache.path(for: "empty")
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: flip)))
    bytes[bytes.count - 3] ^= 0x01
    try Data(bytes).write(to: URL(fileURLWithPath: flip))
    let whole = try Data(contentsOf: URL(fileURLWithPath: cut))
    try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: cut))
    try Data().write(to: URL(fileURLWithPath: empty))
    #expect(cache.lookup("flip") == nil)
    #expect(cache.lookup("cut") == nil)
    #expect(cache.lookup("empty") == nil)
    #expect(cache.statistics.corrupt == 3)
    cache.store("cut", result())
    #expect(cache.lookup("cut") == result())
  }

  @Test func anEntryUnderAnotherKeysNameIsNotTrusted() throws {
    let dir = scratchDirectory("misplaced")
    let cache = DiskCache(directory: dir)
    cache.store("a", result(evaluations: 1))
    try FileManager.default.createDirectory(atPath: (cache.path(for: "b") as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: cache.path(for: "a"), toPath: cache.path(for: "b"))
    #expect(cache.lookup("b") == nil)
    #expect(cache.statistics.corrupt == 1)
  }

  @Test func theFolderStaysUnderItsSizeBound() {
    let dir = scratchDirectory("bound")
    let cache = DiskCache(directory: dir, maxBytes: 4000)
    for i in 0..<100 { cache.store("key\(i)", result()) }
    let total = DiskCache.entryFiles(in: dir).reduce(0) { $0 + $1.size }
    #expect(total <= 4000)
    #expect(cache.statistics.evictions > 0)
  }

  @Test func concurrentWritersNeverLeaveAHalfEntry() {
    let dir = scratchDirectory("concurrent")
    let caches = (0..<4).map { _ in DiskCache(directory: dir) }
    DispatchQueue.concurrentPerform(iterations: 4) { w in
      for i in 0..<50 { caches[w].store("shared\(i % 10)", result(evaluations: i)) }
    }
    let reader = DiskCache(directory: dir)
    for i in 0..<10 { #expect(reader.lookup("shared\(i)") != nil) }
    #expect(reader.statistics.corrupt == 0)
  }

  @Test func aCounterexampleAtAnExactRationalPointSurvivesTheDiskCache() {
    let dir = scratchDirectory("exact")
    var r = ObligationResult(condition: .unsafe, status: .violated(Counterexample(
      point: [0.1, -100.05], value: 0.5, confirmation: .exactRational, exactPoint: [Rational(1, 10), Rational(-2001, 20)])))
    r.boxes = 3
    DiskCache(directory: dir).store("k", r)
    #expect(DiskCache(directory: dir).lookup("k") == r)
  }

  /// A disk hit must equal a memory hit field for field: the nightly gate reads the
  /// external solver's status from warm-cache hits (measured: after a restart, 72 warm
  /// `smt-external` jobs lost it and looked like another machine's).
  @Test func theExternalSolverAndItsStatusSurviveTheDiskCache() {
    let dir = scratchDirectory("solver")
    var r = ObligationResult(condition: .initial, status: .holds(proof: true))
    r.solver = "z3"
    r.solverStatus = "unsat"
    r.waves = 4
    DiskCache(directory: dir).store("k", r)
    #expect(DiskCache(directory: dir).lookup("k") == r)
  }

  /// Every kind of unknown answer comes back from disk with its kind: the gate and the cache
  /// read kinds, never texts.
  @Test func everyUnknownKindSurvivesTheDiskCache() {
    let cache = DiskCache(directory: scratchDirectory("kinds"))
    for kind in UnknownReason.Kind.allCases {
      for (i, detail) in ["", "a reason; with words", "line\nbreak \"quoted\""].enumerated() {
        let r = ObligationResult(condition: .unsafe, status: .unknown(UnknownReason(kind, detail)))
        cache.store("\(kind)|\(i)", r)
        #expect(cache.lookup("\(kind)|\(i)") == r, "\(kind) \(detail)")
      }
    }
  }
}
