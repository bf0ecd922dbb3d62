//! The logical-row pre-pass: rebuilds table rows that run over many lines, then splits them into cells.

use super::fence::Fence;

/// One table row as written, possibly spanning many physical lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicalRow {
    /// 1-based line where the row starts.
    pub line: usize,
    /// The row's lines joined with `\n`, leading indentation of the first line removed.
    pub text: String,
    /// False when the row ran into a heading or the end of the page before a closing `|`.
    pub closed: bool,
}

/// True when `line` starts a table row (a `|` after optional indentation).
pub fn starts_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// True when `line` ends with an unescaped `|` (trailing whitespace ignored).
pub fn ends_row(line: &str) -> bool {
    let trimmed = line.trim_end();
    let Some(before) = trimmed.strip_suffix('|') else {
        return false;
    };
    let backslashes = before.bytes().rev().take_while(|&b| b == b'\\').count();
    backslashes % 2 == 0
}

/// True when `line` is an ATX heading (`# …` to `###### …`), which no table row may run across.
pub fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && !t[hashes..].starts_with(|c: char| !c.is_whitespace())
}

/// Reads the logical row starting at `lines[start]` (which must start a row). Returns the row and
/// the index of the first line after it.
///
/// A row ends at the first line (outside a fenced code block) that ends with an unescaped `|`; the
/// first line only closes the row if it holds more than the opening `|`. A heading or the end of
/// the page ends an unclosed row.
pub fn read_row(lines: &[&str], start: usize) -> (LogicalRow, usize) {
    let mut text = String::new();
    let mut fence = Fence::default();
    let mut i = start;
    while i < lines.len() {
        let line = lines[i];
        if i == start {
            let first = line.trim_start();
            text.push_str(first);
            i += 1;
            if first.trim_end().len() > 1 && ends_row(first) {
                return (LogicalRow { line: start + 1, text, closed: true }, i);
            }
            continue;
        }
        let was_in_fence = fence.is_open();
        fence.feed_in_row(line);
        if !was_in_fence && !fence.is_open() && is_heading(line) {
            break;
        }
        text.push('\n');
        text.push_str(line);
        i += 1;
        if !fence.is_open() && ends_row(line) {
            return (LogicalRow { line: start + 1, text, closed: true }, i);
        }
    }
    (LogicalRow { line: start + 1, text, closed: false }, i)
}

/// Splits a logical row into its cells: on unescaped `|` outside code spans and fenced code
/// blocks. The outer pipes are dropped; cells keep their Markdown, trimmed.
pub fn split_cells(row: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut fence = Fence::default();
    for (n, line) in row.split('\n').enumerate() {
        if n > 0 {
            cell.push('\n');
            fence.feed_in_row(line);
            if fence.is_open() {
                cell.push_str(line);
                continue;
            }
        }
        split_line(line, &mut cell, &mut cells);
    }
    cells.push(cell);
    let mut cells: Vec<String> = cells.into_iter().map(trimmed).collect();
    // The text before the opening `|` and after the closing `|` is not a cell.
    if cells.first().is_some_and(String::is_empty) {
        cells.remove(0);
    }
    if ends_row(row) && cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// `text` without the whitespace around it, in its own buffer.
fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    let leading = text.len() - text.trim_start().len();
    text.drain(..leading);
    text
}

/// Splits one physical line into `cell`, pushing each finished cell onto `cells`.
fn split_line(line: &str, cell: &mut String, cells: &mut Vec<String>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    // Only these three bytes mean anything here: one vectorized search skips to the next of them
    // (description cells are hundreds of bytes of prose).
    while let Some(found) = bytes.get(i..).and_then(|rest| memchr::memchr3(b'\\', b'`', b'|', rest)) {
        i += found;
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                i += run;
                if let Some(end) = closing_backticks(&bytes[i..], run) {
                    i += end + run;
                }
            }
            _ => {
                cell.push_str(&line[copied..i]);
                cells.push(std::mem::take(cell));
                i += 1;
                copied = i;
            }
        }
    }
    cell.push_str(&line[copied..]);
}

