//! The search prompt and what it found: the query as typed, its filter terms, the
//! fuzzy words, the matches of the last query (to narrow the next one within), and
//! the ranked results the list shows. A query is answered on the spot for its
//! first page; ranking many matches, and searching bodies, go to the background.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use std::sync::Arc;

use copydesk_core::article::ArticleId;
use copydesk_core::filter::{self, Filter};
use copydesk_core::search::{Hit, Known, Query};

use super::effect::Effect;
use super::job::Job;
use super::library::Library;
use super::line::{self, Edited, LineEditor};
use super::queue::Latest;
use super::style::Styles;
use crate::config::Action;

/// How many matches are ranked on the spot; more are ranked in the background.
const RANK_NOW: usize = 4000;

/// Rows of the first page ranked exactly on each keystroke.
const FIRST_PAGE: usize = 200;

/// What the search found, as the list builds and draws its rows from it.
#[derive(Clone, Copy, Debug)]
pub struct Found<'a> {
    /// Ranked results, when a query is active.
    pub results: Option<&'a [ArticleId]>,
    /// The prompt's filter terms.
    pub filter: &'a Filter,
    /// The fuzzy query whose matched characters the list emphasises.
    pub query: Option<&'a Query>,
}

/// The search prompt.
#[derive(Clone, Debug, Default)]
pub struct SearchPrompt {
    editing: bool,
    line: LineEditor,
    /// Where the history of queries is kept across runs, if anywhere.
    history_file: Option<std::path::PathBuf>,
    full_text: bool,
    filter: Filter,
    words: String,
    /// The fuzzy query of the words, when headlines are searched.
    active: Option<Query>,
    /// The last query, every match of it and what its search knew of them, for
    /// narrowing.
    last: Option<(Query, Arc<Vec<ArticleId>>, Known)>,
    results: Option<Vec<ArticleId>>,
    latest: Latest,
    /// The text last searched for: the same text searched again (more articles
    /// loaded) keeps a selection the user made.
    searched: String,
}

