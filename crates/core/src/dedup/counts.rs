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

    /// Counts one more article holding each shingle of `shingles` (one entry
    /// per hash), fetching the counters of those a few places on while it
    /// bumps these: the counters are scattered over much more than the cache.
    pub(crate) fn add_all(&self, shingles: &[(u32, u16)]) {
        for (i, &(h, _)) in shingles.iter().enumerate() {
            if let Some(&(far, _)) = shingles.get(i + FETCH_AHEAD) {
                self.fetch(far);
            }
            self.add(h);
        }
    }

    /// Starts bringing the counters of `h` into the cache.
    #[inline(always)]
    fn fetch(&self, h: u32) {
        for (row, slot) in self.rows.iter().zip(self.slots(h)) {
            crate::prefetch::prefetch(row.as_ptr().wrapping_add(slot));
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

/// How many shingles ahead of the one counted or tested its counters are
/// fetched: enough to cover a trip to memory.
const FETCH_AHEAD: usize = 16;

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

    /// Leaves out of `shingles`, in place and in order, the stock phrases,
    /// fetching the counters a few shingles on as [`DocCounts::add_all`] does.
    pub(crate) fn drop_from(&self, shingles: &mut Vec<(u32, u16)>) {
        let mut kept = 0;
        for i in 0..shingles.len() {
            if let Some(&(far, _)) = shingles.get(i + FETCH_AHEAD) {
                self.counts.fetch(far);
            }
            let s = shingles[i];
            if !self.is_common(s.0) {
                shingles[kept] = s;
                kept += 1;
            }
        }
        shingles.truncate(kept);
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

    #[test]
    fn counting_and_dropping_a_list_agree_with_one_at_a_time() {
        let c = DocCounts::new(1 << 12);
        // More shingles than are fetched ahead, so that the fetching is crossed.
        let list: Vec<(u32, u16)> = (0..100u32).map(|h| (h * 7919, (h % 5) as u16)).collect();
        for _ in 0..3 {
            c.add_all(&list[..50]);
        }
        c.add_all(&list);
        for &(h, _) in &list[..50] {
            assert!(c.get(h) >= 4);
        }
        let common = Commonness { counts: c, cap: 2 };
        let mut kept = list.clone();
        common.drop_from(&mut kept);
        let one_at_a_time: Vec<(u32, u16)> = list
            .iter()
            .copied()
            .filter(|s| !common.is_common(s.0))
            .collect();
        assert_eq!(kept, one_at_a_time);
        assert_eq!(kept.len(), 50, "the half counted four times is common");
        assert!(kept.iter().all(|s| list[50..].contains(s)));
    }
}
