import BCVPlatform
import Foundation
import Testing

/// A fresh empty directory for one test, removed when `body` returns.
private func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("bcv-atomic-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
  defer { try? FileManager.default.removeItem(atPath: path) }
  try body(path)
}

private func names(in directory: String) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

/// The FileError that `body` throws, or nil if it succeeds.
private func fileError<T>(_ body: () throws(FileError) -> T) -> FileError? {
  do {
    _ = try body()
    return nil
  } catch {
    return error
  }
}

@Suite struct AtomicFileTests {
  @Test("an atomic write replaces the content and leaves no temporary file behind")
  func atomicWriteReplacesContent() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/results.json"
      try AtomicFile.write("first version, longer than the second\n", to: path)
      try AtomicFile.write("second\n", to: path)
      #expect(try AtomicFile.readText(path) == "second\n")
      #expect(try names(in: directory) == ["results.json"])
    }
  }

  @Test("an unsynced write is still atomic: new content, no temporary file, overwrites")
  func unsyncedWriteReplacesContent() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/entry"
      try AtomicFile.write("old content\n", to: path, durability: .unsynced)
      try AtomicFile.write("new\n", to: path, durability: .unsynced)
      #expect(try AtomicFile.readText(path) == "new\n")
      #expect(try names(in: directory) == ["entry"])
    }
  }

  @Test("concurrent writers of one file leave one whole version and no temporary file")
  func concurrentWritersLeaveOneWholeVersion() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/shared"
      let versions = (0..<8).map { k in String(repeating: "\(k)", count: 10_000) }
      DispatchQueue.concurrentPerform(iterations: 32) { k in
        try? AtomicFile.write(versions[k % 8], to: path, durability: k % 2 == 0 ? .synced : .unsynced)
      }
      let text = try AtomicFile.readText(path)
      let left = try names(in: directory)
      #expect(versions.contains(text))
      #expect(left == ["shared"])
    }
  }

  @Test("a write creates missing parent directories") func writeCreatesMissingParents() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/a/b/c/out.csv"
      try AtomicFile.write([0, 1, 2, 255], to: path)
      #expect(try AtomicFile.read(path) == [0, 1, 2, 255])
      #expect(Platform.isDirectory(directory + "/a/b/c"))
    }
  }

  @Test("an empty file and unicode text round-trip") func emptyAndUnicodeRoundTrip() throws {
    try withTemporaryDirectory { directory in
      try AtomicFile.write("", to: directory + "/empty")
      #expect(try AtomicFile.read(directory + "/empty") == [])
      try AtomicFile.write("x ≤ 1 ∧ y ≥ 0 😀", to: directory + "/text")
      #expect(try AtomicFile.readText(directory + "/text") == "x ≤ 1 ∧ y ≥ 0 😀")
    }
  }

  @Test("reading a missing file gives a FileError naming the path")
  func readingMissingFileNamesThePath() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/missing.json"
      let error = fileError { () throws(FileError) in try AtomicFile.read(path) }
      #expect(error == FileError(path: path, reason: "No such file or directory"))
      #expect(error?.description == "\(path): No such file or directory")
    }
  }

  @Test("a file over the size cap is rejected") func fileOverSizeCapIsRejected() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/big"
      try AtomicFile.write([UInt8](repeating: 7, count: (1 << 20) + 1), to: path)
      let error = fileError { () throws(FileError) in try AtomicFile.read(path, maxBytes: 1 << 20) }
      #expect(error == FileError(path: path, reason: "file larger than 1 MiB"))
      let small = fileError { () throws(FileError) in try AtomicFile.read(path, maxBytes: 10) }
      #expect(small?.reason == "file larger than 10 bytes")
      #expect(try AtomicFile.read(path, maxBytes: (1 << 20) + 1).count == (1 << 20) + 1)
    }
  }

  @Test("reading text that is not UTF-8 is an error naming the path") func invalidUTF8TextIsRejected() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/latin1.txt"
      try AtomicFile.write([0x63, 0x61, 0x66, 0xE9], to: path)
      let error = fileError { () throws(FileError) in try AtomicFile.readText(path) }
      #expect(error == FileError(path: path, reason: "not valid UTF-8"))
    }
  }

  @Test("writing where a parent is a file fails and names that parent") func writeUnderAFileFails() throws {
    try withTemporaryDirectory { directory in
      try AtomicFile.write("x", to: directory + "/plain")
      let error = fileError { () throws(FileError) in try AtomicFile.write("y", to: directory + "/plain/sub/out") }
      #expect(error == FileError(path: directory + "/plain", reason: "not a directory"))
    }
  }

  @Test("a write that cannot be renamed into place leaves no temporary file")
  func failedRenameLeavesNoTemporaryFile() throws {
    try withTemporaryDirectory { directory in
      try FileManager.default.createDirectory(atPath: directory + "/taken", withIntermediateDirectories: false)
      let error = fileError { () throws(FileError) in try AtomicFile.write("y", to: directory + "/taken") }
      #expect(error?.path == directory + "/taken")
      #expect(error?.reason.hasPrefix("rename: ") == true)
      #expect(try names(in: directory) == ["taken"])
    }
  }

  @Test("reading a directory is an error") func readingADirectoryIsAnError() throws {
    try withTemporaryDirectory { directory in
      #expect(fileError { () throws(FileError) in try AtomicFile.read(directory) } == FileError(path: directory, reason: "is a directory"))
    }
  }

  // MARK: Listing files (Platform)

  @Test("files are listed recursively by extension in byte order, hidden entries skipped")
  func filesAreListedRecursively() throws {
    try withTemporaryDirectory { directory in
      for name in ["b.json", "a/z.json", "a/y.txt", "B.json", "a/deeper/x.json", ".hidden/h.json", ".dot.json", "json"] {
        try AtomicFile.write("{}", to: directory + "/" + name)
      }
      try FileManager.default.createSymbolicLink(atPath: directory + "/a/loop", withDestinationPath: directory)
      let expected = ["B.json", "a/deeper/x.json", "a/z.json", "b.json"].map { directory + "/" + $0 }
      #expect(try Platform.listFiles(under: directory, withExtension: "json") == expected)
      #expect(try Platform.listFiles(under: directory + "/", withExtension: ".json") == expected)
      #expect(Platform.fileExists(directory + "/b.json") && !Platform.isDirectory(directory + "/b.json"))
      #expect(!Platform.fileExists(directory + "/nothing"))
    }
  }

  @Test("listing a missing directory is an error naming it") func listingMissingDirectoryNamesIt() throws {
    try withTemporaryDirectory { directory in
      let path = directory + "/absent"
      let error = fileError { () throws(FileError) in try Platform.listFiles(under: path, withExtension: "json") }
      #expect(error == FileError(path: path, reason: "No such file or directory"))
    }
  }
}
