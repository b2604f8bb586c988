import FerryCore

/// The model plugins a build of Ferry knows, from an explicit list (no code is loaded at run time).
public struct PluginRegistry: Sendable {
    /// The registered plugin types, in the order given.
    public let plugins: [any ModelPlugin.Type]

    /// Makes a registry; throws ``PluginRegistryError`` if two plugins share an id.
    public init(_ plugins: [any ModelPlugin.Type]) throws {
        var seen = Set<String>()
        for plugin in plugins where !seen.insert(plugin.id).inserted {
            throw PluginRegistryError(message: "two plugins share the id '\(plugin.id)'")
        }
        self.plugins = plugins
    }

    /// The naive baselines among the plugins, in registration order.
    public var baselines: [any ModelPlugin.Type] { plugins.filter { $0.isBaseline } }

    /// The plugin with `id`; throws, listing the plugins this build has, when there is none.
    public func plugin(id: String) throws -> any ModelPlugin.Type {
        guard let plugin = plugins.first(where: { $0.id == id }) else {
            let known = plugins.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
            let hint = ClosestName.to(id, in: plugins.map { $0.id }).map { "did you mean \($0)? " } ?? ""
            throw PluginRegistryError(message: "no plugin '\(id)' in this build; \(hint)it has: \(known.isEmpty ? "none" : known)")
        }
        return plugin
    }
}

/// A plugin was not found, or two share an id.
public struct PluginRegistryError: CodedError, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// `invalidArgument`: a plugin id the caller named, or a build that registered one twice.
    public var code: FerryError.Code { .invalidArgument }

    public var description: String { message }
}
