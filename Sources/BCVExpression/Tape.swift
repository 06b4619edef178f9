import BCVNumerics

/// One step of a compiled expression. Instruction i writes register i; operands name
/// earlier registers, so a tape is evaluated by one pass from first to last.
public struct Instruction: Hashable, Sendable {
  public enum OpCode: UInt8, Sendable {
    /// Register = input variable `a`.
    case variable
    /// Register = constant number `a` of the tape's constant table.
    case constant
    case pi
    case add, subtract, multiply, divide, negate
    /// Register = register `a` to the integer power `b`.
    case powInt
    /// Register = register `a` to the power register `b` (a > 0 required).
    case powReal
    case sin, cos, tan, exp, log, sqrt, tanh, atan, abs, sign
  }

  public let op: OpCode
  public let a: Int32
  public let b: Int32

  public init(_ op: OpCode, _ a: Int32 = 0, _ b: Int32 = 0) {
    self.op = op
    self.a = a
    self.b = b
  }
}

/// A flat, compiled form of one or more expressions over the same variables.
///
/// Common subexpressions are shared (each distinct instruction appears once), so a tape
/// for B, Ḃ and the set constraints of an obligation computes B's subterms once. The tape
/// is immutable and `Sendable`; evaluators (`DoubleBatchEvaluator` for batches of points,
/// `evaluate(at:)` for one point over any `TapeScalar`) hold the mutable registers, so one
/// tape serves any number of threads.
public struct Tape: Hashable, Sendable {
  public let variableCount: Int
  public let instructions: [Instruction]
  /// Exact values of the constants that `.constant` instructions refer to.
  public let constants: [Rational]
  /// The register holding each output, in the order the expressions were given.
  public let outputs: [Int]

  /// Compiles `expressions` over `variableCount` variables into one tape.
  public init(compiling expressions: [Expr], variableCount: Int) {
    var builder = TapeBuilder(variableCount: variableCount)
    let outs = expressions.map { Int(builder.emit($0)) }
    self.variableCount = variableCount
    self.instructions = builder.instructions
    self.constants = builder.constants
    self.outputs = outs
  }

  /// Whether every instruction is exact over the rationals (+ − × ÷, integer powers).
  public var isRational: Bool {
    instructions.allSatisfy { ins in
      switch ins.op {
      case .variable, .constant, .add, .subtract, .multiply, .divide, .negate, .powInt: return true
      default: return false
      }
    }
  }
}

struct TapeBuilder {
  let variableCount: Int
  var instructions: [Instruction] = []
  var constants: [Rational] = []
  private var constantIndex: [Rational: Int32] = [:]
  private var memo: [Instruction: Int32] = [:]

  init(variableCount: Int) { self.variableCount = variableCount }

  private mutating func push(_ ins: Instruction) -> Int32 {
    if let existing = memo[ins] { return existing }
    let index = Int32(instructions.count)
    instructions.append(ins)
    memo[ins] = index
    return index
  }

  mutating func emit(_ e: Expr) -> Int32 {
    switch e {
    case .constant(let c):
      let k: Int32
      if let existing = constantIndex[c] { k = existing } else {
        k = Int32(constants.count)
        constants.append(c)
        constantIndex[c] = k
      }
      return push(Instruction(.constant, k))
    case .pi: return push(Instruction(.pi))
    case .variable(let i):
      precondition(i >= 0 && i < variableCount, "variable index \(i) outside 0..<\(variableCount)")
      return push(Instruction(.variable, Int32(i)))
    case .sum(let x, let y): return binary(.add, x, y)
    case .difference(let x, let y): return binary(.subtract, x, y)
    case .product(let x, let y): return binary(.multiply, x, y)
    case .quotient(let x, let y): return binary(.divide, x, y)
    case .realPower(let x, let y): return binary(.powReal, x, y)
    case .negation(let x): return push(Instruction(.negate, emit(x)))
    case .power(let x, let n): return push(Instruction(.powInt, emit(x), Int32(n)))
    case .call(let f, let x): return push(Instruction(f.opCode, emit(x)))
    }
  }

  private mutating func binary(_ op: Instruction.OpCode, _ x: Expr, _ y: Expr) -> Int32 {
    let a = emit(x)
    let b = emit(y)
    return push(Instruction(op, a, b))
  }
}

extension ElementaryFunction {
  var opCode: Instruction.OpCode {
    switch self {
    case .sin: return .sin
    case .cos: return .cos
    case .tan: return .tan
    case .exp: return .exp
    case .log: return .log
    case .sqrt: return .sqrt
    case .tanh: return .tanh
    case .atan: return .atan
    case .abs: return .abs
    case .sign: return .sign
    }
  }
}
