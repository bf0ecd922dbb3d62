//! Whether a page documents an RPC or a ROA (RESTful) operation, from what the page itself shows.
//!
//! RPC evidence: an `Action` row in the request table, an `Action=` in a sample request, an API
//! Explorer link with `type=RPC`. ROA evidence: a request syntax line (`POST /openapi/…`, not
//! `GET /?Action=…`), an API Explorer link with `type=ROA`. One kind of evidence decides. When
//! both appear, the Explorer link (made by the docs platform from the API's metadata) decides and
//! the other evidence is warned about. A page with neither, or with contradictions and no Explorer
//! link, is an error at that page: the generator does not guess RPC. A ROA page must give its
//! method and path in a request syntax line; the sample request only chooses among the methods
//! the syntax lists.

use super::product_claims::Claim;
use super::request_line::RequestLine;
use crate::diag::Diagnostics;
use crate::ir::{HttpMethod, Roa, Wire};

/// What a page shows about its style.
#[derive(Debug, Default)]
pub struct Evidence<'a> {
    /// Line of the request table's `Action` row.
    pub action_row: Option<usize>,
    /// Line of the sample request's `Action=`.
    pub sample_action: Option<usize>,
    /// `type=` of API Explorer links.
    pub explorer: &'a [Claim],
    /// The Request syntax section's request line.
    pub syntax: Option<&'a RequestLine>,
    /// The sample request's request line.
    pub sample: Option<&'a RequestLine>,
}

/// The page's wire style; `None` with an error when it cannot be told. The ROA body is left for
/// the caller to fill.
pub fn decide(evidence: &Evidence, title_line: usize, diags: &mut Diagnostics) -> Option<Wire> {
    let mut rpc: Vec<String> = Vec::new();
    let mut roa: Vec<String> = Vec::new();
    if let Some(line) = evidence.action_row {
        rpc.push(format!("the `Action` row on line {line}"));
    }
    if let Some(line) = evidence.sample_action {
        rpc.push(format!("the sample request's `Action=` on line {line}"));
    }
    match evidence.syntax {
        Some(l) if l.is_rpc() => rpc.push(format!("the request syntax `/?Action=` on line {}", l.line)),
        Some(l) => {
            roa.push(format!("the request syntax `{} {}` on line {}", methods(&l.methods), l.path, l.line))
        }
        None => {}
    }
    let explorer = explorer_style(evidence.explorer, diags);
    let is_roa = match (explorer, rpc.is_empty(), roa.is_empty()) {
        (Some((true, line)), _, _) if !rpc.is_empty() => {
            diags.warning(
                line,
                format!(
                    "the API Explorer link says ROA, but the page also shows {}; read as ROA",
                    rpc.join(", ")
                ),
            );
            true
        }
        (Some((false, line)), _, _) if !roa.is_empty() => {
            diags.warning(
                line,
                format!(
                    "the API Explorer link says RPC, but the page also shows {}; read as RPC",
                    roa.join(", ")
                ),
            );
            false
        }
        (Some((roa_link, _)), _, _) => roa_link,
        (None, false, true) => false,
        (None, true, false) => true,
        (None, false, false) => {
            diags.error(
                title_line,
                format!(
                    "cannot tell whether this is an RPC or a ROA (RESTful) operation: the page shows {} (RPC) and {} (ROA), and no API Explorer `type=`",
                    rpc.join(", "),
                    roa.join(", ")
                ),
            );
            return None;
        }
        (None, true, true) => {
            diags.error(
                title_line,
                "cannot tell whether this is an RPC or a ROA (RESTful) operation: no `Action` row, no sample `Action=`, no request syntax (`METHOD /path`), no API Explorer `type=`",
            );
            return None;
        }
    };
    if !is_roa {
        return Some(Wire::Rpc);
    }
    let Some(syntax) = evidence.syntax.filter(|l| !l.is_rpc()) else {
        diags.error(
            title_line,
            "a ROA (RESTful) operation, but the page gives no request syntax (`METHOD /path`): its method and path are unknown",
        );
        return None;
    };
    if !syntax.query.is_empty() {
        diags.warning(syntax.line, format!("the request syntax's path has a query `?{}`; it is not sent (the request table gives the query parameters)", syntax.query));
    }
    Some(Wire::Roa(Roa {
        method: choose_method(syntax, evidence.sample, diags),
        methods: if syntax.methods.len() > 1 { syntax.methods.clone() } else { Vec::new() },
        path: syntax.path.clone(),
        path_params: syntax.path_params(),
        body: None,
        line: syntax.line,
    }))
}

