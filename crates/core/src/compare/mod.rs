//! Comparing two versions of a story the way an editor reads them: sentence by
//! sentence, then word by word inside the sentences that changed.
//!
//! 1. Each body is split into sentences; the headline (when both sides have a real
//!    one) and the credit line are units of their own.
//! 2. Words are normalised for comparison only (case, quotes, accents, `U.N.`/`UN`,
//!    `1,600`/`1600`, British/American spelling); the original text is what is shown.
//! 3. Sentences are aligned: identical ones first, then similar ones in reading order
//!    (the heaviest chain of pairs increasing on both sides), then similar ones out of
//!    order (moved). A sentence that a rewrite split in two, or two it merged, pair
//!    as a group. What stays unpaired is added (right) or dropped (left).
//! 4. Inside each pair, a word diff on normalised words; words equal only after
//!    normalisation, and punctuation-only differences, are `minor`.
//!
//! Similar sentences are found through an inverted index on their rarer words, so
//! long documents never score all pairs of sentences.

mod align;
mod rows;
mod summary;
mod typos;
mod units;
mod words;

use serde::Serialize;

use rustc_hash::FxHashMap as HashMap;

use crate::article::{Article, ArticleId, TitleRule};

pub use summary::Summary;

/// Thresholds of the aligner.
#[derive(Clone, Debug)]
pub struct CompareOptions {
    /// Least word overlap (Dice coefficient on content words) for two sentences in
    /// reading order to count as one sentence rewritten.
    pub in_order: f32,
    /// Least overlap for a pair out of reading order (a moved sentence).
    pub moved: f32,
    /// Least share of the shorter sentence's content words found in the longer one
    /// for a pair in order (a shortened or lengthened sentence).
    pub containment: f32,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            in_order: 0.4,
            moved: 0.65,
            containment: 0.75,
        }
    }
}

/// What a segment of text is, relative to the other side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// The same on both sides.
    Equal,
    /// Only on the right.
    Insert,
    /// Only on the left.
    Delete,
    /// The same word written differently (spelling, quotes, `U.N.`/`UN`, punctuation).
    Minor,
}

/// A run of original text with one operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Original characters, exactly as in the article.
    pub text: String,
    /// How it relates to the other side.
    pub op: Op,
}

/// What happened to a sentence (or a group of sentences) between the versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// Identical.
    Kept,
    /// Identical after normalisation: only spelling, quotes, acronyms, punctuation.
    Minor,
    /// Rewritten: words inserted or deleted.
    Changed,
    /// Only on the right.
    Added,
    /// Only on the left.
    Dropped,
}

/// Which part of the article a row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// The headline.
    Headline,
    /// A body sentence.
    Body,
    /// The credit line.
    Credit,
}

/// One line of the comparison, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// What happened.
    pub kind: RowKind,
    /// Whether the sentence sits elsewhere on the other side; a moved pair is two
    /// rows, one at each side's position, linked by `partner`.
    pub moved: bool,
    /// Headline, body or credit.
    pub unit: UnitKind,
    /// The left sentence(s) as segments, or none.
    pub left: Option<Vec<Segment>>,
    /// The right sentence(s) as segments, or none.
    pub right: Option<Vec<Segment>>,
    /// For a moved row, the index of the row showing the other side.
    pub partner: Option<usize>,
}

/// What a row is to a reader, decided once for the terminal, the CLI and the
/// exports: its gutter mark, its style class, whether it is a change to look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowClass {
    /// A sentence found elsewhere on the other side.
    Moved,
    /// Only on the right.
    Added,
    /// Only on the left.
    Dropped,
    /// Rewritten.
    Changed,
    /// The same words written differently.
    Minor,
    /// Identical.
    Kept,
}

