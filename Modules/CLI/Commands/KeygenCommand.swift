import ArgumentParser
import FerryBundle

/// `ferry keygen`: an Ed25519 key pair for signing bundles.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Make an Ed25519 key pair for signing bundles (NAME.key private, NAME.pub to share).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The folder to write the keys to.")
    var out = "keys"

    @Option(help: "The keys' file name.")
    var name = "ferry"

    func run() throws {
        try reportingFailures {
            let id = try SigningKeys.generate(in: out, name: name)
            print("wrote \(out)/\(name).key (private, keep it) and \(out)/\(name).pub (share it); key id \(id)")
        }
    }
}
