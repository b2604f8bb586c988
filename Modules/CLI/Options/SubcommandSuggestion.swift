import ArgumentParser
import FerryCore

/// "Did you mean …?" for a mistyped command name, which argument-parser reports only as an
/// unexpected argument.
enum SubcommandSuggestion {
    /// The message for the first name in `arguments` that is not a command where one is
    /// expected, or `nil` when the names are right (checking stops at the first option, whose
    /// value could be anything).
    static func message(for arguments: [String], root: any ParsableCommand.Type = FerryCommand.self) -> String? {
        var command = root
        var path = [root._commandName]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !argument.hasPrefix("-"), !subcommands.isEmpty else { return nil }
            guard let next = subcommands.first(where: { $0._commandName == argument }) else {
                let names = subcommands.map { $0._commandName }
                let hint = ClosestName.to(argument, in: names).map { "; did you mean '\($0)'?" } ?? ""
                return "unknown command '\((path + [argument]).joined(separator: " "))'\(hint) (commands: \(names.joined(separator: ", ")))"
            }
            command = next
            path.append(argument)
        }
        return nil
    }
}
