/// What `ferry data inspect` reports of one file: size, dates, frequency, gaps and problems.
public struct DataInspection: Codable, Sendable, Equatable {
    /// The file as the user named it.
    public let file: String
    /// `prices` for bars, `macro` for a single series, `refused` when the file could not be read as either.
    public let kind: String
    /// The instrument or series name.
    public let instrument: String
    /// Data rows in the file.
    public let rowsRead: Int
    /// Rows that pass validation.
    public let validRows: Int
    /// The first valid date.
    public let first: Timestamp?
    /// The last valid date.
    public let last: Timestamp?
    /// The typical step between rows.
    public let frequency: Frequency?
    /// Steps much longer than the typical one (more than ``gapFactor`` times it).
    public let gaps: GapReport
    /// Dates a macro series lists without a value (`.` in FRED files).
    public let missingValues: Int
    /// Every problem found, in file order.
    public let problems: [DataProblem]
    /// Whether the file is accepted in the mode it was inspected under.
    public let accepted: Bool

    /// A step longer than this many typical steps counts as a gap (a long weekend in daily data is not one).
    public static let gapFactor: Int64 = 4

    /// Makes a report; `DataInspection.inspect(_:mode:)` (FerryData) is how one is made from a file.
    package init(
        file: String, kind: String, instrument: String, rowsRead: Int, validRows: Int, first: Timestamp?, last: Timestamp?,
        frequency: Frequency?, gaps: GapReport, missingValues: Int, problems: [DataProblem], accepted: Bool
    ) {
        self.file = file
        self.kind = kind
        self.instrument = instrument
        self.rowsRead = rowsRead
        self.validRows = validRows
        self.first = first
        self.last = last
        self.frequency = frequency
        self.gaps = gaps
        self.missingValues = missingValues
        self.problems = problems
        self.accepted = accepted
    }
}

/// The gaps of a series: how many, and the longest few.
public struct GapReport: Codable, Sendable, Equatable {
    /// One gap: the rows on either side of it.
    public struct Gap: Codable, Sendable, Equatable {
        /// The last date before the gap.
        public let from: Timestamp
        /// The first date after it.
        public let to: Timestamp
        /// Its length in days.
        public let days: Double
    }

    /// How many gaps there are.
    public let count: Int
    /// The longest gaps, longest first (at most ``shown``).
    public let longest: [Gap]

    /// How many gaps ``longest`` lists.
    public static let shown = 5

    /// Finds the gaps of increasing `timestamps`.
    public init(_ timestamps: [Timestamp]) {
        guard let step = Frequency.medianStep(of: timestamps) else {
            count = 0
            longest = []
            return
        }
        let gaps = zip(timestamps, timestamps.dropFirst())
            .filter { $1.secondsSinceEpoch - $0.secondsSinceEpoch > DataInspection.gapFactor * step }
            .map { Gap(from: $0, to: $1, days: Double($1.secondsSinceEpoch - $0.secondsSinceEpoch) / 86_400) }
        count = gaps.count
        longest = Array(gaps.sorted { $0.days > $1.days }.prefix(Self.shown))
    }
}
