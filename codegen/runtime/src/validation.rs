//! Request validation: the rules read from the docs, checked against a request's wire pairs.
//!
//! Each generated request carries a table of [`Check`]s (only the rules the generator enforces)
//! and runs [`validate`] over its own `to_query_pairs()`. Every violation is reported, with the
//! wire path (`DataDisk.3.Size`), the message and the doc sentence the rule came from, up to
//! [`MAX_VIOLATIONS`].

use std::fmt;

/// At most this many violations are kept; the rest are counted.
pub const MAX_VIOLATIONS: usize = 64;

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The wire path of the offending value (`DataDisk.3.Size`), or of the parameter a cross-field rule names.
    pub path: String,
    /// What is wrong (`must be 20 to 32768 for cloud_essd`).
    pub message: String,
    /// The doc sentence (or override reason) the rule came from.
    pub source: &'static str,
}

/// Every violation of one request, in check order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
    /// Violations found beyond [`MAX_VIOLATIONS`].
    omitted: usize,
}

impl ValidationErrors {
    /// The violations kept, in check order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// How many violations were found beyond [`MAX_VIOLATIONS`] and not kept.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    fn push(&mut self, path: String, message: String, source: &'static str) {
        if self.violations.len() < MAX_VIOLATIONS {
            self.violations.push(Violation { path, message, source });
        } else {
            self.omitted += 1;
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({:?})", self.path, self.message, self.source)
    }
}

impl fmt::Display for ValidationErrors {
    /// One violation a line; a last line counts those left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n… and {} more", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// One enforced rule with its provenance. Parameters are wire-name patterns: `N` stands for any
/// index (`DataDisk.N.Size` matches `DataDisk.3.Size`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Check {
    pub rule: Rule,
    pub source: &'static str,
}

/// The rules generated validators check (single-field rules name their parameter).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    Length {
        param: &'static str,
        min: Option<u64>,
        max: Option<u64>,
    },
    Range {
        param: &'static str,
        min: Option<f64>,
        max: Option<f64>,
    },
    OneOf {
        param: &'static str,
        values: &'static [&'static str],
    },
    /// Each `N` index of `param` must lie in `min..=max`.
    RepeatCount {
        param: &'static str,
        min: u32,
        max: u32,
    },
    StartsWithLetter {
        param: &'static str,
    },
    AllowedChars {
        param: &'static str,
        upper: bool,
        lower: bool,
        digit: bool,
        letter: bool,
        extra: &'static str,
    },
    ForbiddenPrefixes {
        param: &'static str,
        prefixes: &'static [&'static str],
    },
    ForbiddenSubstrings {
        param: &'static str,
        substrings: &'static [&'static str],
    },
    NoLeadingOrTrailing {
        param: &'static str,
        chars: &'static str,
    },
    NoConsecutive {
        param: &'static str,
        chars: &'static str,
    },
    Base64 {
        param: &'static str,
        max_bytes: Option<u64>,
    },
    /// `yyyy-MM-ddTHH:mm:ssZ`-style pattern.
    Time {
        param: &'static str,
        pattern: &'static str,
    },
    Ascii {
        param: &'static str,
    },
    MutuallyExclusive {
        params: &'static [&'static str],
    },
    ForbiddenWith {
        when: &'static str,
        value: Option<&'static str>,
        then: &'static str,
    },
    RestrictedWith {
        when: &'static str,
        when_value: Option<&'static str>,
        then: &'static str,
        values: &'static [&'static str],
    },
    DependsOn {
        param: &'static str,
        depends_on: &'static str,
    },
    RequiredUnless {
        param: &'static str,
        unless: &'static [&'static str],
    },
    /// When `on` (the same item, for a pattern in the same group) is `when`, `param` is one of
    /// `values`. An unset `on` counts as its documented default, `on_default`.
    OneOfBy {
        param: &'static str,
        on: &'static str,
        on_default: Option<&'static str>,
        when: &'static str,
        values: &'static [&'static str],
    },
    /// When `on` is `when` (or unset with `on_default` being `when`), `param` lies in `min..=max`.
    RangeBy {
        param: &'static str,
        on: &'static str,
        on_default: Option<&'static str>,
        when: &'static str,
        min: Option<f64>,
        max: Option<f64>,
    },
}

