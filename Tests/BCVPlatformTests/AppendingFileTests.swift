import BCVPlatform
import Foundation
import Testing

@Suite struct AppendingFileTests {
  private func temporaryPath(_ name: String) -> (folder: String, path: String) {
    let folder = Platform.temporaryDirectory + "/bcv-append-\(UInt64.random(in: 0...UInt64.max))"
    return (folder, folder + "/sub/" + name)
  }

  @Test func appendsLandInOrderAndCreateMissingFolders() throws {
    let (folder, path) = temporaryPath("journal.jsonl")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = try AppendingFile(path: path, truncate: true)
    try file.append("one\n")
    try file.append(Array("two ≤ 2\n".utf8))
    // In the kernel's hands at once: readable before any sync or close.
    #expect(try AtomicFile.readText(path) == "one\ntwo ≤ 2\n")
    file.close()
    #expect(try AtomicFile.readText(path) == "one\ntwo ≤ 2\n")
  }

  @Test func reopeningAppendsUnlessTruncating() throws {
    let (folder, path) = temporaryPath("log")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try AppendingFile(path: path, truncate: true).append("a\n")
    try AppendingFile(path: path, truncate: false).append("b\n")
    #expect(try AtomicFile.readText(path) == "a\nb\n")
    try AppendingFile(path: path, truncate: true).append("c\n")
    #expect(try AtomicFile.readText(path) == "c\n")
  }

  @Test func syncingEveryAppendAndExplicitSyncsSucceed() throws {
    let (folder, path) = temporaryPath("synced")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = try AppendingFile(path: path, truncate: true, syncInterval: 0)
    for k in 0..<5 { try file.append("\(k)\n") }
    try file.sync()
    #expect(try AtomicFile.readText(path) == "0\n1\n2\n3\n4\n")
  }

  @Test func appendingAfterCloseIsAnErrorNamingTheFile() throws {
    let (folder, path) = temporaryPath("closed")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = try AppendingFile(path: path, truncate: true)
    file.close()
    file.close()
    #expect(throws: FileError(path: path, reason: "append after close")) { try file.append("x") }
  }

  @Test func openingWhereAFolderStandsIsAnError() throws {
    let (folder, path) = temporaryPath("taken")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Platform.createDirectories(path)
    #expect(throws: FileError.self) { try AppendingFile(path: path, truncate: false) }
  }
}
