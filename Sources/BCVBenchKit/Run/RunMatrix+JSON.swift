import BCVValidation

/// The matrix as results metadata records it: one object per block (an object for a
/// single block, a list for several), read back by `rerun` and `merge`.
extension RunMatrix {
  public var json: JSONValue {
    let blocks = self.blocks.map { b -> JSONValue in
      .object(JSONObject([
        ("strategies", .array(b.strategies.map { .string($0.name) })),
        ("samples", .array(b.samples.map { .number($0) })),
        ("workers", .array(b.workers.map { .number($0) })),
        ("cache", .array(b.cacheModes.map { .string($0.rawValue) })),
        ("repetitions", .number(b.repetitions)),
        ("warmup", .number(b.warmup)),
      ]))
    }
    return blocks.count == 1 ? blocks[0] : .array(blocks)
  }

  /// The matrix from its JSON form (as written by `json`, or a suite's `matrix` value).
  /// Missing keys take the defaults; values of the wrong type are reported by key.
  public init(json: JSONValue, source: String, keyPrefix: String = "matrix") throws(InputError) {
    if let list = json.arrayValue {
      guard let first = list.first else { throw InputError(file: source, key: keyPrefix, "lists no matrix block") }
      self = try RunMatrix(json: first, source: source, keyPrefix: "\(keyPrefix)[0]")
      for (i, item) in list.enumerated().dropFirst() {
        additionalBlocks.append(try RunMatrix(json: item, source: source, keyPrefix: "\(keyPrefix)[\(i)]"))
      }
      return
    }
    guard let o = json.objectValue else { throw InputError(file: source, key: keyPrefix, "expected an object or a list of objects") }
    self.init()
    func strings(_ key: String) throws(InputError) -> [String]? {
      guard let v = o[key] else { return nil }
      guard let list = v.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
        throw InputError(file: source, key: "\(keyPrefix).\(key)", "expected an array of strings")
      }
      return list.compactMap(\.stringValue)
    }
    func integers(_ key: String) throws(InputError) -> [Int]? {
      guard let v = o[key] else { return nil }
      guard let list = v.arrayValue, list.allSatisfy({ $0.intValue != nil }) else {
        throw InputError(file: source, key: "\(keyPrefix).\(key)", "expected an array of integers")
      }
      return list.compactMap(\.intValue)
    }
    func integer(_ key: String) throws(InputError) -> Int? {
      guard let v = o[key] else { return nil }
      guard let n = v.intValue else { throw InputError(file: source, key: "\(keyPrefix).\(key)", "expected an integer") }
      return n
    }
    func names<T>(_ key: String, _ what: String, _ known: [String], _ make: (String) -> T?) throws(InputError) -> [T]? {
      guard let list = try strings(key) else { return nil }
      var result: [T] = []
      for name in list {
        guard let value = make(name) else {
          throw InputError(file: source, key: "\(keyPrefix).\(key)", "unknown \(what) '\(name)' (available: \(known.joined(separator: ", ")))")
        }
        result.append(value)
      }
      return result
    }
    strategies = try names("strategies", "strategy", StrategyID.names, StrategyID.init(name:)) ?? strategies
    samples = try integers("samples") ?? samples
    workers = try integers("workers") ?? workers
    cacheModes = try names("cache", "cache mode", CacheMode.names, CacheMode.init(rawValue:)) ?? cacheModes
    repetitions = try integer("repetitions") ?? repetitions
    warmup = try integer("warmup") ?? warmup
  }

  static let jsonKeys: Set<String> = ["strategies", "samples", "workers", "cache", "repetitions", "warmup"]
}
