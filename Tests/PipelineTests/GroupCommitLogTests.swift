import FerryCore
import FerryStore
import Foundation
import Testing

@testable import FerryPipeline

/// Group commit: concurrent requests share transactions, and each returns only once its rows are in.
@Suite struct GroupCommitLogTests {
    @Test func everyConcurrentRequestIsCommittedBeforeItReturns() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-log-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try Store(path: "\(folder)/ferry.sqlite")
        let log = GroupCommitLog(store: store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for request in 0..<200 {
                group.addTask {
                    let entry = PredictionEntry(
                        model: "m", version: "1", instrument: "I\(request)", asOf: "2020-01-01", value: Double(request), source: "api",
                        createdAt: "t")
                    try await log.log([entry, entry])
                    // Returned: this request's rows are committed and visible.
                    #expect(try store.predictions(model: "m", limit: 1000).contains { $0.instrument == "I\(request)" })
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.predictionCount(model: "m") == 400)
    }
}
