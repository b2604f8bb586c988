import ArgumentParser
import FerryStore

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
struct TokensCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a token and print it (once).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var actor: ActorOption

    @Option(help: "read, predict or admin.")
    var role: String

    @Option(help: "A name to tell the token apart in lists.")
    var name = ""

    @Flag(help: "Print the token and its entry as JSON.")
    var json = false

    struct Created: Encodable {
        let token: String
        let entry: AccessToken
    }

    func run() throws {
        try reportingFailures {
            guard let role = TokenRole(rawValue: role) else { throw ValidationError("--role must be read, predict or admin, not '\(role)'") }
            let (token, entry) = try storeOptions.open().createToken(role: role, name: name, by: actor.user)
            if json { return try printJSON(Created(token: token, entry: entry)) }
            print(token)
            printError("token \(entry.id) (\(role.rawValue)) made; it is not shown again, keep it now")
        }
    }
}

/// `ferry tokens list`.
struct TokensListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (ids and roles, never secrets).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        try reportingFailures {
            for token in try storeOptions.open().accessTokens() {
                print("\(token.id)  \(token.role.rawValue)  \(token.name.isEmpty ? "-" : token.name)  made \(token.createdAt) by \(token.createdBy)")
            }
        }
    }
}

/// `ferry tokens revoke ID`.
struct TokensRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its id.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The token's id (the 8 hex digits after ferry_).")
    var id: String

    func run() throws {
        try reportingFailures {
            try storeOptions.open().revokeToken(id: id)
            print("revoked token \(id)")
        }
    }
}
