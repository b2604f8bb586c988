import Dispatch

/// Runs blocking `work` (inflating a bundle, loading a model) on a dispatch thread and awaits its
/// result, so it neither holds one of Swift concurrency's few cooperative threads nor stalls the
/// tasks waiting for them.
public func runOffThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
    }
}
