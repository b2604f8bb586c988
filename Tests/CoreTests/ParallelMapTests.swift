import FerryCore
import Testing

@Suite struct ParallelMapTests {
    struct Boom: Error, Equatable { let at: Int }

    @Test func keepsOrderAndCallsEachElementOnce() {
        let input = Array(0..<1000)
        #expect(input.parallelMap { $0 * $0 } == input.map { $0 * $0 })
        #expect([Int]().parallelMap { $0 } == [])
        #expect([7].parallelMap { $0 + 1 } == [8])
    }

    @Test func rethrowsAnErrorAfterEveryCallEnds() {
        #expect(throws: Boom.self) {
            try Array(0..<100).parallelMap { value -> Int in
                if value == 42 { throw Boom(at: value) }
                return value
            }
        }
    }

    @Test func columnsHoldTheirValuesWhateverTheirSize() {
        #expect([Double].column(count: 4) { Double($0) * 2 } == [0, 2, 4, 6])
        let large = [Double].column(count: 1_000_000) { Double($0) }
        #expect(large.count == 1_000_000)
        #expect(large[999_999] == 999_999)
        #expect([Double].column(count: 0) { _ in 1 } == [])
    }
}
