//! Regexes over the docs' prose, each compiled once per process on first use.

use std::sync::OnceLock;

use regex::Regex;

/// A prose pattern, compiled once. Most sentences match none of the patterns a reader tries, so
/// [`Pattern::captures`] first asks whether there is a match at all, which makes no room for
/// groups (a `Regex::captures` call allocates its groups whether or not it matches).
pub(crate) struct Pattern(Regex);

impl Pattern {
    /// Compiles a pattern written in the source (a bad one is a bug of ours: it panics on the first
    /// use, which every test that reads prose reaches).
    pub(crate) fn new(pattern: &str) -> Pattern {
        Pattern(Regex::new(pattern).expect("static regex"))
    }

    /// `Regex::captures`, without the allocation when nothing matches.
    pub(crate) fn captures<'h>(&self, haystack: &'h str) -> Option<regex::Captures<'h>> {
        if self.0.is_match(haystack) {
            self.0.captures(haystack)
        } else {
            None
        }
    }
}

impl std::ops::Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.0
    }
}

/// The pattern kept in `cell`, compiled the first time it is asked for.
pub(crate) fn re(cell: &'static OnceLock<Pattern>, pattern: &str) -> &'static Pattern {
    re_with(cell, || pattern.to_owned())
}

/// [`re`] for a pattern put together from parts, which is formatted only the first time.
pub(crate) fn re_with(
    cell: &'static OnceLock<Pattern>,
    pattern: impl FnOnce() -> String,
) -> &'static Pattern {
    cell.get_or_init(|| Pattern::new(&pattern()))
}
