import BCVTestSupport
import Foundation
import Testing

/// Runs the real `bcv-bench` binary, built next to this test bundle.
struct BenchProcess {
  static let binary: URL = {
    // The test runner lives in the build products folder (…/.build/debug/…xctest, or a
    // runner beside it); the products sit in the same folder.
    let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle.main.bundleURL, Bundle.main.executableURL]
    for start in candidates.compactMap({ $0 }) {
      var url = start
      for _ in 0..<4 {
        let candidate = url.appendingPathComponent("bcv-bench")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        url.deleteLastPathComponent()
      }
    }
    return URL(fileURLWithPath: "bcv-bench")
  }()

  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static func run(_ arguments: [String], in directory: String = Fixtures.packageRoot.path,
                  environment: [String: String] = [:], executable: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? binary
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["CI"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                  stderr: String(decoding: errData, as: UTF8.self))
  }
}

func temporaryDirectory(_ name: String) -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("bcv-e2e-\(name)-\(getpid())").path
  try? FileManager.default.removeItem(atPath: path)
  return path
}

@Suite struct EndToEnd {
  let corpus = Fixtures.path("Tests/Fixtures/mini-corpus.json")

  @Test func runWritesResultsWithTheDocumentedColumns() throws {
    let out = temporaryDirectory("run")
    let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "2000", "--out", out])
    #expect(r.status == 0, "\(r.stderr)")
    let csv = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 4)
    let header = lines[0].split(separator: ",").map(String.init)
    for column in ["case", "strategy", "samples", "workers", "cache", "repetition", "verdict", "proof", "violates",
                   "expected", "outcome", "seconds", "evaluations"] {
      #expect(header.contains(column), "missing column \(column)")
    }
    #expect(csv.contains("mini-invalid,sampling,2000,1,off,0,invalid,true,flow,invalid,correct"))
    #expect(csv.contains("mini-valid,sampling,2000,1,off,0,valid,false,,valid,correct"))
    let json = try String(contentsOfFile: out + "/results.json", encoding: .utf8)
    #expect(json.contains("\"schema\": \"bcv-results/1\""))
  }

  @Test func sameSeedGivesIdenticalResultFilesApartFromTimings() throws {
    var bodies: [String] = []
    for workers in ["1", "2"] {
      let out = temporaryDirectory("det\(workers)")
      let r = try BenchProcess.run(["run", "--corpus", corpus, "--samples", "5000", "--seed", "7", "--workers", workers, "--out", out])
      #expect(r.status == 0)
      let csv = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
      // Drop the measured columns (seconds, CPU, memory) and workers, which legitimately differ.
      bodies.append(csv.split(separator: "\n").map { line in
        line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
          .filter { ![3, 11, 12, 13].contains($0.offset) }.map(\.element).joined(separator: ",")
      }.joined(separator: "\n"))
    }
    #expect(bodies[0] == bodies[1])
  }

  @Test func validatePrintsTheVerdictAndCounterexample() throws {
    let r = try BenchProcess.run(["validate", corpus, "--case", "mini-invalid"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("verdict: invalid: flow condition fails"))
    #expect(r.stdout.contains("counterexample: x = "))
    #expect(r.stdout.contains("expected: invalid (flow) → correct"))
  }

  @Test(arguments: [["--help"], ["run", "--help"], ["validate", "--help"], ["list", "--help"], ["help", "run"]])
  func helpGoesToStdoutWithStatusZero(arguments: [String]) throws {
    let r = try BenchProcess.run(arguments)
    #expect(r.status == 0)
    #expect(r.stdout.contains("USAGE"))
    #expect(r.stderr.isEmpty)
  }

  @Test(arguments: [
    (["run", "--corpus", "/nonexistent.json"], "no such file"),
    (["run", "--corpsu", "x"], "did you mean '--corpus'"),
    (["run"], "give a suite"),
    (["run", "--corpus", "Tests/Fixtures/mini-corpus.json", "--samples", "0"], "--samples"),
    (["run", "--corpus", "Tests/Fixtures/mini-corpus.json", "--strategies", "magic"], "unknown strategy 'magic'"),
    (["run", "--corpus", "Tests/Fixtures/mini-corpus.json", "--tags", "nothing-has-this"], "matches no case"),
    (["run", "--suite", "no-such-suite"], "unknown suite 'no-such-suite'"),
    (["validate", "Tests/Fixtures/mini-corpus.json", "--case", "nope"], "no such case"),
    (["frobnicate"], "unknown command"),
  ] as [([String], String)])
  func badInputExitsWithStatusTwoAndAMessage(arguments: [String], fragment: String) throws {
    let r = try BenchProcess.run(arguments)
    #expect(r.status == 2, "\(arguments): \(r.stderr)")
    #expect(r.stderr.contains(fragment), "\(arguments): \(r.stderr)")
  }
}
