//! Characters no output may carry, made visible before a page is read: bidirectional-text controls,
//! a carriage return not followed by a line feed, NUL and the other control characters, invisible marks.
//!
//! rustc rejects a bare `\r` in a doc comment and a bidi control (U+202A–U+202E, U+2066–U+2069) in
//! a doc comment or string literal; terminals, diff viewers and JSON readers show or swallow the
//! others in ways that hide what the text says ("Trojan Source"). No Alibaba reference page holds
//! one (the ECS, CDN, VOD, Domain and ROS corpora have none), so a page that does is hostile or
//! damaged. Each such character becomes the visible text `\u{…}` (the form [`crate::escape`] shows a
//! terminal), with a warning at its line; every later stage, and so every output (IR JSON, Rust,
//! OpenAPI), sees only the visible form. A name holding one is therefore not an identifier and is
//! handled like any other non-identifier name. `\r\n` line ends are read as `\n`; tabs and line
//! feeds are kept.

use std::borrow::Cow;
use std::fmt::Write;

use crate::diag::Diagnostics;
use crate::escape::{holds_invisible, is_invisible_control};

/// The 1-based line and the character of the first [`is_hidden`] character of a TOML file a user
/// writes (`product.toml`, `overrides.toml`), written raw or as a `\uXXXX`/`\UXXXXXXXX` escape:
/// such files are refused rather than made visible. (An escape-like text in a literal string is
/// refused too: the check does not tell string kinds apart, and erring that way is safe.)
pub fn first_hidden_in_toml(text: &str) -> Option<(usize, char)> {
    let text = text.replace("\r\n", "\n");
    text.split('\n').enumerate().find_map(|(i, line)| {
        let raw = line.chars().find(|&c| is_hidden(c));
        raw.or_else(|| toml_escapes(line).find(|&c| is_hidden(c))).map(|c| (i + 1, c))
    })
}

/// The characters that the `\u` and `\U` escapes of `line` stand for.
fn toml_escapes(line: &str) -> impl Iterator<Item = char> + '_ {
    line.match_indices('\\').filter_map(|(at, _)| {
        let rest = &line[at + 1..];
        let digits = match rest.chars().next()? {
            'u' => 4,
            'U' => 8,
            _ => return None,
        };
        let hex = rest.get(1..1 + digits)?;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    })
}

/// The message for a hidden character `c` in a file a user writes.
pub fn refused(c: char) -> String {
    format!(
        "holds the hidden character U+{:04X}; write the text without it (it could make the file say something \
         other than what a reviewer sees)",
        u32::from(c)
    )
}

/// True for a character that [`make_visible`] replaces.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible_control(c)
}

/// Whether `text` holds an [`is_hidden`] character, told from its bytes: a control character is a
/// byte below 0x20, 0x7F, or (U+0080–U+009F) 0xC2 then 0x80–0x9F (0xC2 0xA0 is a no-break space,
/// which docs hold often); the rest as [`holds_invisible`] finds them.
fn holds_hidden(text: &str) -> bool {
    let bytes = text.as_bytes();
    let control = |at: usize| match bytes[at] {
        b' '..=b'~' | b'\n' | b'\t' => false,
        0xC2 => bytes.get(at + 1).is_some_and(|next| (0x80..=0x9F).contains(next)),
        b => b < 0x20 || b == 0x7F,
    };
    // Most of a page is printable ASCII: 32 bytes at a time (a fold the compiler vectorizes), each
    // byte of a chunk looked at only when the chunk holds anything else.
    let plain = |b: u8| (b' '..=b'~').contains(&b) | (b == b'\n') | (b == b'\t');
    const CHUNK: usize = 32;
    let any_control = bytes.chunks(CHUNK).enumerate().any(|(i, chunk)| {
        !chunk.iter().fold(true, |all, &b| all & plain(b))
            && (i * CHUNK..i * CHUNK + chunk.len()).any(control)
    });
    any_control || holds_invisible(text)
}

