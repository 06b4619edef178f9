import BCVPlatform

/// Chaos-test faults, for testing that a run survives a job that crashes, hangs or runs out
/// of memory. Off unless the environment variable `BCV_FAULT_INJECTION` is set, and then
/// honoured only inside isolated job processes (`--isolate`), never by a normal run:
///
///     BCV_FAULT_INJECTION="crash:CASE_ID,hang:OTHER_ID,oom:THIRD_ID"
///
/// `crash` traps (as a failed precondition does), `hang` sleeps forever (until the deadline kill), `oom` allocates
/// until the address-space limit stops it.
enum FaultInjection {
  static let variable = "BCV_FAULT_INJECTION"

  static func fault(for caseID: String) -> String? {
    guard let spec = Platform.environment(variable) else { return nil }
    for item in spec.split(separator: ",") {
      let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
      if parts.count == 2, parts[1] == caseID { return parts[0] }
    }
    return nil
  }

  static func injectIfAsked(caseID: String) {
    switch fault(for: caseID) {
    case "crash"?:
      fatalError("injected crash (\(variable))")
    case "hang"?:
      while true { Platform.sleep(seconds: 60) }
    case "oom"?:
      var hoard: [[UInt8]] = []
      while true {
        hoard.append([UInt8](repeating: 1, count: 64 << 20))
        if hoard.count > 1_000_000 { break }
      }
    default:
      return
    }
  }
}
