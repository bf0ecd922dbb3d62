//! The rules read from the docs' prose, on one value: what each one means and what its violation says.
//!
//! The generated validators check these on typed requests, and the generator's own doc checks (its
//! examples and defaults) call [`Rule::check`] too, so each rule has one meaning. A violation of a
//! secret value never quotes the value, any part of it or its length.

use std::fmt::Write;

/// A rule on one value of a field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule<'a> {
    /// Length in characters, inclusive.
    Length {
        min: Option<u64>,
        max: Option<u64>,
    },
    /// A number, inclusive.
    Range {
        min: Option<f64>,
        max: Option<f64>,
    },
    /// One of these values, exactly.
    OneOf(&'a [&'a str]),
    /// The value's `.N` index lies in `min..=max`; the index counted is the one `up` list levels
    /// above the value (0: the nearest list, the value's own when it is a list item).
    Index {
        up: u8,
        min: u32,
        max: u32,
    },
    StartsWithLetter,
    /// Only characters of these classes, or in `extra`.
    AllowedChars {
        upper: bool,
        lower: bool,
        digit: bool,
        letter: bool,
        extra: &'a str,
    },
    ForbiddenPrefixes(&'a [&'a str]),
    ForbiddenSubstrings(&'a [&'a str]),
    /// None of these characters first or last.
    NoLeadingOrTrailing(&'a str),
    /// None of these characters twice in a row.
    NoConsecutive(&'a str),
    /// Standard or URL-safe Base64, decoding to at most `max_bytes`.
    Base64 {
        max_bytes: Option<u64>,
    },
    /// A UTC time in a `yyyy-MM-ddTHH:mm:ssZ`-style pattern: its shape, and a date and time of the
    /// calendar (no month 13, February 29 only in leap years, no second 60).
    Time(&'a str),
    Ascii,
}

/// Short constructors for the variants with several fields, so generated tables stay one line a rule.
impl<'a> Rule<'a> {
    pub const fn length(min: Option<u64>, max: Option<u64>) -> Self {
        Rule::Length { min, max }
    }

    pub const fn range(min: Option<f64>, max: Option<f64>) -> Self {
        Rule::Range { min, max }
    }

    pub const fn index(up: u8, min: u32, max: u32) -> Self {
        Rule::Index { up, min, max }
    }

    /// [`Rule::AllowedChars`]: upper, lower, digit, letter, then the extra characters.
    pub const fn chars(upper: bool, lower: bool, digit: bool, letter: bool, extra: &'a str) -> Self {
        Rule::AllowedChars { upper, lower, digit, letter, extra }
    }

    pub const fn base64(max_bytes: Option<u64>) -> Self {
        Rule::Base64 { max_bytes }
    }
}

impl Rule<'_> {
    /// Checks one value, given as its wire text; `Err` says what is wrong. With `secret`, the message
    /// states the rule only (never a character, part or length of the value). [`Rule::Index`] says
    /// nothing about a value alone and passes here.
    pub fn check(&self, value: &str, secret: bool) -> Result<(), String> {
        match *self {
            Rule::Length { min, max } => {
                let n = value.chars().count() as u64;
                if none_or(min, |m| n >= m) && none_or(max, |m| n <= m) {
                    return Ok(());
                }
                let range = bounds(min.map(|m| m as f64), max.map(|m| m as f64));
                Err(if secret {
                    format!("must be {range} characters long")
                } else {
                    format!("must be {range} characters long, is {n}")
                })
            }
            Rule::Range { min, max } => match value.trim().parse::<f64>() {
                Ok(v) => self.check_number(v),
                Err(_) => Err(format!("must be a number {}", bounds(min, max))),
            },
            Rule::OneOf(values) => {
                if values.contains(&value) {
                    Ok(())
                } else {
                    Err(format!("must be one of {}", values.join(", ")))
                }
            }
            Rule::Index { .. } => Ok(()),
            Rule::StartsWithLetter => match value.chars().next() {
                Some(c) if !c.is_alphabetic() => Err("must start with a letter".to_owned()),
                _ => Ok(()),
            },
            Rule::AllowedChars { upper, lower, digit, letter, extra } => {
                let allowed = |c: char| {
                    extra.contains(c)
                        || (upper && c.is_ascii_uppercase())
                        || (lower && c.is_ascii_lowercase())
                        || (digit && c.is_ascii_digit())
                        || (letter && c.is_alphabetic())
                };
                match value.chars().find(|c| !allowed(*c)) {
                    None => Ok(()),
                    Some(_) if secret => Err("contains a character that is not allowed".to_owned()),
                    Some(c) => Err(format!("contains `{c}`, which is not allowed")),
                }
            }
            Rule::ForbiddenPrefixes(prefixes) => {
                match prefixes.iter().find(|p| !p.is_empty() && value.starts_with(**p)) {
                    None => Ok(()),
                    Some(_) if secret => {
                        Err(format!("cannot start with {}", either(prefixes.iter().copied())))
                    }
                    Some(p) => Err(format!("cannot start with `{p}`")),
                }
            }
            Rule::ForbiddenSubstrings(substrings) => {
                match substrings.iter().find(|s| !s.is_empty() && value.contains(**s)) {
                    None => Ok(()),
                    Some(_) if secret => {
                        Err(format!("cannot contain {}", either(substrings.iter().copied())))
                    }
                    Some(s) => Err(format!("cannot contain `{s}`")),
                }
            }
            Rule::NoLeadingOrTrailing(chars) => {
                let edge = [value.chars().next(), value.chars().last()]
                    .into_iter()
                    .flatten()
                    .find(|c| chars.contains(*c));
                match edge {
                    None => Ok(()),
                    Some(_) if secret => Err(format!(
                        "cannot start or end with {}",
                        either(char_strs(chars).iter().map(String::as_str))
                    )),
                    Some(c) => Err(format!("cannot start or end with `{c}`")),
                }
            }
            Rule::NoConsecutive(chars) => {
                let doubled =
                    value.chars().zip(value.chars().skip(1)).find(|(a, b)| a == b && chars.contains(*a));
                match doubled {
                    None => Ok(()),
                    Some(_) if secret => {
                        let pairs: Vec<String> = chars.chars().map(|c| format!("{c}{c}")).collect();
                        Err(format!("cannot contain {}", either(pairs.iter().map(String::as_str))))
                    }
                    Some((c, _)) => Err(format!("cannot contain `{c}{c}`")),
                }
            }
            Rule::Base64 { max_bytes } => match base64_decoded_len(value) {
                None => Err("must be Base64".to_owned()),
                Some(n) => match max_bytes {
                    Some(max) if n > max && secret => Err(format!("must decode to at most {max} bytes")),
                    Some(max) if n > max => {
                        Err(format!("must decode to at most {max} bytes, decodes to {n}"))
                    }
                    _ => Ok(()),
                },
            },
            Rule::Time(pattern) => {
                if crate::utc_time::matches(pattern, value) {
                    Ok(())
                } else {
                    Err(format!("must be a UTC time in the form {pattern}"))
                }
            }
            Rule::Ascii => match value.chars().find(|c| !c.is_ascii()) {
                None => Ok(()),
                Some(_) if secret => Err("must be ASCII only".to_owned()),
                Some(c) => Err(format!("must be ASCII only, contains `{c}`")),
            },
        }
    }

    /// Checks a typed number against [`Rule::Range`] without going through text; other rules pass.
    pub fn check_number(&self, value: f64) -> Result<(), String> {
        match *self {
            Rule::Range { min, max } if !(none_or(min, |m| value >= m) && none_or(max, |m| value <= m)) => {
                Err(format!("must be {}", bounds(min, max)))
            }
            _ => Ok(()),
        }
    }

    /// Checks the `.N` index of a value against [`Rule::Index`]; other rules pass.
    pub fn check_index(&self, index: usize) -> Result<(), String> {
        match *self {
            Rule::Index { min, max, .. } if index < min as usize || index > max as usize => {
                Err(format!("index {index} is outside {min} to {max}"))
            }
            _ => Ok(()),
        }
    }
}

/// `1 to 100`, `at least 2`, `at most 64`: integral bounds without a fraction.
pub fn bounds(min: Option<f64>, max: Option<f64>) -> String {
    let show =
        |v: f64| if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") };
    match (min, max) {
        (Some(a), Some(b)) => format!("{} to {}", show(a), show(b)),
        (Some(a), None) => format!("at least {}", show(a)),
        (None, Some(b)) => format!("at most {}", show(b)),
        (None, None) => "anything".to_owned(),
    }
}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
fn either<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.filter(|i| !i.is_empty()).collect();
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " or " } else { ", " });
        }
        let _ = write!(out, "`{item}`");
    }
    out
}

