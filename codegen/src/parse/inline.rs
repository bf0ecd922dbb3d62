//! Renders a cell's (or paragraph's) Markdown to plain text with pulldown-cmark.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, TagEnd};

use crate::ir::Text;
use crate::pattern::prose_pattern;

/// The cell's Markdown and its plain text.
pub fn text(markdown: &str) -> Text {
    Text { markdown: markdown.to_owned(), plain: plain(markdown) }
}

/// Plain text of `markdown`: escapes removed, emphasis and links reduced to their text, one line
/// per paragraph or list item, runs of spaces collapsed.
pub fn plain(markdown: &str) -> String {
    match without_markup(markdown) {
        Some(Collapsed::Yes) => return markdown.to_owned(),
        Some(Collapsed::No) => return collapse_spaces(markdown).into_owned(),
        None => {}
    }
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::InlineHtml(t) | Event::Html(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::Heading(_)) => {
                out.push('\n')
            }
            _ => {}
        }
    }
    let mut plain = String::with_capacity(out.len());
    for line in out.lines() {
        let line = collapse_spaces(line);
        if !line.is_empty() {
            if !plain.is_empty() {
                plain.push('\n');
            }
            plain.push_str(&line);
        }
    }
    plain
}

/// `[Standard mode](Standard mode../x.dita)` reduced to its text: the docs' links whose
/// destination has a space between two words, which CommonMark reads as no link (bracketed text
/// and a parenthesis; `(API Reference (New)/x.md)` holds one level of parentheses). A destination
/// with a title (`(~~7~~ "Title")`) is a link and stays.
pub fn unlink_spaced_destinations(markdown: &str) -> Cow<'_, str> {
    prose_pattern!(
        SPACED_LINK = r#"\[([^\]\[]*)\]\((?:[^()\s"'<]|\([^()]*\))+\s+(?:[^()\s"']|\([^()]*\))(?:[^()"']|\([^()]*\))*\)"#
    );
    if !markdown.contains("](") {
        return Cow::Borrowed(markdown);
    }
    SPACED_LINK.get().replace_all(markdown, "$1")
}

/// `text` trimmed, each run of whitespace replaced by one space.
fn collapse_spaces(text: &str) -> Cow<'_, str> {
    if is_collapsed(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Classes of a byte for the scans below, as bits: most bytes (letters, digits, punctuation that
/// Markdown does not read) are in none, and a scan looks each byte up once.
const MARKUP: u8 = 1;
const SPACE: u8 = 2;
/// Whitespace other than the space (`\t` to `\r`): never left by collapsing.
const OTHER_SPACE: u8 = 4;
/// A byte of a character outside ASCII, whose whitespace collapsing does not tell apart here.
const NOT_ASCII: u8 = 8;

const CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        classes[b] = match b as u8 {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'&' | b'!' | b'#' | b'~' | b'|' => {
                MARKUP
            }
            b'\n' | b'\r' => MARKUP | OTHER_SPACE,
            b'\t'..=b'\r' => OTHER_SPACE,
            b' ' => SPACE,
            0x80..=0xff => NOT_ASCII,
            _ => 0,
        };
        b += 1;
    }
    classes
};

/// Whether [`collapse_spaces`] gives a text back as it is.
#[derive(Debug, PartialEq)]
enum Collapsed {
    Yes,
    No,
}

/// True when [`collapse_spaces`] would give `text` back: ASCII (the whitespace beyond it is not)
/// with single spaces between words and none around them.
fn is_collapsed(text: &str) -> bool {
    scan(text, false) == Some(Collapsed::Yes)
}

/// For a text that is one line with no character Markdown could read as markup, so that its plain
/// text is itself collapsed (the common case for names, types and examples; skips a
/// pulldown-cmark pass): whether it is collapsed already. `None` for any other text.
fn without_markup(text: &str) -> Option<Collapsed> {
    let collapsed = scan(text, true)?;
    let t = text.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let ordered_item = digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')'));
    (!t.starts_with(['-', '+', '=']) && !ordered_item).then_some(collapsed)
}

/// One pass over `text`'s bytes: whether [`collapse_spaces`] gives it back; `None` at the first
/// markup byte when `markup_ends` (else markup is any other byte, and the pass ends as soon as the
/// answer is no).
fn scan(text: &str, markup_ends: bool) -> Option<Collapsed> {
    let mut after_space = true;
    let mut collapsed = true;
    for &b in text.as_bytes() {
        let class = CLASSES[usize::from(b)];
        if markup_ends && class & MARKUP != 0 {
            return None;
        }
        match class & !MARKUP {
            0 => after_space = false,
            SPACE if !after_space => after_space = true,
            _ if markup_ends => collapsed = false,
            _ => return Some(Collapsed::No),
        }
    }
    Some(if collapsed && (!after_space || text.is_empty()) { Collapsed::Yes } else { Collapsed::No })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsing_gives_back_text_that_is_already_collapsed_and_only_that() {
        for text in ["", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\u{a0}b", "ü b", "a\u{3000}b", " "]
        {
            let by_words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(collapse_spaces(text), by_words.join(" "), "{text:?}");
            assert_eq!(is_collapsed(text), by_words.join(" ") == text && text.is_ascii(), "{text:?}");
        }
    }

    /// `is_collapsed` as it was written before the class table.
    fn is_collapsed_bytewise(text: &str) -> bool {
        let mut after_space = true;
        for &b in text.as_bytes() {
            match b {
                b' ' if after_space => return false,
                b' ' => after_space = true,
                b'\t'..=b'\r' => return false,
                b if !b.is_ascii() => return false,
                _ => after_space = false,
            }
        }
        !after_space || text.is_empty()
    }

    /// The markup test as it was written before the class table.
    fn has_no_markup_bytewise(text: &str) -> bool {
        let special = |b: u8| {
            matches!(
                b,
                b'\\'
                    | b'`'
                    | b'*'
                    | b'_'
                    | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'&'
                    | b'!'
                    | b'#'
                    | b'~'
                    | b'|'
                    | b'\n'
                    | b'\r'
            )
        };
        let t = text.trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let ordered_item = digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')'));
        !text.bytes().any(special) && !t.starts_with(['-', '+', '=']) && !ordered_item
    }

    proptest::proptest! {
        #[test]
        fn one_pass_reads_as_the_two_byte_loops(text in "[a1 .)\t\n\r*_<&|#=+-ü\u{a0}\u{3000}]{0,12}") {
            proptest::prop_assert_eq!(is_collapsed(&text), is_collapsed_bytewise(&text));
            let expected = has_no_markup_bytewise(&text)
                .then(|| if is_collapsed_bytewise(&text) { Collapsed::Yes } else { Collapsed::No });
            proptest::prop_assert_eq!(without_markup(&text), expected);
        }
    }

    #[test]
    fn plain_text_drops_escapes_and_markup() {
        assert_eq!(plain(r"cloud\_ssd"), "cloud_ssd");
        assert_eq!(plain(r"\\No"), r"\No");
        assert_eq!(plain("See [Doc](~~1~~) and `Code`.\n\n -   a\n-   b"), "See Doc and Code.\na\nb");
        assert_eq!(plain(""), "");
        assert_eq!(plain("  cn-hangzhou  b "), "cn-hangzhou b");
        assert_eq!(plain("1. one"), "one");
        assert_eq!(plain("- one"), "one");
    }
}
