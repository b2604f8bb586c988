import FerryCore

/// Joins a macro series onto an instrument's dates without looking ahead.
///
/// The value on an instrument date `d` is the latest observation dated at or before
/// `d - availabilityLagDays`; a later observation is never used. Days before the first usable
/// observation, or whose latest observation is older than `maxAgeDays`, stay missing (`nan`) and
/// are counted in the result, never invented.
public struct CalendarAlignment: Sendable, Equatable, Codable {
    /// What fills a date the macro series has no observation for.
    public enum GapPolicy: String, Sendable, Equatable, Codable {
        /// Carry the latest earlier observation forward (subject to `maxAgeDays`).
        case forwardFill = "forward_fill"
        /// Use only an observation dated exactly on the (lagged) day; otherwise leave the day missing.
        case exactDate = "exact_date"
    }

    /// What fills dates without an observation of their own.
    public var gapPolicy: GapPolicy
    /// How many days after its date an observation becomes usable (0: the same day's close).
    public var availabilityLagDays: Int
    /// The oldest an observation may be, in days, and still fill a date; `nil` for no limit.
    public var maxAgeDays: Int?

    /// Makes a policy; by default forward-fill same-day-or-earlier observations up to 7 days old.
    public init(gapPolicy: GapPolicy = .forwardFill, availabilityLagDays: Int = 0, maxAgeDays: Int? = 7) {
        self.gapPolicy = gapPolicy
        self.availabilityLagDays = availabilityLagDays
        self.maxAgeDays = maxAgeDays
    }

    /// The macro series' values on `dates` (which must be increasing), with counts of what was filled.
    public func align(_ macro: MacroSeries, onto dates: [Timestamp]) -> AlignedSeries {
        var values = [Double](repeating: .nan, count: dates.count)
        var filled = 0
        var cursor = 0
        var latest: (day: Int64, value: Double)?
        let lag = Int64(availabilityLagDays)
        for (position, date) in dates.enumerated() {
            let usableUntil = date.daysSinceEpoch - lag
            while cursor < macro.count, macro.timestamps[cursor].daysSinceEpoch <= usableUntil {
                if let value = macro.values[cursor] { latest = (macro.timestamps[cursor].daysSinceEpoch, value) }
                cursor += 1
            }
            guard let (day, value) = latest else { continue }
            let age = usableUntil - day
            if age == 0 {
                values[position] = value
            } else if gapPolicy == .forwardFill, maxAgeDays.map({ age <= Int64($0) }) ?? true {
                values[position] = value
                filled += 1
            }
        }
        return AlignedSeries(id: macro.id, values: values, forwardFilled: filled)
    }
}

/// A macro series laid onto an instrument's dates.
public struct AlignedSeries: Sendable, Equatable {
    /// The macro series' name.
    public let id: InstrumentID
    /// One value per instrument date; `nan` where none could be used.
    public let values: [Double]
    /// How many dates took an earlier observation.
    public let forwardFilled: Int

    /// How many dates are left missing.
    public var missing: Int { values.lazy.filter(\.isNaN).count }
}
