import FerryCore
import Foundation

/// Prints a value as pretty, key-sorted JSON on standard output, for scripts: snake_case keys,
/// or, for a bundle's own files (`ferry inspect --json`), the keys the bundle format specifies.
func printJSON<Value: Encodable>(_ value: Value, keys: FerryJSON.Keys = .snakeCase) throws {
    print(String(decoding: try FerryJSON.encoder(pretty: true, keys: keys).encode(value), as: UTF8.self))
}
