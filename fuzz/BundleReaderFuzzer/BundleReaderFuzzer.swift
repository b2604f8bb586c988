import FerryBundle
// A fuzz target for the bundle reader: any bytes must be refused with a BundleError or read,
// never crash, hang or write outside memory. scripts/fuzz-bundle-reader builds it with
// `-sanitize=fuzzer -DFUZZING`, and main hands control to libFuzzer's driver; a normal build
// makes it a replayer that runs the files given as arguments through the same function.
import FerryCore
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundleReader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? BundleReader().read(bytes: Data(bytes: bytes, count: count))
    return 0
}

#if FUZZING
    /// libFuzzer's entry point (SwiftPM renames executables' `main`, so libFuzzer's own cannot be used).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt
#endif

@main
enum BundleReaderFuzzer {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runFuzzerDriver(&argc, &argv, fuzzBundleReader))
        #else
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                data.withUnsafeBytes { raw in
                    if let base = raw.bindMemory(to: UInt8.self).baseAddress { _ = fuzzBundleReader(base, raw.count) }
                }
            }
        #endif
    }
}
