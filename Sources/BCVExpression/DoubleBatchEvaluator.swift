import BCVPlatform

/// Evaluates a tape in Double arithmetic over a batch of points at once: the hot path.
///
/// Registers are laid out instruction-major (`capacity` doubles per instruction), so each
/// instruction is decoded once per batch and its loop over the points has no branches,
/// allocation, dictionary lookups or dynamic dispatch. Results are IEEE round-to-nearest:
/// fast and reproducible, not enclosures (interval evaluation gives those). NaN marks a
/// point where the expression is undefined (log of a negative number, 0/0, …).
///
/// sin, cos, exp, log, tanh and atan run as whole-batch vector kernels (`BatchMath`, within 1 ulp
/// of the C library, 2 for tanh, with the same results at NaN, ±∞ and domain errors), each of
/// which `bcv-perf kernels` measured faster than the C library (1.15× for atan to 2× for exp
/// and tanh on the SSE2 target); sin and cos of one register share a reduction. `ElementaryFunctions.cLibrary` calls
/// the C library per point instead (for comparison). Either way a value depends only on its point, never on the batch.
///
/// An evaluator owns its registers and is not thread-safe: give each worker its own.
public final class DoubleBatchEvaluator {
  /// Where sin, cos, exp, log, tanh and atan come from.
  public enum ElementaryFunctions: Sendable {
    /// `BatchMath`'s vector kernels where they are faster than the C library (the default).
    case batchKernels
    /// The C library, one call per point.
    case cLibrary
  }

  public let tape: Tape
  public let elementaryFunctions: ElementaryFunctions
  /// The most points one `evaluate` call takes.
  public let capacity: Int
  private let registers: UnsafeMutablePointer<Double>
  private let constantValues: [Double]
  /// With the kernels, sin and cos of one register are computed together (`BatchMath.sinCos`)
  /// at the first of the two instructions: its entry is the other's index, the other's is −2
  /// (already done); −1 everywhere else.
  private let sinCosPartner: [Int]
  private var lastCount = 0

  public init(tape: Tape, capacity: Int = 128, elementaryFunctions: ElementaryFunctions = .batchKernels) {
    precondition(capacity > 0, "capacity must be positive, got \(capacity)")
    self.tape = tape
    self.elementaryFunctions = elementaryFunctions
    self.capacity = capacity
    let size = max(1, tape.instructions.count) * capacity
    registers = .allocate(capacity: size)
    registers.initialize(repeating: 0, count: size)
    constantValues = tape.constants.map(\.doubleValue)
    sinCosPartner = elementaryFunctions == .batchKernels ? Self.sinCosPairs(tape.instructions) : []
  }

  /// See `sinCosPartner`.
  private static func sinCosPairs(_ instructions: [Instruction]) -> [Int] {
    var partner = [Int](repeating: -1, count: instructions.count)
    var firstSinOrCos: [Int32: Int] = [:]
    for (index, ins) in instructions.enumerated() where ins.op == .sin || ins.op == .cos {
      if let first = firstSinOrCos[ins.a], partner[first] == -1, instructions[first].op != ins.op {
        partner[first] = index
        partner[index] = -2
      } else if firstSinOrCos[ins.a] == nil {
        firstSinOrCos[ins.a] = index
      }
    }
    return partner
  }

  deinit { registers.deallocate() }

