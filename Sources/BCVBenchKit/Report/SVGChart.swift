/// A chart that draws itself into a panel of fixed size whose origin is (0, 0).
protocol SVGChart {
  /// The chart's heading, drawn at its top and used as the accessible name.
  var title: String { get }
  var width: Double { get }
  var height: Double { get }
  func draw(into canvas: inout SVGCanvas)
}

/// One or more charts side by side in one SVG: the unit written as `<name>.svg` and
/// embedded in `index.html`.
///
/// Guarantees: the output is well-formed XML with the SVG namespace, a fixed `viewBox`
/// (the panels' widths summed, the tallest panel's height), a `<title>` first, a white
/// background, and no scripts, styles or external references.
struct SVGFigure {
  var title: String
  var panels: [any SVGChart]

  var width: Double { panels.reduce(0) { $0 + $1.width } }
  var height: Double { panels.map(\.height).max() ?? 0 }

  /// The figure as a standalone `.svg` file.
  func document() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + inline() + "\n"
  }

  /// The figure as an inline `<svg>` element.
  func inline() -> String {
    let w = SVGCanvas.number(width), h = SVGCanvas.number(height)
    var canvas = SVGCanvas()
    canvas.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff", cssClass: "background")
    var x = 0.0
    for panel in panels {
      canvas.open(group: "panel", translateX: x)
      panel.draw(into: &canvas)
      canvas.close()
      x += panel.width
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
      + " role=\"img\" font-family=\"Helvetica, Arial, sans-serif\" class=\"chart\">"
      + "<title>" + ReportFormat.xml(title) + "</title>" + canvas.finished + "</svg>"
  }
}

/// Colours used by every chart: a categorical palette for series and fixed colours for
/// outcomes, so the same meaning always has the same colour.
enum SVGPalette {
  static let series = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f",
                       "#ff9da7", "#bab0ac"]
  static let axis = "#444444"
  static let grid = "#e3e3e3"
  static let muted = "#666666"
  static let ideal = "#888888"
  static let marker = "#d62728"

  /// The colour of series number `index` (cycling through the palette).
  static func color(_ index: Int) -> String {
    series[index % series.count]
  }
}

/// The drawable rectangle of a chart inside its panel.
struct SVGPlotArea {
  var x: Double
  var y: Double
  var width: Double
  var height: Double
  var bottom: Double { y + height }
  var right: Double { x + width }

  /// The standard layout of a `width` × `height` panel with room for a title, a subtitle,
  /// tick labels, axis titles, and a legend column `legendWidth` wide on the right.
  static func standard(width: Double, height: Double, legendWidth: Double, bottomRoom: Double = 64) -> SVGPlotArea {
    SVGPlotArea(x: 76, y: 58, width: width - 76 - legendWidth - 20, height: height - 58 - bottomRoom)
  }
}
