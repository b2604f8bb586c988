/// How often a series has a bar: the typical step between consecutive timestamps.
public enum Frequency: String, Codable, Sendable, CaseIterable {
    /// One bar per minute.
    case minute
    /// One bar per hour.
    case hourly
    /// One bar per (trading) day.
    case daily
    /// One bar per week.
    case weekly
    /// One bar per month.
    case monthly
    /// A step that matches none of the above.
    case irregular

    /// The frequency whose step the median gap between timestamps is, or `nil` for fewer than two.
    ///
    /// The median ignores weekends and holidays in daily data and overnight breaks in intraday data.
    public static func infer(from timestamps: [Timestamp]) -> Frequency? {
        guard let step = medianStep(of: timestamps) else { return nil }
        switch step {
        case 60: return .minute
        case 3600: return .hourly
        case Timestamp.secondsPerDay: return .daily
        case 7 * Timestamp.secondsPerDay: return .weekly
        case 28 * Timestamp.secondsPerDay...31 * Timestamp.secondsPerDay: return .monthly
        default: return .irregular
        }
    }

    /// The median difference between consecutive timestamps, in seconds, or `nil` for fewer than two.
    public static func medianStep(of timestamps: [Timestamp]) -> Int64? {
        guard timestamps.count >= 2 else { return nil }
        let steps = zip(timestamps.dropFirst(), timestamps).map { $0.secondsSinceEpoch - $1.secondsSinceEpoch }.sorted()
        return steps[steps.count / 2]
    }
}
