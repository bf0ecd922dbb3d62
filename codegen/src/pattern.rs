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
            || self.compiled.get_or_init(|| without_ascii_case(self.words)).is_match(sentence)
    }
}

/// An automaton finding `words` in any ASCII case.
fn without_ascii_case<'w>(words: impl IntoIterator<Item = &'w &'static str>) -> AhoCorasick {
    AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("gate words are plain strings")
}

/// The [`Gate`]s of several readers tried on the same sentences, told apart in one scan of a
/// sentence for all their words instead of one scan per reader. Group `i`'s words are one gate's.
pub(crate) struct Gates {
    groups: &'static [&'static [&'static str]],
    compiled: OnceLock<(AhoCorasick, Vec<u32>)>,
}

/// What one scan of a sentence found for a [`Gates`]: the groups it holds a word of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GateWords {
    held: u32,
    ascii: bool,
}

impl GateWords {
    /// Whether the sentence holds a word of group `group`, ASCII case ignored (exact for any text).
    pub(crate) fn holds(self, group: usize) -> bool {
        self.held & (1 << group) != 0
    }

    /// Whether group `group`'s gate admits the sentence, as [`Gate::admits`] would: it holds one of
    /// the group's words, or it is not ASCII.
    pub(crate) fn admits(self, group: usize) -> bool {
        !self.ascii || self.holds(group)
    }
}

impl Gates {
    pub(crate) const fn new(groups: &'static [&'static [&'static str]]) -> Self {
        assert!(groups.len() <= 32, "a group is a bit of a u32");
        Self { groups, compiled: OnceLock::new() }
    }

    /// The groups `sentence` holds a word of, in one scan of it.
    pub(crate) fn scan(&self, sentence: &str) -> GateWords {
        let all = u32::MAX >> (32 - self.groups.len());
        let (automaton, group_bits) = self.compiled.get_or_init(|| {
            let words = self.groups.iter().flat_map(|group| group.iter());
            let bits =
                self.groups.iter().enumerate().flat_map(|(i, group)| group.iter().map(move |_| 1 << i));
            (without_ascii_case(words), bits.collect())
        });
        let mut held = 0;
        for found in automaton.find_overlapping_iter(sentence) {
            held |= group_bits[found.pattern().as_usize()];
            if held == all {
                break;
            }
        }
        GateWords { held, ascii: sentence.is_ascii() }
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

    #[test]
    fn gates_admit_as_each_group_alone_would() {
        static GROUPS: &[&[&str]] = &[&["characters", "empty"], &[" to ", "value of"], &["contain"]];
        static GATES: Gates = Gates::new(GROUPS);
        static ALONE: [Gate; 3] = [Gate::new(GROUPS[0]), Gate::new(GROUPS[1]), Gate::new(GROUPS[2])];
        for sentence in [
            "",
            "It can be 2 to 64 CHARACTERS.",
            "It cannot be empty and can contain letters.",
            "The value of N.",
            "The ID.",
            "2 to 64 characterſ.",
            "ſ: empty, 2 To 9",
            "characterscontainempty",
        ] {
            let words = GATES.scan(sentence);
            for (i, (gate, group)) in ALONE.iter().zip(GROUPS).enumerate() {
                assert_eq!(words.admits(i), gate.admits(sentence), "{sentence:?}, group {i}");
                let lower = sentence.to_ascii_lowercase();
                assert_eq!(
                    words.holds(i),
                    group.iter().any(|w| lower.contains(w)),
                    "{sentence:?}, group {i}"
                );
            }
        }
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
