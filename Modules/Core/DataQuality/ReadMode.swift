/// How a reader treats rows with problems.
public enum ReadMode: String, Codable, Sendable, CaseIterable {
    /// Refuse the whole file if any row has a problem (the default).
    case strict
    /// Drop each row that has a problem and report it; problems of the whole file still refuse it.
    case lenient
}
