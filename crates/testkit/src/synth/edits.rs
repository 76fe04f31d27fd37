//! Making a version of a story the way a copy desk does, and recording what
//! changed.

use super::story::*;
use super::words::*;
use super::*;

/// Applies a version's edits to a copy of `orig` and records what changed.
pub(crate) fn make_version(
    g: &mut Gen,
    orig: &Story,
    topic: &Topic,
    kind: EditKind,
) -> (Story, Edits) {
    let mut v = orig.clone();
    let mut edits = Edits::default();
    let rng_bool = |g: &mut Gen, p: u8| g.rng.u8(..100) < p;
    match kind {
        EditKind::Rewrite => {
            v.style = orig.style.flipped();
            v.layout = g.layout(Some(orig.layout));
            // Drop up to two sentences, never the lead.
            let drops = g.rng.usize(0..=2).min(v.sents.len().saturating_sub(3));
            for _ in 0..drops {
                let i = g.rng.usize(1..v.sents.len());
                edits.dropped.push(v.sents.remove(i).id);
            }
            // Edit one or two sentences in place.
            for _ in 0..g.rng.usize(1..=2) {
                let i = g.rng.usize(..v.sents.len());
                if edits.changed.contains(&v.sents[i].id) {
                    continue;
                }
                let before = v.sents[i].toks.clone();
                let inserted = insert_word(g, &mut v.sents[i]);
                if v.sents[i].toks != before {
                    edits.changed.push(v.sents[i].id);
                    edits.inserted += inserted;
                }
            }
            // Move one sentence at least two places, so that which sentence moved is
            // not a matter of taste (swapping neighbours could be told either way).
            if v.sents.len() >= 4 && rng_bool(g, 70) {
                let from = g.rng.usize(1..v.sents.len());
                let s = v.sents.remove(from);
                let targets: Vec<usize> = (1..=v.sents.len())
                    .filter(|&to| to + 2 <= from || to >= from + 2)
                    .collect();
                if targets.is_empty() {
                    v.sents.insert(from, s);
                } else {
                    let to = targets[g.rng.usize(..targets.len())];
                    edits.moved.push(s.id);
                    v.sents.insert(to, s);
                }
            }
            // Add one to three sentences of context.
            for _ in 0..g.rng.usize(1..=3) {
                let s = g.sentence(CONTEXT_TEMPLATES, topic);
                let at = g.rng.usize(0..=v.sents.len());
                edits.added.push(s.id);
                v.sents.insert(at, s);
            }
            if rng_bool(g, 50) {
                v.credit = None;
            }
            let h = *pick(
                &mut g.rng,
                &["{N} {vp} {n} as {O} stays away", "{O} snubs talks on {n}"],
            );
            v.headline = g.fill(h, topic, &mut Vec::new());
            capitalise_first(&mut v.headline);
        }
        EditKind::Brief => {
            let keep = g.rng.usize(2..=3).min(v.sents.len());
            for s in v.sents.drain(keep..) {
                edits.dropped.push(s.id);
            }
            v.layout = g.layout(Some(orig.layout));
            if rng_bool(g, 50) {
                v.style = orig.style.flipped();
            }
        }
        EditKind::Update => {
            let n = g.rng.usize(2..=3);
            for k in 0..n {
                let s = g.sentence(TEMPLATES, topic);
                edits.added.push(s.id);
                v.sents.insert(k, s);
            }
            if v.sents.len() > n + 3 && rng_bool(g, 50) {
                edits.dropped.push(v.sents.pop().map(|s| s.id).unwrap_or(0));
            }
        }
        EditKind::Resend => {
            // Correct one figure.
            let with_number: Vec<usize> = (0..v.sents.len())
                .filter(|&i| v.sents[i].toks.iter().any(|t| matches!(t, Tok::Number(_))))
                .collect();
            if let Some(&i) = with_number.get(g.rng.usize(..with_number.len().max(1))) {
                for t in &mut v.sents[i].toks {
                    if let Tok::Number(n) = t {
                        *n += 1 + g.rng.u64(1..9);
                        break;
                    }
                }
                edits.changed.push(v.sents[i].id);
                edits.inserted += 1;
            }
        }
    }
    v.paras = g.paragraphs(v.sents.len());
    (v, edits)
}

#[derive(Default)]
pub(crate) struct Edits {
    pub(crate) added: Vec<u32>,
    pub(crate) dropped: Vec<u32>,
    pub(crate) moved: Vec<u32>,
    pub(crate) changed: Vec<u32>,
    pub(crate) inserted: usize,
}

/// Puts one editor's word into a sentence, after its first space-separated word
/// that is not the start of a quotation. Returns the number of words inserted.
pub(crate) fn insert_word(g: &mut Gen, s: &mut Sent) -> usize {
    let word = *pick(&mut g.rng, INSERTS);
    let candidates: Vec<usize> = (0..s.toks.len())
        .filter(|&i| matches!(&s.toks[i], Tok::Text(t) if t.matches(' ').count() >= 3))
        .collect();
    let Some(&i) = candidates.get(g.rng.usize(..candidates.len().max(1))) else {
        return 0;
    };
    let how = g.rng.u8(..10);
    if let Tok::Text(t) = &mut s.toks[i] {
        let spaces: Vec<usize> = t.match_indices(' ').map(|(k, _)| k).collect();
        let k = g.rng.usize(1..spaces.len());
        let at = spaces[k];
        // The word after this space, when it is a plain word that can go or be
        // replaced without leaving stray punctuation.
        let next_end = spaces.get(k + 1).copied();
        let plain_next =
            next_end.is_some_and(|e| t[at + 1..e].chars().all(|c| c.is_ascii_alphabetic()));
        match how {
            // Replace a word with another.
            0..=2 if plain_next => {
                let e = next_end.unwrap_or(at);
                t.replace_range(at + 1..e, word);
                return 1;
            }
            // Cut a word.
            3..=4 if plain_next => {
                let e = next_end.unwrap_or(at);
                t.replace_range(at..e, "");
                return 0;
            }
            _ => {
                t.insert_str(at, &format!(" {word}"));
                return 1;
            }
        }
    }
    0
}

pub(crate) fn words_in(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
