//! A page's lines, found by one vectorized scan for line ends (`memchr_iter`) rather than a search
//! started again at each line: the pages are about 25 bytes a line, where a search's start-up costs
//! more than the bytes it looks at.

/// `text.split('\n')`, each piece without one trailing `\r`: a text ending in a line end has an
/// empty last line, as the block reader counts lines.
pub fn split(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let rest = pieces(text, &mut lines);
    lines.push(rest.strip_suffix('\r').unwrap_or(rest));
    lines
}

/// `text.lines()`: each line without its `\n` or `\r\n`, and no empty last line after a final line
/// end (a last line without one keeps a trailing `\r`, as `str::lines` does).
pub fn lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let rest = pieces(text, &mut lines);
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines
}

/// Pushes every piece of `text` that ends with `\n` (without it and one `\r` before it) and
/// returns what follows the last `\n`.
fn pieces<'a>(text: &'a str, lines: &mut Vec<&'a str>) -> &'a str {
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        // `\n` is ASCII: both ends are on character boundaries.
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    &text[start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn line_ends_of_every_kind() {
        for text in
            ["", "\n", "a", "a\n", "a\r\n", "a\r", "\r", "\r\n\r\n", "a\n\nb", "a\r\rb\r\n", "é\n中\r\n"]
        {
            let split_std: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
            assert_eq!(split(text), split_std, "{text:?}");
            assert_eq!(lines(text), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn the_same_lines_as_the_standard_library(text in "[a\r\n é]{0,40}") {
            let split_std: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
            prop_assert_eq!(split(&text), split_std);
            prop_assert_eq!(lines(&text), text.lines().collect::<Vec<_>>());
        }
    }
}
