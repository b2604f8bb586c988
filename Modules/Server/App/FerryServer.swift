import FerryBundle
import FerryPipeline
import FerryStore
import Hummingbird
import Logging

/// Ferry's HTTP API: the registry, predictions (A/B-routed and logged), monitoring, metrics.
public enum FerryServer {
    /// The application `ferry serve` runs (and tests drive), over `store`, loading bundles with `verifier`.
    public static func application(
        configuration: ServerConfiguration, store: Store, verifier: BundleVerifier, metrics: ServerMetrics = ServerMetrics(),
        logger: Logger = Logger(label: "ferry.serve")
    ) -> some ApplicationProtocol {
        Application(
            router: router(configuration: configuration, store: store, verifier: verifier, metrics: metrics),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ferry"), logger: logger)
    }

    /// Every route behind the metrics and token middlewares, in that order: a refused request is counted too.
    static func router(configuration: ServerConfiguration, store: Store, verifier: BundleVerifier, metrics: ServerMetrics) -> Router<FerryRequestContext> {
        let router = Router(context: FerryRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        let lookups = LookupCache(store: store)
        router.add(middleware: BearerTokenMiddleware(lookups: lookups))
        var uploads = verifier
        uploads.requireSignature = configuration.requireSignature
        let models = ServedModels(verifier: verifier)
        let inputs = ServedInputs()
        OpenRoutes(metrics: metrics).add(to: router)
        ModelRoutes(store: store, models: models).add(to: router)
        DashboardRoutes().add(to: router)
        AdminRoutes(store: store, lookups: lookups, registration: BundleRegistration(store: store, verifier: uploads), maxBundleBytes: configuration.maxBundleBytes)
            .add(to: router)
        PredictRoutes(lookups: lookups, models: models, metrics: metrics, inputs: inputs, log: GroupCommitLog(store: store), splits: configuration.splits, maxBytes: configuration.maxPredictBytes)
            .add(to: router)
        MonitoringRoutes(store: store, models: models, metrics: metrics, inputs: inputs).add(to: router)
        return router
    }
}