impl RowClass {
    /// The gutter mark: `+` added, `-` dropped, `~` rewritten, `↕` moved, blank
    /// otherwise.
    pub fn mark(self) -> char {
        match self {
            RowClass::Moved => '↕',
            RowClass::Added => '+',
            RowClass::Dropped => '-',
            RowClass::Changed => '~',
            RowClass::Minor | RowClass::Kept => ' ',
        }
    }

    /// The class's name in style sheets (`minor-row`, since `minor` names a word).
    pub fn name(self) -> &'static str {
        match self {
            RowClass::Moved => "moved",
            RowClass::Added => "added",
            RowClass::Dropped => "dropped",
            RowClass::Changed => "changed",
            RowClass::Minor => "minor-row",
            RowClass::Kept => "kept",
        }
    }

    /// Whether nothing an editor must read happened (kept or minor, not moved).
    pub fn is_quiet(self) -> bool {
        matches!(self, RowClass::Kept | RowClass::Minor)
    }
}

impl Row {
    /// The row's class.
    pub fn class(&self) -> RowClass {
        if self.moved {
            return RowClass::Moved;
        }
        match self.kind {
            RowKind::Added => RowClass::Added,
            RowKind::Dropped => RowClass::Dropped,
            RowKind::Changed => RowClass::Changed,
            RowKind::Minor => RowClass::Minor,
            RowKind::Kept => RowClass::Kept,
        }
    }

    /// The row's mark in a gutter; the same in the terminal, the CLI and exports.
    pub fn mark(&self) -> char {
        self.class().mark()
    }

    /// Whether the row is a change an editor should look at: a body or credit row
    /// that is not quiet (a changed headline shows, but is not counted as a change).
    pub fn is_change(&self) -> bool {
        self.unit != UnitKind::Headline && !self.class().is_quiet()
    }
}

/// Who a side of the comparison is.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SideInfo {
    /// Path as listed.
    pub path: String,
    /// Headline.
    pub title: String,
    /// Words in the body.
    pub words: u32,
    /// The dateline as written (`WASHINGTON, Feb 27 -`), if any.
    pub dateline: Option<String>,
    /// The date, for people (`Feb 27`, `2018-01-29`), if any.
    pub date: Option<String>,
    /// Whether the date is the file's modification time, no story's date.
    #[serde(skip)]
    pub file_date: bool,
}

impl SideInfo {
    /// Who `a` is, as a side of a comparison.
    pub fn of(a: &Article) -> SideInfo {
        SideInfo {
            path: a.location.to_string(),
            title: a.title.to_string(),
            words: a.words,
            dateline: a
                .dateline_text
                .as_deref()
                .map(|d| d.trim_end_matches(['-', '—', '–', ' ']).trim().to_string()),
            date: a.date.map(|d| d.human()),
            file_date: a.date_origin == crate::article::DateOrigin::FileTime,
        }
    }
}

/// The whole comparison: what the TUI draws and the CLI prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The left (older, or marked) version.
    pub left: SideInfo,
    /// The right version.
    pub right: SideInfo,
    /// Counts.
    pub summary: Summary,
    /// Rows in reading order.
    pub rows: Vec<Row>,
}

/// One side's text, as the comparison sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc<'a> {
    /// A real headline (not one derived from the lead), if any.
    pub headline: Option<&'a str>,
    /// Body paragraphs.
    pub paragraphs: Vec<&'a str>,
    /// For each paragraph, whether it is a line of a preformatted block (compared
    /// as one line, not split into sentences); empty when none is.
    pub pre: Vec<bool>,
    /// Credit line.
    pub credit: Option<&'a str>,
}

