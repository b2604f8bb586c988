import ArgumentParser
import FerryPipeline
import FerryServer
import Foundation

/// `ferry serve`: the HTTP API over the store's registry.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the registry's models over HTTP: predictions (A/B), monitoring, uploads, metrics.",
        discussion: """
            Every route but /health and /openapi.json needs Authorization: Bearer TOKEN (ferry \
            tokens create --role read|predict|admin). Routes and roles: /openapi.json. A/B: \
            --split SPX-lasso=champion:90,challenger:10 sends each caller (X-Ferry-Caller \
            header, else the token) to the same arm every time; the arm is logged with each \
            prediction. Stops on SIGINT or SIGTERM.

            In a container, the environment stands in for flags not given: FERRY_STORE, \
            FERRY_HOST, FERRY_PORT, FERRY_TOKENS_FILE, FERRY_TRUSTED_KEYS, \
            FERRY_REQUIRE_SIGNATURE (true or false), FERRY_ACT_EVERY (docs/deploy.md).

            Routes (the role each needs):
            """ + "\n" + FerryServer.routeList.map { "  " + $0 }.joined(separator: "\n"))

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var signatures: SignatureOptions
    @Option(help: "The address to listen on. (default: $FERRY_HOST, else 127.0.0.1)") var host: String?
    @Option(help: "The port. (default: $FERRY_PORT, else 8080)") var port: Int?
    @Option(
        help:
            "A file of tokens to accept, one per line as ROLE TOKEN [NAME] (a Kubernetes Secret); kept as hashes in the store. (default: $FERRY_TOKENS_FILE)"
    )
    var tokensFile: String?
    @Flag(help: "Refuse request rows that lack a feature or carry a field the model does not read (a request's \"strict\" overrides it).")
    var strict = false
    @Option(
        name: .customLong("pull"),
        help:
            "Pull an oci://host[:port]/repository:tag bundle, verify it and register it (staging, pinned to its digest) before serving (repeatable)."
    )
    var pulls: [String] = []
    @Option(name: .customLong("split"), help: "An A/B split, MODEL=ARM:WEIGHT,ARM:WEIGHT (repeatable; arms are aliases or versions).")
    var splits: [String] = []
    @Option(
        help:
            "Apply every model's status policy (ferry registry policy) this many seconds apart: grade from the log, roll back or pause at red. (default: never; ferry monitor --model NAME --act does it on demand)"
    )
    var actEvery: Int?
    @OptionGroup var global: GlobalOptions

    /// The environment the flags fall back on.
    var environment: [String: String] { ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty } }

    /// A whole number from a flag, else from environment variable `name`.
    private func number(_ flag: Int?, _ name: String) throws -> Int? {
        if let flag { return flag }
        guard let text = environment[name] else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name) must be a whole number, not '\(text)'") }
        return value
    }

    func validate() throws {
        let port = try number(port, "FERRY_PORT") ?? 8080
        guard (1...65535).contains(port) else { throw ValidationError("the port must be 1 to 65535, not \(port) (--port or FERRY_PORT)") }
        if let actEvery = try number(actEvery, "FERRY_ACT_EVERY"), actEvery < 1 {
            throw ValidationError("--act-every (or FERRY_ACT_EVERY) takes a number of seconds, 1 or more")
        }
        if let flag = environment["FERRY_REQUIRE_SIGNATURE"], !["true", "false", "1", "0"].contains(flag.lowercased()) {
            throw ValidationError("FERRY_REQUIRE_SIGNATURE must be true or false, not '\(flag)'")
        }
    }

    /// The signature rules: the flags, else FERRY_TRUSTED_KEYS and FERRY_REQUIRE_SIGNATURE.
    private var signatureRules: SignatureOptions {
        var rules = signatures
        rules.trustedKeys = rules.trustedKeys ?? environment["FERRY_TRUSTED_KEYS"]
        rules.requireSignature = rules.requireSignature || ["true", "1"].contains(environment["FERRY_REQUIRE_SIGNATURE"]?.lowercased())
        return rules
    }

    func run() async throws {
        try await reportingFailuresAsync {
            var configuration = ServerConfiguration()
            let host = host ?? environment["FERRY_HOST"] ?? "127.0.0.1"
            (configuration.host, configuration.port) = (host, try number(port, "FERRY_PORT") ?? 8080)
            let signatures = signatureRules
            configuration.requireSignature = signatures.requireSignature
            configuration.strict = strict
            configuration.actEvery = try number(actEvery, "FERRY_ACT_EVERY").map { .seconds($0) }
            for split in splits {
                let parts = split.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ValidationError("--split '\(split)' is not MODEL=ARM:WEIGHT,ARM:WEIGHT")
                }
                configuration.splits[parts[0]] = try TrafficSplit(parts[1])
            }
            let logger = global.logger(for: "serve")
            if let tokensFile = tokensFile ?? environment["FERRY_TOKENS_FILE"] {
                let added = try TokenAdministration(store: try storeOptions.location.open()).importTokens(
                    from: tokensFile, by: "ferry serve")
                logger.notice("tokens", metadata: ["file": "\(tokensFile)", "new": "\(added)"])
            }
            for reference in pulls {
                guard RegistryImport.isRegistryReference(reference) else {
                    throw ValidationError("--pull takes oci://host[:port]/repository:tag, not '\(reference)'")
                }
                let (entry, _) = try await RegistryImport(trust: try signatures.trust()).add(
                    reference, store: try storeOptions.location.open(), by: "ferry serve --pull")
                logger.notice(
                    "pulled",
                    metadata: [
                        "model": "\(entry.name)@\(entry.version)", "stage": "\(entry.stage.rawValue)",
                        "source": "\(entry.source ?? reference)",
                    ])
            }
            let store = try storeOptions.location
            let application = try FerryServer.application(
                configuration: configuration, store: store, trust: try signatures.trust(), logger: logger
            ) { port in
                logger.notice("serving", metadata: ["address": "http://\(host):\(port)", "store": "\(store)"])
            }
            try await FerryServer.run(application, configuration: configuration)
        }
    }
}
