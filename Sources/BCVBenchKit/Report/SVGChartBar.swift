/// One series of a bar chart: a value per category, in the chart's category order; a
/// non-finite value (NaN) means "no value" and draws no bar.
struct SVGBarSeries {
  var name: String
  var values: [Double]
  var color: String
}

/// A bar chart over categories, grouped (series side by side) or stacked (series piled up).
///
/// Guarantees: bars start at zero on a linear axis that includes zero; each bar carries a
/// tooltip "category — series: value"; values are written above grouped bars (when they
/// fit) and as totals above stacked bars, with segment values inside segments tall enough
/// to hold them. Without data the axes and legend are still drawn, with `emptyMessage`.
struct SVGBarChart: SVGChart {
  var title: String
  var subtitle: String? = nil
  var xTitle: String
  var yTitle: String
  var categories: [String]
  var series: [SVGBarSeries]
  var stacked = false
  var format: SVGValueFormat = .number
  /// A fixed top of the value axis (e.g. 1 for fractions); nil to fit the data.
  var yMax: Double? = nil
  var emptyMessage = "no data"
  var width = 640.0
  var height = 360.0

  func draw(into canvas: inout SVGCanvas) {
    SVGChartParts.heading(&canvas, title: title, subtitle: subtitle, width: width)
    let probe = SVGPlotArea.standard(width: width, height: height, legendWidth: 160)
    let rotate = SVGChartParts.xLabelsNeedRotation(categories, axisWidth: probe.width)
    let area = SVGPlotArea.standard(width: width, height: height, legendWidth: 160, bottomRoom: rotate ? 104 : 64)
    let scale = SVGScale(.linear, values: barTops, include: [0], fixed: yMax.map { 0...$0 })
    SVGChartParts.yAxis(&canvas, area: area, ticks: SVGChartParts.yTicks(scale, area: area, format: format), title: yTitle)

    let slot = area.width / Double(max(1, categories.count))
    let ticks = categories.indices.map { SVGTick(position: area.x + slot * (Double($0) + 0.5), label: categories[$0]) }
    if hasData {
      canvas.open(group: "bars")
      for (c, category) in categories.enumerated() {
        drawCategory(c, category, center: ticks[c].position, slot: slot, area: area, scale: scale, canvas: &canvas)
      }
      canvas.close()
    } else {
      SVGChartParts.noData(&canvas, area: area, message: emptyMessage)
    }
    SVGChartParts.xAxis(&canvas, area: area, ticks: ticks, title: xTitle, panelHeight: height)
    SVGChartParts.legend(&canvas, x: area.right + 16, y: area.y,
                         entries: series.map { SVGLegendEntry(label: $0.name, color: $0.color, mark: .box) })
  }

  /// The height each category reaches: its stack total, or each value when grouped.
  private var barTops: [Double] {
    if stacked {
      return categories.indices.map { c in series.reduce(0) { $0 + max(0, value($1, c)) } }
    }
    return series.flatMap { s in categories.indices.map { value(s, $0) } }
  }

  private var hasData: Bool {
    !categories.isEmpty && barTops.contains { $0.isFinite && $0 != 0 }
  }

  private func value(_ s: SVGBarSeries, _ c: Int) -> Double {
    c < s.values.count && s.values[c].isFinite ? s.values[c] : 0
  }

  private func drawCategory(_ c: Int, _ category: String, center: Double, slot: Double, area: SVGPlotArea,
                            scale: SVGScale, canvas: inout SVGCanvas) {
    func y(_ v: Double) -> Double { area.bottom - scale.fraction(v) * area.height }
    if stacked {
      let barWidth = min(slot * 0.6, 64)
      let x = center - barWidth / 2
      var base = 0.0
      for s in series {
        let v = max(0, value(s, c))
        guard v > 0 else { continue }
        let top = y(base + v), bottom = y(base)
        canvas.rect(x: x, y: top, width: barWidth, height: bottom - top, fill: s.color, cssClass: "bar",
                    tooltip: "\(category) — \(s.name): \(format.text(v))")
        if bottom - top >= 14 && barWidth >= 24 {
          canvas.text(format.text(v), x: center, y: (top + bottom) / 2 + 4, anchor: .middle, size: 10,
                      fill: "#ffffff", cssClass: "bar-value")
        }
        base += v
      }
      if base > 0 {
        canvas.text(format.text(base), x: center, y: y(base) - 4, anchor: .middle, size: 10, cssClass: "bar-total")
      }
    } else {
      let groupWidth = min(slot * 0.8, 64 * Double(max(1, series.count)))
      let barWidth = groupWidth / Double(max(1, series.count))
      for (k, s) in series.enumerated() where c < s.values.count && s.values[c].isFinite {
        let v = s.values[c]
        let x = center - groupWidth / 2 + barWidth * Double(k)
        let top = y(max(0, v)), bottom = y(min(0, v))
        canvas.rect(x: x + 1, y: top, width: barWidth - 2, height: bottom - top, fill: s.color, cssClass: "bar",
                    tooltip: "\(category) — \(s.name): \(format.text(v))")
        if barWidth >= 26 {
          canvas.text(format.text(v), x: x + barWidth / 2, y: top - 4, anchor: .middle, size: 10, cssClass: "bar-value")
        }
      }
    }
  }
}
