import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry tokens`: bearer tokens for the HTTP API.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke the HTTP API's bearer tokens.",
        discussion: """
            Roles: read (list models, monitoring), predict (also predictions), admin (also \
            uploads and aliases). The store keeps only each token's SHA-256: a token is shown \
            once, when it is made.
            """,
        subcommands: [TokensCreateCommand.self, TokensListCommand.self, TokensRevokeCommand.self])
}

/// `ferry tokens create --role ROLE`.
struct TokensCreateCommand: ReportingCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a token and print it (once).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Option(help: "read, predict or admin.") var role: String
    @Option(help: "A name to tell the token apart in lists.") var name = ""
    @OptionGroup var why: ReasonOption
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    struct Created: Encodable {
        let token: String
        let entry: AccessToken
    }

    func perform() throws {
        guard let role = TokenRole(rawValue: role) else {
            throw ValidationError("--role must be read, predict or admin, not '\(role)'")
        }
        let (token, entry) = try TokenAdministration(store: storeOptions.location.open()).create(
            role: role, name: name, by: actor.user, reason: why.reason)
        if output.json { return try printJSON(Created(token: token, entry: entry)) }
        print(token)
        printError("token \(entry.id) (\(role.rawValue)) made; it is not shown again, keep it now")
    }
}

/// `ferry tokens list`.
struct TokensListCommand: ReportingCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (ids and roles, never secrets).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    /// A token as listed: never its hash.
    struct Listed: Encodable {
        let id: String, role: String, name: String, createdAt: String, createdBy: String
    }

    func perform() throws {
        let tokens = try TokenAdministration(store: storeOptions.location.open()).list().map {
            Listed(id: $0.id, role: $0.role.rawValue, name: $0.name, createdAt: $0.createdAt, createdBy: $0.createdBy)
        }
        if output.json { return try printJSON(tokens) }
        for token in tokens {
            print("\(token.id)  \(token.role)  \(token.name.isEmpty ? "-" : token.name)  made \(token.createdAt) by \(token.createdBy)")
        }
    }
}

/// `ferry tokens revoke ID`.
struct TokensRevokeCommand: ReportingCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its id.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption
    @Argument(help: "The token's id (the 8 hex digits after ferry_).") var id: String
    @OptionGroup var why: ReasonOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        try TokenAdministration(store: storeOptions.location.open()).revoke(id: id, by: actor.user, reason: why.reason)
        print("revoked token \(id)")
    }
}
