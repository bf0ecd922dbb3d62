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
        /// The fewest characters; `None`: no lower bound.
        min: Option<u64>,
        /// The most characters; `None`: no upper bound.
        max: Option<u64>,
    },
    /// A number, inclusive.
    Range {
        /// The smallest value; `None`: no lower bound.
        min: Option<f64>,
        /// The largest value; `None`: no upper bound.
        max: Option<f64>,
    },
    /// One of these values, exactly.
    OneOf(&'a [&'a str]),
    /// The value's `.N` index lies in `min..=max`; the index counted is the one `up` list levels
    /// above the value (0: the nearest list, the value's own when it is a list item).
    Index {
        /// How many list levels above the value the counted index is (0: the nearest).
        up: u8,
        /// The smallest index allowed (indexes count from 1: `DataDisk.1`).
        min: u32,
        /// The largest index allowed (`DataDisk.16`).
        max: u32,
    },
    /// A letter first (of any alphabet, [`char::is_alphabetic`]); an empty value passes.
    StartsWithLetter,
    /// Only characters of these classes, or in `extra`.
    AllowedChars {
        /// Allows ASCII upper-case letters, `A` to `Z`.
        upper: bool,
        /// Allows ASCII lower-case letters, `a` to `z`.
        lower: bool,
        /// Allows ASCII digits, `0` to `9`.
        digit: bool,
        /// Allows letters of any alphabet ([`char::is_alphabetic`]), ASCII ones included.
        letter: bool,
        /// The characters allowed besides the classes, each on its own (`:_.-`).
        extra: &'a str,
    },
    /// Starting with none of these (`http://`, `https://`); an empty prefix is ignored.
    ForbiddenPrefixes(&'a [&'a str]),
    /// Containing none of these; an empty one is ignored.
    ForbiddenSubstrings(&'a [&'a str]),
    /// None of these characters first or last.
    NoLeadingOrTrailing(&'a str),
    /// None of these characters twice in a row.
    NoConsecutive(&'a str),
    /// Standard or URL-safe Base64, decoding to at most `max_bytes`.
    Base64 {
        /// The most bytes the value may decode to; `None`: no limit.
        max_bytes: Option<u64>,
    },
    /// A UTC time in a `yyyy-MM-ddTHH:mm:ssZ`-style pattern: its shape, and a date and time of the
    /// calendar (no month 13, February 29 only in leap years, no second 60).
    Time(&'a str),
    /// ASCII characters only.
    Ascii,
}

/// Short constructors for the variants with several fields, so generated tables stay one line a rule.
impl<'a> Rule<'a> {
    /// [`Rule::Length`]: at least `min`, at most `max` characters.
    pub const fn length(min: Option<u64>, max: Option<u64>) -> Self {
        Rule::Length { min, max }
    }

    /// [`Rule::Range`]: a number from `min` to `max`, inclusive.
    pub const fn range(min: Option<f64>, max: Option<f64>) -> Self {
        Rule::Range { min, max }
    }

    /// [`Rule::Index`]: the index `up` list levels above the value lies in `min..=max`.
    pub const fn index(up: u8, min: u32, max: u32) -> Self {
        Rule::Index { up, min, max }
    }

    /// [`Rule::AllowedChars`]: upper, lower, digit, letter, then the extra characters.
    pub const fn chars(upper: bool, lower: bool, digit: bool, letter: bool, extra: &'a str) -> Self {
        Rule::AllowedChars { upper, lower, digit, letter, extra }
    }

    /// [`Rule::Base64`], decoding to at most `max_bytes`.
    pub const fn base64(max_bytes: Option<u64>) -> Self {
        Rule::Base64 { max_bytes }
    }
}

impl Rule<'_> {
    /// Checks one value, given as its wire text; `Err` says what is wrong. With `secret`, the message
    /// states the rule only (never a character, part or length of the value). [`Rule::Index`] says
    /// nothing about a value alone and passes here.
    #[inline]
    pub fn check(&self, value: &str, secret: bool) -> Result<(), String> {
        if self.passes(value) {
            Ok(())
        } else {
            Err(self.violation(value, secret))
        }
    }

    /// Whether `value` keeps the rule: the common path, kept small (messages are built apart). The
    /// rules settled in a few steps are inlined into the walk; those that scan the value are one call
    /// each (`Rule::scan`), so the walk's loop over a field's rules sets up no scan for the many
    /// fields that have none.
    #[inline(always)]
    pub fn passes(&self, value: &str) -> bool {
        match *self {
            Rule::Length { min, max } => {
                // A character is one to four bytes: the byte length often settles both bounds
                // without counting characters.
                let bytes = value.len() as u64;
                // (`4 * min - 3 <= bytes` is `min <= bytes.div_ceil(4)`, worked out per rule rather
                // than once per value, for the many values without a length rule.)
                (none_or(min, |m| m.saturating_mul(4).saturating_sub(3) <= bytes)
                    && none_or(max, |m| bytes <= m))
                    || length_within(value, min, max)
            }
            Rule::OneOf(values) => values.iter().any(|v| same(v, value)),
            Rule::Index { .. } => true,
            Rule::ForbiddenPrefixes(prefixes) => {
                !prefixes.iter().any(|p| !p.is_empty() && starts_with(value.as_bytes(), p.as_bytes()))
            }
            _ => self.scan(value),
        }
    }

    /// [`Rule::passes`] for the rules that scan the value.
    #[inline(never)]
    fn scan(&self, value: &str) -> bool {
        match *self {
            Rule::Range { min, max } => value.trim().parse::<f64>().is_ok_and(|v| within(v, min, max)),
            Rule::StartsWithLetter => none_or(value.chars().next(), char::is_alphabetic),
            Rule::AllowedChars { upper, lower, digit, letter, extra } => {
                let classes = classes(upper, lower, digit, letter);
                value.bytes().all(|b| ascii_allowed(b, classes, extra))
                    || value.chars().all(|c| {
                        (c.is_ascii() && ascii_allowed(c as u8, classes, extra))
                            || (letter && c.is_alphabetic())
                            || (!c.is_ascii() && extra.contains(c))
                    })
            }
            Rule::ForbiddenSubstrings(substrings) => !contains_any(value, substrings),
            Rule::NoLeadingOrTrailing(chars) => {
                ![value.chars().next(), value.chars().last()].into_iter().flatten().any(|c| chars.contains(c))
            }
            Rule::NoConsecutive(chars) => doubled(value, chars).is_none(),
            Rule::Base64 { max_bytes } => {
                base64_decoded_len(value).is_some_and(|n| none_or(max_bytes, |max| n <= max))
            }
            Rule::Time(pattern) => crate::utc_time::matches(pattern, value),
            Rule::Ascii => value.is_ascii(),
            // Settled by `passes` before it calls this; answered the same way for completeness.
            Rule::Length { .. } | Rule::OneOf(_) | Rule::Index { .. } | Rule::ForbiddenPrefixes(_) => {
                self.passes(value)
            }
        }
    }

    /// What is wrong with `value`, which breaks the rule; with `secret`, the rule only.
    #[cold]
    #[inline(never)]
    fn violation(&self, value: &str, secret: bool) -> String {
        match *self {
            Rule::Length { min, max } => {
                let range = bounds(min.map(|m| m as f64), max.map(|m| m as f64));
                if secret {
                    format!("must be {range} characters long")
                } else {
                    format!("must be {range} characters long, is {}", value.chars().count())
                }
            }
            Rule::Range { min, max } => match value.trim().parse::<f64>() {
                Ok(_) => format!("must be {}", bounds(min, max)),
                Err(_) => format!("must be a number {}", bounds(min, max)),
            },
            Rule::OneOf(values) => format!("must be one of {}", values.join(", ")),
            Rule::StartsWithLetter => "must start with a letter".to_owned(),
            Rule::AllowedChars { .. } => {
                match value.chars().find(|c| !self.passes(c.encode_utf8(&mut [0; 4]))) {
                    Some(c) if !secret => format!("contains `{c}`, which is not allowed"),
                    _ => "contains a character that is not allowed".to_owned(),
                }
            }
            Rule::ForbiddenPrefixes(prefixes) => {
                match prefixes.iter().find(|p| !p.is_empty() && starts_with(value.as_bytes(), p.as_bytes())) {
                    Some(p) if !secret => format!("cannot start with `{p}`"),
                    _ => format!("cannot start with {}", either(prefixes.iter().copied())),
                }
            }
            Rule::ForbiddenSubstrings(substrings) => {
                match substrings.iter().find(|s| !s.is_empty() && contains(value, s)) {
                    Some(s) if !secret => format!("cannot contain `{s}`"),
                    _ => format!("cannot contain {}", either(substrings.iter().copied())),
                }
            }
            Rule::NoLeadingOrTrailing(chars) => {
                let edge = [value.chars().next(), value.chars().last()]
                    .into_iter()
                    .flatten()
                    .find(|c| chars.contains(*c));
                match edge {
                    Some(c) if !secret => format!("cannot start or end with `{c}`"),
                    _ => format!(
                        "cannot start or end with {}",
                        either(char_strs(chars).iter().map(String::as_str))
                    ),
                }
            }
            Rule::NoConsecutive(chars) => match doubled(value, chars) {
                Some(c) if !secret => format!("cannot contain `{c}{c}`"),
                _ => {
                    let pairs: Vec<String> = chars.chars().map(|c| format!("{c}{c}")).collect();
                    format!("cannot contain {}", either(pairs.iter().map(String::as_str)))
                }
            },
            Rule::Base64 { max_bytes } => match (base64_decoded_len(value), max_bytes) {
                (Some(n), Some(max)) if !secret => {
                    format!("must decode to at most {max} bytes, decodes to {n}")
                }
                (Some(_), Some(max)) => format!("must decode to at most {max} bytes"),
                _ => "must be Base64".to_owned(),
            },
            Rule::Time(pattern) => format!("must be a UTC time in the form {pattern}"),
            Rule::Ascii => match value.chars().find(|c| !c.is_ascii()) {
                Some(c) if !secret => format!("must be ASCII only, contains `{c}`"),
                _ => "must be ASCII only".to_owned(),
            },
            Rule::Index { .. } => String::new(),
        }
    }

    /// Checks a typed number against [`Rule::Range`] without going through text; other rules pass.
    pub fn check_number(&self, value: f64) -> Result<(), String> {
        match *self {
            Rule::Range { min, max } if !within(value, min, max) => {
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

/// `a == b` for the short values rules compare, without a library call: lengths first (they usually
/// differ), then eight or four bytes at a time, the last word overlapping the one before.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word::<8>(a, i) != word::<8>(b, i) {
                return false;
            }
            i += 8;
        }
        word::<8>(a, n - 8) == word::<8>(b, n - 8)
    } else if n >= 4 {
        word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, n - 4) == word::<4>(b, n - 4)
    } else {
        a.iter().zip(b).all(|(x, y)| x == y)
    }
}

