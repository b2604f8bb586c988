/// One grading of a registered version by monitoring: green, yellow or red against its bundle's
/// baseline, on how many graded predictions. A rollback looks for the newest earlier version whose
/// last grade was green.
public struct ModelGrade: Codable, Sendable, Equatable {
    /// The model's name and the version graded.
    public var name: String
    public var version: String
    /// `green`, `yellow` or `red`.
    public var status: String
    /// The metric that decided the status, if one did.
    public var decidingMetric: String?
    /// Predictions with realised outcomes the grade is based on.
    public var pairs: Int
    /// When (UTC, ISO 8601).
    public var gradedAt: String

    /// Makes a grade record.
    public init(name: String, version: String, status: String, decidingMetric: String?, pairs: Int, gradedAt: String) {
        (self.name, self.version, self.status, self.decidingMetric) = (name, version, status, decidingMetric)
        (self.pairs, self.gradedAt) = (pairs, gradedAt)
    }

    enum CodingKeys: String, CodingKey {
        case name, version, status, pairs
        case decidingMetric = "deciding_metric"
        case gradedAt = "graded_at"
    }
}
