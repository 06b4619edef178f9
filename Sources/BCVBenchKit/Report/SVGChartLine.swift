/// A point of a line series.
struct SVGPoint {
  var x: Double
  var y: Double
}

/// One line of a line chart; `dashed` marks a reference line such as "ideal".
struct SVGLineSeries {
  var name: String
  var points: [SVGPoint]
  var color: String
  var dashed = false
}

/// A line chart with several series, optional logarithmic axes, optional categorical x
/// labels, and optional vertical markers (e.g. change points).
///
/// Guarantees: points are joined in the order given; measured series get a dot with a
/// tooltip at every point, dashed series none; when `xCategories` is set, a point's x is
/// the index of its category and every category gets a tick; `xTickValues` puts ticks at
/// exactly those values; markers are dashed vertical
/// lines listed in the legend as `markerLabel`. Without points the axes and legend are
/// still drawn, with `emptyMessage`.
struct SVGLineChart: SVGChart {
  var title: String
  var subtitle: String? = nil
  var xTitle: String
  var yTitle: String
  var series: [SVGLineSeries]
  var xScale: SVGScaleKind = .linear
  var yScale: SVGScaleKind = .linear
  var xFormat: SVGValueFormat = .number
  var yFormat: SVGValueFormat = .number
  /// Category labels for x = 0, 1, 2, …; nil for a numeric x axis.
  var xCategories: [String]? = nil
  /// Ticks at exactly these x values (e.g. the worker counts run) instead of nice ones.
  var xTickValues: [Double]? = nil
  /// A fixed value range; nil to fit the data (including zero on a linear axis).
  var yRange: ClosedRange<Double>? = nil
  /// Write each point's value next to it, when there is a single measured series (with
  /// more, labels would collide; tooltips and the tables carry the numbers).
  var showValues = false
  var markers: [Double] = []
  var markerLabel = "change point"
  var emptyMessage = "no data"
  var width = 640.0
  var height = 360.0

  func draw(into canvas: inout SVGCanvas) {
    SVGChartParts.heading(&canvas, title: title, subtitle: subtitle, width: width)
    let probe = SVGPlotArea.standard(width: width, height: height, legendWidth: 160)
    let rotate = SVGChartParts.xLabelsNeedRotation(xCategories ?? [], axisWidth: probe.width)
    let area = SVGPlotArea.standard(width: width, height: height, legendWidth: 160, bottomRoom: rotate ? 104 : 64)
    let all = series.flatMap(\.points)
    let ys = SVGScale(yScale, values: all.map(\.y), include: yScale == .linear ? [0] : [], fixed: yRange)
    SVGChartParts.yAxis(&canvas, area: area, ticks: SVGChartParts.yTicks(ys, area: area, format: yFormat), title: yTitle)

    let xPosition: (Double) -> Double
    let xTicks: [SVGTick]
    if let categories = xCategories {
      let slot = area.width / Double(max(1, categories.count))
      xPosition = { area.x + slot * ($0 + 0.5) }
      xTicks = categories.indices.map { SVGTick(position: xPosition(Double($0)), label: categories[$0]) }
    } else {
      let xs = SVGScale(xScale, values: all.map(\.x) + (xTickValues ?? []))
      xPosition = { area.x + xs.fraction($0) * area.width }
      xTicks = xTickValues.map { $0.map { SVGTick(position: xPosition($0), label: xFormat.text($0)) } }
        ?? SVGChartParts.xTicks(xs, area: area, format: xFormat)
    }
    func yPosition(_ v: Double) -> Double { area.bottom - ys.fraction(v) * area.height }

    if all.isEmpty {
      SVGChartParts.noData(&canvas, area: area, message: emptyMessage)
    }
    canvas.open(group: "markers")
    for m in markers {
      canvas.line(xPosition(m), area.y, xPosition(m), area.bottom, stroke: SVGPalette.marker, width: 1.5, dash: "3 2",
                  cssClass: "marker")
    }
    canvas.close()
    let labelPoints = showValues && series.filter { !$0.dashed && !$0.points.isEmpty }.count == 1
    canvas.open(group: "series")
    for s in series where !s.points.isEmpty {
      let points = s.points.map { (xPosition($0.x), yPosition($0.y)) }
      canvas.polyline(points, stroke: s.color, width: s.dashed ? 1.5 : 2, dash: s.dashed ? "6 4" : nil,
                      cssClass: s.dashed ? "reference-line" : "data-line")
      guard !s.dashed else { continue }
      for (p, point) in zip(s.points, points) {
        let label = xCategories.map { $0[min(max(0, Int(p.x)), $0.count - 1)] } ?? xFormat.text(p.x)
        canvas.circle(x: point.0, y: point.1, radius: 3.5, fill: s.color, cssClass: "point",
                      tooltip: "\(s.name) at \(label): \(yFormat.text(p.y))")
        if labelPoints {
          let rightHalf = point.0 > area.x + area.width / 2
          canvas.text(yFormat.text(p.y), x: point.0 + (rightHalf ? -6 : 6), y: point.1 - 8,
                      anchor: rightHalf ? .end : .start, size: 10, bold: true, fill: s.color, cssClass: "point-value")
        }
      }
    }
    canvas.close()
    SVGChartParts.xAxis(&canvas, area: area, ticks: xTicks, title: xTitle, panelHeight: height)
    var entries = series.map { SVGLegendEntry(label: $0.name, color: $0.color, mark: $0.dashed ? .dashedLine : .line) }
    if !markers.isEmpty { entries.append(SVGLegendEntry(label: markerLabel, color: SVGPalette.marker, mark: .marker)) }
    SVGChartParts.legend(&canvas, x: area.right + 16, y: area.y, entries: entries)
  }
}
