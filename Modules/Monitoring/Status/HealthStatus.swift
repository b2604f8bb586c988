/// Green, yellow or red: how far a deployed model can be trusted.
public enum HealthStatus: String, Codable, Sendable, Comparable, CaseIterable {
    /// Within every threshold.
    case green
    /// A metric is past its warning threshold.
    case yellow
    /// A metric is past its alarm threshold.
    case red

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.rank < rhs.rank }
}
