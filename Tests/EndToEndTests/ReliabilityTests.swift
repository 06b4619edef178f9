import BCVPlatform
import BCVTestSupport
import Foundation
import Testing

@Suite(.serialized) struct Reliability {
  let corpus = Fixtures.path("Tests/Fixtures/mini-corpus.json")

  @Test func crashingHangingAndMemoryHungryJobsAreRecordedAsErrorsAndTheRunFinishes() throws {
    let out = temporaryDirectory("chaos")
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "2000", "--isolate", "--job-timeout", "5",
                                  "--memory-limit", "512", "--out", out],
                                 environment: ["BCV_FAULT_INJECTION": "crash:mini-valid,hang:mini-discrete,oom:mini-invalid"])
    #expect(r.status == 4, "\(r.stderr)")
    let csv = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
    #expect(csv.contains("mini-valid,sampling,2000,1,off,0,unknown,false,,valid,error"))
    #expect(csv.contains("crashed with"))
    #expect(csv.contains("killed after its 5 s deadline"))
    #expect(csv.split(separator: "\n").count == 4)
  }

  @Test func faultInjectionIsIgnoredWithoutIsolation() throws {
    let out = temporaryDirectory("nochaos")
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "2000", "--out", out],
                                 environment: ["BCV_FAULT_INJECTION": "crash:mini-valid"])
    #expect(r.status == 0)
  }

  @Test func isolationGivesTheSameVerdictsCounterexamplesAndCounters() throws {
    let a = temporaryDirectory("inproc"), b = temporaryDirectory("isolated")
    let common = ["run", "--corpus", corpus, "--samples", "3000", "--seed", "5", "--workers", "2"]
    #expect(try BenchProcess.run(common + ["--out", a]).status == 0)
    #expect(try BenchProcess.run(common + ["--isolate", "--out", b]).status == 0)
    #expect(try stableRows(a) == stableRows(b))
    // Whole records, every field but the measurements: a child's record (one JSON document
    // in, one record out) equals the in-process one.
    func records(_ folder: String) throws -> [NSDictionary] {
      let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/results.json")))
      return ((json as! [String: Any])["results"] as! [[String: Any]]).map { r in
        var r = r
        for key in ["seconds", "cpuSeconds", "peakMemoryBytes", "timingLoops"] { r[key] = nil }
        return r as NSDictionary
      }
    }
    let inProcess = try records(a), isolated = try records(b)
    #expect(inProcess.count == isolated.count && !inProcess.isEmpty)
    for (x, y) in zip(inProcess, isolated) { #expect(x == y, "\(x)\nvs\n\(y)") }
  }

  @Test func aRunKilledWithSigkillResumesToTheSameResults() throws {
    let out = temporaryDirectory("killed"), reference = temporaryDirectory("uninterrupted")
    let arguments = ["run", "--corpus", corpus, "--samples", "100000,200000", "--repetitions", "2", "--seed", "3"]
    let process = Process()
    process.executableURL = BenchProcess.binary
    process.arguments = arguments + ["--out", out, "--quiet"]
    process.currentDirectoryURL = Fixtures.packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let journal = out + "/journal.jsonl"
    let deadline = Date().addingTimeInterval(120)
    var finished = 0
    while Date() < deadline {
      finished = ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n").count - 1
      if finished >= 3 || !process.isRunning { break }
      usleep(20_000)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(finished >= 3, "the run should have journaled some jobs before the kill")
    #expect(!FileManager.default.fileExists(atPath: out + "/results.csv"), "killed before writing results")
    let resumed = try BenchProcess.run(arguments + ["--out", out, "--resume"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming:"))
    #expect(try BenchProcess.run(arguments + ["--out", reference, "--quiet"]).status == 0)
    #expect(try stableRows(out) == stableRows(reference))
  }

  /// SIGINT (and SIGTERM) mid-run: the run stops between jobs, writes what is done as
  /// partial results (exit 130), a baseline refuses them, and `--resume` finishes the run
  /// with the results of an uninterrupted one.
  @Test(arguments: [SIGINT, SIGTERM])
  func anInterruptedRunWritesPartialResultsAndResumes(signal: Int32) throws {
    let out = temporaryDirectory("interrupted-\(signal)"), reference = temporaryDirectory("reference-\(signal)")
    let arguments = ["run", "--corpus", corpus, "--samples", "100000,200000", "--repetitions", "2", "--seed", "3"]
    let process = Process()
    process.executableURL = BenchProcess.binary
    process.arguments = arguments + ["--out", out, "--quiet", "--history", out + "-h.jsonl"]
    process.currentDirectoryURL = Fixtures.packageRoot
    process.standardOutput = FileHandle.nullDevice
    let err = Pipe()
    process.standardError = err
    try process.run()
    let journal = out + "/journal.jsonl"
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
      let finished = ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n").count - 1
      if finished >= 2 || !process.isRunning { break }
      usleep(20_000)
    }
    kill(process.processIdentifier, signal)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(process.terminationStatus): \(stderr)")
    #expect(stderr.contains("interrupted:") && stderr.contains("--resume"), "\(stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as! [String: Any]
    let run = json["run"] as! [String: Any]
    #expect(run["partial"] as? Bool == true && (json["results"] as! [Any]).count < (run["plannedJobs"] as! Int))
    let baseline = try BenchProcess.run(["baseline", "update", "--suite", Fixtures.path("Suites/smoke.json"), "--from", out,
                                         "--file", out + "-baseline.json", "--quiet"])
    #expect(baseline.status == 2, "\(baseline.stderr)")
    let resumed = try BenchProcess.run(arguments + ["--out", out, "--resume", "--history", out + "-h.jsonl"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try BenchProcess.run(arguments + ["--out", reference, "--quiet", "--history", out + "-h.jsonl"]).status == 0)
    #expect(try stableRows(out) == stableRows(reference))
  }

  @Test func aCorruptJournalIsReportedAndLeftAsItIs() throws {
    let out = temporaryDirectory("corruptjournal")
    #expect(try BenchProcess.run(["run", "--corpus", corpus, "--samples", "1000", "--out", out, "--quiet"]).status == 0)
    let path = out + "/journal.jsonl"
    var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    lines[1] = "{\"index\": 0, \"record\": {\"case\": "
    let corrupt = lines.joined(separator: "\n") + "\n"
    try corrupt.write(toFile: path, atomically: true, encoding: .utf8)
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "1000", "--out", out, "--resume"])
    #expect(r.status == 2)
    #expect(r.stderr.contains(path) && r.stderr.contains("corrupt journal line"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == corrupt)
  }

  @Test func aJournalFromAnotherRunIsRefused() throws {
    let out = temporaryDirectory("otherjournal")
    #expect(try BenchProcess.run(["run", "--corpus", corpus, "--samples", "1000", "--out", out, "--quiet"]).status == 0)
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "2000", "--out", out, "--resume"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("journal belongs to a different run"))
  }
}

