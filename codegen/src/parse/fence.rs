//! Tracks whether a line-by-line scan is inside a fenced code block (``` or ~~~).

/// The open fence, if any: its character and length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fence {
    open: Option<(u8, usize)>,
}

impl Fence {
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Feeds one line; returns true when the line opened or closed a fence.
    pub fn feed(&mut self, line: &str) -> bool {
        self.feed_with(line, false)
    }

    /// Like [`Fence::feed`], but inside a table row a closing fence may be followed by the `|`
    /// that closes the row (```` ``` |````).
    pub fn feed_in_row(&mut self, line: &str) -> bool {
        self.feed_with(line, true)
    }

    fn feed_with(&mut self, line: &str, in_row: bool) -> bool {
        let t = line.trim_start();
        let Some(&ch) = t.as_bytes().first() else {
            return false;
        };
        if ch != b'`' && ch != b'~' {
            return false;
        }
        let len = t.bytes().take_while(|&b| b == ch).count();
        if len < 3 {
            return false;
        }
        match self.open {
            None => {
                // A backtick fence's info string may not contain backticks.
                if ch == b'`' && t[len..].contains('`') {
                    return false;
                }
                self.open = Some((ch, len));
                true
            }
            Some((open_ch, open_len)) => {
                let rest = t[len..].trim();
                let rest = if in_row { rest.strip_suffix('|').unwrap_or(rest).trim() } else { rest };
                if ch == open_ch && len >= open_len && rest.is_empty() {
                    self.open = None;
                    true
                } else {
                    false
                }
            }
        }
    }
}
