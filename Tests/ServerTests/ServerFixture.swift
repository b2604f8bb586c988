// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryBaselines
import FerryBundle
import FerryCore
import FerryLinear
import FerryModels
import FerryPipeline
import FerryStore
import FerryTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

@testable import FerryServer

/// A store with two registered versions of a ridge model on the fixture table (x1, x2 → y),
/// `champion` on 1.0.0 and `challenger` on 1.0.1, and one token per role.
struct ServerFixture {
    static let repository = TestRepository.root
    static let registry = FixtureModel.registry

    let directory: String
    let store: Store
    let tokens: [TokenRole: String]
    /// A third, unregistered bundle of the same model, for uploads.
    let spareBundle: String
    let metrics = ServerMetrics()

    /// The store's location, as `ferry serve` is given it.
    var location: StoreLocation { get throws { try StoreLocation(store.location) } }

    /// What the server trusts: the fixture's plugins, any signature.
    var trust: BundleTrust { BundleTrust(plugins: Self.registry) }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-server-\(UUID().uuidString)").path
        store = try Store(path: "\(directory)/store/ferry.sqlite")
        let model = try FixtureModel.shared()
        var paths: [String] = []
        for version in ["1.0.0", "1.0.1", "1.0.2"] {
            paths.append(try model.export(version: version, to: "\(directory)/table-ridge-\(version).tar.gz").path)
        }
        let registration = BundleRegistration(
            store: store,
            verifier: BundleVerifier(registry: Self.registry, environment: .current(ferryVersion: FerryVersion.current, plugins: [:])))
        for path in paths.prefix(2) { _ = try registration.add(path, by: "test") }
        try store.setAlias("champion", name: "table-ridge", version: "1.0.0", by: "test")
        try store.setAlias("challenger", name: "table-ridge", version: "1.0.1", by: "test")
        spareBundle = paths[2]
        var tokens: [TokenRole: String] = [:]
        for role in TokenRole.allCases { tokens[role] = try store.createToken(role: role, name: role.rawValue, by: "test").token }
        self.tokens = tokens
    }

    func application(_ change: (inout ServerConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
        var configuration = ServerConfiguration()
        configuration.port = 0
        change(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try FerryServer.application(configuration: configuration, store: location, trust: trust, metrics: metrics, logger: logger)
    }

    func headers(_ role: TokenRole?, json: Bool = true, caller: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let role { fields[.authorization] = "Bearer \(tokens[role]!)" }
        if json { fields[.contentType] = "application/json" }
        if let caller { fields[HTTPField.Name("X-Ferry-Caller")!] = caller }
        return fields
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension ByteBuffer {
    /// The body as a JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: self))) as? [String: Any] ?? [:] }
}
