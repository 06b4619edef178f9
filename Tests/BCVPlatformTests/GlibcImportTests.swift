import BCVPlatform
import Testing

/// The operating system has one door: no source file outside `Sources/BCVPlatform` imports
/// the C library module (Glibc, Darwin, Musl) itself. Reads the package's own source tree,
/// found from this file's path; skipped when the tree is not there.
@Suite struct GlibcImportTests {
  static let sources: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/BCVPlatformTests/GlibcImportTests.swift
    return parts.joined(separator: "/") + "/Sources"
  }()

  /// `import Glibc`, `@_exported import Darwin`, `import struct Glibc.stat`, `import Musl`…
  static func importsCLibrary(_ line: Substring) -> Bool {
    var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
    while let first = words.first, first.hasPrefix("@") { words = words.dropFirst() }
    guard words.first == "import", words.count >= 2 else { return false }
    let module = words.last!.split(separator: ".").first ?? ""
    return ["Glibc", "Darwin", "Musl", "ucrt", "WASILibc"].contains(String(module))
  }

  @Test func theCheckRecognisesEveryFormOfTheImport() {
    for line in ["import Glibc", "  import Darwin", "@_exported import Glibc", "import struct Glibc.stat",
                 "@preconcurrency import Musl"] {
      #expect(Self.importsCLibrary(line[...]), "\(line)")
    }
    for line in ["import Foundation", "// import Glibc", "import BCVPlatform", "let importGlibc = 1"] {
      #expect(!Self.importsCLibrary(line[...]), "\(line)")
    }
  }

  @Test(.enabled(if: Platform.isDirectory(GlibcImportTests.sources), "the source tree is not beside the tests"))
  func noModuleButBCVPlatformImportsTheCLibrary() throws {
    let files = try Platform.listFiles(under: Self.sources, withExtension: "swift")
    #expect(files.count > 50, "found only \(files.count) source files under \(Self.sources)")
    var offenders: [String] = []
    for file in files where !file.hasPrefix(Self.sources + "/BCVPlatform/") {
      let text = try AtomicFile.readText(file)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where Self.importsCLibrary(line) {
        offenders.append("\(file.dropFirst(Self.sources.count + 1)):\(n + 1): \(line)")
      }
    }
    #expect(offenders.isEmpty, "import the C library only in BCVPlatform (use Platform or Libm):\n\(offenders.joined(separator: "\n"))")
  }
}
