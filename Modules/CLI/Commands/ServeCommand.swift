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

            Routes (the role each needs):
            """ + "\n" + FerryServer.routeList.map { "  " + $0 }.joined(separator: "\n"))

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var signatures: SignatureOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port.") var port = 8080
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

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port takes a port from 1 to 65535, not \(port)") }
        if let actEvery, actEvery < 1 { throw ValidationError("--act-every takes a number of seconds, 1 or more") }
    }

    func run() async throws {
        try await reportingFailuresAsync {
            var configuration = ServerConfiguration()
            (configuration.host, configuration.port) = (host, port)
            configuration.requireSignature = signatures.requireSignature
            configuration.strict = strict
            configuration.actEvery = actEvery.map { .seconds($0) }
            for split in splits {
                let parts = split.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ValidationError("--split '\(split)' is not MODEL=ARM:WEIGHT,ARM:WEIGHT")
                }
                configuration.splits[parts[0]] = try TrafficSplit(parts[1])
            }
            let logger = global.logger(for: "serve")
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
