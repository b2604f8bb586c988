import ArgumentParser
import FerryPipeline
import Foundation

/// The store a command reads and writes, and who is acting.
struct StoreOptions: ParsableArguments {
    @Option(
        help:
            "The store (registry, runs, prediction log, audit trail): a SQLite file, or postgres://USER@HOST:PORT/DATABASE shared by a team (password from $PGPASSWORD; see docs/store.md). (default: $FERRY_STORE, else store/ferry.sqlite)"
    )
    var store: String?

    /// Where the store is; a URL of a scheme this build does not have is refused.
    var location: StoreLocation { get throws { try StoreLocation(store) } }
}

/// Why a change is made, for the audit trail (`ferry registry history`).
struct ReasonOption: ParsableArguments {
    @Option(help: "Why, for the audit trail (ferry registry history).") var reason: String?
}

/// Who a registry change is recorded as.
struct ActorOption: ParsableArguments {
    @Option(help: "Who is making the change, for the registry's history. (default: $USER)") var by: String?

    var user: String { by ?? ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown" }
}
