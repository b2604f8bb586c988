/// One thing wrong with a market data file, located by file, line and column.
///
/// In strict mode any problem refuses the file; in lenient mode the row it names is dropped and
/// the problem is reported. Problems about the file as a whole (empty, missing columns) refuse
/// it in both modes.
public struct DataProblem: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in, as the user named it.
    public let file: String
    /// The 1-based line (the header is line 1), or `nil` for a problem of the whole file.
    public let line: Int?
    /// The column at fault, when there is one.
    public let column: String?
    /// What kind of problem it is, for scripts and tests.
    public let kind: Kind
    /// What is wrong, in words.
    public let message: String

    /// Makes a problem report.
    public init(file: String, line: Int?, column: String? = nil, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
        self.message = message
    }

    /// `file:line: message`, the way compilers point at a place.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }

    /// Whether the problem concerns the whole file, so no row can be dropped to mend it.
    public var refusesWholeFile: Bool { kind.refusesWholeFile }
}

extension DataProblem {
    /// A kind of data problem; new kinds can be added without breaking callers.
    public struct Kind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file could not be opened or is not UTF-8 text.
        public static let unreadable = Kind(rawValue: "unreadable")
        /// There is no file at the path given.
        public static let fileNotFound = Kind(rawValue: "file_not_found")
        /// The file has no bytes, or no header.
        public static let emptyFile = Kind(rawValue: "empty_file")
        /// The file has a header but no data rows.
        public static let noDataRows = Kind(rawValue: "no_data_rows")
        /// A required column is absent from the header.
        public static let missingColumn = Kind(rawValue: "missing_column")
        /// The header names a column Ferry does not know.
        public static let unknownColumn = Kind(rawValue: "unknown_column")
        /// The header names a column twice.
        public static let duplicateColumn = Kind(rawValue: "duplicate_column")
        /// A row has more or fewer fields than the header.
        public static let wrongFieldCount = Kind(rawValue: "wrong_field_count")
        /// A date that is not ISO 8601 or not a real day.
        public static let unparsableDate = Kind(rawValue: "unparsable_date")
        /// A field that is not a finite number.
        public static let unparsableNumber = Kind(rawValue: "unparsable_number")
        /// A date earlier than the row before it.
        public static let dateOutOfOrder = Kind(rawValue: "date_out_of_order")
        /// A date equal to the row before it.
        public static let dateRepeated = Kind(rawValue: "date_repeated")
        /// High below Low.
        public static let highBelowLow = Kind(rawValue: "high_below_low")
        /// Open or Close outside the bar's [Low, High].
        public static let priceOutsideRange = Kind(rawValue: "price_outside_range")
        /// A price below zero.
        public static let negativePrice = Kind(rawValue: "negative_price")
        /// Two files name the same instrument.
        public static let duplicateInstrument = Kind(rawValue: "duplicate_instrument")
        /// A volume below zero.
        public static let negativeVolume = Kind(rawValue: "negative_volume")

        var refusesWholeFile: Bool {
            [.unreadable, .fileNotFound, .emptyFile, .noDataRows, .missingColumn, .unknownColumn, .duplicateColumn, .duplicateInstrument]
                .contains(self)
        }
    }
}
