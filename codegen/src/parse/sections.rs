//! Groups a page's blocks into the reference sections named by their headings.

use super::blocks::{Block, Heading};

/// The sections the parser reads; everything else is [`SectionKind::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Request,
    /// `Request syntax` / `Request structure`: a ROA operation's method and path.
    RequestSyntax,
    /// `RequestBody` / `Request body`: a ROA operation's body parameters and example.
    RequestBody,
    Response,
    Examples,
    Errors,
    Other,
}

/// A heading and the blocks under it, up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    pub kind: SectionKind,
    pub heading: &'a Heading,
    pub blocks: &'a [Block],
}

/// Reads a heading's words as a section kind (`Request parameters`, `Error codes`, …).
pub fn kind_of(heading: &str) -> SectionKind {
    let words: String = heading
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = words.split_whitespace().collect();
    let has = |w: &str| words.iter().any(|x| x.starts_with(w));
    if has("requestbody") || (has("request") && has("body") && !has("example") && !has("sample")) {
        SectionKind::RequestBody
    } else if has("request") && (has("syntax") || has("structure")) {
        SectionKind::RequestSyntax
    } else if has("request") && !has("example") && !has("sample") {
        SectionKind::Request
    } else if has("response") || has("return") || (has("output") && has("param")) {
        if has("example") || has("sample") {
            SectionKind::Examples
        } else {
            SectionKind::Response
        }
    } else if has("example") || has("sample") {
        SectionKind::Examples
    } else if has("error") {
        SectionKind::Errors
    } else if words.len() <= 2 && (has("parameter") || has("input")) {
        SectionKind::Request
    } else {
        SectionKind::Other
    }
}

/// The sections below level-1 headings, in page order. Sub-headings stay inside their section.
pub fn sections(blocks: &[Block]) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let Block::Heading(h) = &blocks[i] else {
            i += 1;
            continue;
        };
        if h.level == 1 {
            i += 1;
            continue;
        }
        let end = blocks[i + 1..]
            .iter()
            .position(|b| matches!(b, Block::Heading(n) if n.level <= h.level))
            .map_or(blocks.len(), |p| i + 1 + p);
        let kind = kind_of(&h.text);
        if kind == SectionKind::Other {
            i += 1;
        } else {
            out.push(Section { kind, heading: h, blocks: &blocks[i + 1..end] });
            i = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_words_name_sections() {
        assert_eq!(kind_of("Request parameters"), SectionKind::Request);
        assert_eq!(kind_of("Response parameters "), SectionKind::Response);
        assert_eq!(kind_of("Return parameters"), SectionKind::Response);
        assert_eq!(kind_of("Examples"), SectionKind::Examples);
        assert_eq!(kind_of("Example"), SectionKind::Examples);
        assert_eq!(kind_of("Error codes"), SectionKind::Errors);
        assert_eq!(kind_of("Errors"), SectionKind::Errors);
        assert_eq!(kind_of("Description"), SectionKind::Other);
        assert_eq!(kind_of("Debugging"), SectionKind::Other);
        assert_eq!(kind_of("Request syntax"), SectionKind::RequestSyntax);
        assert_eq!(kind_of("Request structure"), SectionKind::RequestSyntax);
        assert_eq!(kind_of("RequestBody"), SectionKind::RequestBody);
        assert_eq!(kind_of("Request body"), SectionKind::RequestBody);
        assert_eq!(kind_of("Request headers"), SectionKind::Request);
    }
}
