import FerryCore
import FerryData
import Foundation

/// TA-Lib reference values written by bench/ta_lib_fixtures.py.
struct TALibFixture: Decodable {
    let source: String
    let count: Int
    let warmup: [String: Int]
    let rows: [Int]
    let series: [String: [Double?]]

    static func load(_ instrument: String) throws -> TALibFixture {
        let url = try require(Bundle.module.url(forResource: "Fixtures/talib_\(instrument)", withExtension: "json"))
        return try JSONDecoder().decode(TALibFixture.self, from: Data(contentsOf: url))
    }

    /// The embedded file the fixture was computed on.
    static func series(_ instrument: String) throws -> PriceSeries {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/\(instrument).csv").path
        guard case let .prices(series) = try MarketFileReader().read(path).data else { throw TALibFixtureError() }
        return series
    }
}

struct TALibFixtureError: Error {}

/// `#require` outside a test body, for fixture loading.
func require<T>(_ value: T?) throws -> T {
    guard let value else { throw TALibFixtureError() }
    return value
}
