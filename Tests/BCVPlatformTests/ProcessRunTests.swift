import BCVPlatform
import Foundation
import Testing

/// The one process runner: output capture, standard input, exit status, signals, the
/// deadline kill and launch failures. The programs are POSIX `/bin/sh` one-liners.
@Suite struct ProcessRunTests {
  private func shell(_ script: String, input: String? = nil, timeout: Double = 30,
                     outputLimit: Int = 64 << 20) -> ProcessOutcome {
    Platform.run("/bin/sh", arguments: ["-c", script], standardInput: input, timeout: timeout,
                 outputLimit: outputLimit)
  }

  @Test func echoIsCapturedOnStdoutAndStderrSeparately() {
    let outcome = shell("echo hello; echo oops >&2")
    #expect(outcome.stdout == "hello\n")
    #expect(outcome.stderr == "oops\n")
    #expect(outcome.exitStatus == 0)
    #expect(outcome.signal == nil && !outcome.timedOut && outcome.launchFailure == nil)
  }

  @Test func argumentsArePassedAsTheyAreWithoutAShell() {
    let outcome = Platform.run("/bin/echo", arguments: ["a b", "$HOME", "*"], timeout: 30)
    #expect(outcome.stdout == "a b $HOME *\n")
  }

  @Test func standardInputTextReachesTheProgram() {
    #expect(shell("cat", input: "line one\nline two ≤ 3\n").stdout == "line one\nline two ≤ 3\n")
  }

  @Test func withoutInputTheProgramReadsEndOfFile() {
    #expect(shell("cat; echo done").stdout == "done\n")
  }

  @Test func aProgramThatIgnoresALargeInputDoesNotBlockOrKillUs() {
    let big = String(repeating: "x", count: 1 << 20)
    let outcome = shell("exit 3", input: big)
    #expect(outcome.exitStatus == 3)
    #expect(!outcome.timedOut)
  }

  @Test(arguments: [0, 1, 42, 255] as [Int32])
  func theExitStatusIsReported(status: Int32) {
    let outcome = shell("exit \(status)")
    #expect(outcome.exitStatus == status)
    #expect(outcome.signal == nil)
  }

  @Test func aSignalThatEndsTheProgramIsReportedInsteadOfAnExitStatus() {
    let outcome = shell("kill -SEGV $$")
    #expect(outcome.signal == SIGSEGV)
    #expect(outcome.exitStatus == nil)
    #expect(!outcome.timedOut)
    #expect(Platform.signalName(SIGSEGV) == "SIGSEGV")
  }

  @Test func aProgramPastItsDeadlineIsKilledAndMarkedTimedOut() {
    let outcome = shell("echo started; exec sleep 30", timeout: 0.3)
    #expect(outcome.timedOut)
    // SIGTERM first; a program that has not died of it a second later gets SIGKILL.
    #expect(outcome.signal == SIGTERM || outcome.signal == SIGKILL)
    #expect(outcome.exitStatus == nil)
    #expect(outcome.stdout == "started\n")
  }

  @Test func aProgramIgnoringSIGTERMGetsSIGKILL() {
    let outcome = shell("trap '' TERM; echo ready; while :; do :; done", timeout: 0.3)
    #expect(outcome.timedOut)
    #expect(outcome.signal == SIGKILL)
  }

  @Test func outputLargerThanAPipeBufferDoesNotDeadlockAndIsCutAtTheLimit() {
    let full = shell("head -c 300000 /dev/zero | tr '\\0' 'y'")
    #expect(full.stdout.utf8.count == 300_000)
    #expect(full.exitStatus == 0)
    let cut = shell("head -c 300000 /dev/zero | tr '\\0' 'y'", outputLimit: 1000)
    #expect(cut.stdout.utf8.count == 1000)
    #expect(cut.exitStatus == 0)
  }

  @Test func theEnvironmentReplacesOursWhenGiven() {
    let outcome = Platform.run("/bin/sh", arguments: ["-c", "echo \"$ONLY_THIS\"; echo \"${HOME:-unset}\""],
                               environment: ["ONLY_THIS": "yes"], timeout: 30)
    #expect(outcome.stdout == "yes\nunset\n")
  }

  @Test func aMissingProgramIsALaunchFailureNotACrash() {
    let outcome = Platform.run("/nonexistent/program", arguments: [], timeout: 30)
    #expect(outcome.launchFailure != nil)
    #expect(outcome.exitStatus == nil && outcome.signal == nil && !outcome.timedOut)
    #expect(outcome.stderr.hasPrefix("cannot start /nonexistent/program: "))
  }

  @Test func programsAreFoundOnPATHButNotNamesWithSlashes() {
    #expect(Platform.findExecutable(named: "sh").map { $0.hasSuffix("/sh") } == true)
    #expect(Platform.findExecutable(named: "no-such-program-bcv") == nil)
    #expect(Platform.findExecutable(named: "bin/sh") == nil)
    #expect(Platform.findExecutable(named: "") == nil)
  }
}
