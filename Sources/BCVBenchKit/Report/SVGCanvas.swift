/// Appends SVG elements as text. Every piece of text and every attribute value passes
/// through `ReportFormat.xml`, and coordinates print with at most two decimals, so the
/// output is well-formed XML and byte-for-byte deterministic.
struct SVGCanvas {
  private(set) var text = ""
  private var openGroups = 0

  /// How text is anchored horizontally at its x coordinate.
  enum Anchor: String { case start, middle, end }

  /// A coordinate or length: at most two decimals, no trailing zeros.
  static func number(_ x: Double) -> String {
    ReportFormat.trimmed(x, 2)
  }

  /// Opens `<g>` with an optional class and translation; close it with `close()`.
  mutating func open(group cssClass: String? = nil, translateX: Double = 0, translateY: Double = 0) {
    var attributes: [(String, String)] = []
    if let cssClass { attributes.append(("class", cssClass)) }
    if translateX != 0 || translateY != 0 {
      attributes.append(("transform", "translate(\(Self.number(translateX)),\(Self.number(translateY)))"))
    }
    text += "<g" + Self.attributes(attributes) + ">"
    openGroups += 1
  }

  /// Closes the innermost open group. Precondition: one is open.
  mutating func close() {
    precondition(openGroups > 0, "no SVG group is open")
    text += "</g>"
    openGroups -= 1
  }

  /// A straight line; `dash` is an SVG dash pattern such as "6 4".
  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                     width: Double = 1, dash: String? = nil, cssClass: String? = nil) {
    var a: [(String, String)] = [
      ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)),
      ("stroke", stroke), ("stroke-width", Self.number(width)),
    ]
    if let dash { a.append(("stroke-dasharray", dash)) }
    if let cssClass { a.append(("class", cssClass)) }
    text += "<line" + Self.attributes(a) + "/>"
  }

  /// A rectangle; negative sizes are drawn as zero. `tooltip` becomes a `<title>` child.
  mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                     cssClass: String? = nil, tooltip: String? = nil) {
    var a: [(String, String)] = [
      ("x", Self.number(x)), ("y", Self.number(y)),
      ("width", Self.number(max(0, width))), ("height", Self.number(max(0, height))), ("fill", fill),
    ]
    if let stroke { a.append(("stroke", stroke)) }
    if let cssClass { a.append(("class", cssClass)) }
    element("rect", a, tooltip: tooltip)
  }

  /// A circle; `tooltip` becomes a `<title>` child.
  mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil,
                       cssClass: String? = nil, tooltip: String? = nil) {
    var a: [(String, String)] = [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", Self.number(radius)), ("fill", fill)]
    if let stroke { a.append(("stroke", stroke)) }
    if let cssClass { a.append(("class", cssClass)) }
    element("circle", a, tooltip: tooltip)
  }

  /// An unfilled polyline through `points`.
  mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil,
                         cssClass: String? = nil) {
    let list = points.map { Self.number($0.0) + "," + Self.number($0.1) }.joined(separator: " ")
    var a: [(String, String)] = [("points", list), ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.number(width))]
    if let dash { a.append(("stroke-dasharray", dash)) }
    if let cssClass { a.append(("class", cssClass)) }
    text += "<polyline" + Self.attributes(a) + "/>"
  }

  /// Text at (x, y) (the baseline). `rotate` turns it about its anchor point, in degrees.
  /// Text longer than `limit` characters is shortened with "…" and keeps its full content
  /// as a tooltip.
  mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
                     bold: Bool = false, fill: String = "#222", rotate: Double = 0, cssClass: String? = nil,
                     limit: Int = 60) {
    var a: [(String, String)] = [("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size))]
    if anchor != .start { a.append(("text-anchor", anchor.rawValue)) }
    if bold { a.append(("font-weight", "bold")) }
    if fill != "#222" { a.append(("fill", fill)) }
    if rotate != 0 {
      a.append(("transform", "rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))"))
    }
    if let cssClass { a.append(("class", cssClass)) }
    let shown = ReportFormat.truncated(content, limit)
    if shown == content {
      text += "<text" + Self.attributes(a) + ">" + ReportFormat.xml(content) + "</text>"
    } else {
      text += "<text" + Self.attributes(a) + "><title>" + ReportFormat.xml(content) + "</title>"
        + ReportFormat.xml(shown) + "</text>"
    }
  }

  /// The finished drawing. Precondition: every group is closed.
  var finished: String {
    precondition(openGroups == 0, "an SVG group was left open")
    return text
  }

  private mutating func element(_ name: String, _ a: [(String, String)], tooltip: String?) {
    if let tooltip {
      text += "<\(name)" + Self.attributes(a) + "><title>" + ReportFormat.xml(tooltip) + "</title></\(name)>"
    } else {
      text += "<\(name)" + Self.attributes(a) + "/>"
    }
  }

  private static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(ReportFormat.xml($0.1))\"" }.joined()
  }
}
