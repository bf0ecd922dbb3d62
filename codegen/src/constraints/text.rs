//! Description Markdown as the extractors read it: blocks (paragraphs, bullets, code) of plain sentences.

use crate::pattern::prose_pattern;

/// What kind of block a piece of description is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// One item of a bullet list (nested items are items too).
    Bullet,
    /// A fenced code block: `text` is its raw content.
    Code,
}

/// One paragraph, bullet item or code block, in plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    /// The block's sentences (a code block is one sentence).
    pub fn sentences(&self) -> Vec<&str> {
        match self.kind {
            BlockKind::Code => vec![self.text.as_str()],
            _ => sentences(&self.text),
        }
    }
}

/// Splits a description's Markdown into blocks. Tolerant of table-cell leftovers (`|`, `<br>`)
/// and of bullets glued to the previous line (`Optional values:-   true`).
pub fn blocks(markdown: &str) -> Vec<Block> {
    blocks_where(markdown, |_| true)
}

/// [`blocks`] without the prose blocks whose Markdown (its lines joined by spaces) `keep` refuses:
/// those are not made plain, which is most of a block's cost.
pub fn blocks_where(markdown: &str, keep: impl Fn(&str) -> bool) -> Vec<Block> {
    prose_pattern!(GLUED = r"([:.\w)])-\s{2,}");
    prose_pattern!(BR = r"(?i)<br\s*/?>");
    let unbroken = if markdown.contains('<') {
        BR.get().replace_all(markdown, "\n")
    } else {
        std::borrow::Cow::Borrowed(markdown)
    };
    let unglued = GLUED.get().replace_all(&unbroken, "$1\n-   ");

    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<(BlockKind, Vec<String>)> = None;
    let mut in_code = false;
    let flush = |current: &mut Option<(BlockKind, Vec<String>)>, out: &mut Vec<Block>| {
        if let Some((kind, lines)) = current.take() {
            let text = match kind {
                BlockKind::Code => lines.join("\n"),
                _ => {
                    let markdown = lines.join(" ");
                    if !keep(&markdown) {
                        return;
                    }
                    plain(&markdown)
                }
            };
            if !text.trim().is_empty() {
                out.push(Block { kind, text: text.trim().to_owned() });
            }
        }
    };
    for raw in unglued.lines() {
        let line = raw.trim();
        if line.starts_with("```") {
            if in_code {
                in_code = false;
                flush(&mut current, &mut out);
            } else {
                flush(&mut current, &mut out);
                in_code = true;
                current = Some((BlockKind::Code, Vec::new()));
            }
            continue;
        }
        if in_code {
            if let Some((_, lines)) = current.as_mut() {
                lines.push(raw.to_owned());
            }
            continue;
        }
        let line = line.trim_matches('|').trim();
        if line.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if let Some(item) = bullet_item(line) {
            flush(&mut current, &mut out);
            current = Some((BlockKind::Bullet, vec![item.to_owned()]));
            continue;
        }
        match current.as_mut() {
            Some((_, lines)) => lines.push(line.to_owned()),
            None => current = Some((BlockKind::Paragraph, vec![line.to_owned()])),
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The text of a bullet line without its marker (`-   x`, `* x`, `1. x`), or `None`.
fn bullet_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim_start());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        if let Some(rest) = line[digits..].strip_prefix(". ") {
            return Some(rest.trim_start());
        }
    }
    None
}

/// One block's Markdown as the extractors read it: the parser's plain text
/// ([`crate::parse::inline::plain`], the one Markdown-to-text converter), after two repairs of the
/// docs' table cells: `{#anchor}` attributes, empty strong and code spans (`****The`, ` `` `)
/// dropped, links with a space in their destination reduced to their text, and a sentence glued
/// to the next one (`unique.**ClientToken** can`) split.
pub fn plain(markdown: &str) -> String {
    prose_pattern!(GLUE = r"([a-z)])\.(\*\*|`)([A-Z])");
    prose_pattern!(ANCHOR = r"\{#[^}]*\}");
    prose_pattern!(EMPTY_STRONG = r"(^|[^A-Za-z0-9_\-*])\*\*\*\*");
    // The anchor, strong and code-span repairs below act on a `{`, `*` or backtick only.
    if !markdown.contains(['{', '*', '`']) {
        let plain = crate::parse::inline::plain(&crate::parse::inline::unlink_spaced_destinations(markdown));
        return one_line(plain);
    }
    let s = ANCHOR.get().replace_all(markdown, "");
    let s = crate::parse::inline::unlink_spaced_destinations(&s);
    // "requests. ****The value", "URLs.**** Valid": an empty strong span, which CommonMark keeps as
    // text; a mask (`sg-bp1****`) follows a letter, digit or hyphen and stays.
    let s = EMPTY_STRONG.get().replace_all(&s, "$1");
    let s = GLUE.get().replace_all(&s, "$1. $2$3");
    let s = drop_empty_code_spans(&s);
    one_line(crate::parse::inline::plain(&s))
}

