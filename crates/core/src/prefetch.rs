//! A hint to the processor to bring memory into its cache ahead of use: for loops
//! that read scattered places (search over matches, counters indexed by hash),
//! where waiting on memory costs more than the work.

/// Asks the processor to bring the memory at `p` into its cache: a hint only,
/// which changes nothing the program computes.
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    // SAFETY: a prefetch reads nothing the program sees and cannot fault, even
    // for an address outside any allocation; SSE is part of every x86_64.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
