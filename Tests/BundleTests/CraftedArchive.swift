// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import CArchive
import Foundation

/// Writes and reads arbitrary tar.gz archives for attack tests: entries a real bundle never has.
/// File types are the POSIX `st_mode` bits (0o100000 regular, 0o120000 symlink, 0o040000 directory,
/// 0o010000 FIFO, 0o020000 character device).
enum CraftedArchive {
    enum Kind {
        case file(Data)
        case symlink(String)
        case hardlink(String)
        case directory
        case fifo
        case characterDevice
    }

    struct Entry {
        let name: String
        let kind: Kind
    }

    static func write(_ entries: [Entry], to path: String, gzip: Bool = true) {
        let archive = archive_write_new()!
        defer { archive_write_free(archive) }
        archive_write_set_format_pax_restricted(archive)
        if gzip { archive_write_add_filter_gzip(archive) }
        archive_write_open_filename(archive, path)
        for item in entries {
            let entry = archive_entry_new()!
            defer { archive_entry_free(entry) }
            archive_entry_set_pathname(entry, item.name)
            archive_entry_set_perm(entry, 0o644)
            switch item.kind {
            case let .file(data):
                archive_entry_set_filetype(entry, 0o100000)
                archive_entry_set_size(entry, Int64(data.count))
                archive_write_header(archive, entry)
                _ = data.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, data.count) }
                continue
            case let .symlink(target):
                archive_entry_set_filetype(entry, 0o120000)
                archive_entry_set_symlink(entry, target)
            case let .hardlink(target):
                archive_entry_set_filetype(entry, 0o100000)
                archive_entry_set_hardlink(entry, target)
            case .directory:
                archive_entry_set_filetype(entry, 0o040000)
            case .fifo:
                archive_entry_set_filetype(entry, 0o010000)
            case .characterDevice:
                archive_entry_set_filetype(entry, 0o020000)
            }
            archive_entry_set_size(entry, 0)
            archive_write_header(archive, entry)
        }
        archive_write_close(archive)
    }

    /// The regular files of an archive, by path, in order.
    static func files(_ path: String) -> [(String, Data)] {
        let archive = archive_read_new()!
        defer { archive_read_free(archive) }
        archive_read_support_filter_gzip(archive)
        archive_read_support_format_tar(archive)
        archive_read_open_filename(archive, path, 1 << 16)
        var result: [(String, Data)] = []
        var entry: OpaquePointer?
        while archive_read_next_header(archive, &entry) == ARCHIVE_OK {
            let name = String(cString: archive_entry_pathname(entry))
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                data.append(contentsOf: buffer[0..<count])
            }
            result.append((name, data))
        }
        return result
    }
}
