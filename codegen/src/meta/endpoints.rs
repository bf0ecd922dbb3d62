//! The endpoint table of a product, assembled from the hosts its docs give, exactly as given.
//!
//! A host's shape says what it is: `ecs.aliyuncs.com` (one label) is a central host,
//! `ecs.cn-zhangjiakou.aliyuncs.com` a regional one (the second label is a region ID, checked
//! against the table's Region ID column when there is one), `ecs-vpc.cn-hangzhou.aliyuncs.com` a
//! VPC one, `elasticsearch.<RegionId>.aliyuncs.com` a pattern (written `{region}`). Other hosts
//! (buckets, instances) are not the API's and are left out. No region is added that the docs do
//! not name. For each slot, endpoint tables beat endpoint sentences, which beat sample requests;
//! within a kind the host written most often wins, and every other host is a warning.

use std::collections::BTreeMap;

use super::pick::{pick, At, Evidence, Within};
use crate::diag::Diagnostic;
use crate::ir::{Endpoints, MetaSource};
use crate::parse::product_claims::HostFrom;

/// A host claim with the Region ID cell of its table row, if any.
#[derive(Debug, Clone)]
pub struct HostEvidence {
    pub claim: Evidence<HostFrom>,
    pub region: Option<String>,
}

/// What a host is, read from its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Central,
    Regional {
        service: String,
        region: String,
    },
    Vpc {
        service: String,
        region: String,
    },
    /// The host with its region placeholder written `{region}`.
    Pattern(String),
    Other,
}

/// Reads a lower-case host; `region_cell` is the Region ID cell of its table row.
pub fn shape(host: &str, region_cell: Option<&str>) -> Shape {
    let Some(labels) = host.strip_suffix(".aliyuncs.com") else { return Shape::Other };
    let labels: Vec<&str> = labels.split('.').collect();
    if let Some(at) = labels.iter().position(|l| is_placeholder(l)) {
        if labels.len() != 2 || at != 1 || !labels[at].contains("region") {
            return Shape::Other;
        }
        return Shape::Pattern(format!("{}.{{region}}.aliyuncs.com", labels[0]));
    }
    if labels.iter().any(|l| l.is_empty() || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')) {
        return Shape::Other;
    }
    let region_cell = region_cell.filter(|r| is_region(r));
    match labels.as_slice() {
        [_] => match region_cell {
            Some(region) => Shape::Regional { service: labels[0].to_owned(), region: region.to_owned() },
            None => Shape::Central,
        },
        [service, region] if is_region(region) && region_cell.is_none_or(|r| r == *region) => {
            match service.strip_suffix("-vpc") {
                Some(service) => Shape::Vpc { service: service.to_owned(), region: (*region).to_owned() },
                None => Shape::Regional { service: (*service).to_owned(), region: (*region).to_owned() },
            }
        }
        _ => Shape::Other,
    }
}

