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
        let serving = ModelServing(store: store, verifier: verifier, splits: configuration.splits)
        router.add(middleware: BearerTokenMiddleware(serving: serving))
        var uploads = verifier
        uploads.requireSignature = configuration.requireSignature
        OpenRoutes(metrics: metrics).add(to: router)
        ModelRoutes(store: store, serving: serving).add(to: router)
        DashboardRoutes().add(to: router)
        AdminRoutes(
            serving: serving, registration: BundleRegistration(store: store, verifier: uploads), changes: RegistryChanges(store: store),
            maxBundleBytes: configuration.maxBundleBytes
        ).add(to: router)
        PredictRoutes(serving: serving, metrics: metrics, maxBytes: configuration.maxPredictBytes).add(to: router)
        MonitoringRoutes(monitoring: ServedMonitoring(serving: serving), metrics: metrics).add(to: router)
        return router
    }
}
