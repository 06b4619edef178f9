/// One line of a chart legend: a mark in a colour, and its label.
struct SVGLegendEntry {
  enum Mark {
    /// A filled square, for bars and cells.
    case box
    /// A solid line with a dot, for measured series.
    case line
    /// A solid line alone, for summary lines such as a median.
    case rule
    /// A dashed line, for reference ("ideal") series.
    case dashedLine
    /// A dot, for individual observations.
    case dot
    /// A vertical dashed line, for event markers such as change points.
    case marker
  }

  var label: String
  var color: String
  var mark: Mark
}

/// A tick on an axis: where it is (in panel coordinates) and its label.
struct SVGTick {
  var position: Double
  var label: String
}

/// The parts every chart shares: heading, axes with ticks and titles, legend, and the note
/// shown in place of data. Each emits elements with stable classes (`chart-title`,
/// `axis x-axis`, `axis y-axis`, `tick`, `tick-label`, `axis-title`, `legend`,
/// `legend-entry`, `no-data`) that tests and style sheets can rely on.
enum SVGChartParts {
  /// The chart title (bold, top left) and an optional grey subtitle below it.
  static func heading(_ canvas: inout SVGCanvas, title: String, subtitle: String?, width: Double) {
    let limit = Int((width - 24) / 8)
    canvas.text(title, x: 12, y: 22, size: 15, bold: true, cssClass: "chart-title", limit: limit)
    if let subtitle {
      canvas.text(subtitle, x: 12, y: 40, size: 11, fill: SVGPalette.muted, cssClass: "chart-subtitle",
                  limit: Int((width - 24) / 5.8))
    }
  }

  /// Whether x tick labels would overlap if written horizontally, so must be rotated.
  static func xLabelsNeedRotation(_ labels: [String], axisWidth: Double) -> Bool {
    guard !labels.isEmpty else { return false }
    let slot = axisWidth / Double(labels.count)
    return labels.contains { Double($0.count) * 6.8 > slot }
  }

  /// The horizontal axis along the bottom of `area`: axis line, tick marks, labels
  /// (rotated when they would overlap), and the axis title near the panel's bottom edge.
  static func xAxis(_ canvas: inout SVGCanvas, area: SVGPlotArea, ticks: [SVGTick], title: String, panelHeight: Double) {
    let rotate = xLabelsNeedRotation(ticks.map(\.label), axisWidth: area.width)
    canvas.open(group: "axis x-axis")
    canvas.line(area.x, area.bottom, area.right, area.bottom, stroke: SVGPalette.axis, cssClass: "axis-line")
    for tick in ticks {
      canvas.line(tick.position, area.bottom, tick.position, area.bottom + 5, stroke: SVGPalette.axis, cssClass: "tick")
      if rotate {
        canvas.text(tick.label, x: tick.position + 3, y: area.bottom + 16, anchor: .end, size: 11, rotate: -35,
                    cssClass: "tick-label", limit: 18)
      } else {
        canvas.text(tick.label, x: tick.position, y: area.bottom + 18, anchor: .middle, size: 11, cssClass: "tick-label")
      }
    }
    canvas.text(title, x: area.x + area.width / 2, y: panelHeight - 10, anchor: .middle, size: 12, bold: true,
                cssClass: "axis-title")
    canvas.close()
  }

  /// The vertical axis along the left of `area`: axis line, tick marks, labels, the
  /// rotated axis title, and (when `grid`) light horizontal grid lines at the ticks.
  static func yAxis(_ canvas: inout SVGCanvas, area: SVGPlotArea, ticks: [SVGTick], title: String, grid: Bool = true) {
    canvas.open(group: "axis y-axis")
    for tick in ticks where grid {
      canvas.line(area.x, tick.position, area.right, tick.position, stroke: SVGPalette.grid, cssClass: "grid")
    }
    canvas.line(area.x, area.y, area.x, area.bottom, stroke: SVGPalette.axis, cssClass: "axis-line")
    for tick in ticks {
      canvas.line(area.x - 5, tick.position, area.x, tick.position, stroke: SVGPalette.axis, cssClass: "tick")
      canvas.text(tick.label, x: area.x - 8, y: tick.position + 4, anchor: .end, size: 11, cssClass: "tick-label", limit: 14)
    }
    let middle = area.y + area.height / 2
    canvas.text(title, x: 16, y: middle, anchor: .middle, size: 12, bold: true, rotate: -90, cssClass: "axis-title",
                limit: Int(area.height / 7))
    canvas.close()
  }

  /// Ticks of a numeric scale along the x axis of `area`.
  static func xTicks(_ scale: SVGScale, area: SVGPlotArea, format: SVGValueFormat) -> [SVGTick] {
    scale.ticks.map { SVGTick(position: area.x + scale.fraction($0) * area.width, label: format.text($0)) }
  }

  /// Ticks of a numeric scale along the y axis of `area` (values grow upwards).
  static func yTicks(_ scale: SVGScale, area: SVGPlotArea, format: SVGValueFormat) -> [SVGTick] {
    scale.ticks.map { SVGTick(position: area.bottom - scale.fraction($0) * area.height, label: format.text($0)) }
  }

  /// The legend: an optional bold heading, then one entry per line, starting at (x, y);
  /// "(no series)" when there are no entries.
  static func legend(_ canvas: inout SVGCanvas, x: Double, y: Double, entries: [SVGLegendEntry], heading: String? = nil) {
    canvas.open(group: "legend")
    var line = y
    if let heading {
      canvas.text(heading, x: x, y: line + 10, size: 11, bold: true, cssClass: "legend-title", limit: 22)
      line += 18
    }
    for entry in entries {
      canvas.open(group: "legend-entry")
      let middle = line + 6
      switch entry.mark {
      case .box: canvas.rect(x: x, y: line, width: 12, height: 12, fill: entry.color)
      case .line:
        canvas.line(x, middle, x + 18, middle, stroke: entry.color, width: 2)
        canvas.circle(x: x + 9, y: middle, radius: 3, fill: entry.color)
      case .rule: canvas.line(x, middle, x + 18, middle, stroke: entry.color, width: 2.5)
      case .dashedLine: canvas.line(x, middle, x + 18, middle, stroke: entry.color, width: 2, dash: "5 3")
      case .dot: canvas.circle(x: x + 6, y: middle, radius: 3.5, fill: entry.color)
      case .marker: canvas.line(x + 9, line - 2, x + 9, line + 14, stroke: entry.color, width: 1.5, dash: "3 2")
      }
      canvas.text(entry.label, x: x + 24, y: line + 10, size: 11, cssClass: "legend-label", limit: 22)
      canvas.close()
      line += 18
    }
    if entries.isEmpty {
      canvas.text("(no series)", x: x, y: line + 10, size: 11, fill: SVGPalette.muted, cssClass: "legend-label")
    }
    canvas.close()
  }

  /// A centred grey message in `area`, drawn where data would be ("no cache data").
  static func noData(_ canvas: inout SVGCanvas, area: SVGPlotArea, message: String) {
    canvas.text(message, x: area.x + area.width / 2, y: area.y + area.height / 2, anchor: .middle, size: 14,
                fill: SVGPalette.muted, cssClass: "no-data")
  }
}
