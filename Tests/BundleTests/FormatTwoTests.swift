import FerryBundle
import FerryCore
import FerryPipeline
import FerryTestSupport
import Foundation
import Testing

/// Bundle format 2: every key in snake_case (data keys untouched), the split's sets, the training
/// quantiles, the resolved packages; format 1 still reads.
@Suite struct FormatTwoTests {
    /// The JSON object in `file` of the fixture bundle.
    static func object(_ fixture: BundleFixture, _ file: String) throws -> [String: Any] {
        let data = try #require(fixture.entries.first { $0.0.hasSuffix("/\(file)") }?.1)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every key in a JSON tree, except under the named keys (whose keys are data).
    static func keys(_ value: Any, skipping data: Set<String>) -> [String] {
        if let array = value as? [Any] { return array.flatMap { keys($0, skipping: data) } }
        guard let object = value as? [String: Any] else { return [] }
        return object.flatMap { key, inner in [key] + (data.contains(key) ? [] : keys(inner, skipping: data)) }
    }

    @Test func everyStructuralKeyIsSnakeCase() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        // Keys under these are names the user or a plugin chose (hyperparameters, plugin ids,
        // package names, model names in the metrics), kept as they are.
        let data: Set = ["hyperparameters", "plugins", "packages", "test", "validation", "financial", "skipped_baselines"]
        for file in ["manifest.json", "schema.json", "environment.json", "metrics.json", "golden.json"] {
            let offending = Self.keys(try Self.object(f, file), skipping: data).filter { $0.contains { $0.isUppercase } }
            #expect(offending.isEmpty, "\(file): \(offending)")
        }
        let manifest = try Self.object(f, "manifest.json")
        #expect(manifest["format_version"] as? Int == 2)
        #expect(manifest["training_data"] != nil && manifest["ferry_version"] != nil)
    }

    @Test func theManifestRecordsTheSplitSoAnAuditorCanRefitTheTrainingRows() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let splits = try #require(try Self.object(f, "manifest.json")["splits"] as? [String: Any])
        let train = try #require(splits["train"] as? [String: Any])
        let record = try FixtureModel.shared().record
        #expect(train["rows"] as? Int == record.split.train.rows)
        #expect(train["first"] as? String == record.split.train.first?.description)
        #expect((splits["test"] as? [String: Any])?["last"] as? String == record.split.test.last?.description)
        #expect(splits["gap"] as? Int == record.split.gap)
    }

    @Test func theSchemaKeepsTheTargetKindAndEachFeaturesTrainingQuantiles() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let schema = try Self.object(f, "schema.json")
        #expect(schema["target_kind"] as? String != nil)
        let features = try #require(schema["features"] as? [[String: Any]])
        for feature in features {
            let quantiles = try #require(feature["training_quantiles"] as? [Double])
            let range = try #require(feature["training_range"] as? [String: Double])
            #expect(quantiles.count == 101)
            #expect(quantiles.first == range["min"] && quantiles.last == range["max"])
            #expect(zip(quantiles, quantiles.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test func quantilesInterpolateAsNumpysPercentileDoes() throws {
        // numpy.percentile([4, 1, 3, 2, nan-free], [0, 1, 25, 50, 99, 100]) = 1, 1.03, 1.75, 2.5, 3.97, 4
        let quantiles = try #require(FeatureField.quantiles(of: [4, 1, .nan, 3, 2]))
        #expect(quantiles[0] == 1 && quantiles[100] == 4 && quantiles[50] == 2.5 && quantiles[25] == 1.75)
        #expect(abs(quantiles[1] - 1.03) < 1e-12 && abs(quantiles[99] - 3.97) < 1e-12)
        #expect(FeatureField.quantiles(of: [.nan]) == nil)
    }

    @Test func theEnvironmentRecordsEveryResolvedPackage() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let packages = try #require(try Self.object(f, "environment.json")["packages"] as? [String: String])
        #expect(packages["swift-crypto"] == "3.12.3")
        #expect(packages["swift-nio"] != nil, "transitive packages are recorded too")
    }

    @Test func aFormatTwoBundleMissingAFieldItRequiresIsRefusedNamingIt() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        var manifest = try Self.object(f, "manifest.json")
        manifest["splits"] = nil
        let path = f.replacing("manifest.json", with: try JSONSerialization.data(withJSONObject: manifest), as: "nosplits")
        BundleAttackTests.expectRefused(f, path, .integrity, "manifest.json: missing field splits")
        var schema = try Self.object(f, "schema.json")
        schema["features"] = [["name": "x1", "dtype": "F64"], ["name": "x2", "dtype": 7]]
        let typed = f.replacing("schema.json", with: try JSONSerialization.data(withJSONObject: schema), as: "badtype")
        BundleAttackTests.expectRefused(f, typed, .integrity, "schema.json: field features[1].dtype")
        schema = try Self.object(f, "schema.json")
        var features = try #require(schema["features"] as? [[String: Any]])
        features[0]["training_range"] = ["min": 0]
        schema["features"] = features
        let range = f.replacing("schema.json", with: try JSONSerialization.data(withJSONObject: schema), as: "badrange")
        BundleAttackTests.expectRefused(f, range, .integrity, "missing field features[0].training_range.max")
    }

    @Test func aHugeSeedKeepsAllSixtyFourBits() throws {
        let f = try BundleFixture()
        defer { f.remove() }
        let text = String(decoding: try #require(f.entries.first { $0.0.hasSuffix("/manifest.json") }?.1), as: UTF8.self)
        let seed = UInt64.max - 1
        let changed = text.replacing(#/"seed" : \d+/#, with: "\"seed\" : \(seed)")
        let path = f.replacing("manifest.json", with: Data(changed.utf8), as: "seed")
        #expect(try BundleReader().read(path).contents.manifest.seed == seed)
    }
}

/// The packages `environment.json` records are the ones this build resolved.
@Suite struct ResolvedPackagesTests {
    @Test func theRecordedVersionsMatchPackageResolved() throws {
        let resolved = try Data(contentsOf: URL(fileURLWithPath: TestRepository.path("Package.resolved")))
        let pins = try #require((try JSONSerialization.jsonObject(with: resolved) as? [String: Any])?["pins"] as? [[String: Any]])
        var versions: [String: String] = [:]
        for pin in pins {
            let state = pin["state"] as? [String: Any]
            versions[pin["identity"] as? String ?? "?"] = (state?["version"] ?? state?["revision"]) as? String
        }
        let recorded: [String: String]? = EnvironmentManifest.current(ferryVersion: FerryVersion.current, plugins: [:]).packages
        #expect(recorded == versions, "Package.resolved changed: run scripts/resolved-packages and commit what it writes")
    }
}
