//! Text from the docs (or a server) made safe for the medium it is shown in: a terminal, a Markdown
//! pull-request comment. Nothing from outside reaches either unescaped.

use std::borrow::Cow;
use std::fmt::Write;

/// Longest text, in characters, shown in one Markdown table cell; the rest is cut with `…`.
pub const MARKDOWN_CELL_MAX: usize = 300;

/// Characters that reorder the text around them (the "Trojan Source" set), hide themselves, or
/// break a line where only `\n` is expected (U+2028, U+2029).
pub fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible_control(c)
}

/// `text` for a terminal: control characters (escape sequences, carriage returns, tabs, newlines),
/// bidirectional controls and invisible characters are shown as `\u{…}` escapes, so that no page
/// can move the cursor, recolour the screen, hide text or split one line into several.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `text` holds an [`is_invisible_control`] character. Each one's UTF-8 starts with 0xD8
/// (U+061C), 0xE2 (U+2000–U+2FFF) or 0xEF (U+FEFF): only the characters those bytes start are
/// decoded (a docs' text has many, `—` and `“` among them, but few next to the rest).
pub fn holds_invisible(text: &str) -> bool {
    // Lead bytes, never continuation bytes (0x80–0xBF): each found starts a character.
    memchr::memchr3_iter(0xD8, 0xE2, 0xEF, text.as_bytes())
        .any(|at| text[at..].chars().next().is_some_and(is_invisible_control))
}

/// Serialized JSON with every [`is_invisible_control`] character written as a `\uXXXX` escape:
/// the same JSON value, but no bidi control or invisible mark (a page's JSON example may decode to
/// one) reaches a reviewer's diff or editor as itself. serde_json already escapes control
/// characters, and these can only stand inside strings.
pub fn json_invisible(json: String) -> String {
    if !holds_invisible(&json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_invisible_control(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` as a Markdown code span for a GitHub table cell: nothing in it is read as Markdown or
/// HTML (no tags, links, images, `@mentions` or issue references), it cannot close itself early
/// whatever backticks it holds, `|` cannot end the cell, control characters become `\u{…}`, and it
/// is cut at [`MARKDOWN_CELL_MAX`] characters.
pub fn markdown_code(text: &str) -> String {
    let mut shown: String = terminal(text).chars().take(MARKDOWN_CELL_MAX).collect();
    if text.chars().count() > MARKDOWN_CELL_MAX {
        shown.push('…');
    }
    let longest_run = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A space on each side keeps a leading or trailing backtick from joining the fence, and keeps
    // the text's own outer spaces: CommonMark strips one space from each side when both are there.
    let spaced = shown.starts_with(' ') && shown.ends_with(' ') && !shown.trim_start_matches(' ').is_empty();
    let pad = if shown.starts_with('`') || shown.ends_with('`') || spaced { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", shown.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_invisible_escapes_exactly_the_invisible_controls() {
        // `holds_invisible` finds exactly these characters, wherever they stand.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("ü—{c}中");
            assert_eq!(holds_invisible(&text), is_invisible_control(c), "{c:?}");
        }
        assert_eq!(json_invisible("{\"a\": \"b\u{202E}c\"}".to_owned()), "{\"a\": \"b\\u202ec\"}");
        assert_eq!(json_invisible("{\"a\": \"ü\u{200B}\"}".to_owned()), "{\"a\": \"ü\\u200b\"}");
        assert_eq!(json_invisible("{\"a\": \"ünï\"}".to_owned()), "{\"a\": \"ünï\"}");
    }

    #[test]
    fn terminal_escapes_what_could_take_over_the_screen() {
        assert_eq!(terminal("plain text, ünïcode"), "plain text, ünïcode");
        for (hostile, shown) in [
            ("\u{1b}[2J\u{1b}]0;pwned\u{7}", "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}"),
            ("a\rb", "a\\u{d}b"),
            ("a\nb\tc", "a\\u{a}b\\u{9}c"),
            ("abc\u{202E}fed", "abc\\u{202e}fed"),
            ("\u{9b}31m", "\\u{9b}31m"),
            ("zero\u{200B}width", "zero\\u{200b}width"),
        ] {
            assert_eq!(terminal(hostile), shown, "{hostile:?}");
        }
    }

    #[test]
    fn json_keeps_its_value_without_showing_invisible_characters() {
        let value = serde_json::json!({"a\u{202E}": ["x\u{2066}y\u{FEFF}", "plain ü"]});
        let json = json_invisible(serde_json::to_string(&value).unwrap());
        assert!(!json.chars().any(is_invisible_control), "{json}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap(), value);
        assert!(json.contains("\\u202e") && json.contains("plain ü"));
    }

    #[test]
    fn markdown_code_spans_hold_any_text() {
        assert_eq!(markdown_code("RegionId"), "`RegionId`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x`"), "`` `x` ``");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
        assert_eq!(
            markdown_code("<img src=x onerror=alert(1)> @octocat #1"),
            "`<img src=x onerror=alert(1)> @octocat #1`"
        );
        assert_eq!(markdown_code("line\nbreak"), "`line\\u{a}break`");
        let long = "x".repeat(MARKDOWN_CELL_MAX + 50);
        assert_eq!(markdown_code(&long).chars().count(), MARKDOWN_CELL_MAX + 3);
    }

    /// Whatever a page holds, a code span renders as one code element with exactly the shown text.
    #[test]
    fn markdown_code_spans_parse_back_as_one_code_element() {
        use pulldown_cmark::{Event, Options, Parser};
        for text in ["a`b", "``", "`", "x ` y", "<b>|</b>", "*em* [l](u) ![i](u) @m", "\\`", " ` "] {
            let span = markdown_code(text);
            let events: Vec<Event> = Parser::new_ext(&span, Options::empty()).collect();
            let code: Vec<String> = events
                .iter()
                .filter_map(|e| match e {
                    Event::Code(c) => Some(c.to_string()),
                    _ => None,
                })
                .collect();
            let other = events
                .iter()
                .filter(|e| matches!(e, Event::Text(_) | Event::Html(_) | Event::InlineHtml(_)))
                .count();
            assert_eq!((code.len(), other), (1, 0), "{text:?} as {span:?}: {events:?}");
            assert_eq!(code[0], text.replace('|', "\\|"), "{text:?}");
        }
    }
}
