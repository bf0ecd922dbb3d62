//! Parses one API reference page (Markdown) into an [`ir::Api`] plus diagnostics.
//!
//! Stages: `blocks` (with the logical-row pre-pass in `rows`) splits the page; `sections` finds
//! the reference sections by heading; `columns` maps headers by their words; `request`,
//! `response`, `examples` and `errors` read their sections; `checks` names contradictions.

pub mod blocks;
pub mod checks;
pub mod columns;
pub mod errors;
pub mod examples;
pub mod fence;
pub mod inline;
pub mod json_shape;
pub mod request;
pub mod response;
pub mod rows;
pub mod sections;
pub mod table;
pub mod wire_name;
pub mod xml_shape;

use blocks::{Block, Table};
use columns::{Columns, TableKind};
use sections::SectionKind;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir;

/// What parsing one page produced: the API (`None` when the page is not an API reference page or
/// could not be read) and every diagnostic about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    pub api: Option<ir::Api>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedPage {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// Parses the page `bytes` read from `file` (used for `Api::source` and in diagnostics).
/// Never panics; unreadable input gives an error diagnostic and no API.
pub fn parse_page(file: &str, bytes: &[u8]) -> ParsedPage {
    let mut diags = Diagnostics::new(file);
    let api = read_page(file, bytes, &mut diags);
    ParsedPage { api, diagnostics: diags.into_vec() }
}

fn read_page(file: &str, bytes: &[u8], diags: &mut Diagnostics) -> Option<ir::Api> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            diags.error(line, format!("page is not valid UTF-8 (byte {})", e.valid_up_to()));
            return None;
        }
    };
    if text.trim().is_empty() {
        diags.error(0, "page is empty");
        return None;
    }
    let blocks = blocks::blocks(text);
    let Some((title_at, title)) = blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Heading(h) if h.level == 1 => Some((i, h)),
        _ => None,
    }) else {
        diags.error(0, "page has no title (`# Name` heading)");
        return None;
    };
    let name = title.text.trim().to_owned();
    if !wire_name::is_identifier_path(&name) || name.contains('.') {
        diags.warning(title.line, format!("page title `{name}` is not an operation name"));
    }
    let summary = blocks[title_at + 1..]
        .iter()
        .take_while(|b| !matches!(b, Block::Heading(_)))
        .find_map(|b| match b {
            Block::Text { text, .. } => Some(inline::plain(text)),
            _ => None,
        })
        .unwrap_or_default();

    let sections = sections::sections(&blocks);
    let examples = sections
        .iter()
        .filter(|s| s.kind == SectionKind::Examples)
        .map(|s| examples::examples(s.blocks))
        .find(|e| e.json_response.is_some() || e.xml_response.is_some() || !e.request.is_empty())
        .unwrap_or_default();
    let json = examples.json_response.as_deref().and_then(|j| match json_shape::Shape::from_example(j) {
        Ok(shape) => Some(shape),
        Err(e) => {
            let line = sections.iter().find(|s| s.kind == SectionKind::Examples).map_or(0, |s| s.heading.line);
            diags.warning(line, format!("the JSON response example is not valid JSON ({e}); response nesting is read from table order"));
            None
        }
    });
    let xml = examples.xml_response.as_deref().and_then(|x| match json_shape::Shape::from_xml_example(x) {
        Ok(shape) => Some(shape),
        Err(e) => {
            let line =
                sections.iter().find(|s| s.kind == SectionKind::Examples).map_or(0, |s| s.heading.line);
            diags.warning(
                line,
                format!(
                    "the XML response example is not well-formed ({e}); it is not used for response nesting"
                ),
            );
            None
        }
    });
    let mut request = Vec::new();
    let mut request_tables = 0;
    let mut response = Vec::new();
    let mut errors = Vec::new();
    for section in &sections {
        match section.kind {
            SectionKind::Examples => continue,
            SectionKind::Response => {
                response.extend(response::fields(section.blocks, json.as_ref(), xml.as_ref(), diags));
                continue;
            }
            _ => {}
        }
        let mut intro: Option<&str> = None;
        for block in section.blocks {
            let table = match block {
                Block::Table(table) => table,
                Block::Text { text, .. } => {
                    intro = Some(text);
                    continue;
                }
                Block::Heading(h) => {
                    intro = Some(&h.text);
                    continue;
                }
                Block::Code(_) => continue,
            };
            let columns = Columns::from_header(&table.header);
            warn_unknown_columns(table, &columns, diags);
            match (section.kind, columns.kind()) {
                (SectionKind::Request, TableKind::Params) => {
                    request_tables += 1;
                    request::add_table(&mut request, table, &columns, intro.take(), diags);
                }
                (SectionKind::Errors, TableKind::Errors) => {
                    errors.extend(errors::error_rows(table, &columns, diags));
                }
                (kind, table_kind) => diags
                    .warning(table.line, format!("{table_kind:?} table in the {kind:?} section is not read")),
            }
        }
    }
    if request_tables == 0 {
        diags.note(0, "page has no request parameter table; not an API reference page");
        return None;
    }
    request::warn_unknown_types(&request, diags);
    checks::check_params(&request, diags);
    checks::check_errors(&errors, diags);
    Some(ir::Api {
        name,
        source: file.to_owned(),
        summary,
        request,
        cross_field: Vec::new(),
        response,
        examples,
        errors,
    })
}

fn warn_unknown_columns(table: &Table, columns: &Columns, diags: &mut Diagnostics) {
    for (i, header) in &columns.unknown {
        diags.warning(
            table.line,
            format!("column {} `{header}` is not a known column; its cells are not read", i + 1),
        );
    }
}
