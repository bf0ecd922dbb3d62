//! Renders a cell's (or paragraph's) Markdown to plain text with pulldown-cmark.

use pulldown_cmark::{Event, Parser, TagEnd};

use crate::ir::Text;

/// The cell's Markdown and its plain text.
pub fn text(markdown: &str) -> Text {
    Text { markdown: markdown.to_owned(), plain: plain(markdown) }
}

/// Plain text of `markdown`: escapes removed, emphasis and links reduced to their text, one line
/// per paragraph or list item, runs of spaces collapsed.
pub fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::InlineHtml(t) | Event::Html(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::Heading(_)) => {
                out.push('\n')
            }
            _ => {}
        }
    }
    let lines: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_escapes_and_markup() {
        assert_eq!(plain(r"cloud\_ssd"), "cloud_ssd");
        assert_eq!(plain(r"\\No"), r"\No");
        assert_eq!(plain("See [Doc](~~1~~) and `Code`.\n\n -   a\n-   b"), "See Doc and Code.\na\nb");
        assert_eq!(plain(""), "");
    }
}
