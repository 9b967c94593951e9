// The fast version of `TextSink.write(_: String)`: the renderers' bytes handed to a sink that
// takes bytes (the command-line tool's files) without making a `String` of every line.

/// A sink that takes UTF-8 bytes as they are (the renderers build their output as bytes), lent
/// for the call: the command-line tool's file sink. Other sinks are given a `String` of them.
package protocol UTF8TextSink: TextSink {
    /// Writes text given as UTF-8 bytes, valid only during the call.
    func write(utf8 bytes: UnsafeBufferPointer<UInt8>)
}

extension TextSink {
    /// Writes UTF-8 `bytes`: as they are to a ``UTF8TextSink``, as a `String` to any other sink.
    package func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let sink = self as? any UTF8TextSink { sink.write(utf8: bytes) } else { write(String(decoding: bytes, as: UTF8.self)) }
    }

    /// Writes `bytes` (UTF-8).
    func write(utf8 bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write(utf8: $0) } }
}

/// A sink with its byte entry found once, for a projection that writes a line per record: no
/// type check per line.
struct UTF8Output {
    let sink: TextSink
    private let bytes: (any UTF8TextSink)?

    init(_ sink: TextSink) {
        self.sink = sink
        bytes = sink as? any UTF8TextSink
    }

    /// Writes UTF-8 `bytes`, lent for the call.
    @inline(__always)
    func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let sink = self.bytes { sink.write(utf8: bytes) } else { sink.write(String(decoding: bytes, as: UTF8.self)) }
    }
}
