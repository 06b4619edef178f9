import BCVExpression
import BCVPlatform
import BCVValidation

/// Loads corpora in the format `bcv-corpus/1` from files or folders.
///
/// A folder contributes every `*.json` file below it, sorted by path. Case ids must be
/// unique across everything one loader call loads; a duplicate is an error naming both
/// files. A file or case that breaks the format is rejected with an `InputError`, and the
/// rest still load — unless `strict`, when the first error is thrown.
public struct CorpusLoader: Sendable {
  public static let formatTag = "bcv-corpus/1"
  static let topLevelKeys: Set<String> = ["format", "name", "cases"]

  public var strict: Bool
  public var limits: ExprLimits
  /// The largest corpus file read, in bytes.
  public var maxFileBytes: Int

  public init(strict: Bool = false, limits: ExprLimits = .default, maxFileBytes: Int = 64 << 20) {
    self.strict = strict
    self.limits = limits
    self.maxFileBytes = maxFileBytes
  }

  /// Loads every path in order. Throws only for a path that does not exist or cannot be
  /// listed, or (when strict) for the first problem of any kind.
  public func load(paths: [String]) throws(InputErrors) -> Corpus {
    var corpus = Corpus()
    var seen: [String: String] = [:]
    for path in paths {
      let files: [String]
      do {
        files = try Platform.isDirectory(path) ? Platform.listFiles(under: path, withExtension: "json") : [path]
      } catch {
        throw InputErrors([InputError(file: path, "cannot list the folder: \(error)")])
      }
      if !Platform.fileExists(path) { throw InputErrors([InputError(file: path, "no such file or folder")]) }
      for file in files {
        loadFile(file, into: &corpus, seen: &seen)
        if strict, let first = corpus.errors.first { throw InputErrors([first]) }
      }
    }
    return corpus
  }

  /// Loads corpus text that did not come from a file (tests, fuzzing); `file` names it.
  public func load(text: String, file: String) -> Corpus {
    var corpus = Corpus()
    var seen: [String: String] = [:]
    loadText(text, file: file, into: &corpus, seen: &seen)
    return corpus
  }

  func loadFile(_ file: String, into corpus: inout Corpus, seen: inout [String: String]) {
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(file, maxBytes: maxFileBytes)
    } catch {
      corpus.errors.append(InputError(file: file, "\(error)"))
      return
    }
    corpus.files.append((file, SHA256.hex(of: bytes)))
    guard let text = String(validating: bytes, as: UTF8.self) else {
      corpus.errors.append(InputError(file: file, "not valid UTF-8"))
      return
    }
    loadText(text, file: file, into: &corpus, seen: &seen)
  }

  func loadText(_ text: String, file: String, into corpus: inout Corpus, seen: inout [String: String]) {
    let root: JSONValue
    do {
      root = try JSONParser.parse(text)
    } catch let e {
      corpus.errors.append(InputError(file: file, line: e.line, column: e.column, e.reason))
      return
    }
    guard let object = root.objectValue else {
      corpus.errors.append(InputError(file: file, "expected a JSON object at the top level, found \(root.typeName)"))
      return
    }
    guard let format = object["format"]?.stringValue else {
      corpus.errors.append(InputError(file: file, key: "format", "missing; expected \"\(Self.formatTag)\""))
      return
    }
    guard format == Self.formatTag else {
      corpus.errors.append(InputError(file: file, key: "format", "'\(format)' is not supported; expected \"\(Self.formatTag)\""))
      return
    }
    for key in object.keys where !Self.topLevelKeys.contains(key) {
      corpus.warnings.append(InputError(file: file, key: key, "unknown key ignored"))
    }
    if let name = object["name"] {
      guard let n = name.stringValue else {
        corpus.errors.append(InputError(file: file, key: "name", "expected a string, found \(name.typeName)"))
        return
      }
      corpus.names.append(n)
    }
    guard let casesValue = object["cases"] else {
      corpus.errors.append(InputError(file: file, key: "cases", "missing required key"))
      return
    }
    guard let cases = casesValue.arrayValue else {
      corpus.errors.append(InputError(file: file, key: "cases", "expected an array of cases, found \(casesValue.typeName)"))
      return
    }
    var decoder = CaseDecoder(file: file, limits: limits)
    for (index, value) in cases.enumerated() {
      do {
        let c = try decoder.decode(value, index: index)
        if let other = seen[c.id] {
          corpus.errors.append(InputError(file: file, caseID: c.id, key: "id",
                                          "duplicate id; already defined in \(other)"))
          continue
        }
        seen[c.id] = file
        corpus.cases.append(c)
      } catch let e {
        corpus.errors.append(e)
      }
    }
    corpus.warnings.append(contentsOf: decoder.warnings)
  }
}
