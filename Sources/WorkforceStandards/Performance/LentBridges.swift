// The raw-buffer entry points of domain types, for the command-line tool's file reader
// (Sources/WDSCommandLine/System/InputFile.swift), which reads a file through raw buffers: each
// is the domain method of the same name on a `LentBytes` view.

extension InputFormat {
    /// ``detect(head:isWholeInput:encoding:separator:)-LentBytes`` of bytes lent as a raw buffer
    /// (the command-line tool's file reader).
    package static func detect(head: UnsafeBufferPointer<UInt8>, isWholeInput: Bool,
                               encoding: Encoding? = nil, separator: UInt8? = nil) throws -> InputFormat {
        try detect(head: LentBytes(head), isWholeInput: isWholeInput, encoding: encoding, separator: separator)
    }
}

extension InputTranscoder {
    /// ``transcode(_:into:)-LentBytes`` of bytes lent as a raw buffer (the command-line tool's file reader).
    package mutating func transcode(_ chunk: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        transcode(LentBytes(chunk), into: &output)
    }
}
