import BCVNumerics
import Foundation

/// Where the package lives, found from this file's path, so tests can open `Suites/`
/// and fixtures whatever the working directory.
public enum Fixtures {
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  public static func path(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
  }
}

/// The fixed seed that property tests use unless they say otherwise; changing it is a
/// deliberate act, so a failure found with it stays reproducible.
public let propertyTestSeed: UInt64 = 0x5EED_BC71
