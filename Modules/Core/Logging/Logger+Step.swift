import Logging

extension Logger {
    /// Runs one pipeline step and logs, at `info`, its name, what it read and produced, and how long it took.
    ///
    /// `describe` turns the step's result into metadata (rows, columns, file names), so each line
    /// of the log says what went in (`in.*`) and what came out (`out.*`).
    public func step<Result>(
        _ name: String, reading input: Logger.Metadata = [:],
        producing describe: (Result) -> Logger.Metadata = { _ in [:] },
        _ body: () throws -> Result
    ) rethrows -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        var metadata: Logger.Metadata = [:]
        for (key, value) in input { metadata["in.\(key)"] = value }
        for (key, value) in describe(result) { metadata["out.\(key)"] = value }
        metadata["ms"] = "\(Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1000 + Double(elapsed.components.seconds) * 1000)"
        info("\(name)", metadata: metadata)
        return result
    }
}
