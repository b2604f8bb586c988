import ArgumentParser

/// A `ferry` command whose work is ``perform()``: a failure is printed as `ferry: error: ...` on
/// standard error and exits with the code ``FerryExitCode`` maps it to, the same for every command.
protocol ReportingCommand: ParsableCommand {
    /// The command's work; throws what went wrong.
    func perform() throws

    /// Whether the command takes `--lenient`, so a refused file's message says what it would do.
    static var offersLenient: Bool { get }
}

extension ReportingCommand {
    static var offersLenient: Bool { false }

    func run() throws { try reportingFailures(offersLenient: Self.offersLenient) { try perform() } }
}
