import FerryCore
import FerryModels
import FerryPipeline
import Foundation

/// How libferry's C functions report: a status code (ferry.h's `ferry_status`) and a message.
enum CStatus {
    /// `FERRY_OK`.
    static let ok: Int32 = 0
    /// The most values one `ferry_predict` call takes (rows × columns): 2^28, 2 GiB of doubles.
    static let maximumCells = 1 << 28
    /// Ferry's version as a C string that lives as long as the process (written once, then only read).
    nonisolated(unsafe) static let version: UnsafeMutablePointer<CChar>? = strdup(FerryVersion.current)

    /// The status of an error: FerryError codes 1-8, a failed verification class 10-13, else 99.
    static func code(of error: any Error) -> Int32 {
        switch error {
        case let refused as BundleError: refused.failing.exitCode
        case let coded as any CodedError:
            switch coded.code {
            case .invalidArgument: 1
            case .invalidData: 2
            case .notFound: 3
            case .conflict: 4
            case .refused: 5
            case .unavailable: 6
            case .io: 7
            case .internal: 8
            }
        default: 99
        }
    }

    /// Runs `body`; a thrown error becomes its status, with its message in `*error` when given.
    static func run(_ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return ok
        } catch let thrown {
            error?.pointee = strdup("\(thrown)")
            return code(of: thrown)
        }
    }

    /// What a C caller trusts: this library's plugins, the keys in `folder`, signatures required or not.
    static func trust(_ folder: UnsafePointer<CChar>?, _ requireSignature: Int32) throws -> BundleTrust {
        BundleTrust(
            plugins: try PluginRegistry(LibraryPlugins.all), trustedKeysFolder: folder.map { String(cString: $0) },
            requireSignature: requireSignature != 0)
    }

    /// Runs a predict call: the handle and the output checked, the columns and values read (``matrix(_:_:_:_:)``),
    /// then `body`, whose warnings go to `*warnings` as a JSON array when it is not NULL.
    static func predicting(
        _ handle: OpaquePointer?, _ columns: UnsafePointer<UnsafePointer<CChar>?>?, _ columnCount: Int, _ values: UnsafePointer<Double>?,
        _ rowCount: Int, into output: UnsafeMutablePointer<Double>?, _ warnings: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ body: (BundleModel, [String], UnsafeBufferPointer<Double>, UnsafeMutablePointer<Double>) throws -> [String]
    ) -> Int32 {
        run(error) {
            guard let model = OpenHandles.model(handle) else { throw FerryError(.invalidArgument, "the model handle is NULL or closed") }
            guard let output else { throw FerryError(.invalidArgument, "the output must not be NULL") }
            let (names, cells) = try matrix(columns, columnCount, values, rowCount)
            let found = try body(model, names, cells, output)
            if let warnings { warnings.pointee = strdup(FerryJSON.stringArray(found)) }
        }
    }

    /// The column names and the values a predict call was given, checked: no NULL, counts positive
    /// and within ``maximumCells``.
    static func matrix(
        _ columns: UnsafePointer<UnsafePointer<CChar>?>?, _ columnCount: Int, _ values: UnsafePointer<Double>?, _ rowCount: Int
    ) throws -> (names: [String], values: UnsafeBufferPointer<Double>) {
        guard let columns, let values, columnCount > 0, rowCount > 0 else {
            throw FerryError(.invalidArgument, "columns and values must not be NULL, and the counts must be positive")
        }
        let (cells, overflow) = rowCount.multipliedReportingOverflow(by: columnCount)
        guard !overflow, cells <= maximumCells else {
            throw FerryError(.invalidArgument, "\(rowCount) rows of \(columnCount) columns are over the \(maximumCells)-value limit")
        }
        let names = try (0..<columnCount).map { index -> String in
            guard let name = columns[index] else { throw FerryError(.invalidArgument, "column \(index)'s name is NULL", field: "columns") }
            return String(cString: name)
        }
        return (names, UnsafeBufferPointer(start: values, count: cells))
    }

    /// Memory for `count` values that the C caller frees with `free` (through a `ferry_*_free` function).
    static func allocate<Value>(_: Value.Type, count: Int) throws -> UnsafeMutablePointer<Value> {
        guard let memory = malloc(count * MemoryLayout<Value>.stride) else {
            throw FerryError(.internal, "\(count * MemoryLayout<Value>.stride) bytes could not be allocated")
        }
        return memory.bindMemory(to: Value.self, capacity: count)
    }
}

/// A model's facts as `ferry_model_info_json` writes them.
struct CModelInfo: Encodable {
    let name: String, version: String, plugin: String, pluginVersion: String, digest: String
    let target: String?, targetKind: String, features: [String], signer: String?, verification: [Check]

    /// One verification class's verdict.
    struct Check: Encodable {
        let check: String, passed: Bool, detail: String
    }

    init(_ model: BundleModel) {
        (name, version, plugin, pluginVersion, digest) = (model.name, model.version, model.pluginID, model.pluginVersion, model.digest)
        (target, targetKind, features) = (model.target, model.targetKind.rawValue, model.featureNames)
        signer = model.signer
        verification = model.verification.checks.map { Check(check: $0.check.rawValue, passed: $0.passed, detail: $0.detail) }
    }

    func json() throws -> String { try Self.jsonText(self) }

    /// `value` in Ferry's one JSON spelling, snake_case keys.
    static func jsonText(_ value: some Encodable) throws -> String {
        String(decoding: try FerryJSON.encoder(keys: .snakeCase).encode(value), as: UTF8.self)
    }
}