/// The output folder (issue #17, item 3): `--out` naming a file, and a folder another live
/// run holds, are usage errors that say so; nothing of the other run is touched.
@Suite(.serialized) struct OutputFolderFaults {
  let corpus = Fixtures.path("Tests/Fixtures/mini-corpus.json")

  @Test func outNamingAFileIsRefusedClearly() throws {
    let root = temporaryDirectory("out-file")
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try "keep me".write(toFile: root + "/results", atomically: true, encoding: .utf8)
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--out", root + "/results", "--quiet", "--history", root + "/h.jsonl"])
    #expect(r.status == 2 && r.stderr.contains("is a file, not a folder"), "\(r.stderr)")
    #expect(try String(contentsOfFile: root + "/results", encoding: .utf8) == "keep me")
  }

  /// A cache folder that cannot be written (here: below a file; read-only folders do not
  /// stop root, who runs CI) leaves the run going, uncached on disk, and says so.
  @Test func anUnwritableCacheFolderIsReportedAndTheRunGoesOn() throws {
    let root = temporaryDirectory("cache-unwritable")
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try "a file".write(toFile: root + "/file", atomically: true, encoding: .utf8)
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--cache", "warm", "--cache-dir", root + "/file/cache",
                                  "--out", root + "/out", "--quiet", "--history", root + "/h.jsonl"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("could not be stored in the disk cache") && r.stderr.contains("not a directory"), "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: root + "/out/results.json"))
  }

