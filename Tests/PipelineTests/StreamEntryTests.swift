import FerryCore
import Testing

@testable import FerryPipeline

/// What the consumer reads from an entry before any Redis is involved: bars, the shard of an
/// instrument, the order of entry ids.
@Suite struct StreamEntryTests {
    static let good = ["instrument": "SPX", "time": "2024-01-02", "open": "10", "high": "12", "low": "9", "close": "11", "volume": "100"]

    static func problem(_ change: (inout [String: String]) -> Void, needsReference: Bool = false) -> String? {
        var fields = good
        change(&fields)
        do {
            _ = try BarEntry(fields: fields, needsReference: needsReference)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aGoodEntryIsABar() throws {
        let entry = try BarEntry(fields: Self.good, needsReference: false)
        #expect(entry.instrument == "SPX" && entry.time == Timestamp(year: 2024, month: 1, day: 2))
        let bar = entry.bar
        #expect([bar.open, bar.high, bar.low, bar.close, bar.volume] == [10, 12, 9, 11, 100])
        #expect(entry.bar.reference.isNaN, "no reference field read when the features need none")
        let intraday = try BarEntry(
            fields: Self.good.merging(["time": "2024-01-02 10:00:00", "reference": "71.5"]) { $1 }, needsReference: true)
        #expect(intraday.time == Timestamp(year: 2024, month: 1, day: 2, hour: 10) && intraday.bar.reference == 71.5)
    }

    @Test func eachFaultIsNamedWithItsField() {
        #expect(Self.problem { $0["volume"] = nil } == "missing field volume")
        #expect(Self.problem { $0["open"] = "1,5" } == "field open: '1,5' is not a finite number")
        #expect(Self.problem { $0["close"] = "inf" } == "field close: 'inf' is not a finite number")
        #expect(Self.problem { $0["high"] = String(repeating: "9", count: 100) }?.contains("(100 bytes)") == true)
        #expect(Self.problem { $0["low"] = "13" } == "High 12.0 is below Low 13.0")
        #expect(Self.problem { $0["volume"] = "-1" } == "Volume -1.0 is negative")
        #expect(Self.problem { $0["time"] = "02/01/2024" } == "field time: '02/01/2024' is not an ISO 8601 date or date-time")
        #expect(Self.problem { $0["instrument"] = "" }?.hasPrefix("field instrument") == true)
        #expect(Self.problem { $0["instrument"] = "a\nb" }?.hasPrefix("field instrument") == true)
        #expect(Self.problem({ _ in }, needsReference: true) == "missing field reference")
    }

    @Test func instrumentsGoToTheirFNV1aShard() throws {
        #expect(StreamShards.hash("a") == 0xaf63_dc4c_8601_ec8c, "the published FNV-1a 64 test vector")
        let shards = try StreamShards(name: "bars", count: 4)
        #expect(shards.streams == ["bars.0", "bars.1", "bars.2", "bars.3"])
        #expect(shards.stream(for: "SPX") == "bars.2" && shards.stream(for: "EURUSD-1h") == "bars.1")
        #expect(try StreamShards(name: "bars", count: 1).stream(for: "SPX") == "bars")
        #expect(throws: FerryError.self) { try StreamShards(name: "bars", count: 0) }
    }

    @Test func entryIDsOrderAsRedisOrdersThem() {
        #expect(EntryID("1-10")! > EntryID("1-9")! && EntryID("2-0")! > EntryID("1-99")!)
        #expect(EntryID("1") == nil && EntryID("a-1") == nil && EntryID("1-2-3") == nil)
    }
}
