// The fast (and safe) version of a named temporary file: a file with no name (O_TMPFILE), or
// made in a private folder and unlinked at once.
import Foundation

/// A temporary file that no other process can find and nothing can leave behind: the spools
/// that hold a run's personal data (SWF's pieces, CSWW's workers) until the end of the run.
enum UnnamedFile {
    /// Opens a new temporary file, read-write, mode 0600, with no name: on Linux made unnamed
    /// (O_TMPFILE), so no moment exists at which a signal could leave it behind; elsewhere (or
    /// on a file system without O_TMPFILE) made in a private folder (0700) and unlinked at
    /// once with the folder. The space is freed when the descriptor is closed.
    ///
    /// - Returns: the descriptor, and a path that names where the file is, for messages.
    static func create(prefix: String) throws -> (descriptor: Int32, path: String) {
        let temporary = FileManager.default.temporaryDirectory.path
        #if os(Linux)
        let unnamed = open(temporary, 0o20000000 | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o600)
        if unnamed >= 0 { return (unnamed, URL(fileURLWithPath: temporary).appendingPathComponent("\(prefix) (unnamed)").path) }
        #endif
        var folderTemplate = Array(URL(fileURLWithPath: temporary).appendingPathComponent("\(prefix)-XXXXXX").path.utf8CString)
        guard let folder = folderTemplate.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw ProjectionError.spool("cannot create a private folder in \(temporary): \(String(cString: strerror(errno)))")
        }
        var fileTemplate = Array((folder + "/spool-XXXXXX").utf8CString)
        let descriptor = fileTemplate.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let path = fileTemplate.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard descriptor >= 0 else {
            rmdir(folder)
            throw ProjectionError.spool("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        unlink(path)
        rmdir(folder)
        return (descriptor, path)
    }
}
