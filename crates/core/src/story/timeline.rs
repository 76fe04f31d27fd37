//! A story's timeline: its versions in the order they came, each with what kind of
//! version it is of the one before and a one-line account of what it changes
//! (`+2 sentences`, `figure 36 → 46`, `dateline Feb 27 → March 2`).

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::relation::{self, Relation};
use crate::article::{Article, ArticleId};
use crate::compare::{Comparer, Comparison, Op, RowKind, SideInfo, Summary};
use crate::store::Store;

/// One version in a story's timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// The version.
    pub article: ArticleId,
    /// What kind of version it is of the step before (none for the first); a
    /// flash is set against the flash before it, when there is one.
    pub relation: Option<Relation>,
    /// What it changes against the step before (for a flash, the flash before
    /// it), in short phrases; empty for the first.
    pub changes: Vec<String>,
}

impl Step {
    /// The account as one line: `correction · figure 36 → 46`, or `first`.
    pub fn line(&self) -> String {
        match self.relation {
            None => "first".to_string(),
            Some(r) if self.changes.is_empty() => r.name().to_string(),
            Some(r) => format!("{} · {}", r.name(), self.changes.join(", ")),
        }
    }
}

/// The order versions came in: by date when every version has one; then a
/// correction after what it corrects, a headline without a body before its story,
/// a shorter version (contained in a longer one) before the longer, and last the
/// order the store holds them in.
pub fn order(store: &Store, members: &[ArticleId]) -> Vec<ArticleId> {
    order_by(store, members, &|a| relation::is_correction(a))
}

/// [`order`], told by `correction` which versions are corrections (read once
/// for the relations already).
fn order_by(
    store: &Store,
    members: &[ArticleId],
    correction: &dyn Fn(&Article) -> bool,
) -> Vec<ArticleId> {
    let mut out: Vec<ArticleId> = members
        .iter()
        .copied()
        .filter(|&m| store.get(m).is_some())
        .collect();
    // Dates order the versions only when every one has a date of its own (a
    // file's time is not one).
    let dated = out.iter().all(|&m| {
        store.get(m).is_some_and(|a| {
            a.date.is_some() && a.date_origin != crate::article::DateOrigin::FileTime
        })
    });
    // The key reads the whole body (is it a correction?): worked out once per
    // version, not once per comparison.
    out.sort_by_cached_key(|&m| {
        let a = store.get(m).expect("kept only articles the store has");
        (
            if dated { a.date } else { None },
            correction(a),
            !a.body.trim().is_empty(),
            a.words,
            a.id,
        )
    });
    out
}

/// The timeline of a story with these members.
pub fn timeline(store: &Store, members: &[ArticleId]) -> Vec<Step> {
    let read = relation::Version::all(members.iter().map(|&m| store.get(m)));
    timeline_read(store, members, &read)
}

/// [`timeline`] with the members already read for relations (`read[i]` is
/// `members[i]`, none where the store lacks it): each version is read once,
/// though it is set against the one before and the one after.
pub fn timeline_read(
    store: &Store,
    members: &[ArticleId],
    read: &[Option<relation::Version>],
) -> Vec<Step> {
    let at: HashMap<ArticleId, usize> = members.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    let ordered = order_by(store, members, &|a| match at.get(&a.id) {
        Some(&i) => read[i]
            .as_ref()
            .map_or_else(|| relation::is_correction(a), relation::Version::flagged),
        None => relation::is_correction(a),
    });
    let read: Vec<Option<&relation::Version>> = ordered
        .iter()
        .map(|m| at.get(m).and_then(|&i| read[i].as_ref()))
        .collect();
    let flash = |i: usize| read[i].is_some_and(|v| v.article().body.trim().is_empty());
    let mut steps = Vec::with_capacity(ordered.len());
    let mut comparer = Comparer::reusing_words();
    for (i, &m) in ordered.iter().enumerate() {
        if i == 0 {
            steps.push(Step {
                article: m,
                relation: None,
                changes: Vec::new(),
            });
            continue;
        }
        // A flash is set against the flash before it, when there is one: a
        // corrected flash corrects a headline, not the story sent since.
        let before = match flash(i) {
            true => (0..i).rev().find(|&j| flash(j)).unwrap_or(i - 1),
            false => i - 1,
        };
        let (Some(pv), Some(cv)) = (read[before], read[i]) else {
            continue;
        };
        let (prev, cur) = (pv.article(), cv.article());
        // The story after its flash adds the story: an update of it, though the
        // pair is a brief and its story.
        let flash_then_story = flash(before) && !flash(i);
        let relation = match relation::between_read(pv, cv) {
            Relation::Brief if flash_then_story => Relation::Update,
            r => r,
        };
        steps.push(Step {
            article: m,
            relation: Some(relation),
            changes: changes_with(&mut comparer, prev, cur),
        });
    }
    comparer.done();
    steps
}

