//! Parses one API reference page (Markdown) into an [`ir::Api`] plus diagnostics.
//!
//! Stages: `blocks` (with the logical-row pre-pass in `rows`) splits the page; `sections` finds
//! the reference sections by heading; `columns` maps headers by their words; `request`,
//! `response`, `examples` and `errors` read their sections; `request_line` and `body` read a ROA
//! page's request syntax and RequestBody; `style` tells RPC from ROA and `positions` places each
//! parameter; `duplicates` keeps one parameter per wire name; `action` names the operation;
//! `checks` names contradictions; `product_claims` collects what the page says about its product
//! (for `meta`).
//!
//! A page is an API reference page when it has a request parameter table of its own (not one of
//! common parameters) and names an operation (see `action`). Any other page (common parameters,
//! basic structures, event notifications, ROS resource types, guides) is skipped with a note and
//! none of its warnings: it is not an error, and its tables are not the generator's business.

pub mod action;
pub mod blocks;
pub mod body;
pub mod checks;
pub mod columns;
pub mod common_errors;
pub mod duplicates;
pub mod errors;
pub mod examples;
pub mod fence;
pub mod hidden_chars;
pub mod inline;
pub mod json_shape;
pub mod lines;
pub mod positions;
pub mod product_claims;
pub mod request;
pub mod request_line;
pub mod response;
pub mod rows;
pub mod sections;
pub mod style;
pub mod table;
pub mod wire_name;
pub mod xml_shape;

use blocks::{Block, Table};
use columns::{Columns, TableKind};
use product_claims::ProductClaims;
use sections::SectionKind;

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir;

/// What parsing one page produced: the API (`None` when the page is not an API reference page or
/// could not be read), what the page says about its product, and every diagnostic about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    pub api: Option<ir::Api>,
    pub claims: ProductClaims,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedPage {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// The first line of the note on a page that is skipped as not an API reference page.
pub const NOT_AN_API_PAGE: &str = "not an API reference page";

/// Parses the page `bytes` read from `file` (used for `Api::source` and in diagnostics).
/// Never panics; unreadable input gives an error diagnostic and no API.
pub fn parse_page(file: &str, bytes: &[u8]) -> ParsedPage {
    let mut diags = Diagnostics::new(file);
    let Some(text) = decode(bytes, &mut diags) else {
        return ParsedPage { api: None, claims: ProductClaims::default(), diagnostics: diags.into_vec() };
    };
    let text = hidden_chars::make_visible(text, &mut diags);
    let text = text.as_ref();
    if text.trim().is_empty() {
        diags.warning(0, format!("{NOT_AN_API_PAGE}: the page is empty; skipped"));
        return ParsedPage { api: None, claims: ProductClaims::default(), diagnostics: diags.into_vec() };
    }
    let blocks = blocks::blocks(text);
    let title = title(&blocks);
    let mut claims = product_claims::line_claims(text);
    let api = read_api(file, &blocks, title, &claims.styles, &mut diags);
    if api.is_none() {
        product_claims::add_block_claims(&mut claims, &blocks, title.map(|(_, h)| h.text.as_str()));
    }
    ParsedPage { api, claims, diagnostics: diags.into_vec() }
}

/// Reads only what a guide page (`<product>/guides/*.md`) says about its product.
pub fn scan_guide(file: &str, bytes: &[u8]) -> ParsedPage {
    let mut diags = Diagnostics::new(file);
    let claims = decode(bytes, &mut diags).map_or_else(ProductClaims::default, |text| {
        let text = hidden_chars::make_visible(text, &mut diags);
        let text = text.as_ref();
        let blocks = blocks::blocks(text);
        let title = title(&blocks).map(|(_, h)| h.text.as_str());
        let mut claims = product_claims::line_claims(text);
        product_claims::add_block_claims(&mut claims, &blocks, title);
        claims.common_errors = common_errors::common_errors(&blocks, title, &mut diags);
        claims
    });
    ParsedPage { api: None, claims, diagnostics: diags.into_vec() }
}

/// The page as UTF-8 without a byte-order mark; an error at the first invalid byte's line.
fn decode<'a>(bytes: &'a [u8], diags: &mut Diagnostics) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            diags.error(line, format!("page is not valid UTF-8 (byte {})", e.valid_up_to()));
            None
        }
    }
}

