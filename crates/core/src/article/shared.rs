//! Short texts many articles repeat (an agency, a dateline's place), held once
//! per loading thread and shared, so a million articles do not each allocate
//! their own `Reuters`.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashSet;

/// Longer texts are rarely repeated word for word; they are not worth a lookup.
const LONGEST: usize = 64;

/// How many texts one thread keeps; past that, new ones are allocated alone.
const MOST: usize = 1 << 16;

thread_local! {
    static HELD: RefCell<FxHashSet<Arc<str>>> = RefCell::new(FxHashSet::default());
}

/// The text as a shared string: the one this thread made before when it has
/// seen the same text, else a new one it keeps for next time.
pub(crate) fn text(s: &str) -> Arc<str> {
    if s.len() > LONGEST {
        return s.into();
    }
    HELD.with_borrow_mut(|held| {
        if let Some(a) = held.get(s) {
            return Arc::clone(a);
        }
        let a: Arc<str> = s.into();
        if held.len() < MOST {
            held.insert(Arc::clone(&a));
        }
        a
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_short_text_is_one_allocation() {
        let a = text("PARIS");
        let b = text("PARIS");
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*text("LONDON"), "LONDON");
        assert!(!Arc::ptr_eq(&a, &text("LONDON")));
    }

    #[test]
    fn long_texts_are_not_held() {
        let long = "x".repeat(LONGEST + 1);
        assert!(!Arc::ptr_eq(&text(&long), &text(&long)));
    }
}
