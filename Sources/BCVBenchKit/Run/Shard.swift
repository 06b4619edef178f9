/// One of N deterministic slices of a run's jobs (`--shard K/N`, 1 ≤ K ≤ N).
///
/// Jobs are dealt round-robin by matrix cell (a cell keeps all its repetitions together, so
/// its timings stay comparable): cell i belongs to shard (i mod N) + 1. Merging the N
/// shards' results in canonical job order gives exactly the rows of one unsharded run.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  public init(index: Int, count: Int) {
    precondition(count >= 1 && index >= 1 && index <= count, "shard \(index)/\(count) is out of range")
    self.index = index
    self.count = count
  }

  /// Parses `K/N`; nil with a reason for anything else (`3/2`, `0/4`, `a/b`).
  public static func parse(_ text: String) -> Result<Shard, UsageError> {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
      return .failure(UsageError("option '--shard' expects K/N, e.g. 2/3, got '\(text)'", command: "run"))
    }
    guard n >= 1, n <= 1000, k >= 1, k <= n else {
      return .failure(UsageError("option '--shard' needs 1 <= K <= N <= 1000, got '\(text)'", command: "run"))
    }
    return .success(Shard(index: k, count: n))
  }

  public var description: String { "\(index)/\(count)" }

  public func contains(cell: Int) -> Bool { cell % count == index - 1 }
}
