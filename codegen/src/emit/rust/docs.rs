//! Rustdoc from the docs' Markdown: links made real, fences made `text`, HTML and bare URLs made safe.

use proc_macro2::TokenStream;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use quote::quote;

/// Where `[Name](~~25609~~)` links point: the published page with that id.
pub const DOC_LINK_BASE: &str = "https://www.alibabacloud.com/help/doc-detail/";

/// `#[doc]` attributes, one per line, for rustdoc-safe Markdown (see [`rustdoc`]).
pub fn doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc]` attributes for a module or crate, one per line.
pub fn inner_doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #( #![doc = #lines] )* }
}

/// The doc text for one parameter or field: its description, then its example value.
pub fn item_doc(description: &crate::ir::Text, example: Option<&str>) -> String {
    let mut out = rustdoc(description_markdown(description));
    if let Some(example) = example.map(str::trim).filter(|e| !e.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str("Example: ");
        out.push_str(&code_span(&example.replace('\n', " ")));
    }
    out
}

pub fn description_markdown(text: &crate::ir::Text) -> &str {
    if text.markdown.trim().is_empty() {
        &text.plain
    } else {
        &text.markdown
    }
}

/// A Markdown code span holding `text` verbatim, whatever backticks it contains.
pub fn code_span(text: &str) -> String {
    let fence = text.split(|c| c != '`').map(str::len).max().unwrap_or(0) + 1;
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    let mut span = String::with_capacity(text.len() + 2 * (fence + pad.len()));
    span.extend(std::iter::repeat_n('`', fence));
    span.push_str(pad);
    span.push_str(text);
    span.push_str(pad);
    span.extend(std::iter::repeat_n('`', fence));
    span
}

/// Rewrites the docs' Markdown so rustdoc renders it without warnings: `~~id~~` links become URLs,
/// links that go nowhere keep their text, code fences become `text` blocks, leading indentation that
/// would make an indented code block (a doctest) is dropped, `<` is escaped, bare URLs get angle brackets.
pub fn rustdoc(markdown: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push(if in_fence { "```".to_owned() } else { "```text".to_owned() });
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.trim_end().to_owned());
        } else {
            out.push(inline(trimmed.trim_end(), true));
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    collapse_blank_lines(&out)
}

fn collapse_blank_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank_run = 0;
    for line in lines {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// One line outside code fences, read by pulldown-cmark (the reader rustdoc renders with): its
/// code spans stay as written, its links point somewhere or become their text, and the text
/// between them is made safe ([`escape_text`]).
fn inline(line: &str, links_allowed: bool) -> String {
    // Without a backtick, a bracket or an angle bracket a line holds no code span, link or
    // autolink: all of it is text (most lines; no Markdown parser made for them).
    if !line.contains(['`', '[', '<']) {
        return escape_text(line);
    }
    let line = crate::parse::inline::unlink_spaced_destinations(line);
    let mut out = String::new();
    let mut cursor = 0;
    let mut events = Parser::new(&line).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Code(_) => {
                out.push_str(&escape_text(&line[cursor..range.start]));
                out.push_str(&line[range.clone()]);
                cursor = range.end;
            }
            Event::Start(Tag::Link { link_type, dest_url, .. } | Tag::Image { link_type, dest_url, .. }) => {
                let image = line[range.clone()].starts_with('!');
                // The text runs from after `[` (or `![`) to the end of its last inner event.
                let text_start = range.start + if image { 2 } else { 1 };
                let mut text_end = text_start;
                for (inner, inner_range) in events.by_ref() {
                    if matches!(inner, Event::End(TagEnd::Link | TagEnd::Image)) {
                        break;
                    }
                    text_end = text_end.max(inner_range.end);
                }
                out.push_str(&escape_text(&line[cursor..range.start]));
                cursor = range.end;
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    out.push_str(&line[range.clone()]);
                    continue;
                }
                let text = inline(&line[text_start..text_end], false);
                match link_target(&dest_url).filter(|_| links_allowed) {
                    Some(url) => {
                        let bang = if image { "!" } else { "" };
                        out.push_str(&format!("{bang}[{text}]({url})"));
                    }
                    None => out.push_str(&text),
                }
            }
            _ => {}
        }
    }
    out.push_str(&escape_text(&line[cursor..]));
    out
}