  /// A full disk (here a file-size limit, `ulimit -f`): the run ends with a clear error
  /// naming the file, exit 4 — not killed by SIGXFSZ — and leaves no half-written file.
  @Test func aFileSizeLimitIsAClearErrorAndLeavesNoHalfWrittenFile() throws {
    let root = temporaryDirectory("fsize")
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -f 8; exec \"$0\" \"$@\"", BenchProcess.binary.path, "run", "--corpus", corpus,
                         "--out", root + "/out", "--quiet", "--history", root + "/h.jsonl"]
    process.currentDirectoryURL = Fixtures.packageRoot
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 4, "\(process.terminationStatus) \(stderr)")
    #expect(stderr.contains("cannot write results") && stderr.contains("File too large"), "\(stderr)")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/out").filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  @Test func aFolderAnotherRunHoldsIsRefusedNamingThatRun() throws {
    let root = temporaryDirectory("out-locked")
    guard case .acquired(let lock) = try FolderLock.acquire(root + "/out", description: "bcv-bench run, pid 4242") else {
      Issue.record("could not claim the folder for the test")
      return
    }
    let refused = try BenchProcess.run(["run", "--corpus", corpus, "--out", root + "/out", "--quiet", "--history", root + "/h.jsonl"])
    #expect(refused.status == 2 && refused.stderr.contains("another run is writing") && refused.stderr.contains("pid 4242"),
            "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: root + "/out/results.json"))
    withExtendedLifetime(lock) {}
  }
}

/// Numbers at the edge of the representable range in a box (issue #17's first hostile
/// file): `-1e999` is an exact rational whose Double is −∞, and [−1e308, 1e308] is finite
/// but its width overflows. Every strategy answers; none traps.
@Suite struct HostileBoxBounds {
  @Test(arguments: ["[-1e999, 2]", "[-2, 1e999]", "[-1e308, 1e308]"])
  func boxBoundsAtTheEdgeOfTheRangeNeverCrash(bounds: String) throws {
    let root = temporaryDirectory("hostile-box-\(bounds.hashValue.magnitude)")
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let corpus = root + "/hostile.json"
    try """
    {"format": "bcv-corpus/1", "name": "hostile", "cases": [
     {"id": "edge", "variables": ["x", "y"], "dynamics": ["-x", "-y"],
      "domain": {"box": {"x": \(bounds), "y": [-2, 2]}},
      "initial": {"where": ["x^2 + y^2 <= 0.25"]}, "unsafe": {"box": {"x": [1.5, 2]}},
      "certificate": "x^2 + y^2 - 1", "expected": {"verdict": "valid"}}]}
    """.write(toFile: corpus, atomically: true, encoding: .utf8)
    for sequence in ["uniform", "halton"] {
      let r = try BenchProcess.run(["run", "--corpus", corpus, "--strategies", "sampling,adaptive,interval,smt,symbolic",
                                    "--sequence", sequence, "--max-boxes", "2000", "--out", root + "/out", "--quiet",
                                    "--history", root + "/h.jsonl"])
      #expect(r.status == 0, "\(bounds) \(sequence): \(r.stderr.suffix(400))")
      let csv = try String(contentsOfFile: root + "/out/results.csv", encoding: .utf8)
      #expect(!csv.contains(",wrong,"), "\(csv)")
    }
  }
}