fn char_strs(chars: &str) -> Vec<String> {
    chars.chars().map(String::from).collect()
}

/// True when `value` is unset or passes `test` (`Option::is_none_or`, newer than the crate's MSRV).
fn none_or<T: Copy>(value: Option<T>, test: impl Fn(T) -> bool) -> bool {
    match value {
        Some(v) => test(v),
        None => true,
    }
}

/// The decoded length of standard or URL-safe Base64 (one alphabet throughout), padding optional
/// but, when present, complete (`AA==`, never `AA=`); `None` if not Base64. Bits left over in the
/// last character are ignored, as Java's and Python's decoders ignore them.
pub fn base64_decoded_len(value: &str) -> Option<u64> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::{alphabet, Engine as _};
    const fn engine(alphabet: &alphabet::Alphabet, padding: DecodePaddingMode) -> GeneralPurpose {
        let config = GeneralPurposeConfig::new()
            .with_decode_padding_mode(padding)
            .with_decode_allow_trailing_bits(true);
        GeneralPurpose::new(alphabet, config)
    }
    const ENGINES: [[GeneralPurpose; 2]; 2] = [
        [
            engine(&alphabet::STANDARD, DecodePaddingMode::RequireNone),
            engine(&alphabet::STANDARD, DecodePaddingMode::RequireCanonical),
        ],
        [
            engine(&alphabet::URL_SAFE, DecodePaddingMode::RequireNone),
            engine(&alphabet::URL_SAFE, DecodePaddingMode::RequireCanonical),
        ],
    ];
    let url_safe = value.contains(['-', '_']);
    let padded = value.ends_with('=');
    let engine = &ENGINES[usize::from(url_safe)][usize::from(padded)];
    engine.decode(value).ok().map(|bytes| bytes.len() as u64)
}
