import BCVPlatform
import Foundation
import Testing

/// `Libm` is the C library's functions themselves, bit for bit.
@Suite struct LibmTests {
  static let points: [Double] = [0, -0.0, 1e-300, 0.5, 1, 2.5, -3.75, 100, 1e10, -1e300, .infinity, -.infinity, .nan]

  @Test(arguments: points)
  func everyWrapperEqualsTheCFunctionBitForBit(x: Double) {
    let pairs: [(Double, Double)] = [
      (Libm.sin(x), Foundation.sin(x)), (Libm.cos(x), Foundation.cos(x)), (Libm.tan(x), Foundation.tan(x)),
      (Libm.atan(x), Foundation.atan(x)), (Libm.tanh(x), Foundation.tanh(x)), (Libm.exp(x), Foundation.exp(x)),
      (Libm.log(x), Foundation.log(x)), (Libm.pow(x, 0.75), Foundation.pow(x, 0.75)),
      (Libm.pow(2, x), Foundation.pow(2, x)),
    ]
    for (k, (mine, theirs)) in pairs.enumerated() {
      #expect(mine.bitPattern == theirs.bitPattern || (mine.isNaN && theirs.isNaN), "function \(k) at \(x)")
    }
  }
}
