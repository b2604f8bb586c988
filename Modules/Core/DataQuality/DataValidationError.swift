/// A market data file was refused; lists every problem found, each with its file and line.
public struct DataValidationError: CodedError, Sendable, Equatable, CustomStringConvertible {
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

    /// `notFound` when the file does not exist, else `invalidData`: the data was refused.
    public var code: FerryError.Code { problems.allSatisfy { $0.kind == .fileNotFound } ? .notFound : .invalidData }

    /// Whether dropping the faulty rows would leave a usable file (no problem refuses the whole file).
    public var rowsCanBeDropped: Bool { problems.contains(where: { !$0.refusesWholeFile }) }

    public var description: String {
        var lines = ["\(file) refused: \(problems.count) problem\(problems.count == 1 ? "" : "s")"]
        lines += problems.prefix(Self.problemsShown).map { "  \($0)" }
        if problems.count > Self.problemsShown {
            lines.append("  ... and \(problems.count - Self.problemsShown) more")
        }
        return lines.joined(separator: "\n")
    }
}