/// Offset of the next run of exactly `run` backticks in `rest`, if any.
fn closing_backticks(rest: &[u8], run: usize) -> Option<usize> {
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == b'`' {
            let len = rest[i..].iter().take_while(|&&b| b == b'`').count();
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// True when every cell is a separator (`---`, `:--`, `:-:`), i.e. the row under a header.
pub fn is_separator(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            let inner = c.trim_start_matches(':').trim_end_matches(':');
            !inner.is_empty() && inner.bytes().all(|b| b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<LogicalRow> {
        let lines: Vec<&str> = text.lines().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if starts_row(lines[i]) {
                let (row, next) = read_row(&lines, i);
                out.push(row);
                i = next;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn row_runs_over_blank_lines_lists_and_notes_until_a_lone_pipe() {
        let text =
            "|A|String|Yes|x| Desc.\n\n -   one\n-   two\n\n **Note:** n.\n\n |\n|B|Integer|No|1|Short.|\n";
        let r = rows(text);
        assert_eq!(r.len(), 2);
        assert!(r[0].closed);
        assert_eq!(r[0].line, 1);
        assert_eq!(r[1].line, 9);
        let cells = split_cells(&r[0].text);
        assert_eq!(cells.len(), 5);
        assert_eq!(cells[0], "A");
        assert!(cells[4].starts_with("Desc.") && cells[4].ends_with("**Note:** n."));
    }

    #[test]
    fn fenced_code_with_pipes_stays_in_one_cell() {
        let text = "|A|String|Desc:\n\n```\na | b |\n```\n\n |\n";
        let r = rows(text);
        assert_eq!(r.len(), 1);
        let cells = split_cells(&r[0].text);
        assert_eq!(cells.len(), 3);
        assert!(cells[2].contains("a | b |"));
        let r = rows("|A|Desc:\n```\n&x=1\n``` |\n|B|C|\n");
        assert_eq!(r.len(), 2);
        assert!(r[0].closed);
        assert_eq!(split_cells(&r[0].text), vec!["A", "Desc:\n```\n&x=1\n```"]);
    }

    #[test]
    fn escaped_pipes_and_code_spans_do_not_split() {
        let cells = split_cells(r"|a\|b|`x|y`|c|");
        assert_eq!(cells, vec![r"a\|b", "`x|y`", "c"]);
        assert!(!ends_row(r"text \|"));
        assert!(ends_row(r"text \\|"));
    }

    /// `split_line` as it was written before it searched for its three bytes: one byte at a time.
    fn split_line_bytewise(line: &str, cell: &mut String, cells: &mut Vec<String>) {
        let bytes = line.as_bytes();
        let (mut i, mut copied) = (0, 0);
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'`' => {
                    let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                    i += run;
                    if let Some(end) = closing_backticks(&bytes[i..], run) {
                        i += end + run;
                    }
                }
                b'|' => {
                    cell.push_str(&line[copied..i]);
                    cells.push(std::mem::take(cell));
                    i += 1;
                    copied = i;
                }
                _ => i += 1,
            }
        }
        cell.push_str(&line[copied..]);
    }

    proptest::proptest! {
        #[test]
        fn cells_are_split_as_byte_by_byte(line in "[a|`\\\\é ]{0,30}", start in "[a`]{0,2}") {
            let (mut cell, mut cells) = (start.clone(), Vec::new());
            split_line(&line, &mut cell, &mut cells);
            let (mut cell_bytewise, mut cells_bytewise) = (start, Vec::new());
            split_line_bytewise(&line, &mut cell_bytewise, &mut cells_bytewise);
            proptest::prop_assert_eq!((cell, cells), (cell_bytewise, cells_bytewise));
        }
    }

    #[test]
    fn unclosed_row_stops_at_heading_and_eof() {
        let r = rows("|A|B\nmore\n## Next\n|C|D\n");
        assert_eq!(r.len(), 2);
        assert!(!r[0].closed && !r[1].closed);
        assert_eq!(split_cells(&r[0].text), vec!["A", "B\nmore"]);
    }

    #[test]
    fn separator_rows_are_recognized() {
        assert!(is_separator(&split_cells("|:---|---:|:-:|")));
        assert!(!is_separator(&split_cells("|Name|---|")));
    }
}