impl<'a> Doc<'a> {
    /// The parts of an article that take part in a comparison.
    pub fn of(a: &'a Article) -> Doc<'a> {
        let real = !matches!(a.title_rule, TitleRule::Lead | TitleRule::FileName);
        let (paragraphs, pre) = a.paragraphs_marked().unzip();
        Doc {
            headline: real.then_some(a.title.as_ref()),
            paragraphs,
            pre,
            credit: a.credit(),
        }
    }

    /// Plain text, paragraphs separated by blank lines, no headline or credit.
    pub fn plain(text: &'a str) -> Doc<'a> {
        Doc {
            headline: None,
            paragraphs: text
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .collect(),
            pre: Vec::new(),
            credit: None,
        }
    }
}

/// The most sentences (and table lines) a side may have to be compared: a long
/// file of ordinary news copy has a few tens of thousands, and past this the
/// comparison would take minutes and hundreds of bytes of memory per sentence.
pub const MAX_SENTENCES: usize = 200_000;

/// Why two articles were not compared.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// One side has more sentences than [`MAX_SENTENCES`].
    #[error(
        "{path} has {sentences} sentences; copydesk compares articles of up to {max} (split the file)"
    )]
    TooLong {
        /// The side's path.
        path: String,
        /// How many sentences it has.
        sentences: usize,
        /// The most a side may have.
        max: usize,
    },
}

/// Compares two articles with default options, unless one has more than
/// [`MAX_SENTENCES`] sentences.
pub fn try_compare(left: &Article, right: &Article) -> Result<Comparison, CompareError> {
    compare_within(
        &Doc::of(left),
        &Doc::of(right),
        SideInfo::of(left),
        SideInfo::of(right),
        &CompareOptions::default(),
        MAX_SENTENCES,
    )
}

/// Compares two articles with default options, however long.
pub fn compare(left: &Article, right: &Article) -> Comparison {
    compare_docs(
        &Doc::of(left),
        &Doc::of(right),
        SideInfo::of(left),
        SideInfo::of(right),
        &CompareOptions::default(),
    )
}

impl Comparison {
    /// How the two versions' datelines or dates differ, for a comparison's header:
    /// `dateline WASHINGTON, Feb 27 → WASHINGTON, March 2`, or `date Feb 27 → Mar 2`.
    pub fn dates_moved(&self) -> Option<String> {
        let (l, r) = (&self.left, &self.right);
        if let (Some(a), Some(b)) = (&l.dateline, &r.dateline)
            && a != b
        {
            return Some(format!("dateline {a} → {b}"));
        }
        // A file's time is when it was saved, not when the story was sent.
        match (&l.date, &r.date) {
            (Some(a), Some(b)) if a != b && !l.file_date && !r.file_date => {
                Some(format!("date {a} → {b}"))
            }
            _ => None,
        }
    }
}

/// Compares two documents: sentences aligned, then words diffed inside each pair.
pub fn compare_docs(
    left: &Doc,
    right: &Doc,
    left_info: SideInfo,
    right_info: SideInfo,
    opts: &CompareOptions,
) -> Comparison {
    match compare_within(left, right, left_info, right_info, opts, usize::MAX) {
        Ok(c) => c,
        Err(e) => unreachable!("no side has more than usize::MAX sentences: {e}"),
    }
}

/// [`compare_docs`], unless a side has more than `max` sentences.
fn compare_within(
    left: &Doc,
    right: &Doc,
    left_info: SideInfo,
    right_info: SideInfo,
    opts: &CompareOptions,
    max: usize,
) -> Result<Comparison, CompareError> {
    let mut interner = units::Interner::default();
    let l = side_units(left, &left_info, &mut interner, max)?;
    let r = side_units(right, &right_info, &mut interner, max)?;
    Ok(compare_units(
        (left, &l, left_info),
        (right, &r, right_info),
        opts,
        &mut interner,
    ))
}

/// The body's sentences of one side as units, unless it has more than `max`.
fn side_units<'a>(
    doc: &Doc<'a>,
    info: &SideInfo,
    interner: &mut units::Interner,
    max: usize,
) -> Result<Vec<units::Unit<'a>>, CompareError> {
    let units = units::body_units(doc, interner);
    if units.len() > max {
        return Err(CompareError::TooLong {
            path: info.path.clone(),
            sentences: units.len(),
            max,
        });
    }
    Ok(units)
}

