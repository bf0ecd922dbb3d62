//! Splits a page into the blocks the parser reads: headings, tables, fenced code and paragraphs.

use super::fence::Fence;
use super::rows::{self, is_heading, read_row, split_cells, starts_row};

/// One block of a page, in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(Heading),
    Table(Table),
    Code(Code),
    /// A paragraph: consecutive non-blank lines that are none of the above, joined with `\n`.
    Text {
        text: String,
        line: usize,
    },
}

/// An ATX or setext heading with its `{#id .class}` attributes removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: usize,
    pub text: String,
    pub line: usize,
}

/// A fenced code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The info string after the fence (`{#request_demo}`, `json`, …), trimmed.
    pub info: String,
    /// The lines between the fences.
    pub body: String,
    pub line: usize,
    /// False when the page ended before the closing fence.
    pub closed: bool,
}

/// A run of table rows: the header first, the separator row (if any) removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub line: usize,
    pub header: Vec<String>,
    /// True when a `---` row followed the header.
    pub has_separator: bool,
    pub rows: Vec<Row>,
}

/// One logical table row, split into cells (Markdown, trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
    pub closed: bool,
}

/// Splits `text` into blocks. Never fails: anything unrecognized is a paragraph.
pub fn blocks(text: &str) -> Vec<Block> {
    let lines = super::lines::split(text);
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut para_line = 0;
    let mut i = 0;
    let flush = |para: &mut Vec<&str>, para_line: usize, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Text { text: para.join("\n"), line: para_line });
            para.clear();
        }
    };
    while i < lines.len() {
        let line = lines[i];
        let mut fence = Fence::default();
        if fence.feed(line) {
            flush(&mut para, para_line, &mut out);
            let (code, next) = read_code(&lines, i, fence);
            out.push(Block::Code(code));
            i = next;
        } else if is_heading(line) {
            flush(&mut para, para_line, &mut out);
            out.push(Block::Heading(heading(line, i + 1)));
            i += 1;
        } else if starts_row(line) {
            flush(&mut para, para_line, &mut out);
            let (table, next) = read_table(&lines, i);
            out.push(Block::Table(table));
            i = next;
        } else if line.trim().is_empty() {
            flush(&mut para, para_line, &mut out);
            i += 1;
        } else if let (1, Some(level)) = (para.len(), setext_level(line)) {
            let text = para.pop().unwrap_or_default();
            out.push(Block::Heading(heading(&format!("{} {text}", "#".repeat(level)), para_line)));
            i += 1;
        } else {
            if para.is_empty() {
                para_line = i + 1;
            }
            para.push(line);
            i += 1;
        }
    }
    flush(&mut para, para_line, &mut out);
    out
}

/// The level of a setext underline (`===` is 1, `---` is 2) under a one-line paragraph.
fn setext_level(line: &str) -> Option<usize> {
    let t = line.trim();
    if line.len() - line.trim_start().len() > 3 || t.len() < 3 {
        return None;
    }
    if t.bytes().all(|b| b == b'=') {
        Some(1)
    } else if t.bytes().all(|b| b == b'-') {
        Some(2)
    } else {
        None
    }
}

fn heading(line: &str, line_no: usize) -> Heading {
    let t = line.trim_start();
    let level = t.bytes().take_while(|&b| b == b'#').count();
    let mut text = t[level..].trim();
    if text.ends_with('}') {
        if let Some(open) = text.rfind('{') {
            text = text[..open].trim_end();
        }
    }
    let text = text.trim_end_matches('#').trim_end();
    Heading { level, text: text.to_owned(), line: line_no }
}

fn read_code(lines: &[&str], start: usize, mut fence: Fence) -> (Code, usize) {
    let first = lines[start].trim_start();
    let info = first.trim_start_matches(['`', '~']).trim().to_owned();
    let mut body = Vec::new();
    let mut i = start + 1;
    while i < lines.len() {
        if fence.feed(lines[i]) {
            let code = Code { info, body: body.join("\n"), line: start + 1, closed: true };
            return (code, i + 1);
        }
        body.push(lines[i]);
        i += 1;
    }
    (Code { info, body: body.join("\n"), line: start + 1, closed: false }, i)
}

fn read_table(lines: &[&str], start: usize) -> (Table, usize) {
    let mut logical = Vec::new();
    let mut i = start;
    while i < lines.len() && starts_row(lines[i]) {
        let (row, next) = read_row(lines, i);
        logical.push(row);
        i = next;
    }
    let mut rows =
        logical.into_iter().map(|r| Row { line: r.line, cells: split_cells(&r.text), closed: r.closed });
    let header = rows.next().map(|r| r.cells).unwrap_or_default();
    let mut rows: Vec<Row> = rows.collect();
    let has_separator = rows.first().is_some_and(|r| rows::is_separator(&r.cells));
    if has_separator {
        rows.remove(0);
    }
    (Table { line: start + 1, header, has_separator, rows }, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_splits_into_blocks() {
        let page = "# Title {#t .reference}\n\nSummary line.\n\n## Request parameters {#p .section}\n\n|Name|Type|\n|---|---|\n|A|String|\n\n```\n|not a table|\n```\n";
        let b = blocks(page);
        assert_eq!(b.len(), 5);
        assert!(matches!(&b[0], Block::Heading(h) if h.text == "Title" && h.level == 1));
        assert!(matches!(&b[1], Block::Text { text, line: 3 } if text == "Summary line."));
        let Block::Table(t) = &b[3] else { panic!("table expected: {:?}", b[3]) };
        assert_eq!(t.header, vec!["Name", "Type"]);
        assert!(t.has_separator);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 9);
        assert!(matches!(&b[4], Block::Code(c) if c.body == "|not a table|"));
    }

    #[test]
    fn setext_headings_are_headings() {
        let b = blocks(
            "StopPipelines {#title}\n======\n\nSummary.\n\nRequest syntax \n---------\n\ntwo\nlines\n---\n",
        );
        assert!(
            matches!(&b[0], Block::Heading(h) if h.text == "StopPipelines" && h.level == 1 && h.line == 1)
        );
        assert!(
            matches!(&b[2], Block::Heading(h) if h.text == "Request syntax" && h.level == 2 && h.line == 6)
        );
        assert!(matches!(&b[3], Block::Text { text, .. } if text == "two\nlines\n---"));
    }
}
