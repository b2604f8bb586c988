extension String {
    /// The text followed by spaces up to `width` characters, and at least one: a column of plain-text output.
    func padded(to width: Int) -> String { self + String(repeating: " ", count: Swift.max(1, width - count)) }
}