/// Checks `pairs` (a request's wire pairs) against `checks`, in order, collecting every violation.
pub fn validate(pairs: &[(String, String)], checks: &[Check]) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let wire = Wire::new(pairs);
    for check in checks {
        run(check, &wire, &mut errors);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The index values bound by `N` in `pattern` when `key` matches it.
fn matches(pattern: &str, key: &str) -> Option<Vec<u32>> {
    // Cheap reject first: the first segment is never an index, so it must be the key's own.
    let head = pattern.split('.').next().unwrap_or(pattern);
    let rest = key.strip_prefix(head)?;
    if !(rest.is_empty() || rest.starts_with('.')) {
        return None;
    }
    // And the last one, unless it is an index (`DataDisk.N.Size` wants keys ending in `.Size`).
    let tail = pattern.rsplit('.').next().unwrap_or(pattern);
    if !matches!(tail, "N" | "n") && !key.ends_with(tail) {
        return None;
    }
    let mut indexes = Vec::new();
    let mut p = pattern.split('.');
    let mut k = key.split('.');
    loop {
        match (p.next(), k.next()) {
            (None, None) => return Some(indexes),
            (Some("N" | "n"), Some(seg)) => indexes.push(seg.parse().ok()?),
            (Some(a), Some(b)) if a == b => {}
            _ => return None,
        }
    }
}

/// `pattern` with its `N`s replaced by `indexes`, in order (extra `N`s stay).
fn bind(pattern: &str, indexes: &[u32]) -> String {
    let mut next = indexes.iter();
    pattern
        .split('.')
        .map(|seg| match seg {
            "N" | "n" => next.next().map_or_else(|| seg.to_owned(), u32::to_string),
            _ => seg.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A request's wire pairs sorted by key, so a pattern finds its keys by binary search.
struct Wire<'a> {
    /// `(key, value, position in the request)`, sorted by key.
    by_key: Vec<(&'a str, &'a str, usize)>,
}

impl<'a> Wire<'a> {
    fn new(pairs: &'a [(String, String)]) -> Self {
        let mut by_key: Vec<(&str, &str, usize)> =
            pairs.iter().enumerate().map(|(i, (k, v))| (k.as_str(), v.as_str(), i)).collect();
        by_key.sort_unstable();
        Wire { by_key }
    }

    /// Pairs whose key starts with `prefix`.
    fn starting_with(&self, prefix: &str) -> &[(&'a str, &'a str, usize)] {
        let start = self.by_key.partition_point(|(k, _, _)| *k < prefix);
        let len = self.by_key[start..].partition_point(|(k, _, _)| k.starts_with(prefix));
        &self.by_key[start..start + len]
    }

    /// `(key, value, indexes)` of every pair matching `pattern`, in request order.
    fn values(&self, pattern: &str) -> Vec<(&'a str, &'a str, Vec<u32>)> {
        let head = pattern.split('.').next().unwrap_or(pattern);
        let mut found: Vec<(usize, &str, &str, Vec<u32>)> = self
            .starting_with(head)
            .iter()
            .filter_map(|&(k, v, pos)| matches(pattern, k).map(|idx| (pos, k, v, idx)))
            .collect();
        found.sort_unstable_by_key(|(pos, ..)| *pos);
        found.into_iter().map(|(_, k, v, idx)| (k, v, idx)).collect()
    }

    fn is_set(&self, pattern: &str, value: Option<&str>) -> bool {
        let head = pattern.split('.').next().unwrap_or(pattern);
        self.starting_with(head)
            .iter()
            .any(|&(k, v, _)| none_or(value, |want| v == want) && matches(pattern, k).is_some())
    }

    fn lookup(&self, key: &str) -> Option<&'a str> {
        self.by_key.binary_search_by(|(k, _, _)| (*k).cmp(key)).ok().map(|i| self.by_key[i].1)
    }
}

fn bounds(min: Option<f64>, max: Option<f64>) -> String {
    let show =
        |v: f64| if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") };
    match (min, max) {
        (Some(a), Some(b)) => format!("{} to {}", show(a), show(b)),
        (Some(a), None) => format!("at least {}", show(a)),
        (None, Some(b)) => format!("at most {}", show(b)),
        (None, None) => "anything".to_owned(),
    }
}

/// What is wrong with `value` as a number in `min..=max`, if anything.
fn range_error(value: &str, min: Option<f64>, max: Option<f64>) -> Option<String> {
    match value.trim().parse::<f64>() {
        Ok(v) if none_or(min, |m| v >= m) && none_or(max, |m| v <= m) => None,
        Ok(_) => Some(format!("must be {}", bounds(min, max))),
        Err(_) => Some(format!("must be a number {}", bounds(min, max))),
    }
}

fn run(check: &Check, wire: &Wire, errors: &mut ValidationErrors) {
    let source = check.source;
    let mut each = |param: &str, test: &dyn Fn(&str) -> Option<String>| {
        for (key, value, _) in wire.values(param) {
            if let Some(message) = test(value) {
                errors.push(key.to_owned(), message, source);
            }
        }
    };
    match check.rule {
        Rule::Length { param, min, max } => each(param, &|v| {
            let n = v.chars().count() as u64;
            let ok = none_or(min, |m| n >= m) && none_or(max, |m| n <= m);
            (!ok).then(|| {
                format!(
                    "must be {} characters long, is {n}",
                    bounds(min.map(|m| m as f64), max.map(|m| m as f64))
                )
            })
        }),
        Rule::Range { param, min, max } => each(param, &|v| range_error(v, min, max)),
        Rule::OneOf { param, values } => {
            each(param, &|v| (!values.contains(&v)).then(|| format!("must be one of {}", values.join(", "))))
        }
        Rule::StartsWithLetter { param } => each(param, &|v| {
            v.chars()
                .next()
                .is_some_and(|c| !c.is_alphabetic())
                .then(|| "must start with a letter".to_owned())
        }),
        Rule::AllowedChars { param, upper, lower, digit, letter, extra } => each(param, &|v| {
            let ok = |c: char| {
                extra.contains(c)
                    || (upper && c.is_ascii_uppercase())
                    || (lower && c.is_ascii_lowercase())
                    || (digit && c.is_ascii_digit())
                    || (letter && c.is_alphabetic())
            };
            v.chars().find(|c| !ok(*c)).map(|c| format!("contains `{c}`, which is not allowed"))
        }),
        Rule::ForbiddenPrefixes { param, prefixes } => each(param, &|v| {
            prefixes
                .iter()
                .find(|p| !p.is_empty() && v.starts_with(**p))
                .map(|p| format!("cannot start with `{p}`"))
        }),
        Rule::ForbiddenSubstrings { param, substrings } => each(param, &|v| {
            substrings
                .iter()
                .find(|s| !s.is_empty() && v.contains(**s))
                .map(|s| format!("cannot contain `{s}`"))
        }),
        Rule::NoLeadingOrTrailing { param, chars } => each(param, &|v| {
            [v.chars().next(), v.chars().last()]
                .into_iter()
                .flatten()
                .find(|c| chars.contains(*c))
                .map(|c| format!("cannot start or end with `{c}`"))
        }),
        Rule::NoConsecutive { param, chars } => each(param, &|v| {
            v.chars()
                .zip(v.chars().skip(1))
                .find(|(a, b)| a == b && chars.contains(*a))
                .map(|(c, _)| format!("cannot contain `{c}{c}`"))
        }),
        Rule::Base64 { param, max_bytes } => each(param, &|v| match base64_decoded_len(v) {
            None => Some("must be Base64".to_owned()),
            Some(n) if max_bytes.is_some_and(|m| n > m) => Some(format!(
                "must decode to at most {} bytes, decodes to {n}",
                max_bytes.unwrap_or_default()
            )),
            Some(_) => None,
        }),
        Rule::Time { param, pattern } => each(param, &|v| {
            (!matches_time(pattern, v)).then(|| format!("must be a UTC time in the form {pattern}"))
        }),
        Rule::Ascii { param } => each(param, &|v| {
            v.chars().find(|c| !c.is_ascii()).map(|c| format!("must be ASCII only, contains `{c}`"))
        }),
        Rule::RepeatCount { param, min, max } => {
            let mut seen: Vec<u32> = Vec::new();
            for (key, _, idx) in wire.values(param) {
                let Some(&first) = idx.first() else { continue };
                if (first < min || first > max) && !seen.contains(&first) {
                    seen.push(first);
                    errors.push(key.to_owned(), format!("index {first} is outside {min} to {max}"), source);
                }
            }
        }
        Rule::MutuallyExclusive { params } => {
            let set: Vec<&str> = params.iter().copied().filter(|p| wire.is_set(p, None)).collect();
            if set.len() > 1 {
                errors.push(set[1].to_owned(), format!("cannot be set together with {}", set[0]), source);
            }
        }
        Rule::ForbiddenWith { when, value, then } => {
            if wire.is_set(when, value) && wire.is_set(then, None) {
                let cond = value.map_or_else(|| format!("{when} is set"), |v| format!("{when} is {v}"));
                errors.push(then.to_owned(), format!("must not be set when {cond}"), source);
            }
        }
        Rule::RestrictedWith { when, when_value, then, values: allowed } => {
            if wire.is_set(when, when_value) {
                for (key, v, _) in wire.values(then) {
                    if !allowed.contains(&v) {
                        errors.push(
                            key.to_owned(),
                            format!("must be {} when {when} is set", allowed.join(" or ")),
                            source,
                        );
                    }
                }
            }
        }
        Rule::DependsOn { param, depends_on } => {
            if wire.is_set(param, None) && !wire.is_set(depends_on, None) {
                errors.push(param.to_owned(), format!("can only be set together with {depends_on}"), source);
            }
        }
        Rule::RequiredUnless { param, unless } => {
            if !wire.is_set(param, None) && !unless.iter().any(|u| wire.is_set(u, None)) {
                errors.push(
                    param.to_owned(),
                    format!("is required unless {} is set", unless.join(" or ")),
                    source,
                );
            }
        }
        Rule::OneOfBy { param, on, on_default, when, values: allowed } => {
            for (key, v, idx) in wire.values(param) {
                if wire.lookup(&bind(on, &idx)).or(on_default) == Some(when) && !allowed.contains(&v) {
                    errors.push(
                        key.to_owned(),
                        format!("must be one of {} when {on} is {when}", allowed.join(", ")),
                        source,
                    );
                }
            }
        }
        Rule::RangeBy { param, on, on_default, when, min, max } => {
            for (key, v, idx) in wire.values(param) {
                if wire.lookup(&bind(on, &idx)).or(on_default) != Some(when) {
                    continue;
                }
                if let Some(message) = range_error(v, min, max) {
                    errors.push(key.to_owned(), format!("{message} for {when}"), source);
                }
            }
        }
    }
}

/// True when `value` is unset or passes `test` (`Option::is_none_or`, which the crate's MSRV lacks).
fn none_or<T: Copy>(value: Option<T>, test: impl Fn(T) -> bool) -> bool {
    match value {
        Some(v) => test(v),
        None => true,
    }
}

/// The decoded length of standard or URL-safe Base64, padding optional; `None` if not Base64.
fn base64_decoded_len(value: &str) -> Option<u64> {
    let body = value.trim_end_matches('=');
    let padding = value.len() - body.len();
    let alphabet = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_');
    if padding > 2
        || !body.chars().all(alphabet)
        || body.len() % 4 == 1
        || (padding > 0 && value.len() & 3 != 0)
    {
        return None;
    }
    Some((body.len() as u64 * 3) / 4)
}

/// Matches `value` against a `yyyy-MM-ddTHH:mm:ssZ`-style pattern, with field ranges.
fn matches_time(pattern: &str, value: &str) -> bool {
    if pattern.len() != value.len() {
        return false;
    }
    let mut fields: Vec<(char, u32)> = Vec::new();
    for (pc, vc) in pattern.chars().zip(value.chars()) {
        if matches!(pc, 'y' | 'M' | 'd' | 'H' | 'm' | 's') {
            let Some(d) = vc.to_digit(10) else { return false };
            match fields.last_mut() {
                Some((f, n)) if *f == pc => *n = *n * 10 + d,
                _ => fields.push((pc, d)),
            }
        } else if pc != vc {
            return false;
        }
    }
    fields.iter().all(|(f, n)| match f {
        'M' => (1..=12).contains(n),
        'd' => (1..=31).contains(n),
        'H' => *n <= 23,
        'm' | 's' => *n <= 59,
        _ => true,
    })
}
