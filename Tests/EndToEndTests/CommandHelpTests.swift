import BCVTestSupport
import Foundation
import Testing

/// The command line through the real binary: help on subcommands and hidden commands, and
/// usage errors that name the help of the command that failed.
@Suite struct CommandHelp {
  @Test(arguments: [["baseline", "update", "-h"], ["baseline", "update", "--help"], ["merge", "-h"], ["run-job", "-h"],
                    ["check-certificate", "--help"], ["--suite", "smoke", "-h"], ["help", "baseline", "update"], ["-h"]])
  func helpOnAnyCommandGoesToStdoutWithStatusZero(arguments: [String]) throws {
    let r = try BenchProcess.run(arguments)
    #expect(r.status == 0, "\(arguments): \(r.stderr)")
    #expect(r.stdout.contains("USAGE"))
    #expect(r.stderr.isEmpty)
  }

  @Test func baselineUpdateRefusesOutAndNamesItsOwnHelp() throws {
    let file = temporaryDirectory("baseline-out") + "/baseline.json"
    let r = try BenchProcess.run(["baseline", "update", "--suite", "smoke", "--file", file, "--out", "x"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("'baseline update' does not take '--out'"), "\(r.stderr)")
    #expect(r.stderr.contains("Run 'bcv-bench baseline update --help' for usage."))
    #expect(!FileManager.default.fileExists(atPath: file))
  }

  @Test(arguments: [
    (["run", "--corpus", "Tests/Fixtures/mini-corpus.json", "--cache-dir", "/tmp/never"], "--cache-dir needs a warm job"),
    (["valdate"], "did you mean 'validate'?"),
    (["baseline", "updte"], "did you mean 'update'?"),
    (["validate", "Tests/Fixtures/mini-corpus.json", "--case", "mini-valid", "--strategies", "interval"], "bcv-bench validate --help"),
  ] as [([String], String)])
  func misuseIsBadInputWithAPointer(arguments: [String], fragment: String) throws {
    let r = try BenchProcess.run(arguments)
    #expect(r.status == 2, "\(arguments): \(r.stderr)")
    #expect(r.stderr.contains(fragment), "\(arguments): \(r.stderr)")
  }
}
