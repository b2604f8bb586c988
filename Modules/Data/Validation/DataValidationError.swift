/// A market data file was refused; lists every problem found, each with its file and line.
public struct DataValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file that was refused.
    public let file: String
    /// Every problem found, in file order.
    public let problems: [DataProblem]

    /// Makes the error for a refused file.
    public init(file: String, problems: [DataProblem]) {
        self.file = file
        self.problems = problems
    }

    /// How many problems are spelled out in ``description`` before the rest are counted.
    public static let problemsShown = 20

    public var description: String {
        var lines = ["\(file) refused: \(problems.count) problem\(problems.count == 1 ? "" : "s")"]
        lines += problems.prefix(Self.problemsShown).map { "  \($0)" }
        if problems.count > Self.problemsShown {
            lines.append("  ... and \(problems.count - Self.problemsShown) more (--json lists them all)")
        }
        if problems.contains(where: { !$0.refusesWholeFile }) {
            lines.append("  (--lenient drops the rows named above and reports each one)")
        }
        return lines.joined(separator: "\n")
    }
}