/// What `later` changes against `earlier`, in short phrases.
pub fn changes(earlier: &Article, later: &Article) -> Vec<String> {
    changes_with(&mut Comparer::default(), earlier, later)
}

/// [`changes`], comparing with `comparer`, which reads each version once for
/// all the steps it is in.
fn changes_with<'a>(
    comparer: &mut Comparer<'a>,
    earlier: &'a Article,
    later: &'a Article,
) -> Vec<String> {
    // A re-send of the same text needs no comparison: every row would be kept,
    // and only the dates can have moved.
    let compared = if comparer.same_text(earlier, later) {
        Ok(Comparison {
            left: SideInfo::of(earlier),
            right: SideInfo::of(later),
            summary: Summary::default(),
            rows: Vec::new(),
        })
    } else {
        comparer.compare(earlier, later)
    };
    match compared {
        Ok(mut c) => {
            // A file's time is no story's date: only dates the articles give
            // are set against each other.
            let file_time = |a: &Article| a.date_origin == crate::article::DateOrigin::FileTime;
            if file_time(earlier) || file_time(later) {
                c.left.date = None;
                c.right.date = None;
            }
            account(&c)
        }
        Err(e) => vec![e.to_string()],
    }
}

/// The phrases for a comparison: sentences added and dropped, figures changed,
/// dateline moved; `same text` when nothing an editor reads differs.
pub fn account(c: &Comparison) -> Vec<String> {
    let mut out = Vec::new();
    let s = &c.summary;
    let n = |k: usize, what: &str| format!("{k} {what}{}", if k == 1 { "" } else { "s" });
    if s.added_sentences > 0 {
        out.push(format!("+{}", n(s.added_sentences, "sentence")));
    }
    if s.dropped_sentences > 0 {
        out.push(format!("−{}", n(s.dropped_sentences, "sentence")));
    }
    out.extend(figures_changed(c));
    if s.changed_sentences > 0 && out.iter().all(|p| !p.starts_with("figure")) {
        out.push(format!("{} rewritten", n(s.changed_sentences, "sentence")));
    }
    if let Some(moved) = c.dates_moved() {
        out.push(moved);
    }
    let headline_changed = c
        .rows
        .iter()
        .any(|r| r.unit == crate::compare::UnitKind::Headline && r.kind != RowKind::Kept);
    if out.is_empty() {
        out.push(if headline_changed {
            "headline changed".to_string()
        } else {
            "same text".to_string()
        });
    }
    out
}

/// What kind of version the right side of a comparison is of the left, with the
/// figures it changes: `correction · figures swapped`, `update`, `copy`.
pub fn describe(left: &Article, right: &Article, c: &Comparison) -> String {
    let (earlier, later) = if relation::earlier(right, left) {
        (right, left)
    } else {
        (left, right)
    };
    let kind = relation::between(earlier, later);
    let figures = figures_changed(c);
    if figures.is_empty() {
        kind.name().to_string()
    } else {
        format!("{} · {}", kind.name(), figures.join(", "))
    }
}

/// Numbers a headline writes out, with their values: `ONE`, `HALF` and
/// `QUARTER` are left out, being as often words as figures (`FIRST QUARTER`).
const HEADLINE_NUMBERS: [(&str, u32); 13] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("twenty", 20),
    ("hundred", 100),
];

/// The value of a number a headline writes out, if `w` is one.
fn written_number(w: &str) -> Option<u32> {
    HEADLINE_NUMBERS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

/// Whether a piece of text is a figure: in digits, or in a brief's headline
/// also written out (`THREE PCT` corrected to `3-1/4 PCT`). In a body a
/// number word is as often a pronoun or a table's wording as a figure.
fn is_figure(w: &str, headline: bool) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) || (headline && written_number(w).is_some())
}

/// Whether two figures say one number, one written out (`FOUR`, `4`).
fn same_number(a: &str, b: &str) -> bool {
    match (written_number(a), written_number(b)) {
        (Some(x), None) => b.parse::<u32>() == Ok(x),
        (None, Some(y)) => a.parse::<u32>() == Ok(y),
        _ => false,
    }
}

