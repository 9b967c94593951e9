// A system call behind the `wds` process's memory: glibc's mallopt, looked up with dlsym.
#if canImport(Glibc)
import Glibc
#endif

/// How the `wds` process asks the C allocator to manage its memory.
public enum ProcessMemory {
    /// Fixes glibc's threshold above which an allocation is mapped on its own (and given
    /// back to the system when freed) at 1 MiB.
    ///
    /// By default glibc raises that threshold to the size of any mapped block freed, up to
    /// 32 MiB: once a run has grown and freed its large tables, blocks of up to that size come
    /// from the heap instead, and memory freed there stays with the process. On a national run
    /// that kept 15 to 25 MiB more resident at the peak. A fixed threshold keeps the resident
    /// memory close to what is in use; at 1 MiB a batch's buffers (a few hundred KiB, made and
    /// freed thousands of times) still come from the heap, where mapping each afresh would
    /// cost a page fault per 4 KiB. A library linked into an HR system leaves its host's
    /// allocator alone: only the command-line tool (and the benchmark, which measures it) calls this.
    public static func configure() {
        #if canImport(Glibc)
        // `mallopt` is declared in malloc.h, which the Glibc module does not bring in: it is
        // looked up by name (and nothing is changed where it is missing, as on musl).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in malloc.h
        _ = unsafeBitCast(symbol, to: Mallopt.self)(mmapThreshold, 1 << 20)
        #endif
    }
}
