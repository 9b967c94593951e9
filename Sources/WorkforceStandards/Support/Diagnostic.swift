/// A problem found in the standard's source files, with where it is and how to fix it.
///
/// Printed the way compilers print them, so editors can jump to the line:
/// `CodeSets/swf/post.csv:7: error: duplicate code "TCH" (first defined on line 3)`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Comparable {
        /// A warning or an error (an error fails `wds check-registry`).
        case warning, error
        /// A warning comes before an error.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// Warning or error.
    public var severity: Severity
    /// The file, relative to the root of the standard (`CodeSets/swf/post.csv`).
    public var file: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    /// What is wrong.
    public var message: String
    /// What would be valid, or how to fix it.
    public var hint: String?

    /// A diagnostic of `severity` in `file` at `line`.
    public init(_ severity: Severity, file: String, line: Int?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    /// The diagnostic as compilers print them: `file:line: error: message` and the hint.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        let tail = hint.map { " (\($0))" } ?? ""
        return "\(location): \(severity.rawValue): \(message)\(tail)"
    }
}

/// Collects diagnostics while the standard is read and checked.
struct DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    mutating func error(_ file: String, _ line: Int?, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, file: file, line: line, message, hint: hint))
    }

    mutating func warning(_ file: String, _ line: Int?, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, file: file, line: line, message, hint: hint))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
