import Foundation
import Hummingbird
import Logging

/// A process's Prometheus metrics on a port of their own, for a front end that serves nothing
/// else over HTTP (`ferry stream --metrics-port`): `GET /metrics` answers `render()`'s text,
/// `GET /health` answers `ok`; nothing needs a token (bind it where only the scraper reaches).
public enum MetricsEndpoint {
    /// The application; `onListening` gets the port once the socket is bound (the one chosen for port 0).
    public static func application(
        host: String, port: Int, logger: Logger, render: @escaping @Sendable () -> String,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in JSONResponse.text(render(), contentType: "text/plain; version=0.0.4") }
        router.get("/health") { _, _ -> Response in JSONResponse.text("ok\n", contentType: "text/plain") }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "ferry"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
    }
}
