import Foundation
import WorkforceStandards

/// `--encoding` and `--separator`: what the user says about an input file, which wins over detection.
struct InputOptions {
    var encoding: InputFormat.Encoding?
    var separator: UInt8?

    static let names: Set<String> = ["--encoding", "--separator"]

    init(_ arguments: Arguments) throws {
        if let text = arguments.option("--encoding") {
            guard let encoding = InputFormat.Encoding(name: text) else {
                throw UsageError("--encoding \(text) is not an encoding read here (valid: \(InputFormat.Encoding.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self.encoding = encoding
        }
        if let text = arguments.option("--separator") {
            guard let separator = InputFormat.separator(named: text) else {
                throw UsageError("--separator \(text) is not a separator read here (valid: comma, semicolon, tab)")
            }
            self.separator = separator
        }
    }

    init() {}
}
