import ArgumentParser
import Logging

/// Options every `ferry` command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        help: "How much to log to standard error: trace, debug, info, notice, warning, error or critical.",
        transform: { text in
            guard let level = Logger.Level(rawValue: text) else {
                throw ValidationError("'\(text)' is not a log level: trace, debug, info, notice, warning, error or critical")
            }
            return level
        })
    var logLevel: Logger.Level = .notice

    /// A logger for `command`, writing to standard error at the chosen level.
    func logger(for command: String) -> Logger {
        LoggingBootstrap.once()
        var logger = Logger(label: "ferry.\(command)")
        logger.logLevel = logLevel
        return logger
    }
}

/// Sets up swift-log once per process: structured lines on standard error, so standard output stays clean for `--json`.
enum LoggingBootstrap {
    private static let done: Void = LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }

    static func once() { _ = done }
}
