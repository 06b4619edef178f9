import BCVPlatform
import Foundation
import Testing

/// The output folder's claim: one holder at a time, its description given to the refused,
/// released when the holder goes.
@Suite struct FolderLockTests {
  @Test func aSecondClaimIsRefusedNamingTheHolderAndSucceedsOnceTheFirstIsGone() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bcv-lock-\(getpid())/out").path
    do {
      guard case .acquired(let first) = try FolderLock.acquire(folder, description: "run A, pid 1") else {
        Issue.record("the first claim was refused")
        return
      }
      guard case .heldBy(let holder) = try FolderLock.acquire(folder, description: "run B") else {
        Issue.record("a second claim was granted while the first holds the folder")
        return
      }
      #expect(holder == "run A, pid 1")
      withExtendedLifetime(first) {}
    }
    guard case .acquired = try FolderLock.acquire(folder, description: "run C") else {
      Issue.record("the claim stayed after its holder was released")
      return
    }
  }
}
