import FerryCore
import FerryStore
import Foundation

/// Token, model and pause lookups kept for a short while, so a busy server does not read the store
/// twice for every request. Changes made through this server clear it at once; changes made
/// elsewhere (the CLI: a revoked token, a promotion, a pause) take effect within ``lifetime``.
final class RegistryLookups: @unchecked Sendable {
    /// How long an answer is kept.
    static let lifetime: TimeInterval = 2

    private let store: Store
    private let lock = NSLock()
    private var tokens: [String: (AccessToken?, Date)] = [:]
    private var models: [String: (RegisteredBundle, Date)] = [:]
    private var pauses: [String: (ModelPause?, Date)] = [:]

    init(store: Store) { self.store = store }

    /// The entry of a presented token, or `nil` when the store has none.
    func token(_ token: String) throws -> AccessToken? {
        if let cached = cached(token, in: \.tokens) { return cached }
        let entry = try store.accessToken(matching: token)
        remember(token, entry, in: \.tokens)
        return entry
    }

    /// The bundle a reference resolves to; throws ``FerryError`` as ``Store/resolve(_:)`` does (not cached).
    func resolve(_ reference: ModelReference) throws -> RegisteredBundle {
        if let cached = cached(reference.description, in: \.models) { return cached }
        let entry = try store.resolve(reference)
        remember(reference.description, entry, in: \.models)
        return entry
    }

    /// The pause on `alias` of model `name` (`""`: its default), if there is one.
    func pause(name: String, alias: String) throws -> ModelPause? {
        let key = "\(name)@\(alias)"
        if let cached = cached(key, in: \.pauses) { return cached }
        let pause = try store.pause(name: name, alias: alias)
        remember(key, pause, in: \.pauses)
        return pause
    }

    /// Forgets everything (after an upload or an alias change).
    func clear() {
        lock.lock()
        (tokens, models, pauses) = ([:], [:], [:])
        lock.unlock()
    }

    private func cached<Value>(_ key: String, in table: ReferenceWritableKeyPath<RegistryLookups, [String: (Value, Date)]>) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard let (value, at) = self[keyPath: table][key], Date().timeIntervalSince(at) < Self.lifetime else { return nil }
        return value
    }

    private func remember<Value>(
        _ key: String, _ value: Value, in table: ReferenceWritableKeyPath<RegistryLookups, [String: (Value, Date)]>
    ) {
        lock.lock()
        self[keyPath: table][key] = (value, Date())
        lock.unlock()
    }
}