/// One block is one line of text, whatever CommonMark made of it.
fn one_line(plain: String) -> String {
    if plain.contains('\n') {
        plain.replace('\n', " ")
    } else {
        plain
    }
}

/// Drops each run of two backticks that no later run of two closes: an empty code span the
/// docs' own converter left (`-   ``\{“1”, “2”\} if PeriodUnit is set to Week`), which CommonMark
/// would read as two literal backticks. Runs pair up as CommonMark pairs them (a run is closed by
/// the next run of the same length); backslash escapes are not considered.
fn drop_empty_code_spans(markdown: &str) -> std::borrow::Cow<'_, str> {
    if !markdown.contains("``") {
        return markdown.into();
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let bytes = markdown.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        if run > 0 {
            runs.push((i, run));
        }
        i += run.max(1);
    }
    // For each run, the next run of the same length (one backwards pass: linear on any input).
    let mut closer: Vec<Option<usize>> = vec![None; runs.len()];
    let mut latest: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (index, &(_, len)) in runs.iter().enumerate().rev() {
        closer[index] = latest.insert(len, index);
    }
    let mut dropped: Vec<usize> = Vec::new();
    let mut next = 0;
    while next < runs.len() {
        let (start, len) = runs[next];
        match closer[next] {
            Some(close) => next = close + 1,
            None => {
                if len == 2 {
                    dropped.push(start);
                }
                next += 1;
            }
        }
    }
    if dropped.is_empty() {
        return markdown.into();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut from = 0;
    for start in dropped {
        out.push_str(&markdown[from..start]);
        from = start + 2;
    }
    out.push_str(&markdown[from..]);
    out.into()
}

/// Splits plain text into sentences at `.`, `!` or `?` followed by a space and a capital,
/// digit, quote or parenthesis. Each sentence keeps its final punctuation.
pub fn sentences(text: &str) -> Vec<&str> {
    // The marks that end a sentence and the space after them are ASCII: the text is walked by
    // bytes, and each sentence is a slice of it (no byte of a longer character is one of them).
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') && i + 2 < bytes.len() && bytes[i + 1] == b' ' {
            let next = text[i + 2..].chars().next().unwrap_or(' ');
            // "disk. n ranges from 1 to 16": the docs' lower-case index variable starts a sentence too.
            let index_variable = next == 'n' && bytes.get(i + 3) == Some(&b' ');
            let starts_new = next.is_uppercase()
                || next.is_ascii_digit()
                || index_variable
                || matches!(next, '"' | '“' | '(' | '`');
            if starts_new && !ends_with_abbreviation(&text[start..=i]) {
                push_sentence(&mut out, &text[start..=i]);
                start = i + 2;
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    push_sentence(&mut out, &text[start.min(text.len())..]);
    out
}

fn push_sentence<'t>(out: &mut Vec<&'t str>, sentence: &'t str) {
    let sentence = sentence.trim();
    if !sentence.is_empty() {
        out.push(sentence);
    }
}

