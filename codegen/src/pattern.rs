//! Regexes over the docs' prose, each compiled once per process: all of them on all cores before the pages are read, or on first use; and the words that let a reader skip its patterns.

use std::sync::{Once, OnceLock};

use aho_corasick::AhoCorasick;
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

/// Words at least one of which every pattern of a reader needs: a sentence with none of them
/// matches none of the reader's patterns, so the reader returns before trying them (one scan of
/// the sentence instead of one per pattern; most sentences are about something else).
///
/// The words are compared without ASCII case, which admits every sentence a case-sensitive or a
/// `(?i)` pattern can match, provided the sentence is ASCII: `(?i)` also matches `ſ` for `s` and
/// the Kelvin sign for `k`, so a sentence with any other character is always admitted.
pub(crate) struct Gate {
    words: &'static [&'static str],
    compiled: OnceLock<AhoCorasick>,
}

impl Gate {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        Self { words, compiled: OnceLock::new() }
    }

    /// Whether `sentence` may match a pattern behind the gate.
    pub(crate) fn admits(&self, sentence: &str) -> bool {
        !sentence.is_ascii()
            || self
                .compiled
                .get_or_init(|| {
                    AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build(self.words)
                        .expect("gate words are plain strings")
                })
                .is_match(sentence)
    }
}

/// Every [`LazyPattern`] of the generator, wherever it is declared ([`prose_pattern!`] puts it here).
#[linkme::distributed_slice]
pub(crate) static PATTERNS: [LazyPattern];

/// Declares `static NAME: LazyPattern` in [`PATTERNS`] where it is read: `prose_pattern!(NAME =
/// r"…");`, or `prose_pattern!(NAME = || format!(…));` for a pattern put together from parts.
macro_rules! prose_pattern {
    ($name:ident = || $made:expr) => {
        #[linkme::distributed_slice(crate::pattern::PATTERNS)]
        static $name: crate::pattern::LazyPattern = crate::pattern::LazyPattern::made(|| $made);
    };
    ($name:ident = $text:expr) => {
        #[linkme::distributed_slice(crate::pattern::PATTERNS)]
        static $name: crate::pattern::LazyPattern = crate::pattern::LazyPattern::new($text);
    };
}
pub(crate) use prose_pattern;

/// A prose pattern declared where it is used, compiled once per process: on first use, or by
/// [`compile_all`].
pub(crate) struct LazyPattern {
    compiled: OnceLock<Pattern>,
    source: Source,
}

enum Source {
    Text(&'static str),
    /// A pattern put together from parts, formatted only when it is compiled.
    Made(fn() -> String),
}

impl LazyPattern {
    pub(crate) const fn new(pattern: &'static str) -> Self {
        Self { compiled: OnceLock::new(), source: Source::Text(pattern) }
    }

    pub(crate) const fn made(pattern: fn() -> String) -> Self {
        Self { compiled: OnceLock::new(), source: Source::Made(pattern) }
    }

    /// The compiled pattern.
    pub(crate) fn get(&self) -> &Pattern {
        self.compiled.get_or_init(|| match self.source {
            Source::Text(pattern) => Pattern::new(pattern),
            Source::Made(pattern) => Pattern::new(&pattern()),
        })
    }
}

/// Compiles every pattern, once per process, on all cores; a second caller waits until they are
/// compiled. Called before a page is read (not when every page's reading is reused): compiled on
/// first use instead, the patterns that the first pages need are wanted by both page threads at
/// once, and one waits while the other compiles, one pattern at a time (11–47 such waits in the
/// first 40 ms of a first `gen`).
pub(crate) fn compile_all() {
    static COMPILED: Once = Once::new();
    COMPILED.call_once(|| {
        crate::parallel::map(&PATTERNS[..], |pattern| {
            pattern.get();
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gate_admits_its_words_in_any_ascii_case_and_every_sentence_not_ascii() {
        static WORDS: Gate = Gate::new(&["characters", "at the same time"]);
        assert!(WORDS.admits("It can be 2 to 64 characters long."));
        assert!(WORDS.admits("2 to 64 CHARACTERS."));
        assert!(WORDS.admits("A and B cannot be set At The Same Time."));
        assert!(!WORDS.admits("The ID of the instance."));
        assert!(!WORDS.admits("2 to 64 character."));
        assert!(!WORDS.admits(""));
        // Not ASCII: a `(?i)` pattern may match letters the words do not spell in ASCII.
        assert!(WORDS.admits("2 to 64 characterſ."));
        assert!(WORDS.admits("The ID of the instance, for example “i-1”."));
    }

    /// Every `LazyPattern` declared in the source is in [`PATTERNS`] (so [`compile_all`] compiles
    /// it before the pages are read), and every pattern compiles.
    #[test]
    fn every_pattern_is_listed_and_compiles() {
        fn declared(dir: &std::path::Path) -> usize {
            let mut count = 0;
            for entry in std::fs::read_dir(dir).expect("source dir") {
                let path = entry.expect("source entry").path();
                if path.is_dir() {
                    count += declared(&path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source file");
                    count += text.lines().filter(|l| l.trim_start().starts_with("prose_pattern!(")).count();
                }
            }
            count
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        assert_eq!(PATTERNS.len(), declared(&src));
        compile_all();
        assert!(PATTERNS.iter().all(|p| p.compiled.get().is_some()));
    }
}