/// The first level-1 heading and its block index.
fn title(blocks: &[Block]) -> Option<(usize, &blocks::Heading)> {
    blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Heading(h) if h.level == 1 => Some((i, h)),
        _ => None,
    })
}

/// The page's API, or `None` with a note (and the page's other diagnostics dropped) when the page
/// is not an API reference page.
fn read_api(
    file: &str,
    blocks: &[Block],
    title: Option<(usize, &blocks::Heading)>,
    explorer: &[product_claims::Claim],
    page_diags: &mut Diagnostics,
) -> Option<ir::Api> {
    let mut diags = Diagnostics::new(page_diags.file());
    let summary = title
        .and_then(|(at, _)| {
            blocks[at + 1..].iter().take_while(|b| !matches!(b, Block::Heading(_))).find_map(|b| match b {
                Block::Text { text, .. } => Some(inline::plain(text)),
                _ => None,
            })
        })
        .unwrap_or_default();
    let title_is_common = title.is_some_and(|(_, h)| product_claims::is_about_common_parameters(&h.text));

    let sections = sections::sections(blocks);
    let examples_section = sections.iter().filter(|s| s.kind == SectionKind::Examples);
    let (mut examples, sample_line) = examples_section
        .map(|s| (examples::examples(s.blocks), action_line(s.blocks)))
        .find(|(e, _)| e.json_response.is_some() || e.xml_response.is_some() || !e.request.is_empty())
        .unwrap_or_default();
    let examples_line =
        sections.iter().find(|s| s.kind == SectionKind::Examples).map_or(0, |s| s.heading.line);
    if let Some(depth) = examples.json_response.as_deref().map(json_shape::nesting) {
        if depth > json_shape::MAX_EXAMPLE_DEPTH {
            diags.warning(
                examples_line,
                format!(
                    "the JSON response example nests {depth} levels deep, more than the {} read; it is left out",
                    json_shape::MAX_EXAMPLE_DEPTH
                ),
            );
            examples.json_response = None;
        }
    }
    let json = examples.json_response.as_deref().and_then(|j| match json_shape::Shape::from_example(j) {
        Ok(shape) => Some(shape),
        Err(e) => {
            diags.warning(examples_line, format!("the JSON response example is not valid JSON ({e}); response nesting is read from table order"));
            None
        }
    });
    let xml = examples.xml_response.as_deref().and_then(|x| match json_shape::Shape::from_xml_example(x) {
        Ok(shape) => Some(shape),
        Err(e) => {
            diags.warning(
                examples_line,
                format!(
                    "the XML response example is not well-formed ({e}); it is not used for response nesting"
                ),
            );
            None
        }
    });
    let mut request = Vec::new();
    let mut request_tables = 0;
    let mut common_tables = 0;
    let mut response = Vec::new();
    let mut errors = Vec::new();
    let mut body_sections = Vec::new();
    let mut form = false;
    let syntax = sections
        .iter()
        .filter(|s| s.kind == SectionKind::RequestSyntax)
        .find_map(|s| request_line::first_in(s.blocks));
    let sample_request = sections
        .iter()
        .filter(|s| s.kind == SectionKind::Examples)
        .find_map(|s| request_line::first_in(s.blocks));
    for section in &sections {
        match section.kind {
            SectionKind::Examples | SectionKind::RequestSyntax => continue,
            SectionKind::RequestBody => {
                body_sections.push(body::read(section.blocks, section.heading.line, &mut diags));
                continue;
            }
            SectionKind::Response => {
                response.extend(response::fields(section.blocks, json.as_ref(), xml.as_ref(), &mut diags));
                continue;
            }
            _ => {}
        }
        let common = title_is_common || product_claims::is_about_common_parameters(&section.heading.text);
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
            match (section.kind, columns.kind()) {
                (SectionKind::Request, TableKind::Params) if common => common_tables += 1,
                (SectionKind::Request, TableKind::Params)
                    if columns.position.is_none() && intro.is_some_and(body::names_the_body) =>
                {
                    warn_unknown_columns(table, &columns, &mut diags);
                    body_sections.push(body::read_table(table, &columns, &mut diags));
                }
                (SectionKind::Request, TableKind::Params) => {
                    warn_unknown_columns(table, &columns, &mut diags);
                    request_tables += 1;
                    form |= positions::says_form(table, &columns);
                    request::add_table(
                        &mut request,
                        table,
                        &columns,
                        intro.take(),
                        &examples.request,
                        &mut diags,
                    );
                }
                (SectionKind::Errors, TableKind::Errors) => {
                    warn_unknown_columns(table, &columns, &mut diags);
                    errors.extend(errors::error_rows(table, &columns, &mut diags));
                }
                (kind, table_kind) => {
                    // The table is not read: which of its columns are unknown does not matter.
                    diags.warning(
                        table.line,
                        format!("{table_kind:?} table in the {kind:?} section is not read"),
                    )
                }
            }
        }
    }
    let roa_syntax = syntax.as_ref().is_some_and(|l| !l.is_rpc());
    if request_tables == 0 && !roa_syntax {
        let why = if common_tables > 0 {
            "its parameter tables list common parameters"
        } else {
            "no request parameter table"
        };
        page_diags.note(0, format!("{NOT_AN_API_PAGE}: {why}; skipped"));
        return None;
    }
    let title_line = title.map_or(0, |(_, h)| h.line);
    let mut style_diags = Diagnostics::new(page_diags.file());
    let evidence = style::Evidence {
        action_row: request.iter().find(|p| p.wire_name == "Action").map(|p| p.line),
        sample_action: (sample_line > 0).then_some(sample_line),
        explorer,
        syntax: syntax.as_ref(),
        sample: sample_request.as_ref(),
    };
    let wire = style::decide(&evidence, title_line, &mut style_diags);
    let is_roa = matches!(wire, Some(ir::Wire::Roa(_)));
    let title_claim = title.map(|(_, h)| (h.text.as_str(), h.line));
    let Some(identity) =
        action::identify(title_claim, &request, (&examples.request, sample_line), is_roa, &mut diags)
    else {
        let why = match title {
            Some((_, h)) => format!(
                "no `Action` row or sample `Action=`, and its title `{}` is not an operation name",
                h.text
            ),
            None => "no `Action` row or sample `Action=`, and no `# Title` heading".to_owned(),
        };
        page_diags.note(title.map_or(0, |(_, h)| h.line), format!("{NOT_AN_API_PAGE}: {why}; skipped"));
        return None;
    };
    diags.extend(style_diags);
    let Some(mut wire) = wire else {
        page_diags.extend(diags);
        return None;
    };
    match &mut wire {
        ir::Wire::Roa(roa) => {
            positions::place_roa(&mut request, roa, &mut diags);
            let first_body_row = request.iter().find(|p| p.position == ir::Position::Body).map(|p| p.line);
            let (mut whole, mut example, mut line) = (None, None, first_body_row);
            for section in body_sections {
                request.extend(section.params);
                whole = whole.or(section.whole);
                example = example.or(section.example);
                line = line.or(Some(section.line));
            }
            let line = line.unwrap_or(0);
            let example = example.or_else(|| sample_request.as_ref().and_then(request_line::sample_body));
            if request.iter().any(|p| p.position == ir::Position::Body) {
                let encoding = if form { ir::BodyEncoding::Form } else { ir::BodyEncoding::Json };
                roa.body = Some(ir::Body { encoding, whole, example, line });
            }
        }
        ir::Wire::Rpc => {
            for section in &body_sections {
                diags.warning(section.line, "a RequestBody section on an RPC page; not read");
            }
        }
    }
    request::warn_unknown_types(&request, &mut diags);
    duplicates::drop_repeated_names(&mut request, &mut diags);
    checks::check_params(&request, &mut diags);
    checks::check_errors(&errors, &mut diags);
    page_diags.extend(diags);
    Some(ir::Api {
        name: identity.name,
        other_names: identity.other_names,
        source: file.to_owned(),
        summary,
        wire,
        request,
        cross_field: Vec::new(),
        response,
        examples,
        errors,
        ..Default::default()
    })
}

/// The line of the first `Action=` in the code blocks of an Examples section (0 when none).
fn action_line(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Code(code) => {
                code.body.lines().position(|l| l.contains("Action=")).map(|i| code.line + 1 + i)
            }
            _ => None,
        })
        .unwrap_or(0)
}

fn warn_unknown_columns(table: &Table, columns: &Columns, diags: &mut Diagnostics) {
    for (i, header) in &columns.unknown {
        diags.warning(
            table.line,
            format!("column {} `{header}` is not a known column; its cells are not read", i + 1),
        );
    }
}
