import BCVTestSupport
import Foundation
import Testing

/// The rows of a results.csv without the measured columns (seconds, cpu_seconds,
/// peak_memory_mb), which legitimately differ between runs.
func stableRows(_ directory: String) throws -> [String] {
  let csv = try String(contentsOfFile: directory + "/results.csv", encoding: .utf8)
  return csv.split(separator: "\n").map { line in
    line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
      .filter { ![11, 12, 13].contains($0.offset) }.map(\.element).joined(separator: ",")
  }
}

@Suite(.serialized) struct HarnessCommands {
  let corpus = Fixtures.path("Tests/Fixtures/mini-corpus.json")

  @Test func mergingThreeShardsEqualsOneRun() throws {
    let root = temporaryDirectory("shards")
    let common = ["run", "--corpus", corpus, "--samples", "1000,3000", "--repetitions", "2", "--quiet",
                  "--history", root + "/history.jsonl"]
    var shardDirs: [String] = []
    for k in 1...3 {
      let dir = root + "/s\(k)"
      let r = try BenchProcess.run(common + ["--shard", "\(k)/3", "--out", dir])
      #expect(r.status == 0, "\(r.stderr)")
      shardDirs.append(dir)
    }
    let merged = try BenchProcess.run(["merge"] + shardDirs + ["--out", root + "/merged", "--quiet", "--history", root + "/h2.jsonl"])
    #expect(merged.status == 0, "\(merged.stderr)")
    let single = try BenchProcess.run(common + ["--out", root + "/single"])
    #expect(single.status == 0)
    #expect(try stableRows(root + "/merged") == stableRows(root + "/single"))
    #expect(try stableRows(root + "/single").count == 1 + 3 * 2 * 2)
  }

  @Test func mergeRefusesAnIncompleteSetOfShards() throws {
    let root = temporaryDirectory("partial")
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "500", "--shard", "1/2", "--out", root + "/s1", "--quiet"])
    #expect(r.status == 0)
    let merged = try BenchProcess.run(["merge", root + "/s1", "--out", root + "/m"])
    #expect(merged.status == 2)
    #expect(merged.stderr.contains("shard 2/2 is missing"))
  }

  @Test func aBaselineGatesTheNextRunAndSurvivesABadOne() throws {
    let root = temporaryDirectory("gate")
    let suite = root + "/mini.json"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try """
    { "format": "bcv-suite/1", "name": "mini", "corpus": ["\(corpus)"],
      "matrix": { "strategies": ["sampling"], "samples": [2000], "repetitions": 3 } }
    """.write(toFile: suite, atomically: true, encoding: .utf8)
    let baseline = root + "/mini-baseline.json"
    // baseline update keeps no history (it refuses --history).
    let update = try BenchProcess.run(["baseline", "update", "--suite", suite, "--file", baseline, "--quiet"])
    #expect(update.status == 0, "\(update.stderr)")
    let gated = try BenchProcess.run(["run", "--suite", suite, "--gate", "--baseline", baseline, "--out", root + "/run",
                                      "--history", root + "/h.jsonl"])
    #expect(gated.status == 0, "\(gated.stdout)\(gated.stderr)")
    #expect(gated.stdout.contains("gate: PASS"))

    // A corrupt baseline is reported with the bad-input code, naming the file, and left as it is.
    let corrupt = "{\"schema\": \"bcv-baseline/1\", \"jobs\": [ {\"key\": "
    try corrupt.write(toFile: baseline, atomically: true, encoding: .utf8)
    let bad = try BenchProcess.run(["run", "--suite", suite, "--gate", "--baseline", baseline, "--out", root + "/run2"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains(baseline))
    #expect(try String(contentsOfFile: baseline, encoding: .utf8) == corrupt)
    #expect(!FileManager.default.fileExists(atPath: root + "/run2/results.csv"))

    let missing = try BenchProcess.run(["run", "--suite", suite, "--gate", "--baseline", root + "/none.json"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no baseline"))
  }

  @Test func compareTakesRunFoldersAndReportsVerdictChanges() throws {
    let root = temporaryDirectory("compare")
    for (name, samples) in [("a", "2000"), ("b", "2000")] {
      let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", samples, "--repetitions", "2",
                                    "--out", root + "/" + name, "--quiet", "--history", root + "/h.jsonl"])
      #expect(r.status == 0)
    }
    let c = try BenchProcess.run(["compare", root + "/a", root + "/b", "--out", root + "/cmp"])
    #expect(c.status == 0, "\(c.stdout)\(c.stderr)")
    #expect(c.stdout.contains("gate: PASS"))
    #expect(FileManager.default.fileExists(atPath: root + "/cmp/comparison.json"))
    let usage = try BenchProcess.run(["compare", root + "/a"])
    #expect(usage.status == 2)
  }

  @Test func rerunRepeatsTheRunAndSaysWhatDiffers() throws {
    let root = temporaryDirectory("rerun")
    let first = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "1500", "--seed", "9", "--out", root + "/first",
                                      "--quiet", "--history", root + "/h.jsonl"])
    #expect(first.status == 0)
    let again = try BenchProcess.run(["rerun", root + "/first/results.json", "--out", root + "/again"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try stableRows(root + "/first") == stableRows(root + "/again"))
  }

  @Test(arguments: [
    (["run", "--corpus", "Tests/Fixtures/mini-corpus.json", "--shard", "3/2"], "1 <= K <= N"),
    (["run", "--corpus", "Tests/Fixtures/mini-corpus.json", "--shard", "x"], "expects K/N"),
    (["run", "--corpus", "Tests/Fixtures/mini-corpus.json", "--repetitions", "0"], "--repetitions"),
    (["baseline", "update"], "give a suite"),
    (["compare", "/nonexistent-a", "/nonexistent-b"], "/nonexistent-a"),
  ] as [([String], String)])
  func harnessMisuseIsBadInput(arguments: [String], fragment: String) throws {
    let r = try BenchProcess.run(arguments)
    #expect(r.status == 2, "\(arguments): \(r.stderr)")
    #expect(r.stderr.contains(fragment), "\(arguments): \(r.stderr)")
  }
}

