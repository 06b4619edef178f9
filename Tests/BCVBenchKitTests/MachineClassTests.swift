import BCVBenchKit
import BCVPlatform
import Testing

/// A machine class must survive a rebuilt VM image of the same machine (a new kernel build
/// tag) — otherwise a committed baseline's times are never compared — while still telling
/// different kernels' major.minor releases, architectures and core counts apart.
@Suite struct MachineClassTests {
  @Test func theMachineClassRecordsTheKernelFamilyNotItsBuildTag() throws {
    let family = Platform.osFamily
    #expect(!family.contains("-"), "\(family)")
    let words = family.split(separator: " ")
    #expect(words.count <= 2)
    if words.count == 2 {
      #expect(words[1].split(separator: ".").count == 2, "\(family)")
      #expect(Platform.osDescription.hasPrefix(family), "\(Platform.osDescription) vs \(family)")
    }
    let machineClass = try #require(Provenance.machineClass.objectValue)
    #expect(machineClass["os"] == .string(family))
  }
}