/// `Some((is_roa, line))` from the Explorer links; links that disagree are warned about and the
/// first one decides.
fn explorer_style(claims: &[Claim], diags: &mut Diagnostics) -> Option<(bool, usize)> {
    let mut decided: Option<(bool, usize, &str)> = None;
    for claim in claims {
        let is_roa = match claim.value.to_ascii_uppercase().as_str() {
            "ROA" => true,
            "RPC" => false,
            _ => {
                diags.warning(
                    claim.line,
                    format!("API Explorer link `type={}` is neither RPC nor ROA; ignored", claim.value),
                );
                continue;
            }
        };
        match decided {
            None => decided = Some((is_roa, claim.line, &claim.value)),
            Some((first, line, value)) if first != is_roa => diags.warning(
                claim.line,
                format!("API Explorer link `type={}` differs from `type={value}` on line {line}; the first is read", claim.value),
            ),
            Some(_) => {}
        }
    }
    decided.map(|(is_roa, line, _)| (is_roa, line))
}

/// The method sent: the only one listed, else the sample request's when the syntax lists it,
/// else the first listed.
fn choose_method(syntax: &RequestLine, sample: Option<&RequestLine>, diags: &mut Diagnostics) -> HttpMethod {
    let first = syntax.methods[0];
    let sample_method = sample.and_then(|s| s.methods.first().copied());
    if syntax.methods.len() == 1 {
        if let Some(m) = sample_method.filter(|m| *m != first) {
            diags.warning(
                sample.map_or(0, |s| s.line),
                format!(
                    "the sample request uses {} but the request syntax says {}; {} is sent",
                    m.as_str(),
                    first.as_str(),
                    first.as_str()
                ),
            );
        }
        return first;
    }
    match sample_method {
        Some(m) if syntax.methods.contains(&m) => {
            diags.note(
                syntax.line,
                format!(
                    "the request syntax lists {}; {} is sent, as in the sample request",
                    methods(&syntax.methods),
                    m.as_str()
                ),
            );
            m
        }
        _ => {
            diags.note(
                syntax.line,
                format!(
                    "the request syntax lists {}; {} is sent, the first listed (no sample request chooses)",
                    methods(&syntax.methods),
                    first.as_str()
                ),
            );
            first
        }
    }
}

fn methods(methods: &[HttpMethod]) -> String {
    methods.iter().map(|m| m.as_str()).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::request_line::parse;

    fn run(evidence: &Evidence) -> (Option<Wire>, Vec<String>) {
        let mut diags = Diagnostics::new("p.md");
        let wire = decide(evidence, 1, &mut diags);
        (wire, diags.into_vec().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_request_syntax_makes_a_roa_operation() {
        let syntax = parse("PATCH|POST /openapi/instances/[InstanceId]/admin-pwd HTTPS|HTTP", 5).unwrap();
        let sample = parse("POST /openapi/instances/es-1/admin-pwd HTTP/1.1", 40).unwrap();
        let claims = [Claim { value: "ROA".into(), line: 3 }];
        let (wire, _) = run(&Evidence {
            syntax: Some(&syntax),
            sample: Some(&sample),
            explorer: &claims,
            ..Default::default()
        });
        let Some(Wire::Roa(roa)) = wire else { panic!("ROA expected: {wire:?}") };
        assert_eq!(roa.method, HttpMethod::Post);
        assert_eq!(roa.methods, vec![HttpMethod::Patch, HttpMethod::Post]);
        assert_eq!(roa.path_params, vec!["InstanceId"]);
        assert_eq!(roa.line, 5);
    }

    #[test]
    fn no_evidence_is_an_error_not_an_rpc_guess() {
        let (wire, diags) = run(&Evidence::default());
        assert_eq!(wire, None);
        assert!(diags[0].contains("error: cannot tell whether"), "{diags:?}");
        let claims = [Claim { value: "ROA".into(), line: 3 }];
        let (wire, diags) = run(&Evidence { explorer: &claims, ..Default::default() });
        assert_eq!(wire, None);
        assert!(diags[0].contains("gives no request syntax"), "{diags:?}");
    }

    #[test]
    fn rpc_evidence_makes_rpc_and_the_explorer_link_settles_a_contradiction() {
        let (wire, diags) = run(&Evidence { action_row: Some(9), ..Default::default() });
        assert_eq!((wire, diags.len()), (Some(Wire::Rpc), 0));
        let syntax = parse("GET /things HTTP/1.1", 5).unwrap();
        let (wire, diags) =
            run(&Evidence { action_row: Some(9), syntax: Some(&syntax), ..Default::default() });
        assert_eq!(wire, None);
        assert!(
            diags[0].contains("the `Action` row on line 9 (RPC) and the request syntax `GET /things`"),
            "{diags:?}"
        );
        let claims = [Claim { value: "RPC".into(), line: 3 }];
        let (wire, diags) = run(&Evidence {
            action_row: Some(9),
            syntax: Some(&syntax),
            explorer: &claims,
            ..Default::default()
        });
        assert_eq!(wire, Some(Wire::Rpc));
        assert!(diags[0].contains("says RPC, but the page also shows the request syntax"), "{diags:?}");
    }
}
