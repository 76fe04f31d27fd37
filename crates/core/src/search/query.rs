//! A query in fzf's extended search syntax: terms, their kinds, alternatives, and
//! the case rule.

use unicode_normalization::char::is_combining_mark;

use super::{fold, fold_lower, is_subsequence, mask_of};

/// The query syntax with an example of each form and what it does, for the help.
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "'oil",
        "headlines holding oil exactly ('oil' only as a whole word)",
    ),
    ("^opec", "headlines starting with opec"),
    ("output$", "headlines ending with output"),
    ("!crude", "leaves out headlines holding crude"),
    (
        "^opec | oil$",
        "either term: | joins alternatives, a space terms that must all hold",
    ),
];

/// How one term of a query matches a headline (fzf's extended search syntax).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// `word`: the letters in order, anywhere (a subsequence).
    Fuzzy,
    /// `'word`: the text as written, anywhere.
    Exact,
    /// `'word'`: the text as written, starting and ending at word boundaries.
    Boundary,
    /// `^word`: the headline starts with the text.
    Prefix,
    /// `word$`: the headline ends with the text.
    Suffix,
    /// `^word$`: the headline is the text.
    Equal,
}

/// One term of a query: how it matches, its folded text, and whether it must not
/// match (`!`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// How it matches.
    pub kind: TermKind,
    /// The text, accent-free (and lower case unless the query's case matters).
    pub text: String,
    /// `!`: headlines that match are left out.
    pub inverse: bool,
    pub(super) mask: u64,
}

impl Term {
    /// Reads one space-separated term; `None` for a term of markers alone.
    fn parse(word: &str, case_sensitive: bool) -> Option<Term> {
        let mut t = word;
        let inverse = t.starts_with('!');
        if inverse {
            t = &t[1..];
        }
        let kind;
        if let Some(rest) = t.strip_prefix('\'') {
            match rest.strip_suffix('\'') {
                Some(inner) if !inner.is_empty() => {
                    kind = TermKind::Boundary;
                    t = inner;
                }
                _ => {
                    kind = TermKind::Exact;
                    t = rest;
                }
            }
        } else if let Some(rest) = t.strip_prefix('^') {
            match rest.strip_suffix('$') {
                Some(inner) => {
                    kind = TermKind::Equal;
                    t = inner;
                }
                None => {
                    kind = TermKind::Prefix;
                    t = rest;
                }
            }
        } else if let Some(rest) = t.strip_suffix('$').filter(|r| !r.is_empty()) {
            kind = TermKind::Suffix;
            t = rest;
        } else {
            // fzf's `!word` is never fuzzy: it leaves out headlines holding the text.
            kind = if inverse {
                TermKind::Exact
            } else {
                TermKind::Fuzzy
            };
        }
        if t.is_empty() {
            return None;
        }
        // A decomposed accent in the query (`Cafe` and U+0301) matters no more
        // than a composed one.
        let t: String = t.chars().filter(|c| !is_combining_mark(*c)).collect();
        let t = t.as_str();
        if t.is_empty() {
            return None;
        }
        let text = if case_sensitive {
            fold(t)
        } else {
            fold_lower(t)
        };
        let mask = mask_of(&fold_lower(t));
        Some(Term {
            kind,
            text,
            inverse,
            mask,
        })
    }

    /// Whether the term holds for `hay` (the headline folded as the query is),
    /// `!` taken into account.
    pub(super) fn holds(&self, hay: &str) -> bool {
        self.matches(hay) != self.inverse
    }

    /// Whether the text matches `hay` the way the kind says, `!` left aside.
    pub(super) fn matches(&self, hay: &str) -> bool {
        let t = self.text.as_str();
        match self.kind {
            TermKind::Fuzzy => is_subsequence(t, hay),
            TermKind::Exact => memchr::memmem::find(hay.as_bytes(), t.as_bytes()).is_some(),
            TermKind::Boundary => {
                memchr::memmem::find_iter(hay.as_bytes(), t.as_bytes()).any(|i| {
                    let before = hay[..i].chars().next_back();
                    let after = hay[i + t.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
            }
            TermKind::Prefix => hay.starts_with(t),
            TermKind::Suffix => hay.ends_with(t),
            TermKind::Equal => hay == t,
        }
    }

    /// Whether the term is one letter or digit to find anywhere, which the
    /// character-set mask settles alone.
    pub(super) fn settled_by_mask(&self) -> bool {
        matches!(self.kind, TermKind::Fuzzy | TermKind::Exact)
            && !self.inverse
            && self.text.len() == 1
            && self.text.as_bytes()[0].is_ascii_alphanumeric()
    }
}

/// A parsed query, in fzf's extended search syntax: terms separated by spaces must
/// all hold; terms joined by ` | ` are alternatives (one of them must hold).
/// `word` is fuzzy, `'word` exact, `'word'` exact at word boundaries, `^word` a
/// prefix, `word$` a suffix, `!word` leaves out headlines holding `word`. Case
/// matters only when the query has a capital (smart case); accents never do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub(super) raw: String,
    /// Groups of alternatives; every group must hold.
    pub(super) groups: Vec<Vec<Term>>,
    pub(super) case_sensitive: bool,
    /// The query without case, for headlines set in capitals (`Opec` finds
    /// `OPEC RAISES OUTPUT`); only when the query has a capital.
    pub(super) lowered: Option<Box<Query>>,
}

impl Query {
    /// Whether every term is letters to find in order (no `!`, `'`, `^` or `$`):
    /// such a query matches a headline only where it matches the headline as
    /// written, before its spaces are tidied and control characters dropped.
    pub fn is_plain_fuzzy(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .all(|t| t.kind == TermKind::Fuzzy && !t.inverse)
    }

    /// Parses a query: terms split at spaces, `|` between alternatives, smart case,
    /// accents folded.
    pub fn parse(raw: &str) -> Query {
        let case_sensitive = raw.chars().any(char::is_uppercase);
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut or_next = false;
        for word in raw.split_whitespace() {
            if word == "|" {
                or_next = !groups.is_empty();
                continue;
            }
            let Some(term) = Term::parse(word, case_sensitive) else {
                continue;
            };
            match groups.last_mut() {
                Some(g) if or_next => g.push(term),
                _ => groups.push(vec![term]),
            }
            or_next = false;
        }
        let lowered = case_sensitive.then(|| Box::new(Query::parse(&raw.to_lowercase())));
        Query {
            raw: raw.to_string(),
            groups,
            case_sensitive,
            lowered,
        }
    }

    /// The text typed.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Whether the query has no terms (it matches everything).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The terms, in groups of alternatives.
    pub fn groups(&self) -> &[Vec<Term>] {
        &self.groups
    }

    /// The texts of the terms that must be found (not those after `!`), in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flatten()
            .filter(|t| !t.inverse)
            .map(|t| t.text.as_str())
    }

    /// Whether two queries ask for the same: they differ at most in their
    /// spaces (a space typed after a word).
    pub fn same_terms(&self, other: &Query) -> bool {
        self.groups == other.groups && self.case_sensitive == other.case_sensitive
    }

    /// Whether every match of `self` is a match of `earlier`, so that a search for
    /// `self` may look only among the results of `earlier`. Typing on extends a
    /// query's terms and adds terms; it no longer narrows once a `!` (a longer
    /// excluded text excludes less) or a `|` (another alternative) is in it.
    pub fn narrows(&self, earlier: &Query) -> bool {
        self.raw.starts_with(&earlier.raw)
            && (self.case_sensitive || !earlier.case_sensitive)
            && !self.raw.contains(['!', '|'])
    }
}