/// `text` with `\r\n` read as `\n` and every [`is_hidden`] character replaced by its `\u{…}`
/// escape; one warning per line that had any. Borrows when there is nothing to change.
pub fn make_visible<'a>(text: &'a str, diags: &mut Diagnostics) -> Cow<'a, str> {
    if !holds_hidden(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut hidden: Vec<char> = Vec::new();
        for c in line.chars() {
            if is_hidden(c) {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
                if !hidden.contains(&c) {
                    hidden.push(c);
                }
            } else {
                out.push(c);
            }
        }
        if !hidden.is_empty() {
            let shown: Vec<String> = hidden.iter().map(|&c| describe(c)).collect();
            diags.warning(
                i + 1,
                format!(
                    "the line holds {} that no output may carry; read as the visible text `\\u{{…}}`",
                    shown.join(", ")
                ),
            );
        }
    }
    Cow::Owned(out)
}

/// `text` with every [`is_hidden`] character (line feeds included) replaced by its `\u{…}` escape:
/// for text that is not a page, such as a page's file name.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\n' || is_hidden(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c == '\n' || is_hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `U+202E (a bidirectional-text control)`.
fn describe(c: char) -> String {
    let kind = match c {
        '\r' => "a carriage return without a line feed",
        '\0' => "NUL",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {
            "a bidirectional-text control"
        }
        '\u{2028}' | '\u{2029}' => "a Unicode line or paragraph separator",
        c if c.is_control() => "a control character",
        _ => "an invisible character",
    };
    format!("U+{:04X} ({kind})", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_finds_exactly_the_hidden_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a\u{a0}—{c}中\n");
            assert_eq!(holds_hidden(&text), is_hidden(c), "{c:?}");
        }
        assert!(!holds_hidden("plain text,\tü 中文\u{a0}—\n"));
    }

    /// The chunked scan finds a character at every place in a long text, a two-byte one across a
    /// chunk's end too (U+0085 is 0xC2 0x85; U+00A0, 0xC2 0xA0, is not hidden).
    #[test]
    fn the_byte_check_finds_a_character_anywhere_in_a_long_text() {
        for c in ['\0', '\r', '\u{7f}', '\u{85}', '\u{202e}', '\u{a0}', 'ü'] {
            for at in 0..100 {
                let text = format!("{}{c}{}", "a".repeat(at), "b\n".repeat(40));
                assert_eq!(holds_hidden(&text), is_hidden(c), "{c:?} at {at}");
            }
        }
    }

    fn visible(text: &str) -> (String, Vec<String>) {
        let mut diags = Diagnostics::new("p.md");
        let out = make_visible(text, &mut diags).into_owned();
        (out, diags.into_vec().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn hostile_characters_become_visible_escapes_with_a_warning_at_their_line() {
        for (hostile, shown) in [
            ("a\u{202E}b", "a\\u{202e}b"),
            ("a\u{2066}b\u{2069}", "a\\u{2066}b\\u{2069}"),
            ("bare\rreturn", "bare\\u{d}return"),
            ("nul\0x", "nul\\u{0}x"),
            ("esc\u{1b}[2J", "esc\\u{1b}[2J"),
            ("c1\u{9b}x", "c1\\u{9b}x"),
            ("del\u{7f}", "del\\u{7f}"),
            ("zero\u{200B}width", "zero\\u{200b}width"),
            ("line\u{2028}sep", "line\\u{2028}sep"),
            ("mid\u{FEFF}bom", "mid\\u{feff}bom"),
        ] {
            let (out, warnings) = visible(&format!("first\n{hostile}\n"));
            assert_eq!(out, format!("first\n{shown}\n"), "{hostile:?}");
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].starts_with("p.md:2: warning: the line holds U+"), "{warnings:?}");
            assert!(!out.chars().any(is_hidden));
        }
    }

    #[test]
    fn ordinary_text_and_line_ends_are_kept() {
        let (out, warnings) = visible("a\tb\r\nc\nd — ünïcode 中文\r\n");
        assert_eq!(out, "a\tb\nc\nd — ünïcode 中文\n");
        assert!(warnings.is_empty());
        let mut diags = Diagnostics::new("p.md");
        assert!(matches!(make_visible("plain\n", &mut diags), Cow::Borrowed(_)));
    }

    #[test]
    fn one_warning_per_line_naming_each_kind_once() {
        let (_, warnings) = visible("\u{202E}\u{202E}\r\0\n\u{202E}");
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[0].contains("U+202E")
                && warnings[0].contains("U+000D")
                && warnings[0].contains("U+0000")
        );
        assert_eq!(warnings[0].matches("U+202E").count(), 1);
    }
}
