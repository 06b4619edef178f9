import BCVBenchKit
import BCVNumerics
import BCVTestSupport
import Testing

private func csvError(_ text: String) -> CSVParseError? {
  do {
    _ = try CSVReader.parse(text)
    return nil
  } catch {
    return error
  }
}

@Suite struct CSVTests {
  @Test("fields are quoted only when they contain a comma, quote, CR or LF")
  func fieldsAreQuotedOnlyWhenNeeded() {
    let table = CSVTable(
      header: ["plain", "comma", "quote", "newline", "return", "empty"],
      rows: [["a b", "x,y", #"say "hi""#, "two\nlines", "cr\r", ""]])
    #expect(table.render() == """
      plain,comma,quote,newline,return,empty
      a b,"x,y","say ""hi\"\"\","two
      lines","cr\r",

      """)
  }

  @Test("an empty field alone on its line is quoted so no line is blank")
  func loneEmptyFieldIsQuoted() throws {
    let table = CSVTable(header: ["only"], rows: [[""], ["x"]])
    #expect(table.render() == "only\n\"\"\nx\n")
    #expect(try CSVReader.parse(table.render()) == [["only"], [""], ["x"]])
  }

  @Test("appended rows are rendered after the header in order") func appendedRowsAreRendered() {
    var table = CSVTable(header: ["k", "v"])
    table.append(["1", "one"])
    table.append(["2", "two"])
    #expect(table.render() == "k,v\n1,one\n2,two\n")
  }

  @Test("a row with the wrong field count stops rendering") func rowWithWrongFieldCountStopsRendering() async {
    await #expect(processExitsWith: .failure) {
      var table = CSVTable(header: ["a", "b"])
      table.rows.append(["only one"])
      _ = table.render()
    }
  }

  @Test("random fields with commas, quotes and line breaks round-trip")
  func randomFieldsRoundTrip() throws {
    let pieces = ["a", "1.5", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "é", "😀", ""]
    var generator = SeededGenerator(seed: propertyTestSeed)
    for _ in 0..<200 {
      func field() -> String {
        (0..<generator.nextInt(below: 4)).map { _ in pieces[generator.nextInt(below: pieces.count)] }.joined()
      }
      let columns = 1 + generator.nextInt(below: 4)
      let header = (0..<columns).map { _ in field() }
      let rows = (0..<generator.nextInt(below: 5)).map { _ in (0..<columns).map { _ in field() } }
      let table = CSVTable(header: header, rows: rows)
      #expect(try CSVReader.parse(table.render()) == [header] + rows)
    }
  }

  @Test("the reader accepts CRLF, a missing final line break and empty trailing fields")
  func readerAcceptsLineEndingVariants() throws {
    #expect(try CSVReader.parse("") == [])
    #expect(try CSVReader.parse("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
    #expect(try CSVReader.parse("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    #expect(try CSVReader.parse("a,\n,") == [["a", ""], ["", ""]])
    #expect(try CSVReader.parse("a\n\nb\n") == [["a"], [""], ["b"]])
    #expect(try CSVReader.parse("\"x\r\ny\",z\n") == [["x\r\ny", "z"]])
  }

  @Test("an unterminated quoted field is reported at its opening quote")
  func unterminatedQuotedFieldIsReportedAtItsQuote() {
    #expect(csvError("a,b\n1,\"two\nlines") == CSVParseError(line: 2, column: 3, reason: "unterminated quoted field"))
  }

  @Test("a quote inside an unquoted field is rejected") func quoteInsideUnquotedFieldIsRejected() {
    #expect(csvError("a,b\nx,y\"z\n") == CSVParseError(line: 2, column: 4, reason: "quote inside an unquoted field"))
  }

  @Test("text after a closing quote is rejected on the right line")
  func textAfterClosingQuoteIsRejected() {
    let error = csvError("h\n\"multi\nline\"x\n")
    #expect(error == CSVParseError(line: 3, column: 6, reason: "unexpected 'x' after a closing quote"))
    #expect(error?.description == "line 3, column 6: unexpected 'x' after a closing quote")
  }
}