/// The comparison of two sides whose sentences are read (with `interner`).
fn compare_units(
    (left, l, left_info): (&Doc, &[units::Unit], SideInfo),
    (right, r, right_info): (&Doc, &[units::Unit], SideInfo),
    opts: &CompareOptions,
    interner: &mut units::Interner,
) -> Comparison {
    let alignment = align::align(l, r, opts);
    let lex = typos::Lexicon::of(l, r);
    let mut rows: Vec<Row> = Vec::new();
    if let (Some(lh), Some(rh)) = (left.headline, right.headline) {
        rows.push(rows::pair(lh, rh, UnitKind::Headline, interner, &lex));
    }
    rows::body(l, r, &alignment, &lex, &mut rows);
    rows.extend(rows::credit(left.credit, right.credit, interner, &lex));
    rows.shrink_to_fit();
    Comparison {
        left: left_info,
        right: right_info,
        summary: summary::summarise(&rows),
        rows,
    }
}

/// Compares versions of one story pair by pair, as [`try_compare`] does, reading
/// each version once however many pairs it is in: a timeline sets each version
/// against the one before and the one after.
#[derive(Default)]
pub struct Comparer<'a> {
    interner: units::Interner,
    /// Each version's text as compared, by id.
    docs: HashMap<ArticleId, Doc<'a>>,
    /// Each compared version's sentences, by id.
    units: HashMap<ArticleId, Vec<units::Unit<'a>>>,
}

thread_local! {
    /// Words met by comparisons on this thread, kept from one comparer to the
    /// next: each story's timeline had normalised every word afresh.
    static WORDS: std::cell::RefCell<units::Interner> = std::cell::RefCell::default();
}

/// Words the kept interner may hold before it starts afresh.
const KEPT_WORDS: usize = 1 << 20;

