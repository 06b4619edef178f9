/// One group of a distribution chart: a name and its observations, each with a label.
struct SVGDistributionGroup {
  var name: String
  var values: [(label: String, value: Double)]
  var color: String
}

/// A box-or-strip plot: one column per group along the x axis, values on the y axis.
///
/// Guarantees: every observation is a dot with a tooltip "label: value", spread
/// horizontally by a fixed pattern (no randomness); a group of at least `boxMinimum`
/// observations also gets a box from the first to the third quartile, a median line and
/// whiskers to the minimum and maximum; smaller groups get only a median line. Non-finite
/// values are left out. The legend explains the marks.
struct SVGDistributionChart: SVGChart {
  var title: String
  var subtitle: String? = nil
  var xTitle: String
  var yTitle: String
  var groups: [SVGDistributionGroup]
  var scale: SVGScaleKind = .linear
  var format: SVGValueFormat = .number
  var boxMinimum = 5
  var emptyMessage = "no data"
  var width = 640.0
  var height = 360.0

  func draw(into canvas: inout SVGCanvas) {
    SVGChartParts.heading(&canvas, title: title, subtitle: subtitle, width: width)
    let names = groups.map(\.name)
    let probe = SVGPlotArea.standard(width: width, height: height, legendWidth: 160)
    let rotate = SVGChartParts.xLabelsNeedRotation(names, axisWidth: probe.width)
    let area = SVGPlotArea.standard(width: width, height: height, legendWidth: 160, bottomRoom: rotate ? 104 : 64)
    let finite = groups.map { $0.values.filter { $0.value.isFinite } }
    let ys = SVGScale(scale, values: finite.flatMap { $0.map(\.value) }, include: scale == .linear ? [0] : [])
    SVGChartParts.yAxis(&canvas, area: area, ticks: SVGChartParts.yTicks(ys, area: area, format: format), title: yTitle)
    func y(_ v: Double) -> Double { area.bottom - ys.fraction(v) * area.height }

    let slot = area.width / Double(max(1, groups.count))
    let ticks = names.indices.map { SVGTick(position: area.x + slot * (Double($0) + 0.5), label: names[$0]) }
    if finite.allSatisfy(\.isEmpty) {
      SVGChartParts.noData(&canvas, area: area, message: emptyMessage)
    }
    for (g, group) in groups.enumerated() where !finite[g].isEmpty {
      let center = ticks[g].position
      let half = min(slot * 0.3, 40)
      let values = finite[g].map(\.value)
      canvas.open(group: "distribution")
      if values.count >= boxMinimum, let q1 = ReportFormat.quantile(values, 0.25),
         let q3 = ReportFormat.quantile(values, 0.75), let lo = values.min(), let hi = values.max() {
        canvas.line(center, y(hi), center, y(q3), stroke: SVGPalette.axis, cssClass: "whisker")
        canvas.line(center, y(q1), center, y(lo), stroke: SVGPalette.axis, cssClass: "whisker")
        canvas.line(center - half / 2, y(hi), center + half / 2, y(hi), stroke: SVGPalette.axis, cssClass: "whisker")
        canvas.line(center - half / 2, y(lo), center + half / 2, y(lo), stroke: SVGPalette.axis, cssClass: "whisker")
        canvas.rect(x: center - half, y: y(q3), width: 2 * half, height: y(q1) - y(q3), fill: group.color + "33",
                    stroke: group.color, cssClass: "box",
                    tooltip: "\(group.name): quartiles \(format.text(q1)) – \(format.text(q3))")
      }
      for (k, observation) in finite[g].enumerated() {
        canvas.circle(x: center + Self.spread(k) * half * 0.9, y: y(observation.value), radius: 3, fill: group.color,
                      cssClass: "point", tooltip: "\(observation.label): \(format.text(observation.value))")
      }
      if let median = ReportFormat.median(values) {
        canvas.line(center - half, y(median), center + half, y(median), stroke: "#111111", width: 2.5, cssClass: "median")
        canvas.text(format.text(median), x: center + half + 4, y: y(median) + 4, size: 10, cssClass: "median-value")
      }
      canvas.close()
    }
    SVGChartParts.xAxis(&canvas, area: area, ticks: ticks, title: xTitle, panelHeight: height)
    var entries = groups.map { SVGLegendEntry(label: $0.name, color: $0.color, mark: .dot) }
    entries.append(SVGLegendEntry(label: "median", color: "#111111", mark: .rule))
    entries.append(SVGLegendEntry(label: "box: quartiles", color: SVGPalette.grid, mark: .box))
    entries.append(SVGLegendEntry(label: "whiskers: min – max", color: SVGPalette.axis, mark: .rule))
    SVGChartParts.legend(&canvas, x: area.right + 16, y: area.y, entries: entries, heading: "one dot per case")
  }

  /// A horizontal offset in [-1, 1] for observation `k`: the golden-ratio sequence, so
  /// dots spread evenly and identically on every run.
  private static func spread(_ k: Int) -> Double {
    let t = (Double(k) * 0.6180339887498949).truncatingRemainder(dividingBy: 1)
    return 2 * t - 1
  }
}
