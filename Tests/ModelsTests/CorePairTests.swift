import FerryModels
import Foundation
import Testing

/// Two cores on one job: both parts run, a meeting orders what each wrote before it, and a second
/// job while one runs is refused (its caller works alone).
@Suite struct CorePairTests {
    /// Runs `work` once the pair is free: tests running at the same time (LSTM predictions) may hold
    /// it for a moment. False if it stayed busy for 10 s.
    static func runWhenFree(_ work: (Int) -> Void) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline {
            if CorePair.run(work) { return true }
            Thread.sleep(forTimeInterval: 0.001)
        }
        return false
    }

    /// Storage the two parts share, each writing only its own half.
    final class Board: @unchecked Sendable {
        var values = [Int](repeating: -1, count: 2 * 200)
        var misses = 0
    }

    @Test func bothPartsRunAndEachSeesWhatTheOtherWroteBeforeTheyMet() {
        let board = Board()
        for round in 0..<50 {
            let ran = Self.runWhenFree { part in
                for step in 0..<200 {
                    board.values[part * 200 + step] = round * 1000 + step
                    CorePair.meet(part: part)
                    // Only part 0 counts, so the counter has one writer.
                    if part == 0, board.values[200 + step] != round * 1000 + step { board.misses += 1 }
                    CorePair.meet(part: part)
                }
            }
            #expect(ran)
        }
        #expect(board.misses == 0)
        #expect(board.values[199] == 49 * 1000 + 199 && board.values[399] == 49 * 1000 + 199)
    }

    @Test func aJobWhileOneRunsIsRefused() {
        let board = Board()
        let ran = Self.runWhenFree { part in
            guard part == 0 else { return }
            board.values[0] = CorePair.run { _ in } ? 1 : 0
        }
        #expect(ran)
        #expect(board.values[0] == 0, "the nested job was refused")
        #expect(Self.runWhenFree { _ in }, "and the pair is free again afterwards")
    }
}