impl<'a> Comparer<'a> {
    /// A comparer that starts from the words this thread's comparers met
    /// before; give them back with [`Comparer::done`].
    pub fn reusing_words() -> Comparer<'a> {
        Comparer {
            interner: WORDS.with(|w| w.take()),
            ..Comparer::default()
        }
    }

    /// Keeps the words this comparer met for the thread's next one.
    pub fn done(self) {
        if self.interner.len() <= KEPT_WORDS {
            WORDS.with(|w| *w.borrow_mut() = self.interner);
        }
    }

    /// The text of `a` as compared, read on first use.
    fn doc(&mut self, a: &'a Article) -> &Doc<'a> {
        self.docs.entry(a.id).or_insert_with(|| Doc::of(a))
    }

    /// Whether two versions have the same text as compared (a re-send): every
    /// row of their comparison would be kept.
    pub fn same_text(&mut self, left: &'a Article, right: &'a Article) -> bool {
        self.doc(left);
        self.doc(right);
        self.docs[&left.id] == self.docs[&right.id]
    }

    /// [`try_compare`] of `left` and `right`.
    pub fn compare(
        &mut self,
        left: &'a Article,
        right: &'a Article,
    ) -> Result<Comparison, CompareError> {
        for a in [left, right] {
            if !self.units.contains_key(&a.id) {
                self.doc(a);
                let units = side_units(
                    &self.docs[&a.id],
                    &SideInfo::of(a),
                    &mut self.interner,
                    MAX_SENTENCES,
                )?;
                self.units.insert(a.id, units);
            }
        }
        Ok(compare_units(
            (
                &self.docs[&left.id],
                &self.units[&left.id],
                SideInfo::of(left),
            ),
            (
                &self.docs[&right.id],
                &self.units[&right.id],
                SideInfo::of(right),
            ),
            &CompareOptions::default(),
            &mut self.interner,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(a: &str, b: &str) -> Comparison {
        let info = || SideInfo {
            path: String::new(),
            title: String::new(),
            words: 0,
            ..SideInfo::default()
        };
        compare_docs(
            &Doc::plain(a),
            &Doc::plain(b),
            info(),
            info(),
            &CompareOptions::default(),
        )
    }

    fn kinds(c: &Comparison) -> Vec<(RowKind, bool)> {
        c.rows.iter().map(|r| (r.kind, r.moved)).collect()
    }

    #[test]
    fn a_file_date_is_not_set_against_a_story_date() {
        let side = |date: &str, file_date: bool| SideInfo {
            date: Some(date.to_string()),
            file_date,
            ..SideInfo::default()
        };
        let c = |l, r| Comparison {
            left: l,
            right: r,
            summary: Summary::default(),
            rows: Vec::new(),
        };
        let moved = c(side("Mar 24", false), side("Mar 25", false)).dates_moved();
        assert_eq!(moved.as_deref(), Some("date Mar 24 → Mar 25"));
        assert_eq!(
            c(side("Mar 24", false), side("2026-12-03", true)).dates_moved(),
            None
        );
        assert_eq!(
            c(side("2026-12-03", true), side("Mar 24", false)).dates_moved(),
            None
        );
    }

    #[test]
    fn two_flashes_are_compared_on_their_headlines() {
        let (a, _) = crate::load::load_memory([
            (
                "a.txt",
                "BRAZIL AND BANKS AGREE TO 60-DAY EXTENSION\n\n".as_bytes(),
            ),
            (
                "b.txt",
                "CORRECTED - BRAZIL AND BANKS TO SEEK 60-DAY EXTENSION\n\n".as_bytes(),
            ),
        ]);
        let c = try_compare(&a[0], &a[1]).unwrap();
        assert_eq!(
            c.summary.line(),
            "headlines only: the headline is rewritten"
        );
        let same = try_compare(&a[0], &a[0]).unwrap();
        assert_eq!(same.summary.line(), "headlines only: the same headline");
        // A body on either side is compared as a body.
        let (b, _) = crate::load::load_memory([
            (
                "a.txt",
                "BANKS AGREE\n\nThe banks agreed on Monday.\n".as_bytes(),
            ),
            (
                "b.txt",
                "BANKS AGREE\n\nThe banks agreed on Monday.\n".as_bytes(),
            ),
        ]);
        let body = try_compare(&b[0], &b[1]).unwrap();
        assert_eq!(body.summary.line(), "the two bodies are the same");
    }

    #[test]
    fn summary_says_when_nothing_but_spelling_changed() {
        let same = "The council met on Monday. It voted to raise the levy.";
        assert_eq!(
            cmp(same, same).summary.line(),
            "the two bodies are the same"
        );
        let c = cmp(
            "The council met on Monday. It voted to organise a levy.",
            "The council met on Monday. It voted to organize a levy.",
        );
        assert_eq!(
            c.summary.line(),
            "the two bodies differ only in spelling, quotes or punctuation (1 sentence)"
        );
        let changed = cmp(same, "The council met on Monday. It voted to cut the levy.");
        assert!(changed.summary.line().starts_with("right adds 0 sentences"));
    }

    #[test]
    fn new_share_never_passes_one_when_a_change_cuts_a_word() {
        // No spaces: one word to a word counter, three tokens to the diff.
        let c = cmp("O", "ZZ\0\0o\u{fffd}\0Z");
        assert!(c.summary.added_words > 0);
        assert!(c.summary.new_share <= 1.0, "{}", c.summary.new_share);
    }

    #[test]
    fn variants_are_minor_not_changes() {
        let c = cmp(
            "The U.N. said the plan was favourable to 1,600 people. It \"works\".",
            "The UN said the plan was favorable to 1600 people. It “works”.",
        );
        assert_eq!(
            kinds(&c),
            vec![(RowKind::Minor, false), (RowKind::Minor, false)]
        );
        assert_eq!(c.summary.added_words, 0);
        let segs = c.rows[0].right.as_ref().unwrap();
        assert!(
            segs.iter()
                .any(|s| s.op == Op::Minor && s.text.contains("UN"))
        );
    }

    #[test]
    fn added_dropped_changed_and_moved() {
        let a = "Alpha beta gamma delta epsilon. Zeta eta theta iota kappa. Lambda mu nu xi omicron. Pi rho sigma tau upsilon.";
        let b = "Pi rho sigma tau upsilon. Alpha beta gamma delta epsilon phi. New words entirely here today. Lambda mu nu xi omicron.";
        let c = cmp(a, b);
        assert_eq!(c.summary.added_sentences, 1);
        assert_eq!(c.summary.dropped_sentences, 1);
        assert_eq!(c.summary.changed_sentences, 1);
        assert_eq!(c.summary.moved_sentences, 1);
        assert_eq!(c.summary.added_words, 5 + 1);
        let moved: Vec<&Row> = c.rows.iter().filter(|r| r.moved).collect();
        assert_eq!(moved.len(), 2);
        let p = moved[0].partner.unwrap();
        assert!(c.rows[p].moved);
    }

    #[test]
    fn unrelated_sentences_are_not_stitched() {
        let c = cmp(
            "Russia has invited the members of the council to the meeting, which the opposition has said it will boycott.",
            "The opposition has made similar accusations.",
        );
        assert_eq!(
            kinds(&c),
            vec![(RowKind::Dropped, false), (RowKind::Added, false)]
        );
    }

    #[test]
    fn split_sentence_pairs_as_a_group() {
        let c = cmp(
            "The council approved the bridge repair budget on Monday after inspectors found cracks in two piers.",
            "The council approved the bridge repair budget on Monday. Inspectors had found cracks in two piers.",
        );
        assert_eq!(c.rows.len(), 1, "{:#?}", c.rows);
        assert_eq!(c.rows[0].kind, RowKind::Changed);
    }

    #[test]
    fn segments_rebuild_the_sentences() {
        let a = "First one here. Second, with “quotes” — and dashes. Third!";
        let b = "Second, with \"quotes\" and dashes. First one there. Fourth?";
        let c = cmp(a, b);
        let side = |left: bool| -> String {
            c.rows
                .iter()
                .filter_map(|r| {
                    if left {
                        r.left.as_ref()
                    } else {
                        r.right.as_ref()
                    }
                })
                .map(|segs| segs.iter().map(|s| s.text.as_str()).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(side(true), a);
        assert_eq!(side(false), b);
    }
}

#[cfg(test)]
mod reuse_tests {
    use super::*;

    #[test]
    fn a_comparer_reusing_a_threads_words_compares_as_a_fresh_one() {
        let (articles, _) = crate::load::load_memory([
            ("a.txt", &b"STRIKE ENDS\n\nDock workers ended a strike on Tuesday. Talks went on for nine days.\n"[..]),
            ("b.txt", &b"STRIKE ENDS AT PORT\n\nDock workers ended their strike on Tuesday. Talks went on for ten days. Ships sailed.\n"[..]),
            ("c.txt", &b"RAIN\n\nRain fell on the port for nine days.\n"[..]),
        ]);
        let fresh = Comparer::default()
            .compare(&articles[0], &articles[1])
            .expect("compared");
        // Another story's words first, then the same comparison.
        let mut first = Comparer::reusing_words();
        first.compare(&articles[2], &articles[0]).expect("compared");
        first.done();
        let mut second = Comparer::reusing_words();
        assert!(second.interner.len() > 0, "the words met before are kept");
        let again = second
            .compare(&articles[0], &articles[1])
            .expect("compared");
        second.done();
        assert_eq!(again.summary, fresh.summary);
        assert_eq!(again.rows.len(), fresh.rows.len());
        for (x, y) in again.rows.iter().zip(&fresh.rows) {
            assert_eq!((x.kind, x.moved, x.unit), (y.kind, y.moved, y.unit));
        }
        assert!(fresh.summary.added_sentences > 0);
    }
}
