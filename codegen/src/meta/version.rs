//! The API version of a product, chosen among the dates its docs give by one rule.
//!
//! Sources, strongest first: the `Version` (or `x-acs-version`) row of a common-request-parameters
//! table; the `version=` of API Explorer links (made by the docs platform from the API's
//! metadata); the `Version=` pair of a sample request. The strongest kind that gives any date
//! decides, and within it the most recent date wins: doc sets keep pages written for an older
//! version (CDN's "Call method" page still calls 2014-11-11 "the current version" beside the
//! 2018-05-10 common-parameters page), while a newer date can only come from a newer page. A
//! majority would follow the stale pages where they are many (CDN's samples: three 2014-11-11,
//! one 2018-05-10). Every other date is a warning at its first mention, naming the chosen source.

use super::pick::{pick, Evidence, Within};
use crate::diag::Diagnostic;
use crate::parse::product_claims::VersionFrom;

/// The chosen version and its claim, warning about every other date; `None` when no page gives one.
pub fn choose<'a>(
    claims: &'a [Evidence<VersionFrom>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'a Evidence<VersionFrom>> {
    let picked = pick(claims, Within::Greatest)?;
    let chosen = picked.chosen;
    for (other, count) in picked.others {
        diagnostics.push(Diagnostic::warning(
            &other.at.shown,
            other.at.line,
            format!(
                "API version `{}` ({}{}) contradicts `{}`, the version used ({} at {}): a common-parameters table beats API Explorer links, which beat sample requests; among equals the most recent date",
                other.value,
                other.tier.describe(),
                if count > 1 { format!(", {count} mentions") } else { String::new() },
                chosen.value,
                chosen.tier.describe(),
                chosen.at.display(),
            ),
        ));
    }
    Some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::pick::At;

    fn ev(value: &str, tier: VersionFrom, file: &str, line: usize) -> Evidence<VersionFrom> {
        Evidence { value: value.into(), tier, at: At { shown: file.into(), rel: file.into(), line } }
    }

    #[test]
    fn a_common_parameters_table_beats_examples() {
        // Domain: the table says 2018-01-29, the example under it 2017-12-18.
        let claims = [
            ev("2018-01-29", VersionFrom::CommonParameters, "domain/Common_parameters.md", 12),
            ev("2017-12-18", VersionFrom::SampleRequest, "domain/Common_parameters.md", 25),
        ];
        let mut diags = Vec::new();
        assert_eq!(choose(&claims, &mut diags).unwrap().value, "2018-01-29");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 25);
        assert!(
            diags[0].message.starts_with("API version `2017-12-18` (sample request) contradicts `2018-01-29`, the version used (common-parameters table at domain/Common_parameters.md:12)"),
            "{}",
            diags[0]
        );
    }

    #[test]
    fn among_equals_the_most_recent_date_wins_even_against_a_majority() {
        // CDN: two common-parameters tables disagree; the samples mostly show the old date.
        let claims = [
            ev("2014-11-11", VersionFrom::CommonParameters, "cdn/Call_method.md", 36),
            ev("2014-11-11", VersionFrom::SampleRequest, "cdn/Call_method.md", 47),
            ev("2014-11-11", VersionFrom::SampleRequest, "cdn/Call_method.md", 189),
            ev("2018-05-10", VersionFrom::CommonParameters, "cdn/Common_request_parameters.md", 16),
            ev("2018-05-10", VersionFrom::SampleRequest, "cdn/Common_request_parameters.md", 28),
        ];
        let mut diags = Vec::new();
        let chosen = choose(&claims, &mut diags).unwrap();
        assert_eq!((chosen.value.as_str(), chosen.at.line), ("2018-05-10", 16));
        assert_eq!(diags.len(), 1, "one warning per other date: {diags:?}");
        assert_eq!((diags[0].file.as_str(), diags[0].line), ("cdn/Call_method.md", 36));
        assert!(diags[0].message.contains("3 mentions"), "{}", diags[0]);
    }

    #[test]
    fn explorer_links_beat_samples_and_no_claim_gives_none() {
        let claims = [
            ev("2019-01-01", VersionFrom::SampleRequest, "a.md", 1),
            ev("2014-05-26", VersionFrom::ExplorerLink, "b.md", 9),
        ];
        let mut diags = Vec::new();
        assert_eq!(choose(&claims, &mut diags).unwrap().value, "2014-05-26");
        assert!(choose(&[], &mut diags).is_none());
    }
}
