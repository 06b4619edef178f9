import BCVBenchKit
import BCVExpression
import BCVNumerics
import BCVPlatform
import BCVValidation
import Foundation

struct Workload: Sendable {
  let name: String
  let variables: [String]
  let certificate: String
  let dynamics: [String]
  /// Hand-written B and Ḃ at one point (coordinates at `x[0..<n]`).
  let hand: @Sendable (UnsafePointer<Double>) -> (Double, Double)
}

let cubic2D = Workload(
  name: "2-D cubic system, quadratic B",
  variables: ["x1", "x2"], certificate: "x1^2 + x2^2 - 1", dynamics: ["x2", "-x1 + x1^3/3 - x2"],
  hand: { x in
    let x1 = x[0], x2 = x[1]
    let b = x1 * x1 + x2 * x2 - 1
    let bdot = 2 * x1 * x2 + 2 * x2 * (-x1 + x1 * x1 * x1 / 3 - x2)
    return (b, bdot)
  })

let quartic6D: Workload = {
  let n = 6
  let names = (1...n).map { "x\($0)" }
  var bTerms: [String] = []
  var f: [String] = []
  for i in 0..<n {
    let a = names[i], b = names[(i + 1) % n], c = names[(i + 2) % n]
    bTerms.append("\(a)^4 + \(a)^2*\(b)^2")
    f.append("-\(a) + 0.1*\(b)*\(c)")
  }
  return Workload(
    name: "6-D quartic certificate, quadratic dynamics",
    variables: names, certificate: bTerms.joined(separator: " + ") + " - 1", dynamics: f,
    hand: { x in
      var b = -1.0, bdot = 0.0
      for i in 0..<6 {
        let xi = x[i], next = x[(i + 1) % 6], prev = x[(i + 5) % 6]
        b += xi * xi * xi * xi + xi * xi * next * next
        let grad = 4 * xi * xi * xi + 2 * xi * next * next + 2 * xi * prev * prev
        let fi = -xi + 0.1 * next * x[(i + 2) % 6]
        bdot += grad * fi
      }
      return (b, bdot)
    })
}()

/// The damped pendulum of `../shared/bench/compare.sh` (native-sin2d): sin and cos per point.
let pendulum2D = Workload(
  name: "2-D damped pendulum, B = x2²/2 − cos(x1) + 1/2",
  variables: ["x1", "x2"], certificate: "x2^2/2 - cos(x1) + 1/2", dynamics: ["x2", "-sin(x1) - x2"],
  hand: { x in
    let x1 = x[0], x2 = x[1]
    let s = sin(x1)
    return (0.5 * x2 * x2 - cos(x1) + 0.5, s * x2 + x2 * (-s - x2))
  })

func measureEvaluator(_ w: Workload, points: Int, rounds: Int,
                      functions: DoubleBatchEvaluator.ElementaryFunctions = .batchKernels) {
  let parser = ExprParser(variables: w.variables)
  let b = try! parser.parse(w.certificate)
  let f = w.dynamics.map { try! parser.parse($0) }
  let bdot = b.lieDerivative(along: f)
  let n = w.variables.count
  let tape = Tape(compiling: [b, bdot], variableCount: n)
  var rng = SeededGenerator(seed: 1)
  let batch = 256
  // Points stored both ways: variable-major batches for the tape, point-major for the closure.
  var soa = [Double](repeating: 0, count: points * n)
  var aos = [Double](repeating: 0, count: points * n)
  for p in 0..<points {
    for v in 0..<n {
      let x = rng.nextDouble(in: -2, 2)
      aos[p * n + v] = x
      let block = p / batch, k = p % batch
      soa[block * batch * n + v * batch + k] = x
    }
  }
  let evaluator = DoubleBatchEvaluator(tape: tape, capacity: batch, elementaryFunctions: functions)
  var tapeBest = Double.infinity, handBest = Double.infinity
  var tapeSum = 0.0, handSum = 0.0
  for _ in 0..<rounds {
    var clock = Stopwatch()
    var s = 0.0
    soa.withUnsafeBufferPointer { buffer in
      var start = 0
      while start < points {
        let m = min(batch, points - start)
        evaluator.evaluate(inputs: buffer.baseAddress! + start * n, stride: batch, count: m)
        let outB = evaluator.output(0), outD = evaluator.output(1)
        for k in 0..<m { s += outB[k] + outD[k] }
        start += batch
      }
    }
    tapeBest = min(tapeBest, clock.elapsedSeconds)
    tapeSum = s
    clock = Stopwatch()
    s = 0
    aos.withUnsafeBufferPointer { buffer in
      for p in 0..<points {
        let (vb, vd) = w.hand(buffer.baseAddress! + p * n)
        s += vb + vd
      }
    }
    handBest = min(handBest, clock.elapsedSeconds)
    handSum = s
  }
  let tapeNs = tapeBest / Double(points) * 1e9, handNs = handBest / Double(points) * 1e9
  let agree = Swift.abs(tapeSum - handSum) <= 1e-9 * max(1, Swift.abs(handSum))
  print("\(w.name)\(functions == .cLibrary ? " (C library per point)" : "")")
  print("  tape: \(tape.instructions.count) instructions for B and Ḃ")
  print("  compiled evaluator  \(String(format: "%7.2f", tapeNs)) ns/point")
  print("  hand-written Swift  \(String(format: "%7.2f", handNs)) ns/point")
  print("  ratio               \(String(format: "%7.2f", tapeNs / handNs))×   (target ≤ 3×; sums agree: \(agree))")
}


/// Part 1 of `make perf`: the compiled evaluator against hand-written Swift.
func evaluatorBenchmark() {
  let points = 1 << 20
  print("== evaluator: best of 5 rounds over \(points) random points in [-2, 2]^n, batch 256")
  measureEvaluator(cubic2D, points: points, rounds: 5)
  measureEvaluator(quartic6D, points: points, rounds: 5)
  measureEvaluator(pendulum2D, points: points, rounds: 5, functions: .cLibrary)
  measureEvaluator(pendulum2D, points: points, rounds: 5)
  kernelBenchmark()
}
