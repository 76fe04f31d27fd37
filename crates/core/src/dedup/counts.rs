//! How many articles hold each shingle, so that stock phrases and templates can be
//! told apart from the material of one story.

use std::sync::atomic::{AtomicU8, Ordering};

use super::DedupOptions;

/// A count-min sketch of how many articles hold each hash, two rows of saturating
/// 8-bit counters; it overestimates when hashes collide.
pub(crate) struct DocCounts {
    rows: [Vec<AtomicU8>; 2],
    bits: u32,
}

impl DocCounts {
    /// Counters sized for about `expected` distinct hashes.
    pub(crate) fn new(expected: usize) -> Self {
        let bits = (expected.max(1) * 4)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(12, 26);
        let row = || (0..1usize << bits).map(|_| AtomicU8::new(0)).collect();
        DocCounts {
            rows: [row(), row()],
            bits,
        }
    }

    fn slots(&self, h: u32) -> [usize; 2] {
        let a = (h.wrapping_mul(0x9E37_79B1) >> (32 - self.bits)) as usize;
        let b = (h.rotate_left(16).wrapping_mul(0x85EB_CA77) >> (32 - self.bits)) as usize;
        [a, b]
    }

    /// Counts one more article holding `h`.
    pub(crate) fn add(&self, h: u32) {
        for (row, slot) in self.rows.iter().zip(self.slots(h)) {
            // A plain load and store, not a locked read-modify-write: two threads
            // bumping one counter at the same instant may lose one count, which
            // only makes a shingle look a little rarer than it is.
            let v = row[slot].load(Ordering::Relaxed);
            if v < u8::MAX {
                row[slot].store(v + 1, Ordering::Relaxed);
            }
        }
    }

    /// About how many articles hold `h` (never fewer than really do).
    pub(crate) fn get(&self, h: u32) -> usize {
        let [a, b] = self.slots(h);
        let x = self.rows[0][a].load(Ordering::Relaxed);
        let y = self.rows[1][b].load(Ordering::Relaxed);
        x.min(y) as usize
    }
}

/// The counts with the cut-off above which a shingle is common.
pub(crate) struct Commonness {
    /// Articles per shingle.
    pub(crate) counts: DocCounts,
    /// A shingle held by more articles than this is common.
    pub(crate) cap: usize,
}

impl Commonness {
    /// The cut-off for a corpus of `n` articles: a share of it, within bounds.
    pub(crate) fn cap_for(n: usize, opts: &DedupOptions) -> usize {
        ((n as f64 * opts.common_share).ceil() as usize).clamp(
            opts.common_min_articles,
            opts.common_max_articles.max(opts.common_min_articles),
        )
    }

    /// Whether `h` is a stock phrase rather than a story's own material.
    pub(crate) fn is_common(&self, h: u32) -> bool {
        self.counts.get(h) > self.cap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_never_underestimate_and_saturate() {
        let c = DocCounts::new(1000);
        for _ in 0..300 {
            c.add(7);
        }
        c.add(8);
        assert_eq!(c.get(7), 255);
        assert!(c.get(8) >= 1);
        assert!(c.get(9) <= 1);
    }
}
