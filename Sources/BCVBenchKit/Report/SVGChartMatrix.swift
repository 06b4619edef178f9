/// A matrix (heat map) with the value written in every cell: rows down the y axis,
/// columns along the x axis.
///
/// Guarantees: a cell's colour runs from light (at `range.lowerBound`) to dark blue (at
/// `range.upperBound`); its text is `format.text(value)` with the optional note below it;
/// a nil value is a grey cell marked "–"; every cell has a tooltip naming its row and
/// column. The legend shows the colour of the low, middle and high values and of "no data".
struct SVGMatrixChart: SVGChart {
  var title: String
  var subtitle: String? = nil
  var xTitle: String
  var yTitle: String
  var rows: [String]
  var columns: [String]
  /// `values[r][c]` for row r and column c; nil where there is nothing to show.
  var values: [[Double?]]
  /// An optional second line per cell, e.g. "5/6"; same shape as `values`.
  var notes: [[String]]? = nil
  var format: SVGValueFormat = .percent
  var range: ClosedRange<Double> = 0...1
  var emptyMessage = "no data"
  /// The largest cell side; cells shrink to fit `width`.
  var maxCell = 90.0
  var width = 640.0

  /// Tall enough for the title, the cells and the column labels below them.
  var height: Double { 58 + cell * Double(max(1, rows.count)) + (rotate ? 104 : 64) }

  /// Room left of the cells for the row labels and the axis title.
  private var left: Double { 44 + Double(min(14, rows.map(\.count).max() ?? 4)) * 6.8 }
  private var cell: Double { min(maxCell, (width - left - 180) / Double(max(1, columns.count))) }
  private var rotate: Bool {
    SVGChartParts.xLabelsNeedRotation(columns, axisWidth: cell * Double(max(1, columns.count)))
  }

  private static let low = (0xf2, 0xf6, 0xfb)
  private static let high = (0x1f, 0x4e, 0x8c)
  private static let missing = "#e6e6e6"

  func draw(into canvas: inout SVGCanvas) {
    SVGChartParts.heading(&canvas, title: title, subtitle: subtitle, width: width)
    let area = SVGPlotArea(x: left, y: 58, width: cell * Double(max(1, columns.count)),
                           height: cell * Double(max(1, rows.count)))
    if rows.isEmpty || columns.isEmpty {
      SVGChartParts.noData(&canvas, area: area, message: emptyMessage)
    }
    canvas.open(group: "cells")
    for (r, row) in rows.enumerated() {
      for (c, column) in columns.enumerated() {
        let value = r < values.count && c < values[r].count ? values[r][c] : nil
        let x = area.x + cell * Double(c), y = area.y + cell * Double(r)
        let t = value.map { min(1, max(0, ($0 - range.lowerBound) / (range.upperBound - range.lowerBound))) }
        let text = value.map(format.text) ?? "–"
        let note = notes.flatMap { r < $0.count && c < $0[r].count ? $0[r][c] : nil } ?? ""
        canvas.rect(x: x, y: y, width: cell, height: cell, fill: t.map(Self.color) ?? Self.missing, stroke: "#ffffff",
                    cssClass: "cell", tooltip: "\(row) × \(column): \(text)\(note.isEmpty ? "" : " (\(note))")")
        let ink = (t ?? 0) > 0.55 ? "#ffffff" : "#222"
        let size = min(14, cell / 4)
        canvas.text(text, x: x + cell / 2, y: y + cell / 2 + (note.isEmpty ? size / 3 : 0), anchor: .middle, size: size,
                    bold: true, fill: ink, cssClass: "cell-value")
        if !note.isEmpty {
          canvas.text(note, x: x + cell / 2, y: y + cell / 2 + size, anchor: .middle, size: size * 0.75, fill: ink,
                      cssClass: "cell-note")
        }
      }
    }
    canvas.close()
    let yTicks = rows.indices.map { SVGTick(position: area.y + cell * (Double($0) + 0.5), label: rows[$0]) }
    SVGChartParts.yAxis(&canvas, area: area, ticks: yTicks, title: yTitle, grid: false)
    let xTicks = columns.indices.map { SVGTick(position: area.x + cell * (Double($0) + 0.5), label: columns[$0]) }
    SVGChartParts.xAxis(&canvas, area: area, ticks: xTicks, title: xTitle, panelHeight: height)
    let middle = (range.lowerBound + range.upperBound) / 2
    SVGChartParts.legend(&canvas, x: max(area.right, area.x + 120) + 24, y: area.y, entries: [
      SVGLegendEntry(label: format.text(range.lowerBound), color: Self.color(0), mark: .box),
      SVGLegendEntry(label: format.text(middle), color: Self.color(0.5), mark: .box),
      SVGLegendEntry(label: format.text(range.upperBound), color: Self.color(1), mark: .box),
      SVGLegendEntry(label: "no data", color: Self.missing, mark: .box),
    ], heading: "cell value")
  }

  /// The fill for a position `t` in [0, 1] between the low and high colours, as "#rrggbb".
  private static func color(_ t: Double) -> String {
    func channel(_ a: Int, _ b: Int) -> String {
      let v = Int((Double(a) + (Double(b) - Double(a)) * t).rounded())
      let hex = String(v, radix: 16)
      return hex.count == 1 ? "0" + hex : hex
    }
    return "#" + channel(low.0, high.0) + channel(low.1, high.1) + channel(low.2, high.2)
  }
}
