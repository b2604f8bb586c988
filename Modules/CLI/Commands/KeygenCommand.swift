import ArgumentParser
import FerryPipeline

/// `ferry keygen`: an Ed25519 key pair for signing bundles.
struct KeygenCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Make an Ed25519 key pair for signing bundles (NAME.key private, NAME.pub to share).")

    @Option(help: "The folder to write the keys to.") var out = "keys"
    @Option(help: "The keys' file name.") var name = "ferry"
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let id = try SigningKeyFiles.generate(in: out, name: name)
        print("wrote \(out)/\(name).key (private, keep it) and \(out)/\(name).pub (share it); key id \(id)")
    }
}