/// Whether the sentence so far ends in an abbreviation whose period ends no sentence (its last
/// four characters tell: the longest is four).
fn ends_with_abbreviation(sentence: &str) -> bool {
    let mut tail: Vec<char> = sentence.chars().rev().take(4).map(|c| c.to_ascii_lowercase()).collect();
    tail.reverse();
    let tail: String = tail.into_iter().collect();
    ["e.g.", "i.e.", "etc.", "vs.", "no."].iter().any(|a| tail.ends_with(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`sentences`] as it was written before it walked the text by bytes: over characters.
    fn sentences_by_chars(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let push = |out: &mut Vec<String>, chars: &[char]| {
            let start = chars.iter().position(|c| !c.is_whitespace());
            let end = chars.iter().rposition(|c| !c.is_whitespace());
            if let (Some(start), Some(end)) = (start, end) {
                out.push(chars[start..=end].iter().collect());
            }
        };
        let abbreviation = |sentence: &[char]| {
            let tail: String =
                sentence[sentence.len().saturating_sub(4)..].iter().map(char::to_ascii_lowercase).collect();
            ["e.g.", "i.e.", "etc.", "vs.", "no."].iter().any(|a| tail.ends_with(a))
        };
        let (mut start, mut i) = (0, 0);
        while i < chars.len() {
            let c = chars[i];
            if matches!(c, '.' | '!' | '?') && i + 2 < chars.len() && chars[i + 1] == ' ' {
                let next = chars[i + 2];
                let index_variable = next == 'n' && chars.get(i + 3) == Some(&' ');
                let starts_new = next.is_uppercase()
                    || next.is_ascii_digit()
                    || index_variable
                    || matches!(next, '"' | '“' | '(' | '`');
                if starts_new && !abbreviation(&chars[start..=i]) {
                    push(&mut out, &chars[start..=i]);
                    start = i + 2;
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
        push(&mut out, &chars[start.min(chars.len())..]);
        out
    }

    proptest::proptest! {
        #[test]
        fn sentences_by_bytes_are_sentences_by_characters(text in r#"([A-Za-z0-9 .!?n“"(`]|é|É|ü|…|。| |\u{3000}|e\.g\.|i\.e\.|No\.|etc\.){0,40}"#) {
            proptest::prop_assert_eq!(sentences(&text), sentences_by_chars(&text));
        }
    }

    #[test]
    fn splits_bullets_paragraphs_and_code() {
        let md = " The category. Default value: cloud. Valid values:\n\n -   cloud: basic disk.\n-   cloud\\_efficiency: ultra disk.\n\n ``` {#codeblock_x}\n()`~!\n```\n\n |";
        let b = blocks(md);
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(b[1], Block { kind: BlockKind::Bullet, text: "cloud: basic disk.".into() });
        assert_eq!(b[2].text, "cloud_efficiency: ultra disk.");
        assert_eq!(b[3], Block { kind: BlockKind::Code, text: "()`~!".into() });
    }

    #[test]
    fn unglues_bullets() {
        let b = blocks("Scope of the RI. Optional values:-   Region: region-level\n-   Zone: zone-level");
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].text, "Scope of the RI. Optional values:");
        assert_eq!(b[1].text, "Region: region-level");
    }

    #[test]
    fn plain_removes_markup() {
        assert_eq!(
            plain("You can call the [DescribeRegions](~~25609~~) action. `ImageId` is \\(x\\) **bold**"),
            "You can call the DescribeRegions action. ImageId is (x) bold"
        );
        assert_eq!(plain("globally unique.**ClientToken** can"), "globally unique. ClientToken can");
        assert_eq!(plain("Valid values: `cloud_essd` {#p1}"), "Valid values: cloud_essd");
    }

    /// What the one converter (pulldown-cmark's reading) fixes over the hand-written one it
    /// replaced, and the docs' quirks it is repaired for.
    #[test]
    fn plain_reads_commonmark() {
        // Emphasis around parts of a format: the hand-written converter kept the `*`s, so VOD's
        // 31 time parameters had no time rule.
        assert_eq!(
            plain("Specify the time in the *yyyy-MM-dd*T*HH:mm:ss*Z format."),
            "Specify the time in the yyyy-MM-ddTHH:mm:ssZ format."
        );
        // A code span's content is verbatim (the hand-written one dropped `**` and `\\` in it).
        assert_eq!(plain(r"cannot contain `**` or `\\`"), r"cannot contain ** or \\");
        assert_eq!(plain("a &lt; b"), "a < b");
        // Empty strong spans glued to a sentence go; masks stay.
        assert_eq!(plain("unique. ****The value"), "unique. The value");
        assert_eq!(plain("the URLs.**** Valid values:"), "the URLs. Valid values:");
        assert_eq!(plain("Example: sg-bp1****"), "Example: sg-bp1****");
        assert_eq!(sentences(&plain("among requests. ****The value can")).len(), 2);
        // An empty code span left by the docs' converter: two literal backticks to CommonMark.
        assert_eq!(
            plain("``\\{“1”, “2”\\} if PeriodUnit is set to Week."),
            "{“1”, “2”} if PeriodUnit is set to Week."
        );
        assert_eq!(plain("Sample:`` x"), "Sample: x");
        assert_eq!(plain("see [Standard mode](Standard mode../a.dita#c)."), "see Standard mode.");
        assert_eq!(plain("``a`` and `` b"), "a and b");
        assert_eq!(plain("chars ()`~! and ```a``b```"), "chars ()`~! and a``b");
    }

    #[test]
    fn sentence_split_keeps_dotted_names() {
        let s = sentences("The size of the nth data disk. n ranges from 1 to 16. Unit: GiB. Use ecs.g5.large or Ipv6Address.N here. Valid values:");
        assert_eq!(
            s,
            [
                "The size of the nth data disk.",
                "n ranges from 1 to 16.",
                "Unit: GiB.",
                "Use ecs.g5.large or Ipv6Address.N here.",
                "Valid values:"
            ]
        );
        assert_eq!(
            sentences("It cannot contain periods (.). It must"),
            ["It cannot contain periods (.).", "It must"]
        );
    }
}