/// The `N` bytes of `s` from `at`, as one number to compare (`at + N` is within `s`).
#[inline(always)]
fn word<const N: usize>(s: &[u8], at: usize) -> [u8; N] {
    s[at..at + N].try_into().unwrap_or([0; N])
}

/// `value.starts_with(prefix)`, byte by byte (prefixes are a few bytes; most values differ at the first).
#[inline]
fn starts_with(value: &[u8], prefix: &[u8]) -> bool {
    value.len() >= prefix.len() && value.iter().zip(prefix).all(|(x, y)| x == y)
}

/// `value.contains(needle)` for a short needle in a short value (the message's search for the one
/// found; the check itself is [`contains_any`]).
fn contains(value: &str, needle: &str) -> bool {
    contains_any(value, &[needle])
}

/// Whether `value` contains one of `needles` (an empty one counting as absent), for short needles
/// in a short value: one scan for all of them, a window per occurrence of a needle's first byte,
/// instead of building a two-way searcher per needle and call. The occurrences are found eight
/// bytes at a time. Byte windows match only at character boundaries, since a needle starts with a
/// whole character.
fn contains_any(value: &str, needles: &[&str]) -> bool {
    const LOW: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let v = value.as_bytes();
    let Some(shortest) = needles.iter().map(|n| n.len()).filter(|&n| n > 0).min() else { return false };
    let Some(last) = v.len().checked_sub(shortest) else { return false };
    let at = |i: usize| needles.iter().any(|n| !n.is_empty() && starts_with(&v[i..], n.as_bytes()));
    let mut i = 0;
    while i + 8 <= v.len() && i <= last {
        // A byte equal to a needle's first is a zero byte of `word ^ first`; every zero byte sets
        // its high bit in `(x - LOW) & !x & HIGH` (a byte above a zero may be set too, without being
        // one: each is tried as a window, which tells).
        let word = u64::from_le_bytes(word::<8>(v, i));
        let mut found = 0;
        for n in needles {
            if let Some(&first) = n.as_bytes().first() {
                let x = word ^ (LOW * u64::from(first));
                found |= x.wrapping_sub(LOW) & !x & HIGH;
            }
        }
        while found != 0 {
            let j = i + found.trailing_zeros() as usize / 8;
            if j > last {
                return false;
            }
            if at(j) {
                return true;
            }
            found &= found - 1;
        }
        i += 8;
    }
    (i..=last).any(at)
}

