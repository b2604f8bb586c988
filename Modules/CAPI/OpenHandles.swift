import FerryPipeline
import Foundation

/// The model handles libferry has handed out and not yet closed, so that a closed (or never
/// opened) handle is an error code rather than a read of freed memory. One lock guards the set;
/// closing a handle while another thread is inside a call with it stays the caller's error.
enum OpenHandles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var open: Set<UnsafeMutableRawPointer> = []

    /// A new handle for `model`, retained until ``close(_:)``.
    static func handOut(_ model: BundleModel) -> OpaquePointer {
        let handle = Unmanaged.passRetained(model).toOpaque()
        lock.withLock { _ = open.insert(handle) }
        return OpaquePointer(handle)
    }

    /// The model behind `handle`, or `nil` for NULL or a handle that is not open.
    static func model(_ handle: OpaquePointer?) -> BundleModel? {
        guard let handle else { return nil }
        let raw = UnsafeMutableRawPointer(handle)
        guard lock.withLock({ open.contains(raw) }) else { return nil }
        return Unmanaged<BundleModel>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Releases `handle` once; NULL, a closed or a foreign handle is ignored.
    static func close(_ handle: OpaquePointer?) {
        guard let handle else { return }
        let raw = UnsafeMutableRawPointer(handle)
        guard lock.withLock({ open.remove(raw) != nil }) else { return }
        Unmanaged<BundleModel>.fromOpaque(raw).release()
    }
}
