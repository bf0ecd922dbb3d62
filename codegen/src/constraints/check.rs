//! Evaluates single-field rules on one value: the reference semantics of the generated validators,
//! used here to check the docs' own examples and defaults.

use crate::ir::{CharClass, Format, Rule, ScalarType};

use super::number;

/// Checks `value` against a single-field rule; `Err` carries a message ("must be 2 to 128 characters").
/// Rules that say nothing about one value (defaults, repeat counts, cross-field rules) pass.
pub fn check(rule: &Rule, value: &str) -> Result<(), String> {
    match rule {
        Rule::Length { min, max } => {
            let n = value.chars().count() as u64;
            let ok = min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m);
            ok.then_some(()).ok_or_else(|| {
                format!(
                    "must be {} characters long, is {n}",
                    bounds(min.map(|v| v as f64), max.map(|v| v as f64))
                )
            })
        }
        Rule::Range { min, max } => match value.trim().parse::<f64>() {
            Ok(v) if min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m) => Ok(()),
            Ok(_) => Err(format!("must be {}", bounds(*min, *max))),
            Err(_) => Err(format!("must be a number {}", bounds(*min, *max))),
        },
        Rule::OneOf { values } => {
            if values.iter().any(|v| v.value == value) {
                Ok(())
            } else {
                let list: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                Err(format!("must be one of {}", list.join(", ")))
            }
        }
        Rule::StartsWithLetter => match value.chars().next() {
            Some(c) if !c.is_alphabetic() => Err("must start with a letter".to_owned()),
            _ => Ok(()),
        },
        Rule::AllowedChars { classes, extra } => match value.chars().find(|&c| !allowed(c, classes, extra)) {
            Some(c) => Err(format!("contains `{c}`, which is not allowed")),
            None => Ok(()),
        },
        Rule::ForbiddenPrefixes { prefixes } => {
            match prefixes.iter().find(|p| !p.is_empty() && value.starts_with(p.as_str())) {
                Some(p) => Err(format!("cannot start with `{p}`")),
                None => Ok(()),
            }
        }
        Rule::ForbiddenSubstrings { substrings } => {
            match substrings.iter().find(|s| !s.is_empty() && value.contains(s.as_str())) {
                Some(s) => Err(format!("cannot contain `{s}`")),
                None => Ok(()),
            }
        }
        Rule::NoLeadingOrTrailing { chars } => {
            let edge = [value.chars().next(), value.chars().last()]
                .into_iter()
                .flatten()
                .find(|c| chars.contains(*c));
            match edge {
                Some(c) => Err(format!("cannot start or end with `{c}`")),
                None => Ok(()),
            }
        }
        Rule::NoConsecutive { chars } => {
            let doubled =
                value.chars().zip(value.chars().skip(1)).find(|(a, b)| a == b && chars.contains(*a));
            match doubled {
                Some((c, _)) => Err(format!("cannot contain `{c}{c}`")),
                None => Ok(()),
            }
        }
        Rule::Format { format } => check_format(format, value),
        _ => Ok(()),
    }
}

/// Checks that `value` is a valid wire value of `ty` (`true`/`false`, an integer, a number).
pub fn check_type(ty: ScalarType, value: &str) -> Result<(), String> {
    let ok = match ty {
        ScalarType::String => true,
        ScalarType::Integer | ScalarType::Long => value.trim().parse::<i64>().is_ok(),
        ScalarType::Float | ScalarType::Double => value.trim().parse::<f64>().is_ok(),
        ScalarType::Boolean => value == "true" || value == "false",
        ScalarType::Json => serde_json::from_str::<serde_json::Value>(value).is_ok(),
    };
    ok.then_some(()).ok_or_else(|| format!("is not a valid {}", format!("{ty:?}").to_lowercase()))
}

fn allowed(c: char, classes: &[CharClass], extra: &str) -> bool {
    extra.contains(c)
        || classes.iter().any(|class| match class {
            CharClass::Upper => c.is_ascii_uppercase(),
            CharClass::Lower => c.is_ascii_lowercase(),
            CharClass::Digit => c.is_ascii_digit(),
            CharClass::Letter => c.is_alphabetic(),
        })
}