/// The class of each ASCII character [`Rule::AllowedChars`] names: [`UPPER`], [`LOWER`] or [`DIGIT`].
const CLASS: [u8; 128] = {
    let mut class = [0; 128];
    let mut b = 0;
    while b < 128 {
        class[b] = match b as u8 {
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            _ => 0,
        };
        b += 1;
    }
    class
};
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;

/// The classes of ASCII characters [`Rule::AllowedChars`] allows, as bits of [`CLASS`].
#[inline]
fn classes(upper: bool, lower: bool, digit: bool, letter: bool) -> u8 {
    (if upper || letter { UPPER } else { 0 })
        | (if lower || letter { LOWER } else { 0 })
        | (if digit { DIGIT } else { 0 })
}

/// Whether [`Rule::AllowedChars`] allows the byte `b`: an ASCII character of an allowed class, or
/// one of the extra characters (looked up only for the few characters outside the classes, so no
/// set of them is built per value).
#[inline]
fn ascii_allowed(b: u8, classes: u8, extra: &str) -> bool {
    b < 128 && (CLASS[usize::from(b)] & classes != 0 || extra.as_bytes().contains(&b))
}

/// Whether `value` lies in `min..=max` (a missing bound holds).
#[inline]
pub(crate) fn within(value: f64, min: Option<f64>, max: Option<f64>) -> bool {
    none_or(min, |m| value >= m) && none_or(max, |m| value <= m)
}

