// The raw-buffer entry points of domain types, for the byte-level readers that still hold raw
// buffers (Records/PostRecordReader.swift, the SWF and DfE projections): each is the domain
// method of the same name on a `LentBytes` view. They go when those readers move here.

extension ItemValueValidator {
    /// ``check(utf8:)-LentBytes`` of bytes lent as a raw buffer.
    @inline(__always)
    func check(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Outcome { check(utf8: LentBytes(bytes)) }
}

extension SimpleDate {
    /// ``init(utf8:)-LentBytes`` of bytes lent as a raw buffer.
    @inline(__always)
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) { self.init(utf8: LentBytes(bytes)) }
}

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