/// The warm-cache mode must not depend on what an earlier run left on disk: a nightly CI
/// machine starts from a clean clone, and a first run that misses where the baseline hit
/// would fail the gate on an unchanged build.
@Suite struct WarmCacheDeterminism {
  @Test func aWarmJobHitsOnAnEmptyCacheFolderAsOnAFullOne() throws {
    let corpus = Fixtures.path("Tests/Fixtures/mini-corpus.json")
    let root = temporaryDirectory("warm")
    let cacheDir = root + "/cache"
    func counters(_ out: String) throws -> [String] {
      let r = try BenchProcess.run(["run", "--corpus", corpus, "--strategies", "interval", "--cache", "warm",
                                    "--cache-dir", cacheDir, "--out", root + "/" + out, "--quiet",
                                    "--history", root + "/h.jsonl"])
      #expect(r.status == 0, "\(r.stderr)")
      let csv = try String(contentsOfFile: root + "/" + out + "/results.csv", encoding: .utf8)
      let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
      let header = lines[0].map(String.init)
      let columns = ["case", "evaluations", "boxes", "cache_hits", "cache_misses"].map { header.firstIndex(of: $0)! }
      return lines.dropFirst().map { row in columns.map { String(row[$0]) }.joined(separator: ",") }
    }
    let first = try counters("first")   // the folder is empty
    let second = try counters("second") // the folder holds the first run's answers
    #expect(first == second)
    #expect(!first.isEmpty)
    for row in first {
      let fields = row.split(separator: ",")
      #expect(fields[4] == "0", "a warm job missed: \(row)")
    }
  }
}

/// The cache key names the obligation, strategy and settings, not the code that answered:
/// a warm cache left by another build must not hand this build its answers.
@Suite struct CacheFolderPerBuild {
  @Test func twoBuildsSharingACacheFolderNeverReadEachOthersEntries() throws {
    let corpus = Fixtures.path("Tests/Fixtures/mini-corpus.json")
    let root = temporaryDirectory("per-build")
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let other = root + "/bcv-bench-other-build"
    try? FileManager.default.removeItem(atPath: other)
    try FileManager.default.copyItem(atPath: BenchProcess.binary.path, toPath: other)
    let cacheDir = root + "/cache"
    let arguments = ["run", "--corpus", corpus, "--strategies", "interval", "--cache", "warm", "--cache-dir", cacheDir,
                     "--quiet", "--history", root + "/h.jsonl"]
    #expect(try BenchProcess.run(arguments + ["--out", root + "/a"]).status == 0)
    #expect(try BenchProcess.run(arguments + ["--out", root + "/b"], executable: other).status == 0)
    let folders = try FileManager.default.contentsOfDirectory(atPath: cacheDir).filter { $0.hasPrefix("build-") }
    #expect(folders.count == 2, "\(folders)")
  }
}
