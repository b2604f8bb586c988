/// A single macro or reference series (FRED's `Date,Value` format), with missing days kept as `nil`.
///
/// FRED writes `.` for a day with no observation (a holiday); those are real gaps, so Ferry keeps
/// them visible instead of inventing a value. Alignment onto an instrument's calendar decides,
/// under an explicit policy, what fills them.
public struct MacroSeries: Sendable, Equatable {
    /// The series' name (its file stem or value column).
    public let id: InstrumentID
    /// Observation dates, strictly increasing.
    public let timestamps: [Timestamp]
    /// Observed values; `nil` where the source marks the day missing.
    public let values: [Double?]

    /// Makes a series; throws ``FrameError`` when the two arrays differ in length.
    public init(id: InstrumentID, timestamps: [Timestamp], values: [Double?]) throws {
        guard timestamps.count == values.count else {
            throw FrameError.lengthMismatch(column: "\(id) values", expected: timestamps.count, actual: values.count)
        }
        self.id = id
        self.timestamps = timestamps
        self.values = values
    }

    /// How many dates the series lists, observed or missing.
    public var count: Int { timestamps.count }

    /// How many listed dates have no observation.
    public var missingCount: Int { values.lazy.filter { $0 == nil }.count }
}
