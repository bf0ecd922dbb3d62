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
    if has_no_markup(markdown) {
        return collapse_spaces(markdown).into_owned();
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

/// True when [`collapse_spaces`] would give `text` back: ASCII (the whitespace beyond it is not)
/// with single spaces between words and none around them.
fn is_collapsed(text: &str) -> bool {
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

/// True when `text` is one line with no character Markdown could read as markup, so its plain
/// text is itself (the common case for names, types and examples; skips a pulldown-cmark pass).
fn has_no_markup(text: &str) -> bool {
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
