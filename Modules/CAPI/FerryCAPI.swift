import FerryBuiltInPlugins
import FerryCore
import FerryModels
import FerryPipeline
import Foundation

// libferry's C functions (declared in clients/c/include/ferry.h). Each parses its arguments, calls
// FerryPipeline's BundleModel and writes the answer; no Swift error or trap crosses: every
// failure is a status code and a message the caller frees.

/// The C ABI's version; it changes only when a function's signature or meaning does.
@_cdecl("ferry_abi_version")
public func ferryABIVersion() -> Int32 { 1 }

/// Ferry's version, a static string (not to be freed).
@_cdecl("ferry_version")
public func ferryVersion() -> UnsafePointer<CChar>? { UnsafePointer(CStatus.version) }

/// Opens and verifies the bundle at `path`; on success `*model` is a handle for `ferry_model_close`.
@_cdecl("ferry_open_path")
public func ferryOpenPath(
    _ path: UnsafePointer<CChar>?, _ trustedKeys: UnsafePointer<CChar>?, _ requireSignature: Int32,
    _ model: UnsafeMutablePointer<OpaquePointer?>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CStatus.run(error) {
        guard let path, let model else { throw FerryError(.invalidArgument, "path and model must not be NULL") }
        let opened = try BundleModel.open(path: String(cString: path), trust: CStatus.trust(trustedKeys, requireSignature))
        model.pointee = OpenHandles.handOut(opened)
    }
}

/// Opens and verifies a bundle held in `length` bytes at `bytes`.
@_cdecl("ferry_open_bytes")
public func ferryOpenBytes(
    _ bytes: UnsafePointer<UInt8>?, _ length: Int, _ trustedKeys: UnsafePointer<CChar>?, _ requireSignature: Int32,
    _ model: UnsafeMutablePointer<OpaquePointer?>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CStatus.run(error) {
        guard let bytes, let model, length >= 0 else { throw FerryError(.invalidArgument, "bytes and model must not be NULL") }
        let buffer = Array(UnsafeBufferPointer(start: bytes, count: length))
        let opened = try BundleModel.open(bytes: buffer, trust: CStatus.trust(trustedKeys, requireSignature))
        model.pointee = OpenHandles.handOut(opened)
    }
}

/// The model's facts as JSON (name, version, plugin, digest, target, features, verification);
/// NULL for a NULL handle. Free with `ferry_string_free`.
@_cdecl("ferry_model_info_json")
public func ferryModelInfoJSON(_ model: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let model = OpenHandles.model(model), let json = try? CModelInfo(model).json() else { return nil }
    return strdup(json)
}

/// Predicts `row_count` rows of `column_count` values (row-major, columns named by `columns`)
/// into `predictions` (room for `row_count` doubles); `*warnings` gets a JSON array of strings.
@_cdecl("ferry_predict")
public func ferryPredict(
    _ model: OpaquePointer?, _ columns: UnsafePointer<UnsafePointer<CChar>?>?, _ columnCount: Int, _ values: UnsafePointer<Double>?,
    _ rowCount: Int, _ strict: Int32, _ predictions: UnsafeMutablePointer<Double>?,
    _ warnings: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CStatus.predicting(model, columns, columnCount, values, rowCount, into: predictions, warnings, error) {
        model, names, cells, predictions in
        try model.predict(
            columns: names, values: cells, rowCount: rowCount, strict: strict != 0,
            into: UnsafeMutableBufferPointer(start: predictions, count: rowCount))
    }
}

/// Predicts the last of `row_count` rows alone (the rows before it are its window) into `*prediction`.
@_cdecl("ferry_predict_last")
public func ferryPredictLast(
    _ model: OpaquePointer?, _ columns: UnsafePointer<UnsafePointer<CChar>?>?, _ columnCount: Int, _ values: UnsafePointer<Double>?,
    _ rowCount: Int, _ strict: Int32, _ prediction: UnsafeMutablePointer<Double>?,
    _ warnings: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CStatus.predicting(model, columns, columnCount, values, rowCount, into: prediction, warnings, error) {
        model, names, cells, prediction in
        let answer = try model.predictLast(
            columns: names, values: cells, rowCount: rowCount, strict: strict != 0, reportingWarnings: warnings != nil)
        prediction.pointee = answer.prediction
        return answer.warnings
    }
}

/// Releases a handle from `ferry_open_path` or `ferry_open_bytes`; NULL, or a handle already
/// closed, is ignored.
@_cdecl("ferry_model_close")
public func ferryModelClose(_ model: OpaquePointer?) { OpenHandles.close(model) }

/// Frees a string libferry handed out; NULL is ignored.
@_cdecl("ferry_string_free")
public func ferryStringFree(_ text: UnsafeMutablePointer<CChar>?) { free(text) }