/// A region ID: `cn-hangzhou`, `ap-southeast-1`, `us-west-1`, `cn-shanghai-finance-1`.
pub fn is_region(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    first.len() == 2
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && !rest.is_empty()
        && rest[0].len() >= 2
        && rest[0].bytes().all(|b| b.is_ascii_lowercase())
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn is_placeholder(label: &str) -> bool {
    let pairs = [('<', '>'), ('{', '}'), ('[', ']')];
    pairs.iter().any(|(open, close)| label.starts_with(*open) && label.ends_with(*close))
}

/// The endpoints and each one's source, warning about every host that lost to another.
pub fn assemble(
    hosts: &[HostEvidence],
    sources: &mut BTreeMap<String, MetaSource>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Endpoints {
    let mut central = Vec::new();
    let mut regional: BTreeMap<String, Vec<Evidence<HostFrom>>> = BTreeMap::new();
    let mut vpc: BTreeMap<String, Vec<Evidence<HostFrom>>> = BTreeMap::new();
    let mut patterns: Vec<(String, At)> = Vec::new();
    let mut services: Vec<Evidence<HostFrom>> = Vec::new();
    for h in hosts {
        match shape(&h.claim.value, h.region.as_deref()) {
            Shape::Central => central.push(h.claim.clone()),
            Shape::Regional { service, region } => {
                services.push(Evidence { value: service, ..h.claim.clone() });
                regional.entry(region).or_default().push(h.claim.clone());
            }
            Shape::Vpc { service, region } => {
                services.push(Evidence { value: service, ..h.claim.clone() });
                vpc.entry(region).or_default().push(h.claim.clone());
            }
            Shape::Pattern(p) if !patterns.iter().any(|(q, _)| *q == p) => {
                patterns.push((p, h.claim.at.clone()))
            }
            Shape::Pattern(_) | Shape::Other => {}
        }
    }
    let mut out = Endpoints::default();
    if let Some(chosen) = choose("central endpoint", &central, diagnostics) {
        sources.insert("endpoints.central".into(), chosen.at.source());
        out.central = Some(chosen.value.clone());
    }
    // The service label of the product's own hosts: the central host's, else the most written one.
    let service = out
        .central
        .as_deref()
        .map(|c| c.trim_end_matches(".aliyuncs.com").to_owned())
        .or_else(|| pick(&services, Within::MostFrequent).map(|p| p.chosen.value.clone()));
    for (slot, by_region, map) in [("regional", &regional, &mut out.regional), ("vpc", &vpc, &mut out.vpc)] {
        for (region, claims) in by_region {
            let own: Vec<Evidence<HostFrom>> = claims
                .iter()
                .filter(|c| service.as_deref().is_none_or(|s| service_of(&c.value) == s))
                .cloned()
                .collect();
            for foreign in claims.iter().filter(|c| !own.contains(c)) {
                diagnostics.push(Diagnostic::warning(
                    &foreign.at.shown,
                    foreign.at.line,
                    format!(
                        "host `{}` is not one of this product's (`{}.*`); left out of the endpoints",
                        foreign.value,
                        service.as_deref().unwrap_or_default()
                    ),
                ));
            }
            if let Some(chosen) = choose(&format!("{slot} endpoint for {region}"), &own, diagnostics) {
                sources.insert(format!("endpoints.{slot}.{region}"), chosen.at.source());
                map.insert(region.clone(), chosen.value.clone());
            }
        }
    }
    for (i, (pattern, at)) in patterns.into_iter().enumerate() {
        sources.insert(format!("endpoints.patterns.{i}"), at.source());
        out.patterns.push(pattern);
    }
    out
}

/// `ecs` of `ecs.cn-hangzhou.aliyuncs.com` and of `ecs-vpc.cn-hangzhou.aliyuncs.com`.
fn service_of(host: &str) -> &str {
    let first = host.split('.').next().unwrap_or_default();
    first.strip_suffix("-vpc").unwrap_or(first)
}

fn choose<'a>(
    what: &str,
    claims: &'a [Evidence<HostFrom>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'a Evidence<HostFrom>> {
    let picked = pick(claims, Within::MostFrequent)?;
    for (other, count) in picked.others {
        diagnostics.push(Diagnostic::warning(
            &other.at.shown,
            other.at.line,
            format!(
                "{what} `{}` ({}{}) contradicts `{}`, the host used ({} at {}): endpoint tables beat endpoint sentences, which beat sample requests; among equals the host written most often",
                other.value,
                other.tier.describe(),
                if count > 1 { format!(", {count} mentions") } else { String::new() },
                picked.chosen.value,
                picked.chosen.tier.describe(),
                picked.chosen.at.display(),
            ),
        ));
    }
    Some(picked.chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_by_their_labels() {
        assert_eq!(shape("ecs.aliyuncs.com", None), Shape::Central);
        assert_eq!(shape("ecs.aliyuncs.com", Some("-")), Shape::Central);
        assert_eq!(
            shape("ecs.cn-zhangjiakou.aliyuncs.com", None),
            Shape::Regional { service: "ecs".into(), region: "cn-zhangjiakou".into() }
        );
        assert_eq!(
            shape("ecs-vpc.ap-southeast-1.aliyuncs.com", Some("ap-southeast-1")),
            Shape::Vpc { service: "ecs".into(), region: "ap-southeast-1".into() }
        );
        assert_eq!(shape("ecs-vpc.ap-southeast-1.aliyuncs.com", Some("cn-hangzhou")), Shape::Other);
        assert_eq!(
            shape("elasticsearch.<regionid>.aliyuncs.com", None),
            Shape::Pattern("elasticsearch.{region}.aliyuncs.com".into())
        );
        assert_eq!(shape("test.oss-cn-beijing.aliyuncs.com", None), Shape::Other);
        assert_eq!(shape("es-cn-x.elasticsearch.aliyuncs.com", None), Shape::Other);
        assert_eq!(shape("1234567.mns.cn-shanghai-internal.aliyuncs.com", None), Shape::Other);
        assert_eq!(shape("ecs.example.com", None), Shape::Other);
    }

    #[test]
    fn regions_are_region_ids() {
        for r in ["cn-hangzhou", "ap-southeast-1", "us-west-1", "me-east-1", "cn-shanghai-finance-1"] {
            assert!(is_region(r), "{r}");
        }
        for r in ["oss-cn-beijing", "cn", "-", "Default", "cn-"] {
            assert!(!is_region(r), "{r}");
        }
    }

    fn host(value: &str, tier: HostFrom, line: usize, region: Option<&str>) -> HostEvidence {
        HostEvidence {
            claim: Evidence {
                value: value.into(),
                tier,
                at: At { shown: "g.md".into(), rel: "ecs/g.md".into(), line },
            },
            region: region.map(Into::into),
        }
    }

    #[test]
    fn tables_beat_samples_and_foreign_hosts_stay_out() {
        let hosts = [
            host("ecs-cn-hangzhou.aliyuncs.com", HostFrom::SampleRequest, 1, None),
            host("ecs.aliyuncs.com", HostFrom::SampleRequest, 2, None),
            host("ecs.aliyuncs.com", HostFrom::EndpointTable, 3, None),
            host("ecs.cn-zhangjiakou.aliyuncs.com", HostFrom::EndpointTable, 4, None),
            host("ecs-vpc.cn-hangzhou.aliyuncs.com", HostFrom::EndpointTable, 5, Some("cn-hangzhou")),
            host("log.cn-hangzhou.aliyuncs.com", HostFrom::Statement, 6, None),
        ];
        let mut sources = BTreeMap::new();
        let mut diags = Vec::new();
        let e = assemble(&hosts, &mut sources, &mut diags);
        assert_eq!(e.central.as_deref(), Some("ecs.aliyuncs.com"));
        assert_eq!(e.regional.len(), 1);
        assert_eq!(e.regional["cn-zhangjiakou"], "ecs.cn-zhangjiakou.aliyuncs.com");
        assert_eq!(e.vpc["cn-hangzhou"], "ecs-vpc.cn-hangzhou.aliyuncs.com");
        assert_eq!(sources["endpoints.central"], MetaSource::Docs { file: "ecs/g.md".into(), line: 3 });
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, [1, 6], "{diags:#?}");
    }
}
