import FerryCore
import Foundation

/// Prints a value as pretty, key-sorted JSON with snake_case keys on standard output, for scripts.
func printJSON<Value: Encodable>(_ value: Value) throws {
    print(String(decoding: try FerryJSON.encoder(pretty: true, keys: .snakeCase).encode(value), as: UTF8.self))
}
