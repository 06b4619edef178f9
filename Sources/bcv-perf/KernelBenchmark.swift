import BCVBenchKit
import BCVExpression
import BCVNumerics
import BCVPlatform
import Foundation

/// One elementary function: the C library called per value (what the evaluator did before
/// `BatchMath`) and its batch kernel, over arguments drawn from `range`.
private struct KernelCase: Sendable {
  let name: String
  let range: ClosedRange<Double>
  let libm: @Sendable (UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int) -> Void
  let kernel: @Sendable (UnsafeMutablePointer<Double>, UnsafePointer<Double>, Int) -> Void
}

private let kernelCases: [KernelCase] = [
  KernelCase(name: "sin", range: -3...3,
             libm: { d, x, n in for k in 0..<n { d[k] = sin(x[k]) } },
             kernel: { BatchMath.sin($0, $1, count: $2) }),
  KernelCase(name: "cos", range: -3...3,
             libm: { d, x, n in for k in 0..<n { d[k] = cos(x[k]) } },
             kernel: { BatchMath.cos($0, $1, count: $2) }),
  KernelCase(name: "exp", range: -5...5,
             libm: { d, x, n in for k in 0..<n { d[k] = exp(x[k]) } },
             kernel: { BatchMath.exp($0, $1, count: $2) }),
  KernelCase(name: "log", range: 0.01...100,
             libm: { d, x, n in for k in 0..<n { d[k] = x[k] > 0 ? log(x[k]) : .nan } },
             kernel: { BatchMath.log($0, $1, count: $2) }),
  KernelCase(name: "tanh", range: -3...3,
             libm: { d, x, n in for k in 0..<n { d[k] = tanh(x[k]) } },
             kernel: { BatchMath.tanh($0, $1, count: $2) }),
  KernelCase(name: "atan", range: -5...5,
             libm: { d, x, n in for k in 0..<n { d[k] = atan(x[k]) } },
             kernel: { BatchMath.atan($0, $1, count: $2) }),
]

/// Best-of-`rounds` nanoseconds per value of `body`, which processes `values` values per call.
private func nanosecondsPerValue(values: Int, calls: Int, rounds: Int, _ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<rounds {
    let clock = Stopwatch()
    for _ in 0..<calls { body() }
    best = min(best, clock.elapsedSeconds)
  }
  return best / Double(values * calls) * 1e9
}

/// Part of `bcv-perf evaluator` (alone: `bcv-perf kernels`): ns per value of each elementary
/// function, the C library per value against `BatchMath`'s batch kernel, on batches of 128 and
/// 1024. A kernel slower than the C library should not be used by the evaluator.
func kernelBenchmark() {
  print("== kernels: ns per value, C library per value vs BatchMath batch kernel (best of 11, 4M values)")
  print("  function  batch   libm ns   kernel ns   libm/kernel")
  var rng = SeededGenerator(seed: 3)
  var checksum = 0.0
  for c in kernelCases {
    for batch in [128, 1024] {
      let xs = (0..<batch).map { _ in rng.nextDouble(in: c.range.lowerBound, c.range.upperBound) }
      let out = UnsafeMutablePointer<Double>.allocate(capacity: batch)
      defer { out.deallocate() }
      let calls = (1 << 22) / batch
      let libmNs = xs.withUnsafeBufferPointer { x in
        nanosecondsPerValue(values: batch, calls: calls, rounds: 11) {
          c.libm(out, x.baseAddress!, batch)
          checksum += out[batch - 1]
        }
      }
      let kernelNs = xs.withUnsafeBufferPointer { x in
        nanosecondsPerValue(values: batch, calls: calls, rounds: 11) {
          c.kernel(out, x.baseAddress!, batch)
          checksum += out[batch - 1]
        }
      }
      let figures = String(format: "%5d  %8.2f    %8.2f    %8.2f×", batch, libmNs, kernelNs, libmNs / kernelNs)
      print("  \(c.name.padding(toLength: 8, withPad: " ", startingAt: 0))  \(figures)")
    }
  }
  // sin and cos of the same arguments (the pendulum's B and Ḃ): ns per argument, both values.
  for batch in [128, 1024] {
    let xs = (0..<batch).map { _ in rng.nextDouble(in: -3, 3) }
    let sinOut = UnsafeMutablePointer<Double>.allocate(capacity: batch)
    let cosOut = UnsafeMutablePointer<Double>.allocate(capacity: batch)
    defer { sinOut.deallocate(); cosOut.deallocate() }
    let calls = (1 << 22) / batch
    let libmNs = xs.withUnsafeBufferPointer { x in
      nanosecondsPerValue(values: batch, calls: calls, rounds: 11) {
        for k in 0..<batch { sinOut[k] = sin(x[k]) }
        for k in 0..<batch { cosOut[k] = cos(x[k]) }
        checksum += sinOut[batch - 1] + cosOut[batch - 1]
      }
    }
    let kernelNs = xs.withUnsafeBufferPointer { x in
      nanosecondsPerValue(values: batch, calls: calls, rounds: 11) {
        BatchMath.sinCos(sinOut, cosOut, x.baseAddress!, count: batch)
        checksum += sinOut[batch - 1] + cosOut[batch - 1]
      }
    }
    let figures = String(format: "%5d  %8.2f    %8.2f    %8.2f×", batch, libmNs, kernelNs, libmNs / kernelNs)
    print("  sin+cos   \(figures)   (sinCos: one reduction)")
  }
  if checksum.isNaN { print("  (checksum NaN)") }
}
