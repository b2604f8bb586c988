/// A Redis stream entry id, `MILLISECONDS-SEQUENCE`, ordered as Redis orders them.
struct EntryID: Comparable, Hashable, CustomStringConvertible {
    /// The server's clock when the entry was added, in milliseconds since 1970.
    let milliseconds: UInt64
    /// The entry's place among those of the same millisecond.
    let sequence: UInt64

    /// Reads `text`; `nil` when it is not an id.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let milliseconds = UInt64(parts[0]), let sequence = UInt64(parts[1]) else { return nil }
        (self.milliseconds, self.sequence) = (milliseconds, sequence)
    }

    var description: String { "\(milliseconds)-\(sequence)" }

    static func < (lhs: EntryID, rhs: EntryID) -> Bool { (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence) }
}
