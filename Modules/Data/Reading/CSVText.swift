/// A CSV text split into its header and data rows, each row with its 1-based line number.
///
/// Market files are plain comma-separated values without quoting; a field is trimmed of spaces
/// and of one pair of surrounding double quotes. A byte-order mark, `\r\n` line ends and a final
/// newline are accepted.
struct CSVText {
    /// One data row: where it stands and its fields.
    struct Row {
        let line: Int
        let fields: [Substring]
    }

    let header: [String]
    let rows: [Row]

    /// Splits `text`; `nil` when it holds no header (no bytes, or only blank lines).
    init?(_ text: String) {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard let headerLine = lines.first else { return nil }
        header = Self.fields(of: headerLine).map(String.init)
        rows = lines.dropFirst().enumerated().map { offset, line in Row(line: offset + 2, fields: Self.fields(of: line)) }
    }

    private static func fields(of line: Substring) -> [Substring] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var trimmed = field.drop(while: \.isWhitespace)
            while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
            if trimmed.count >= 2, trimmed.first == "\"", trimmed.last == "\"" { trimmed = trimmed.dropFirst().dropLast() }
            return trimmed
        }
    }
}