/// Whether the character count lies in `min..=max`.
#[inline(never)]
fn length_within(value: &str, min: Option<u64>, max: Option<u64>) -> bool {
    let n = value.chars().count() as u64;
    none_or(min, |m| n >= m) && none_or(max, |m| n <= m)
}

/// The first of `chars` that `value` has twice in a row.
fn doubled(value: &str, chars: &str) -> Option<char> {
    value.chars().zip(value.chars().skip(1)).find(|(a, b)| a == b && chars.contains(*a)).map(|(a, _)| a)
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
/// last character are ignored, as Java's and Python's decoders ignore them. Worked out from the
/// characters without decoding (no buffer), as the `base64` crate's decoders with these settings
/// read it (the tests hold the two together).
pub fn base64_decoded_len(value: &str) -> Option<u64> {
    let bytes = value.as_bytes();
    let body = bytes.strip_suffix(b"==").or_else(|| bytes.strip_suffix(b"=")).unwrap_or(bytes);
    if body.len() < bytes.len() && !bytes.len().is_multiple_of(4) {
        return None;
    }
    // Standard (`+`, `/`) or URL-safe (`-`, `_`): the value's own `-` or `_` chooses the latter.
    let url_safe = body.iter().any(|&b| b == b'-' || b == b'_');
    let (plus, slash) = if url_safe { (b'-', b'_') } else { (b'+', b'/') };
    let symbols = body.iter().all(|&b| b.is_ascii_alphanumeric() || b == plus || b == slash);
    match body.len() % 4 {
        1 => None,
        rest if symbols => Some((body.len() / 4 * 3 + rest.saturating_sub(1)) as u64),
        _ => None,
    }
}
