// `make fuzz`: hostile-input testing of the corpus loader, suite loader and expression
// parser. Usage: bcv-fuzz [INPUTS] [SEED]   (default 100000 inputs, seed 1)
import BCVBenchKit
import BCVPlatform
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let count = arguments.first.flatMap { Int($0) } ?? 100_000
let seed = arguments.dropFirst().first.flatMap { UInt64($0) } ?? 1
var seeds: [(file: String, text: String)] = []
for path in (try? Platform.listFiles(under: "Suites/corpus", withExtension: "json")) ?? [] {
  if let text = try? AtomicFile.readText(path) { seeds.append((path, text)) }
}
if let text = try? AtomicFile.readText("Tests/Fixtures/mini-corpus.json") { seeds.append(("Tests/Fixtures/mini-corpus.json", text)) }
guard !seeds.isEmpty else {
  Platform.writeStderr("bcv-fuzz: run from the package root (no seed files found)\n")
  exit(2)
}
var fuzzer = Fuzzer(seeds: seeds, seed: seed)
let clock = Stopwatch()
let report = fuzzer.run(count: count) { done in
  if done % 10_000 == 0 { Platform.writeStderr("bcv-fuzz: \(done) inputs\n") }
}
print("bcv-fuzz: inputs tried: \(report.inputs), accepted: \(report.accepted), rejected with a message: \(report.rejected)")
print("bcv-fuzz: crashes: 0, hangs or bad messages: \(report.failures.count), slowest input: \(String(format: "%.3f", report.slowestSeconds)) s, total \(String(format: "%.1f", clock.elapsedSeconds)) s (seed \(seed))")
for f in report.failures.prefix(20) { print("  \(f)") }
exit(report.failures.isEmpty ? 0 : 1)