/// A row side's words in order, each with how the diff marks it, punctuation
/// trimmed.
fn row_words(segs: &Option<Vec<crate::compare::Segment>>) -> Vec<(Op, String)> {
    segs.iter()
        .flatten()
        .flat_map(|s| s.text.split_whitespace().map(move |w| (s.op, w)))
        .map(|(o, w)| {
            (
                o,
                w.trim_matches(|ch: char| !ch.is_alphanumeric()).to_string(),
            )
        })
        .collect()
}

/// The figures of a row side that the diff marks `op`, each with the number
/// it says when the word after it (changed or not) gives its scale: `1.3 mln`
/// is 1,300,000.
fn changed_figures(words: &[(Op, String)], op: Op, headline: bool) -> Vec<Figure> {
    words
        .iter()
        .enumerate()
        .filter(|(_, (o, w))| *o == op && is_figure(w, headline))
        .map(|(i, (_, w))| Figure {
            value: value(w, words.get(i + 1).map(|(_, n)| n.as_str())),
            text: w.clone(),
        })
        .collect()
}

/// A row side's words (lower-cased) and its figures, each in order.
fn split_figures(words: &[(Op, String)]) -> (Vec<String>, Vec<String>) {
    let (mut plain, mut figures) = (Vec::new(), Vec::new());
    for (_, w) in words {
        match is_figure(w, false) {
            true => figures.push(w.clone()),
            false => plain.push(w.to_lowercase()),
        }
    }
    (plain, figures)
}

/// A figure as a comparison's row writes it, and the number it says.
struct Figure {
    text: String,
    value: Option<Number>,
}

/// A number with its scale (`1.3 mln`: 1.3 of a million) and half a unit of
/// its last digit, how far rounding may have moved it.
#[derive(Clone, Copy)]
struct Number {
    value: f64,
    scale: f64,
    within: f64,
}

impl Figure {
    /// Whether the two say one number: written alike but for commas, or in
    /// other scales, one the other rounded (`12.1 mln` and `12,141,000`, `1.3
    /// mln` and `1,300,000`). In one scale, `12` and `12.4` are two figures.
    fn says_as_much(&self, other: &Figure) -> bool {
        match (self.value, other.value) {
            (Some(a), Some(b)) if a.scale == b.scale => a.value == b.value,
            (Some(a), Some(b)) => (a.value - b.value).abs() <= a.within.max(b.within),
            _ => false,
        }
    }
}

