/// A point in time, in whole seconds since 1970-01-01 00:00:00 UTC.
///
/// Market files carry naive ISO 8601 dates (`2018-12-31`) or date-times (`2017-04-19 09:00:00`);
/// Ferry reads both as UTC so that the same file always gives the same index on every machine.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Seconds since the Unix epoch, UTC.
    public let secondsSinceEpoch: Int64

    /// One day in seconds.
    public static let secondsPerDay: Int64 = 86_400

    /// Makes a timestamp from seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Makes a timestamp from a calendar date and a time of day, or `nil` if any part is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
        secondsSinceEpoch = days * Self.secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Whole days since the Unix epoch (the calendar day this timestamp falls on).
    public var daysSinceEpoch: Int64 {
        secondsSinceEpoch >= 0
            ? secondsSinceEpoch / Self.secondsPerDay
            : (secondsSinceEpoch - Self.secondsPerDay + 1) / Self.secondsPerDay
    }

    /// Seconds after midnight UTC.
    public var secondOfDay: Int64 { secondsSinceEpoch - daysSinceEpoch * Self.secondsPerDay }

    /// The calendar day, as `(year, month, day)`.
    public var civilDate: (year: Int, month: Int, day: Int) { CivilCalendar.civilDate(daysSinceEpoch: daysSinceEpoch) }

    /// The same instant moved by a number of seconds.
    public func adding(seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}

/// The proleptic Gregorian calendar arithmetic behind ``Timestamp`` (days-from-civil, after Howard Hinnant).
enum CivilCalendar {
    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