fn bounds(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{} to {}", number::show(a), number::show(b)),
        (Some(a), None) => format!("at least {}", number::show(a)),
        (None, Some(b)) => format!("at most {}", number::show(b)),
        (None, None) => "anything".to_owned(),
    }
}

fn check_format(format: &Format, value: &str) -> Result<(), String> {
    match format {
        Format::Ascii => match value.chars().find(|c| !c.is_ascii()) {
            Some(c) => Err(format!("must be ASCII only, contains `{c}`")),
            None => Ok(()),
        },
        Format::Base64 { max_bytes } => {
            let decoded = base64_decoded_len(value).ok_or_else(|| "must be Base64".to_owned())?;
            match max_bytes {
                Some(max) if decoded > *max => {
                    Err(format!("must decode to at most {max} bytes, decodes to {decoded}"))
                }
                _ => Ok(()),
            }
        }
        Format::Iso8601 { pattern } => {
            if matches_time(pattern, value) {
                Ok(())
            } else {
                Err(format!("must be a UTC time in the form {pattern}"))
            }
        }
    }
}

/// The decoded length of standard or URL-safe Base64, padding optional; `None` if not Base64.
pub fn base64_decoded_len(value: &str) -> Option<u64> {
    let body = value.trim_end_matches('=');
    let padding = value.len() - body.len();
    let alphabet = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_');
    if padding > 2
        || !body.chars().all(alphabet)
        || body.len() % 4 == 1
        || (padding > 0 && !value.len().is_multiple_of(4))
    {
        return None;
    }
    Some((body.len() as u64 * 3) / 4)
}

/// Matches `value` against a `yyyy-MM-ddTHH:mm:ssZ`-style pattern, with field ranges.
fn matches_time(pattern: &str, value: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let v: Vec<char> = value.chars().collect();
    if p.len() != v.len() {
        return false;
    }
    let mut fields: Vec<(char, u32)> = Vec::new();
    for (pc, vc) in p.iter().zip(&v) {
        if matches!(pc, 'y' | 'M' | 'd' | 'H' | 'm' | 's') {
            let Some(d) = vc.to_digit(10) else { return false };
            match fields.last_mut() {
                Some((f, n)) if f == pc => *n = *n * 10 + d,
                _ => fields.push((*pc, d)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_values() {
        let len = Rule::Length { min: Some(2), max: Some(4) };
        assert!(check(&len, "ab").is_ok());
        assert!(check(&len, "abcde").is_err());
        let range = Rule::Range { min: Some(1.0), max: Some(200.0) };
        assert!(check(&range, "200").is_ok());
        assert!(check(&range, "201").is_err());
        assert!(check(&range, "x").is_err());
        let chars = Rule::AllowedChars {
            classes: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit],
            extra: ":_-".into(),
        };
        assert!(check(&chars, "Joshua_Host-1:x").is_ok());
        assert_eq!(check(&chars, "a b"), Err("contains ` `, which is not allowed".into()));
        assert!(check(&Rule::StartsWithLetter, "1abc").is_err());
        assert!(check(&Rule::NoConsecutive { chars: ".-".into() }, "a..b").is_err());
        assert!(check(&Rule::NoConsecutive { chars: ".-".into() }, "a.-b").is_ok());
        assert!(check(&Rule::NoLeadingOrTrailing { chars: ".-".into() }, "-ab").is_err());
        let iso = Rule::Format { format: Format::Iso8601 { pattern: "yyyy-MM-ddTHH:mm:ssZ".into() } };
        assert!(check(&iso, "2018-01-01T12:05:00Z").is_ok());
        assert!(check(&iso, "2018-13-01T12:05:00Z").is_err());
        assert!(check(&iso, "2018-01-01 12:05:00").is_err());
        let b64 = Rule::Format { format: Format::Base64 { max_bytes: Some(3) } };
        assert!(check(&b64, "ZWNo").is_ok());
        assert!(check(&b64, "ZWNobw==").is_err());
        assert!(check(&b64, "not base64!").is_err());
        assert!(check_type(ScalarType::Integer, "2,000").is_err());
    }
}
