/// How a persistent cache writes an obligation's result as text and reads it back. The
/// harness passes the encoding its results files use (`ResultCodec.resultsJSON` in
/// BCVBenchKit), so a result has one codec wherever it is stored.
///
/// Contract: `decode(encode(r)) == r` bit for bit; `decode` returns nil for any text
/// `encode` could not have produced.
public struct ResultCodec: Sendable {
  public let encode: @Sendable (ObligationResult) -> String
  public let decode: @Sendable (String) -> ObligationResult?

  public init(encode: @escaping @Sendable (ObligationResult) -> String,
              decode: @escaping @Sendable (String) -> ObligationResult?) {
    self.encode = encode
    self.decode = decode
  }
}

extension ObligationResult {
  /// About how many bytes the result holds, for bounding a memory cache: its fixed fields,
  /// its texts and its counterexample.
  public var approximateBytes: Int {
    var bytes = 160 + (decidedBy?.utf8.count ?? 0) + (solver?.utf8.count ?? 0) + (solverStatus?.utf8.count ?? 0)
    switch status {
    case .holds: break
    case .violated(let cex): bytes += 16 * cex.point.count + (cex.exactPointText?.reduce(0) { $0 + $1.utf8.count } ?? 0)
    case .unknown(let reason): bytes += reason.detail.utf8.count
    }
    return bytes
  }
}