  /// Evaluates every output at `count` points. `inputs` is variable-major: coordinate v of
  /// point k is `inputs[v * stride + k]`.
  public func evaluate(inputs: UnsafePointer<Double>, stride: Int, count: Int) {
    precondition(count <= capacity, "batch of \(count) points exceeds capacity \(capacity)")
    precondition(stride >= count, "stride \(stride) is shorter than the batch \(count)")
    lastCount = count
    let cap = capacity
    let kernels = elementaryFunctions == .batchKernels
    for (index, ins) in tape.instructions.enumerated() {
      let dst = registers + index * cap
      // Operand b is a register only for binary operations (for powInt it is the exponent).
      let x = registers + Int(ins.a) * cap
      let y = ins.op.hasSecondRegister ? registers + Int(ins.b) * cap : x
      switch ins.op {
      case .variable:
        let src = inputs + Int(ins.a) * stride
        for k in 0..<count { dst[k] = src[k] }
      case .constant:
        let c = constantValues[Int(ins.a)]
        for k in 0..<count { dst[k] = c }
      case .pi: for k in 0..<count { dst[k] = Double.pi }
      case .add: for k in 0..<count { dst[k] = x[k] + y[k] }
      case .subtract: for k in 0..<count { dst[k] = x[k] - y[k] }
      case .multiply: for k in 0..<count { dst[k] = x[k] * y[k] }
      case .divide: for k in 0..<count { dst[k] = x[k] / y[k] }
      case .negate: for k in 0..<count { dst[k] = -x[k] }
      case .powInt: Self.powInt(dst, x, Int(ins.b), count)
      case .powReal:
        for k in 0..<count { dst[k] = x[k] > 0 ? Libm.pow(x[k], y[k]) : .nan }
      case .sin, .cos:
        let isSin = ins.op == .sin
        guard kernels else {
          if isSin { for k in 0..<count { dst[k] = Libm.sin(x[k]) } } else { for k in 0..<count { dst[k] = Libm.cos(x[k]) } }
          break
        }
        let other = sinCosPartner[index]
        if other >= 0 {
          let otherDst = registers + other * cap
          BatchMath.sinCos(isSin ? dst : otherDst, isSin ? otherDst : dst, x, count: count)
        } else if other == -1 {
          if isSin { BatchMath.sin(dst, x, count: count) } else { BatchMath.cos(dst, x, count: count) }
        }
      case .tan: for k in 0..<count { dst[k] = Libm.tan(x[k]) }
      case .exp:
        if kernels { BatchMath.exp(dst, x, count: count) } else { for k in 0..<count { dst[k] = Libm.exp(x[k]) } }
      case .log:
        if kernels {
          BatchMath.log(dst, x, count: count)
        } else {
          for k in 0..<count { dst[k] = x[k] > 0 ? Libm.log(x[k]) : .nan }
        }
      case .sqrt: for k in 0..<count { dst[k] = x[k] >= 0 ? x[k].squareRoot() : .nan }
      case .tanh:
        if kernels { BatchMath.tanh(dst, x, count: count) } else { for k in 0..<count { dst[k] = Libm.tanh(x[k]) } }
      case .atan:
        if kernels { BatchMath.atan(dst, x, count: count) } else { for k in 0..<count { dst[k] = Libm.atan(x[k]) } }
      case .abs: for k in 0..<count { dst[k] = Swift.abs(x[k]) }
      case .sign:
        for k in 0..<count { dst[k] = x[k] > 0 ? 1 : (x[k] < 0 ? -1 : (x[k] == 0 ? 0 : .nan)) }
      }
    }
  }

  /// Output `j` of the last `evaluate` call, one value per point.
  public func output(_ j: Int) -> UnsafeBufferPointer<Double> {
    UnsafeBufferPointer(start: registers + tape.outputs[j] * capacity, count: lastCount)
  }

  @inline(__always)
  private static func powInt(_ dst: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>,
                             _ n: Int, _ count: Int) {
    switch n {
    case 2: for k in 0..<count { dst[k] = x[k] * x[k] }
    case 3: for k in 0..<count { dst[k] = x[k] * x[k] * x[k] }
    case 4: for k in 0..<count { let s = x[k] * x[k]; dst[k] = s * s }
    default: for k in 0..<count { dst[k] = integerPower(x[k], n) }
    }
  }
}

/// x to the integer power n by repeated squaring (x⁰ = 1, negative n via the reciprocal).
@inlinable
public func integerPower(_ x: Double, _ n: Int) -> Double {
  var result = 1.0, base = x, e = n.magnitude
  while e > 0 {
    if e & 1 == 1 { result *= base }
    base *= base
    e >>= 1
  }
  return n < 0 ? 1 / result : result
}


extension Instruction.OpCode {
  /// Whether operand `b` names a register (binary operations), not an exponent or nothing.
  @inline(__always) var hasSecondRegister: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide, .powReal: return true
    default: return false
    }
  }
}
