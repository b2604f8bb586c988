// The team's libferry: every C function of Ferry's (ferry.h), with the crossover plugin registered
// beside the built-in ones: libferry looks this function up the first time a bundle is opened.
import CrossoverPlugin
import FerryCAPI

/// The plugins this libferry adds to Ferry's.
@_cdecl("ferry_extra_plugins")
public func ferryExtraPlugins() -> UnsafeMutableRawPointer { LibraryPlugins.handOver([CrossoverPlugin.self]) }
