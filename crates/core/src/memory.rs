//! Handing freed memory back to the system between the phases of a long run, so
//! that what one phase let go does not stay counted against the next.

/// Asks the allocator to return the free pages it holds to the system. glibc
/// keeps what each thread freed in that thread's arena, and a later phase whose
/// threads allocate elsewhere grows the process past what it uses; elsewhere
/// this does nothing.
pub(crate) fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists; it takes
    // no pointers from us and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
