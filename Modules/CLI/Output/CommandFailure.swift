import ArgumentParser
import FerryCore
import Foundation

/// Ferry's exit codes, after BSD's sysexits so scripts can tell the failures apart; every
/// library error reaches its code through ``of(_:)``, the one place the mapping is made.
enum FerryExitCode {
    /// The command was used wrongly: a flag, a name or a value the library refused.
    static let usage = ExitCode(64)
    /// The input data was refused.
    static let dataRefused = ExitCode(65)
    /// An input file, folder, run or model was not found.
    static let noInput = ExitCode(66)
    /// Monitoring graded the model red.
    static let red = ExitCode(20)
    /// The promotion gate refused the challenger.
    static let refused = ExitCode(21)
    /// The model reference is paused (its status policy took it out of service).
    static let paused = ExitCode(22)

    /// The exit code of a library error's code.
    static func of(_ code: FerryError.Code) -> ExitCode {
        switch code {
        case .invalidArgument: usage
        case .invalidData: dataRefused
        case .notFound: noInput
        case .conflict, .refused, .unavailable, .io, .internal: .failure
        }
    }

    /// The exit code of any error a command's body throws.
    static func of(_ error: any Error) -> ExitCode {
        switch error {
        case let refused as BundleError: ExitCode(refused.failing.exitCode)
        case is ModelPausedError: paused
        case let coded as any CodedError: of(coded.code)
        default: .failure
        }
    }

    /// What to tell the user, beside the library's message, about the flag behind an input
    /// field the library names (library messages never name flags).
    static let flagHints: [String: String] = [
        "reference": "give --with FILE, the series the bundle was trained with",
        "lookback": "set it with --lookback",
        "validationStart": "--validation-start and --test-start set the two dates",
        "port": "choose one with --port",
        "store": "--store or $FERRY_STORE names it",
        "force": "give --force --reason TEXT to make it anyway; the history records it",
        "webhook": "set it with --webhook",
        "tokens-file": "--tokens-file or FERRY_TOKENS_FILE names it; a line is ROLE TOKEN [NAME]",
    ]
}

/// Runs a command's body; prints a failure as `ferry: error: ...` on standard error and exits with its code.
/// - Parameters:
///   - offersLenient: The command takes `--lenient`, so a refused file's message says what it would do.
///   - body: The command's work.
/// - Throws: `ExitCode` with the failure's code, after printing it.
func reportingFailures(offersLenient: Bool = false, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("ferry: error: \(error)")
        if let field = (error as? FerryError)?.field, let hint = FerryExitCode.flagHints[field] { printError("  (\(hint))") }
        if offersLenient, let refused = error as? DataValidationError, refused.rowsCanBeDropped {
            printError("  (--lenient drops the rows named above and reports each one)")
        }
        throw FerryExitCode.of(error)
    }
}

/// ``reportingFailures(offersLenient:_:)`` for an async body.
func reportingFailuresAsync(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        try reportingFailures { throw error }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
