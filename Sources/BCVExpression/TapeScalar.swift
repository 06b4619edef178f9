import BCVNumerics
import BCVPlatform

/// A number type a tape can be evaluated over, one point at a time.
///
/// Conformances decide what the result means: `Double` gives round-to-nearest values;
/// `Interval` gives enclosures (every real value at every point of the input boxes lies
/// inside the result).
public protocol TapeScalar {
  /// The value of an exact constant (rounded for `Double`, enclosed for `Interval`).
  init(tapeConstant: Rational)
  static var tapePi: Self { get }
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (a: Self, b: Self) -> Self
  static func / (a: Self, b: Self) -> Self
  /// The quotient as tapes evaluate it: for enclosures, *undefined* (not the whole line)
  /// when the divisor may be zero, since a point where an expression divides by zero is
  /// one where it is undefined — and a later `atan` or `sin` would turn "the whole line"
  /// back into a finite bound.
  func divided(by divisor: Self) -> Self
  static prefix func - (a: Self) -> Self
  func raised(toInteger n: Int) -> Self
  /// self^exponent = exp(exponent·log self), defined where self > 0.
  func raised(toReal exponent: Self) -> Self
  func applying(_ f: ElementaryFunction) -> Self
}

extension Tape {
  /// Evaluates every output at one point. `registers` is scratch space reused across calls
  /// (it is resized as needed), so a caller that evaluates many points allocates once.
  @inlinable
  public func evaluate<S: TapeScalar>(at point: [S], registers: inout [S]) -> [S] {
    precondition(point.count == variableCount,
                 "point has \(point.count) coordinates, tape has \(variableCount) variables")
    registers.removeAll(keepingCapacity: true)
    for ins in instructions {
      let value: S = ins.value(variable: { point[$0] }, constant: { S(tapeConstant: constants[$0]) },
                               register: { registers[$0] })
      registers.append(value)
    }
    return outputs.map { registers[$0] }
  }

  /// Evaluates every output exactly at a rational point; `nil` when the tape is not
  /// rational (see `isRational`) or divides by zero at this point.
  public func evaluateExactly(at point: [Rational]) -> [Rational]? {
    precondition(point.count == variableCount,
                 "point has \(point.count) coordinates, tape has \(variableCount) variables")
    var registers: [Rational] = []
    registers.reserveCapacity(instructions.count)
    for ins in instructions {
      let a = Int(ins.a), b = Int(ins.b)
      let value: Rational
      switch ins.op {
      case .variable: value = point[a]
      case .constant: value = constants[a]
      case .add: value = registers[a] + registers[b]
      case .subtract: value = registers[a] - registers[b]
      case .multiply: value = registers[a] * registers[b]
      case .divide:
        if registers[b].isZero { return nil }
        value = registers[a] / registers[b]
      case .negate: value = -registers[a]
      case .powInt:
        if registers[a].isZero && b < 0 { return nil }
        value = registers[a].power(b)
      default: return nil
      }
      registers.append(value)
    }
    return outputs.map { registers[$0] }
  }
}

extension Instruction {
  /// The value of this instruction over any `TapeScalar`, given its inputs: `variable(i)`
  /// is input variable i, `constant(k)` the scalar of the tape's constant k, and
  /// `register(j)` the value of an earlier register. The one statement of what each
  /// operation computes: the generic `Tape.evaluate(at:registers:)` and the buffer-based
  /// `IntervalTapeEvaluator` both evaluate every instruction through it.
  @inlinable @inline(__always)
  public func value<S: TapeScalar>(variable: (Int) -> S, constant: (Int) -> S, register: (Int) -> S) -> S {
    let a = Int(self.a)
    switch op {
    case .variable: return variable(a)
    case .constant: return constant(a)
    case .pi: return S.tapePi
    case .add: return register(a) + register(Int(b))
    case .subtract: return register(a) - register(Int(b))
    case .multiply: return register(a) * register(Int(b))
    case .divide: return register(a).divided(by: register(Int(b)))
    case .negate: return -register(a)
    case .powInt: return register(a).raised(toInteger: Int(b))
    case .powReal: return register(a).raised(toReal: register(Int(b)))
    case .sin: return register(a).applying(.sin)
    case .cos: return register(a).applying(.cos)
    case .tan: return register(a).applying(.tan)
    case .exp: return register(a).applying(.exp)
    case .log: return register(a).applying(.log)
    case .sqrt: return register(a).applying(.sqrt)
    case .tanh: return register(a).applying(.tanh)
    case .atan: return register(a).applying(.atan)
    case .abs: return register(a).applying(.abs)
    case .sign: return register(a).applying(.sign)
    }
  }
}

extension Double: TapeScalar {
  public init(tapeConstant: Rational) { self = tapeConstant.doubleValue }
  public static var tapePi: Double { .pi }
  public func divided(by divisor: Double) -> Double { self / divisor }
  public func raised(toInteger n: Int) -> Double { integerPower(self, n) }
  public func raised(toReal exponent: Double) -> Double { self > 0 ? Libm.pow(self, exponent) : .nan }
  public func applying(_ f: ElementaryFunction) -> Double {
    switch f {
    case .sin: return Libm.sin(self)
    case .cos: return Libm.cos(self)
    case .tan: return Libm.tan(self)
    case .exp: return Libm.exp(self)
    case .log: return self > 0 ? Libm.log(self) : .nan
    case .sqrt: return self >= 0 ? squareRoot() : .nan
    case .tanh: return Libm.tanh(self)
    case .atan: return Libm.atan(self)
    case .abs: return Swift.abs(self)
    case .sign: return self > 0 ? 1 : (self < 0 ? -1 : (self == 0 ? 0 : .nan))
    }
  }
}
