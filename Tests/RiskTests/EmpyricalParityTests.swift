import FerryCore
import FerryRisk
import Foundation
import Testing

/// Every statistic against the empyrical definitions in NumPy (bench/empyrical_fixtures.py).
@Suite struct EmpyricalParityTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let returns: [Double]
            let statistics: [String: ReferenceValue]
        }
        let synthetic: [Case]
    }

    /// A number as the fixture writes it: a JSON number, or "nan", "inf", "-inf".
    struct ReferenceValue: Decodable {
        let value: Double
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
            } else {
                let text = try container.decode(String.self)
                guard let special = Double(text) else { throw DecodingError.dataCorruptedError(in: container, debugDescription: text) }
                value = special
            }
        }
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/empyrical_stats", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Within 1e-10 (relative above 1), with NaN and infinities matching exactly.
    static func agrees(_ ours: Double?, _ reference: Double) -> Bool {
        guard let ours else { return false }
        if reference.isNaN { return ours.isNaN }
        if reference.isInfinite { return ours == reference }
        return abs(ours - reference) <= 1e-10 * max(1, abs(reference))
    }

    @Test func everyStatisticMatchesTheEmpyricalDefinitions() throws {
        let fixture = try Self.fixture()
        #expect(fixture.synthetic.count == 5)
        for series in fixture.synthetic {
            let ours = try ReturnStatistics().statistics(returns: series.returns)
            #expect(Set(ours.values.keys) == Set(series.statistics.keys), "\(series.name)")
            for (name, reference) in series.statistics {
                #expect(
                    Self.agrees(ours[name], reference.value),
                    "\(series.name) \(name): Ferry \(String(describing: ours[name])), reference \(reference.value)")
            }
        }
    }
}
