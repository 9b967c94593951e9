import Foundation

// Shared by the two Department for Education XML returns (SWF and CSWW): numbers as their
// schemas write them, rendering fragments of a document that is streamed, and a spool file for
// parts that must be written later. Codes are translated by ``CollectionCodeLookup``, as for
// every collection.

/// Text for XML elements whose type fixes the number of decimals: POSIX formatting, so the
/// output does not depend on the locale, and never `-0.00`.
enum DfENumber {
    /// `value` with `decimals` decimals, rounded as C's `%.Nf` rounds (the exact binary value,
    /// ties to even), and never a negative zero.
    static func fixed(_ value: Double, decimals: Int) -> String {
        withFixed(value, decimals: decimals) { String(decoding: $0, as: UTF8.self) }
    }

    /// `value` formatted by `String(format:)` (the plain version, and the path for values near a
    /// tie), without a negative zero.
    static func printf(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
    }
}

/// Renders part of an XML document that is written in pieces (one staff member or worker at
/// a time), indented as if inside `path`, through the one escaper in ``XMLWriter``.
enum XMLFragment {
    /// The text `body` writes inside the already-open elements `path` (which are not written).
    static func render(inside path: [String], _ body: (inout XMLWriter) -> Void) -> String {
        String(decoding: renderUTF8(inside: path, body), as: UTF8.self)
    }

    /// ``render(inside:_:)`` as UTF-8 bytes.
    static func renderUTF8(inside path: [String], _ body: (inout XMLWriter) -> Void) -> [UInt8] {
        var writer = XMLWriter(declaration: false)
        let mark = start(inside: path, &writer)
        body(&writer)
        return writer.withWritten(since: mark) { Array($0) }
    }

    /// Opens `path` in `writer`, which only sets the indentation: what it writes is cut off at
    /// the mark returned.
    private static func start(inside path: [String], _ writer: inout XMLWriter) -> Int {
        for name in path { writer.open(name) }
        return writer.count
    }

    /// The closing tags of `path`, innermost first.
    static func closing(_ path: [String]) -> String {
        render(inside: path) { writer in for _ in path { writer.close() } }
    }
}

/// A temporary file that holds text until the end of a run, so that a return whose first
/// elements are only known at the end (CSWW's LA-level figures come before the workers)
/// can be written in order with flat memory.
///
/// The text is personal data (SWE numbers, dates of birth), so the file has mode 0600 and no
/// name: on Linux made unnamed (O_TMPFILE), elsewhere made in a private folder (0700) and
/// unlinked at once with the folder. The run keeps only its open descriptor, so nothing is
/// left behind whatever stops the process (a signal, a crash, SIGKILL); the space is freed
/// when the descriptor closes.
final class TextSpool {
    private let url: URL
    private let handle: FileHandle
    private var buffer = Data()
    private var failure: String?
    private var discarded = false
    private static let chunk = 1 << 16

    init(prefix: String) throws {
        let (descriptor, path) = try UnnamedFile.create(prefix: prefix)
        url = URL(fileURLWithPath: path)
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit { discard() }

    /// The spool file's status (for tests: its links, none, and its mode, 0600).
    var fileStatus: stat {
        var status = stat()
        fstat(handle.fileDescriptor, &status)
        return status
    }

    /// Closes and removes the file; nothing can be read back after.
    func discard() {
        guard !discarded else { return }
        discarded = true
        try? handle.close()
    }

    /// Appends text; a write failure is kept and reported by ``drain(into:)``.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    /// Writes everything spooled to `sink`, in chunks cut at character boundaries.
    func drain(into sink: TextSink) throws {
        flush()
        if let failure { throw ProjectionError.spool(failure) }
        do {
            try handle.seek(toOffset: 0)
            var carry = Data()
            while let data = try handle.read(upToCount: Self.chunk), !data.isEmpty {
                carry.append(data)
                // Cut before the last character's first byte so no UTF-8 sequence is split.
                var cut = carry.count - 1
                while cut > 0 && carry[carry.startIndex + cut] & 0xC0 == 0x80 { cut -= 1 }
                sink.write(String(decoding: carry.prefix(cut), as: UTF8.self))
                carry = Data(carry.suffix(from: carry.startIndex + cut))
            }
            if !carry.isEmpty { sink.write(String(decoding: carry, as: UTF8.self)) }
        } catch {
            throw ProjectionError.spool("cannot read back \(url.path): \(error)")
        }
    }

    private func flush() {
        guard !buffer.isEmpty, failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        do { try handle.write(contentsOf: buffer) } catch { failure = "cannot write \(url.path): \(error)" }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension SimpleDate {
    /// The day after the same date a year earlier: the first day of the year that ends on `self`
    /// (30 September 2025 gives 1 October 2024; 29 February counts from 1 March).
    var startOfYearEndingHere: SimpleDate {
        let sameDayLastYear = SimpleDate(year: year - 1, month: month, day: day) ?? SimpleDate(year: year - 1, month: month, day: 28)!
        return sameDayLastYear.adding(days: 1)
    }

    /// `date` as `xs:dateTime` at midnight: returns carry no clock time, so runs agree.
    var midnightDateTime: String { description + "T00:00:00" }
}
