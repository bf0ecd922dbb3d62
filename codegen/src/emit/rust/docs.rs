//! Rustdoc from the docs' Markdown: links made real, fences made `text`, HTML and bare URLs made safe.

use proc_macro2::TokenStream;
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
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
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

/// One line outside code fences.
fn inline(line: &str, links_allowed: bool) -> String {
    let chars: Vec<char> = line.chars().collect();
    let marks = Marks::of(&chars);
    let mut out = String::new();
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
                let run = chars[i..].iter().take_while(|&&b| b == '`').count();
                match marks.closing_backticks(i + run, run) {
                    Some(end) => {
                        out.extend(&chars[i..end + run]);
                        i = end + run;
                    }
                    None => {
                        (0..run).for_each(|_| out.push_str("\\`"));
                        i += run;
                    }
                }
            }
            '[' => match parse_link(&chars, &marks, i) {
                Some((text, dest, end)) if links_allowed => {
                    let text = inline(&text, false);
                    match link_target(&dest) {
                        Some(url) => out.push_str(&format!("[{text}]({url})")),
                        None => out.push_str(&text),
                    }
                    i = end;
                }
                _ => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
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
    let s: String = chars.iter().take(8).collect();
    s.starts_with("http://") || s.starts_with("https://")
}

/// Where each bracket, parenthesis and backtick run of a line closes, found in one pass, so that
/// reading a line is linear whatever it holds (a line of 100,000 `[` once took seconds).
struct Marks {
    /// For a `[` (not escaped by `\`), the index of its matching `]`.
    bracket: Vec<Option<usize>>,
    /// For a `(`, the index of its matching `)`.
    paren: Vec<Option<usize>>,
    /// The start of every maximal backtick run, by run length, in order.
    runs: std::collections::HashMap<usize, Vec<usize>>,
}

impl Marks {
    fn of(chars: &[char]) -> Self {
        let mut bracket = vec![None; chars.len()];
        let mut paren = vec![None; chars.len()];
        let mut runs: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
        let (mut open_brackets, mut open_parens) = (Vec::new(), Vec::new());
        let mut escaped = false;
        let mut j = 0;
        while j < chars.len() {
            match chars[j] {
                '(' => open_parens.push(j),
                ')' => {
                    if let Some(open) = open_parens.pop() {
                        paren[open] = Some(j);
                    }
                }
                _ => {}
            }
            if escaped {
                escaped = false;
            } else {
                match chars[j] {
                    '\\' => escaped = true,
                    '[' => open_brackets.push(j),
                    ']' => {
                        if let Some(open) = open_brackets.pop() {
                            bracket[open] = Some(j);
                        }
                    }
                    _ => {}
                }
            }
            j += 1;
        }
        // Backslashes do not escape inside code spans: every maximal run counts as a closing one.
        let mut j = 0;
        while j < chars.len() {
            let len = chars[j..].iter().take_while(|&&b| b == '`').count();
            if len > 0 {
                runs.entry(len).or_default().push(j);
            }
            j += len.max(1);
        }
        Marks { bracket, paren, runs }
    }

    /// The start of the first run of exactly `run` backticks at or after `from`.
    fn closing_backticks(&self, from: usize, run: usize) -> Option<usize> {
        let starts = self.runs.get(&run)?;
        starts.get(starts.partition_point(|&start| start < from)).copied()
    }
}

/// `[text](dest)` starting at `start`: the text, the destination and the index after `)`.
fn parse_link(chars: &[char], marks: &Marks, start: usize) -> Option<(String, String, usize)> {
    let close = marks.bracket[start]?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = marks.paren[close + 1]?;
    let text = chars[start + 1..close].iter().collect();
    let dest = chars[close + 2..end].iter().collect();
    Some((text, dest, end + 1))
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
        // The outer link keeps its text; the inner brackets are escaped.
        assert_eq!(
            rustdoc("[a [b](~~1~~)](~~2~~) and (see [c](~~3~~))"),
            "[a \\[b\\](~~1~~)](https://www.alibabacloud.com/help/doc-detail/2.htm) and (see \
             [c](https://www.alibabacloud.com/help/doc-detail/3.htm))"
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