impl SearchPrompt {
    /// Actions worth a hint in the status bar while the prompt has the keyboard.
    pub const HINTS: &'static [(Action, &'static str)] = &[
        (Action::Accept, "keep"),
        (Action::Cancel, "clear"),
        (Action::ToggleFullText, "full text"),
    ];

    /// Whether the prompt has the keyboard.
    pub fn editing(&self) -> bool {
        self.editing
    }

    /// The query as typed.
    pub fn text(&self) -> &str {
        self.line.text()
    }

    /// The line being edited, with its cursor and history.
    pub fn line(&self) -> &LineEditor {
        &self.line
    }

    /// Keeps the history of queries in `path` (read now, written on each kept
    /// search).
    pub fn keep_history(&mut self, path: std::path::PathBuf) {
        self.line.set_history(line::read_history(&path));
        self.history_file = Some(path);
    }

    /// Whether the prompt has a line on screen: while typing, or while a query
    /// filters the list.
    pub fn shown(&self) -> bool {
        self.editing || !self.text().is_empty()
    }

    /// Whether a query is kept (typed, then kept with enter).
    pub fn kept(&self) -> bool {
        !self.editing && !self.text().is_empty()
    }

    /// The words of a full-text search whose results the list shows, for the
    /// reader to highlight in bodies.
    pub fn full_text_terms(&self) -> Vec<String> {
        if !self.full_text || self.results.is_none() {
            return Vec::new();
        }
        self.words.split_whitespace().map(str::to_string).collect()
    }

    /// The ranked results, when a query is active.
    pub fn results(&self) -> Option<&[ArticleId]> {
        self.results.as_deref()
    }

    /// Whether results are still being ranked or searched in the background.
    pub fn busy(&self) -> bool {
        self.latest.waiting()
    }

    /// What the search found, for the list.
    pub fn found(&self) -> Found<'_> {
        Found {
            results: self.results.as_deref(),
            filter: &self.filter,
            query: self.active.as_ref(),
        }
    }

    /// Gives the prompt the keyboard with a fresh query; a kept one goes to the
    /// history (up brings it back).
    pub fn start(&mut self) -> Effect {
        self.editing = true;
        if self.text().is_empty() {
            return Effect::None;
        }
        let old = self.text().to_string();
        self.line.remember(&old);
        self.clear()
    }

    /// Adds a typed character to the query at the cursor.
    pub fn type_char(&mut self, c: char) -> Effect {
        self.line.insert(c);
        Effect::Search
    }

    /// Puts the query in the history, and the history in its file.
    fn remember(&mut self) -> Effect {
        let text = self.text().to_string();
        self.line.remember(&text);
        let Some(path) = &self.history_file else {
            return Effect::None;
        };
        match line::write_history(path, self.line.history()) {
            Ok(()) => Effect::None,
            Err(e) => Effect::Say(format!(
                "search history not kept in {}: {e}",
                path.display()
            )),
        }
    }

    /// Drops a kept search (esc in the list).
    pub fn drop_kept(&mut self) -> Effect {
        if self.kept() {
            self.clear()
        } else {
            Effect::None
        }
    }

    /// Handles an action while the prompt has the keyboard.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Accept => {
                self.editing = false;
                if self.text().trim().is_empty() {
                    return self.clear();
                }
                self.remember()
            }
            Action::Cancel => {
                self.editing = false;
                self.clear()
            }
            Action::ToggleFullText => {
                self.full_text = !self.full_text;
                self.last = None;
                Effect::Search
            }
            Action::MoveDown => Effect::Select(1),
            Action::MoveUp => Effect::Select(-1),
            Action::Quit => Effect::Quit,
            Action::Help => Effect::Help,
            a => match self.line.edit(a) {
                Edited::Text => Effect::Search,
                Edited::Cursor | Edited::Not => Effect::None,
            },
        }
    }

    /// Drops the query and its results.
    fn clear(&mut self) -> Effect {
        self.line.clear();
        self.searched.clear();
        self.words.clear();
        self.filter = Filter::default();
        self.active = None;
        self.results = None;
        self.last = None;
        self.latest.ask();
        Effect::Refresh
    }

    /// Forgets the matches of the last query, so that the next search starts
    /// from every article (the articles changed).
    pub fn forget_matches(&mut self) {
        self.last = None;
    }

    /// Runs the query in the prompt: the filter and the first page on the spot,
    /// the rest in the background. `loading` says whether the store still grows.
    pub fn search(&mut self, lib: &Library, loading: bool) -> Effect {
        let changed = self.searched != self.text();
        self.searched = self.text().to_string();
        let refresh = if changed {
            Effect::RefreshFromTop
        } else {
            Effect::RefreshResults
        };
        let today = jiff::Zoned::now().date();
        let split = filter::split(self.line.text(), today);
        let mut effect = match split.errors.first() {
            Some(e) => Effect::Say(e.to_string()),
            None => Effect::None,
        };
        let query = Query::parse(&split.words);
        // A space typed after a word asks for what is found already: the results
        // stay, and so does the background ranking on its way for them.
        let same = changed
            && !self.full_text
            && self.results.is_some()
            && split.filter == self.filter
            && self
                .last
                .as_ref()
                .is_some_and(|(prev, ..)| prev.same_terms(&query));
        self.filter = split.filter;
        self.words = split.words;
        if same {
            return effect;
        }
        let generation = self.latest.ask();
        self.active = (!query.is_empty() && !self.full_text).then(|| query.clone());
        if query.is_empty() {
            self.results = None;
            self.last = None;
            return effect.then(Effect::Refresh);
        }
        if self.full_text {
            if loading {
                return Effect::Say("full-text search starts once loading is over".to_string());
            }
            self.latest.wait();
            return effect.then(Effect::Start(Job::FullText { generation, query }));
        }
        let step = match self.last.as_ref().filter(|(prev, ..)| query.narrows(prev)) {
            Some((_, ids, known)) => lib.index().search_known(&query, ids, known, FIRST_PAGE),
            None => lib.index().search(&query, None, FIRST_PAGE),
        };
        let matches = Arc::new(step.matches);
        let mut results: Vec<ArticleId>;
        if matches.len() <= RANK_NOW {
            let ranked = lib.index().rank(&query, &matches);
            results = ranked.iter().map(|h| h.id).collect();
        } else {
            // The first page is exactly scored (its candidates picked by the
            // estimate); the rest follows in id order until the
            // background ranking arrives.
            results = Vec::with_capacity(matches.len());
            results.extend(step.top.iter().map(|h| h.id));
            push_without(&mut results, &matches, step.top.len());
            // While loading, the store is still growing; ranking waits for the end.
            if !loading {
                self.latest.wait();
                effect = effect.then(Effect::Start(Job::RankAll {
                    generation,
                    query: query.clone(),
                    ids: Arc::clone(&matches),
                }));
            }
        }
        self.last = Some((query, matches, step.known));
        self.results = Some(results);
        effect.then(refresh)
    }

    /// Takes the answer of a background search if it answers the current query;
    /// returns whether the results changed.
    pub fn answer(&mut self, generation: u64, hits: &[Hit]) -> bool {
        if !self.latest.take(generation) {
            return false;
        }
        self.results = Some(hits.iter().map(|h| h.id).collect());
        true
    }

    /// Draws the prompt line.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, styles: &Styles) {
        let mut spans = vec![Span::styled("/", styles.title)];
        spans.extend(edited_spans(&self.line, self.editing, styles));
        if self.full_text {
            spans.push(Span::styled("  [full text]", styles.dim));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

/// Appends to `results` the ids of `matches` (in id order) that are not among
/// its first `shown`, in order: one walk along both, the few shown sorted,
/// however many the matches.
fn push_without(results: &mut Vec<ArticleId>, matches: &[ArticleId], shown: usize) {
    let mut first: Vec<ArticleId> = results[..shown].to_vec();
    first.sort_unstable();
    let mut next = first.iter().peekable();
    results.extend(matches.iter().copied().filter(|&id| {
        while next.next_if(|&&s| s < id).is_some() {}
        next.peek() != Some(&&id)
    }));
}

/// The line's text as spans, the character under the cursor shown reversed (a
/// bar after the text when the cursor is at its end) while it is being edited.
pub fn edited_spans(line: &LineEditor, editing: bool, styles: &Styles) -> Vec<Span<'static>> {
    let text = line.text();
    if !editing {
        return vec![Span::raw(text.to_string())];
    }
    let at = line.cursor();
    let under = text[at..].chars().next();
    let mut spans = vec![Span::raw(text[..at].to_string())];
    match under {
        Some(c) => {
            spans.push(Span::styled(
                c.to_string(),
                styles
                    .title
                    .add_modifier(ratatui::style::Modifier::REVERSED),
            ));
            spans.push(Span::raw(text[at + c.len_utf8()..].to_string()));
        }
        None => spans.push(Span::styled("▏", styles.title)),
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::push_without;

    fn without(matches: &[u32], shown: &[u32]) -> Vec<u32> {
        let mut results = shown.to_vec();
        push_without(&mut results, matches, shown.len());
        results.split_off(shown.len())
    }

    #[test]
    fn the_rest_of_the_matches_follow_the_first_page_once_each() {
        let matches = [1, 3, 4, 7, 9, 12];
        assert_eq!(without(&matches, &[9, 1, 4]), vec![3, 7, 12]);
        assert_eq!(without(&matches, &[]), matches.to_vec());
        assert_eq!(without(&matches, &[12, 9, 7, 4, 3, 1]), Vec::<u32>::new());
        // Shown ids that are no match leave the matches as they are.
        assert_eq!(without(&matches, &[0, 5, 13]), matches.to_vec());
        assert_eq!(without(&[], &[2]), Vec::<u32>::new());
    }
}
