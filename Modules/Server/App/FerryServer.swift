import FerryCore
import FerryPipeline
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Ferry's HTTP API: the registry, predictions (A/B-routed and logged), monitoring, metrics.
public enum FerryServer {
    /// The application `ferry serve` runs (and tests drive), over the store at `location`,
    /// loading bundles with what `trust` trusts (uploads also refused unsigned when the
    /// configuration says so).
    /// `onListening` is called with the port once the socket is bound (the one chosen when the
    /// configuration's port is 0).
    /// - Throws: ``FerryError`` when the store cannot be opened, ``BundleError`` when the trusted keys cannot be read.
    public static func application(
        configuration: ServerConfiguration, store location: StoreLocation, trust: BundleTrust, metrics: ServerMetrics = ServerMetrics(),
        logger: Logger = Logger(label: "ferry.serve"), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let store = try location.open()
        let verifier = try trust.verifier()
        let serving = ModelServing(
            store: store, verifier: verifier, splits: configuration.splits, strict: configuration.strict, pulls: trust)
        var services: [any Service] = []
        if let interval = configuration.actEvery {
            var actions = StatusActions(store: store, verifier: verifier)
            actions.notesShadowWithoutChallenger = true
            actions.serving = serving
            services.append(StatusPolicySchedule(actions: actions, interval: interval, logger: logger))
        }
        return Application(
            router: try router(configuration: configuration, serving: serving, trust: trust, metrics: metrics),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ferry"),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) }, logger: logger)
    }

    /// Runs `application` until SIGINT or SIGTERM.
    /// - Throws: ``FerryError`` `unavailable` (field `port`) naming the address when its port is
    ///   already taken, instead of the socket layer's bare `bind` error.
    public static func run(_ application: some ApplicationProtocol, configuration: ServerConfiguration) async throws {
        do {
            try await application.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw FerryError(
                .unavailable,
                "port \(configuration.port) on \(configuration.host) is already in use (is another server running?); choose a free port",
                field: "port", cause: error)
        }
    }

    /// Every route, one line each (`GET /v1/models  [read]`), as `ferry serve --help` lists them:
    /// the same table `/openapi.json` is made from, which a test checks against the router.
    public static var routeList: [String] {
        OpenAPIDocument.routes.map { "\($0.method.uppercased()) \($0.path)  [\($0.role ?? "open")]" }
    }

    /// Every route behind the metrics, allowed-methods (405 for a 404 whose path takes other methods) and token
    /// middlewares, in that order: a refused request is counted too.
    static func router(configuration: ServerConfiguration, serving: ModelServing, trust: BundleTrust, metrics: ServerMetrics) throws
        -> Router<FerryRequestContext>
    {
        let router = Router(context: FerryRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: AllowedMethodsMiddleware())
        let store = serving.store
        router.add(middleware: BearerTokenMiddleware(serving: serving))
        var uploads = trust
        uploads.requireSignature = configuration.requireSignature
        OpenRoutes(metrics: metrics).add(to: router)
        ModelRoutes(queries: RegistryQueries(store: store), serving: serving).add(to: router)
        DashboardRoutes().add(to: router)
        AdminRoutes(
            serving: serving, registration: BundleRegistration(store: store, verifier: try uploads.verifier()),
            changes: RegistryChanges(store: store), maxBundleBytes: configuration.maxBundleBytes
        ).add(to: router)
        PredictRoutes(serving: serving, metrics: metrics, maxBytes: configuration.maxPredictBytes).add(to: router)
        MonitoringRoutes(monitoring: ServedMonitoring(serving: serving), metrics: metrics).add(to: router)
        InferenceRoutes(
            serving: serving, queries: RegistryQueries(store: store), metrics: metrics, maxBytes: configuration.maxPredictBytes,
            requireSignature: configuration.requireSignature
        ).add(to: router)
        return router
    }
}