/// Text outside code spans and links, made safe for rustdoc: a backslash escape stays as written,
/// a backtick (none opens a span here) and a bracket are escaped, `<` becomes `&lt;`, and a bare
/// URL gets angle brackets (a scheme alone becomes a code span).
fn escape_text(text: &str) -> String {
    // Most text holds nothing to escape: none of the characters below, and no URL.
    if !text.bytes().any(|b| matches!(b, b'\\' | b'`' | b'[' | b']' | b'<')) && !text.contains("http") {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                out.push(c);
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                out.push_str("\\`");
                i += 1;
            }
            '[' | ']' => {
                out.push('\\');
                out.push(c);
                i += 1;
            }
            '<' => {
                out.push_str("&lt;");
                i += 1;
            }
            'h' if starts_url(&chars[i..]) && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| {
                        !c.is_whitespace() && !matches!(c, ')' | ']' | '"' | '\'' | '<' | '>' | '`')
                    })
                    .count();
                let mut url: String = chars[i..i + len].iter().collect();
                while url.ends_with(['.', ',', ';', ':', '!', '?']) && !url.ends_with("://") {
                    url.pop();
                }
                i += url.chars().count();
                if url.ends_with("://") {
                    out.push_str(&code_span(&url));
                } else {
                    out.push_str(&format!("<{url}>"));
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn starts_url(chars: &[char]) -> bool {
    let starts = |prefix: &str| chars.iter().copied().take(prefix.len()).eq(prefix.chars());
    starts("http://") || starts("https://")
}

/// Where a link should point, or `None` when the docs' link goes nowhere useful (relative paths).
fn link_target(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if let Some(inner) = dest.strip_prefix("~~").and_then(|d| d.strip_suffix("~~")) {
        let (id, fragment) = inner.split_once('#').map_or((inner, None), |(id, f)| (id, Some(f)));
        if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
            return Some(match fragment {
                Some(f) if !f.is_empty() => format!("{DOC_LINK_BASE}{id}.htm#{f}"),
                _ => format!("{DOC_LINK_BASE}{id}.htm"),
            });
        }
        return None;
    }
    let is_web = dest.starts_with("http://") || dest.starts_with("https://");
    (is_web && !dest.contains(char::is_whitespace)).then(|| dest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_links_become_published_urls() {
        assert_eq!(
            rustdoc("call [DescribeRegions](~~25609~~) or [FAQ](~~64950#AvailableRegion~~)."),
            "call [DescribeRegions](https://www.alibabacloud.com/help/doc-detail/25609.htm) or \
             [FAQ](https://www.alibabacloud.com/help/doc-detail/64950.htm#AvailableRegion)."
        );
    }

    #[test]
    fn dead_links_keep_their_text_and_stray_brackets_are_escaped() {
        assert_eq!(
            rustdoc("see [Security group limits](../../Product Introduction/Limits.md#x) [1]"),
            "see Security group limits \\[1\\]"
        );
    }

    #[test]
    fn fences_become_text_blocks_and_indentation_is_dropped() {
        let md = " The characters:\n\n ``` {#codeblock_m6d}\n()`~!@#\n```\n\n -   cloud: basic.\n     more";
        assert_eq!(rustdoc(md), "The characters:\n\n```text\n()`~!@#\n```\n\n-   cloud: basic.\nmore");
        assert_eq!(rustdoc("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn html_and_bare_urls_are_made_safe() {
        assert_eq!(
            rustdoc("a <b> c; cannot start with http:// or https://. See https://x.io/a."),
            "a &lt;b> c; cannot start with `http://` or `https://`. See <https://x.io/a>."
        );
        assert_eq!(rustdoc("`<code>` kept, \\_ kept"), "`<code>` kept, \\_ kept");
    }

    #[test]
    fn code_spans_and_links_close_where_commonmark_closes_them() {
        // A backslash does not escape inside a code span.
        assert_eq!(rustdoc("`a\\` b"), "`a\\` b");
        // An escaped backtick opens nothing; the next one opens a span.
        assert_eq!(rustdoc("\\``x` y"), "\\``x` y");
        assert_eq!(rustdoc("`` a ` b `` c"), "`` a ` b `` c");
        assert_eq!(rustdoc("x ` y"), "x \\` y");
        // A link cannot hold a link (CommonMark, as rustdoc reads it): the inner one is the link,
        // the outer brackets are text. (The hand-written reader took the outer one.)
        assert_eq!(
            rustdoc("[a [b](~~1~~)](~~2~~) and (see [c](~~3~~))"),
            "\\[a [b](https://www.alibabacloud.com/help/doc-detail/1.htm)\\](~~2~~) and (see \
             [c](https://www.alibabacloud.com/help/doc-detail/3.htm))"
        );
        // Autolinks stay autolinks (the hand-written reader wrote `&lt;<https://x.io>>`); a
        // link's title is not part of where it points; an empty link text stays empty.
        assert_eq!(rustdoc("see <https://x.io/a>."), "see <https://x.io/a>.");
        assert_eq!(
            rustdoc("[t](~~7~~ \"title\") []( ~~8~~ )"),
            "[t](https://www.alibabacloud.com/help/doc-detail/7.htm) \
             [](https://www.alibabacloud.com/help/doc-detail/8.htm)"
        );
        assert_eq!(rustdoc("`a` *b* **c** \\_d"), "`a` *b* **c** \\_d");
        assert_eq!(
            rustdoc("use [QueryTaskDetailList](intl.en-US/API Reference (New)/Domain management/Q.md#) API"),
            "use QueryTaskDetailList API"
        );
    }

    /// Hostile lines of brackets and backticks: each is read in one pass (these took seconds to
    /// minutes when every `[` or backtick searched the rest of the line).
    #[test]
    fn long_lines_of_openers_are_read_in_one_pass() {
        let n = 200_000;
        let brackets = rustdoc(&"[".repeat(n));
        assert_eq!(brackets.len(), 2 * n);
        let ticks = rustdoc(&"` ".repeat(n / 2));
        assert!(ticks.starts_with("` ` "), "{}", &ticks[..10]);
        let parens = rustdoc(&format!("{}{}", "[a](".repeat(n / 4), ")".repeat(n / 4)));
        assert!(!parens.is_empty());
    }

    #[test]
    fn item_doc_appends_the_example_as_code() {
        let text = crate::ir::Text { markdown: "The ID.".into(), plain: "The ID.".into() };
        assert_eq!(item_doc(&text, Some("a`b")), "The ID.\n\nExample: ``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
