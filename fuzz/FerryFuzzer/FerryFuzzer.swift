// Fuzz targets: any bytes must be refused with an error or read, never crash, hang or write
// outside memory. scripts/fuzz builds this with `-sanitize=fuzzer -DFUZZING`, and main hands the
// target FERRY_FUZZ_TARGET names to libFuzzer's driver; a normal build makes it a replayer that
// runs the files given as arguments through that target.
import FerryBundle
import FerryCAPI
import FerryCore
import Foundation

/// `bundle-reader`: the bundle reader on the bytes.
func fuzzBundleReader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? BundleReader().read(bytes: Data(bytes: bytes, count: count))
    return 0
}

/// `open-bytes`: libferry's `ferry_open_bytes`, as a C caller would call it (every verification class).
func fuzzOpenBytes(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var model: OpaquePointer?
    var error: UnsafeMutablePointer<CChar>?
    if ferryOpenBytes(bytes, count, nil, 0, &model, &error) == 0 { ferryModelClose(model) }
    ferryStringFree(error)
    return 0
}

/// The targets by the name FERRY_FUZZ_TARGET gives.
let targets: [String: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt] = [
    "bundle-reader": { fuzzBundleReader($0, $1) }, "open-bytes": { fuzzOpenBytes($0, $1) },
]

#if FUZZING
    /// libFuzzer's entry point (SwiftPM renames executables' `main`, so libFuzzer's own cannot be used).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt
#endif

@main
enum FerryFuzzer {
    static func main() {
        let name = ProcessInfo.processInfo.environment["FERRY_FUZZ_TARGET"] ?? "bundle-reader"
        guard let target = targets[name] else {
            FileHandle.standardError.write(Data("FERRY_FUZZ_TARGET '\(name)' is not one of \(targets.keys.sorted())\n".utf8))
            exit(64)
        }
        #if FUZZING
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runFuzzerDriver(&argc, &argv, target))
        #else
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                data.withUnsafeBytes { raw in
                    if let base = raw.bindMemory(to: UInt8.self).baseAddress { _ = target(base, raw.count) }
                }
            }
        #endif
    }
}
