import FerryCore

/// When a model is due for retraining: on a schedule, or at once when its status is yellow or red.
public struct RetrainPolicy: Codable, Sendable, Equatable {
    /// Months between scheduled retrains (the plan says 1 to 3).
    public var everyMonths = 3

    /// Makes a policy retraining every `everyMonths` months.
    public init(everyMonths: Int = 3) { self.everyMonths = everyMonths }

    /// Whether a model made at `created` is due by `now` with `status`, and why.
    public func due(created: Timestamp, now: Timestamp, status: HealthStatus) -> (due: Bool, reason: String) {
        let days = (now.secondsSinceEpoch - created.secondsSinceEpoch) / Timestamp.secondsPerDay
        let scheduleDays = Int64(everyMonths) * 30
        if status != .green { return (true, "status is \(status.rawValue)") }
        if days >= scheduleDays { return (true, "\(days) days since the model was made; the schedule is every \(everyMonths) months") }
        return (false, "\(scheduleDays - days) days until the scheduled retrain (every \(everyMonths) months)")
    }
}