/// The number `w` says (digits, thousands commas, one decimal point), scaled by
/// the word after it (`mln`, `billion`).
fn value(w: &str, next: Option<&str>) -> Option<Number> {
    let digits: String = w.chars().filter(|&c| c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let n: f64 = digits.parse().ok()?;
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    let scale = match next.map(str::to_ascii_lowercase).as_deref() {
        Some("mln" | "million" | "mn") => 1e6,
        Some("billion" | "bln" | "bn") => 1e9,
        Some("thousand") => 1e3,
        _ => 1.0,
    };
    Some(Number {
        value: n * scale,
        scale,
        within: 0.5 * 10f64.powi(-(decimals as i32)) * scale,
    })
}

/// The figures a comparison changes: `figure 36 → 46` for each (two at most, then
/// how many more), or `figures swapped` when the same figures trade places.
fn figures_changed(c: &Comparison) -> Vec<String> {
    let mut changes: Vec<(String, String)> = Vec::new();
    let mut gone: HashMap<String, i32> = HashMap::default();
    let mut moved = false;
    for row in c.rows.iter().filter(|r| r.kind == RowKind::Changed) {
        // Written-out numbers count in the headlines of two briefs (no body
        // either side), where the headline is the story; elsewhere a rewritten
        // headline pairs them with unrelated figures.
        let headline = row.unit == crate::compare::UnitKind::Headline
            && c.left.words == 0
            && c.right.words == 0;
        let (left, right) = (row_words(&row.left), row_words(&row.right));
        let deleted = changed_figures(&left, Op::Delete, headline);
        let inserted = changed_figures(&right, Op::Insert, headline);
        // The same figures in another order around the same words (`Net
        // 50,745 vs 161,019` read `Net 161,019 vs 50,745`): a diff of words
        // deletes and inserts one of them, itself. A rewrite that moves a
        // figure moves words with it.
        let (left_words, left_figures) = split_figures(&left);
        let (right_words, right_figures) = split_figures(&right);
        let mut sorted = (left_figures.clone(), right_figures.clone());
        sorted.0.sort_unstable();
        sorted.1.sort_unstable();
        moved |= !deleted.is_empty()
            && left_figures.len() >= 2
            && left_figures != right_figures
            && sorted.0 == sorted.1
            && left_words == right_words;
        for d in &deleted {
            *gone.entry(d.text.clone()).or_default() += 1;
        }
        for i in &inserted {
            *gone.entry(i.text.clone()).or_default() -= 1;
        }
        changes.extend(
            deleted
                .into_iter()
                .zip(inserted)
                .filter(|(d, i)| !same_number(&d.text, &i.text) && !d.says_as_much(i))
                .map(|(d, i)| (d.text, i.text)),
        );
    }
    if changes.is_empty() {
        return match moved {
            true => vec!["figures swapped".to_string()],
            false => Vec::new(),
        };
    }
    if changes.len() >= 2 && gone.values().all(|&v| v == 0) {
        return vec!["figures swapped".to_string()];
    }
    let mut out: Vec<String> = changes
        .iter()
        .take(2)
        .map(|(a, b)| format!("figure {a} → {b}"))
        .collect();
    if changes.len() > 2 {
        out.push(format!("{} more figures", changes.len() - 2));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(texts: &[&str]) -> Store {
        let names: Vec<String> = (0..texts.len()).map(|i| format!("{i:03}.txt")).collect();
        let (a, skipped) = crate::load::load_memory(
            names
                .iter()
                .zip(texts)
                .map(|(n, t)| (n.as_str(), t.as_bytes())),
        );
        Store::from_articles("/nowhere", a, skipped)
    }

    const FIRST: &str = "ACME RAISES DIVIDEND\n\nBOSTON, March 2 - Acme Corp said it raised its quarterly dividend to 36 cts a share from 30 cts, payable April 15.\n\nThe company said the increase reflects higher earnings in the widget business.";

    #[test]
    fn a_corrected_flash_is_set_against_the_flash_it_corrects() {
        let s = store(&[
            "BANKS AGREE TO 60-DAY EXTENSION ON CREDIT LINES\n\n",
            FIRST,
            "CORRECTED - BANKS WILL SEEK 60-DAY EXTENSION ON CREDIT LINES\n\n",
        ]);
        let steps = timeline(&s, &[0, 1, 2]);
        let ids: Vec<ArticleId> = steps.iter().map(|s| s.article).collect();
        assert_eq!(ids, vec![0, 1, 2], "flash, story, corrected flash");
        assert_eq!(steps[2].relation, Some(Relation::Correction));
        // Against the story it would be the story's sentences dropped.
        assert!(
            steps[2].changes.iter().all(|c| !c.contains("sentence")),
            "{:?}",
            steps[2].changes
        );
    }

    #[test]
    fn versions_in_order_with_what_each_changes() {
        let corrected = FIRST
            .replace("ACME RAISES", "CORRECTED - ACME RAISES")
            .replace("36 cts", "46 cts");
        let update = format!(
            "{FIRST}\n\nAnalysts said the rise was larger than they had expected after a weak year.\n\nAcme shares rose one dollar in early trading."
        );
        // Stored out of order: the correction first, the flash last.
        let s = store(&[&corrected, FIRST, &update, "ACME RAISES DIVIDEND\n\n"]);
        let steps = timeline(&s, &[0, 1, 2, 3]);
        let ids: Vec<ArticleId> = steps.iter().map(|s| s.article).collect();
        assert_eq!(ids, vec![3, 1, 2, 0], "flash, story, update, correction");
        assert_eq!(steps[0].line(), "first");
        assert_eq!(
            steps[1].relation,
            Some(Relation::Update),
            "the story after its flash"
        );
        assert_eq!(steps[2].relation, Some(Relation::Update));
        assert_eq!(steps[2].changes, vec!["+2 sentences".to_string()]);
        assert_eq!(steps[3].relation, Some(Relation::Correction));
        assert!(
            steps[3].changes.contains(&"figure 36 → 46".to_string()),
            "{:?}",
            steps[3].changes
        );
    }

    #[test]
    fn one_comparer_along_a_timeline_compares_as_each_pair_alone() {
        let corrected = FIRST.replace("36 cts", "46 cts");
        let update = format!("{FIRST}\n\nAnalysts said the rise was larger than expected.");
        let s = store(&[FIRST, &corrected, &update, "ACME RAISES DIVIDEND\n\n"]);
        let a = |i| s.get(i).unwrap();
        let mut comparer = Comparer::default();
        // Each version is in two pairs, and the comparer has read it before.
        for (l, r) in [(0, 1), (1, 2), (2, 3), (3, 0), (2, 0), (1, 1)] {
            assert_eq!(
                comparer.compare(a(l), a(r)).unwrap(),
                crate::compare::try_compare(a(l), a(r)).unwrap(),
                "{l} against {r}"
            );
        }
    }

    #[test]
    fn a_corrected_headline_only_brief_shows_its_corrected_figure() {
        let s = store(&[
            "BANKS RAISE DEPOSIT RATES TO THREE PCT\n\n",
            "CORRECTED - BANKS RAISE DEPOSIT RATES TO 3-1/4 PCT\n\n",
        ]);
        let steps = timeline(&s, &[0, 1]);
        assert_eq!(steps[1].relation, Some(Relation::Correction));
        assert_eq!(steps[1].changes, vec!["figure THREE → 3-1/4".to_string()]);
        // The same number in digits is no change of figure.
        let s = store(&[
            "BANKS RAISE DEPOSIT RATES BY FOUR PCT\n\n",
            "BANKS RAISE DEPOSIT RATES BY 4 PCT\n\n",
        ]);
        assert_eq!(timeline(&s, &[0, 1])[1].changes, vec!["headline changed"]);
    }

    #[test]
    fn one_number_in_other_notation_is_no_change_of_figure() {
        let before = "ACME SELLS SHARES\n\nDENVER, March 5 - Acme Inc said it sold 1,300,000 shares to Fabrikam at 12.50 dlrs each, and plans a plant.\n";
        let after = "ACME SELLS SHARES\n\nDENVER, March 5 - Acme Inc said it sold 1.3 mln shares to Fabrikam at 12.50 dlrs each, and plans a plant.\n";
        let s = store(&[before, after]);
        let c = crate::compare::try_compare(s.get(0).unwrap(), s.get(1).unwrap()).unwrap();
        assert!(figures_changed(&c).is_empty(), "{:?}", figures_changed(&c));
        // In one scale a rounder figure is another figure; so is another scale's.
        for other in ["1.4 mln", "13 mln", "1,360,000"] {
            let t = before.replace("1,300,000", other);
            let s = store(&[&t, after]);
            let c = crate::compare::try_compare(s.get(0).unwrap(), s.get(1).unwrap()).unwrap();
            assert_eq!(figures_changed(&c).len(), 1, "{other}");
        }
        let t = after.replace("1.3 mln", "1.25 mln");
        let s = store(&[after, &t]);
        let c = crate::compare::try_compare(s.get(0).unwrap(), s.get(1).unwrap()).unwrap();
        assert_eq!(figures_changed(&c), vec!["figure 1.3 → 1.25".to_string()]);
    }

    #[test]
    fn figures_that_trade_places_are_swapped() {
        let swapped = FIRST.replace("36 cts a share from 30 cts", "30 cts a share from 36 cts");
        let s = store(&[FIRST, &swapped]);
        let steps = timeline(&s, &[0, 1]);
        assert_eq!(steps[1].changes, vec!["figures swapped".to_string()]);
        assert_eq!(steps[1].line(), "correction · figures swapped");
    }

    #[test]
    fn a_results_table_with_its_columns_reversed_is_figures_swapped() {
        let table = |a: &str, b: &str, c: &str, d: &str| {
            format!(
                "ACME INC <ACM> 3RD QTR NET\n\nSARASOTA, Fla., March 11 - Shr one ct vs five cts\n    Net {a} vs {b}\n    Revs {c} vs {d}\n Reuter\n"
            )
        };
        let first = table("50,745", "161,019", "478,700", "1,048,543");
        let corrected = table("161,019", "50,745", "1,048,543", "478,700")
            .replace("ACME INC", "CORRECTED - ACME INC");
        let s = store(&[&first, &corrected]);
        let steps = timeline(&s, &[0, 1]);
        assert_eq!(
            steps[1].line(),
            "correction · figures swapped",
            "{:?}",
            steps[1]
        );
    }

    #[test]
    fn a_comparison_says_what_kind_of_version_its_right_side_is() {
        let corrected = FIRST.replace("36 cts", "46 cts");
        let s = store(&[FIRST, &corrected]);
        let (a, b) = (s.get(0).unwrap(), s.get(1).unwrap());
        let c = crate::compare::compare(a, b);
        assert_eq!(describe(a, b, &c), "correction · figure 36 → 46");
        let same = crate::compare::compare(a, a);
        assert_eq!(describe(a, a, &same), "copy");
    }

    #[test]
    fn a_moved_dateline_is_said() {
        let later = FIRST.replace("March 2", "March 4");
        let s = store(&[FIRST, &later]);
        let steps = timeline(&s, &[0, 1]);
        assert!(
            steps[1]
                .changes
                .iter()
                .any(|c| c.contains("March 2") && c.contains("March 4")),
            "{:?}",
            steps[1].changes
        );
    }
}
