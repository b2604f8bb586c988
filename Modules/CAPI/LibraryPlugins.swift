import FerryBuiltInPlugins
import FerryCAPIHooks
import FerryModels

/// The plugins a libferry knows: the built-in ones, and those a team's own libferry adds.
///
/// A team builds its own libferry (a dynamic library of its package, linking Ferry's `FerryCAPI`
/// product and its plugins) and names its plugins in one exported function, as a team's `ferry`
/// does with `FerryCLI.main(plugins:)`:
///
/// ```swift
/// @_cdecl("ferry_extra_plugins")
/// public func ferryExtraPlugins() -> UnsafeMutableRawPointer { LibraryPlugins.handOver([CrossoverPlugin.self]) }
/// ```
///
/// `ferry_extra_plugins` is a weak symbol (Modules/CAPIHooks): the linker binds it to the team's
/// definition, and the first open calls it (nothing runs when the library is loaded). Ferry's own
/// libferry has none and knows the built-in plugins only.
public final class LibraryPlugins: @unchecked Sendable {
    private let plugins: [any ModelPlugin.Type]

    private init(_ plugins: [any ModelPlugin.Type]) { self.plugins = plugins }

    /// Hands `plugins` to libferry from a team's `ferry_extra_plugins`.
    /// - Parameter plugins: The team's plugins.
    /// - Returns: An opaque pointer libferry takes ownership of.
    public static func handOver(_ plugins: [any ModelPlugin.Type]) -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(LibraryPlugins(plugins)).toOpaque()
    }

    /// The built-in plugins, then the team's (looked up once).
    static let all: [any ModelPlugin.Type] = BuiltInPlugins.all + extra()

    /// The plugins `ferry_extra_plugins` hands over, when this library defines it.
    private static func extra() -> [any ModelPlugin.Type] {
        guard let handedOver = ferry_call_extra_plugins() else { return [] }
        return Unmanaged<LibraryPlugins>.fromOpaque(handedOver).takeRetainedValue().plugins
    }
}
