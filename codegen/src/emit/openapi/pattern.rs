//! Text rules as one JSON Schema `pattern` that ECMA-262 and Python `re` read alike, and the same rules checked in Rust.
//!
//! The rules mean what `constraints::check` (the generated validators' reference) means, except
//! where a regex cannot say it: a pattern is looser there, never stricter (see `LETTER`, and
//! dates, whose fields are checked as digits, not as ranges).
//!
//! Each rule becomes one lookahead after `^`, so rules combine by concatenation. Neither
//! `\p{L}` nor `$` is used: Python's `re` (used by `openapi-spec-validator`) has no `\p{L}`,
//! and its `$` also matches before a final newline. A "letter" is therefore an ASCII letter
//! or any non-ASCII character, and the end of input is `(?![\s\S])`.

use crate::ir::{CharClass, Format, Rule};

/// The end of the input, read the same by every engine.
const END: &str = r"(?![\s\S])";
/// One letter: ASCII letters, and any non-ASCII character (see the module docs).
const LETTER: &str = r"[A-Za-z]|[^\x00-\x7F]";

/// Whether the rule constrains a string's text (and so belongs in `pattern`).
pub fn is_text_rule(rule: &Rule) -> bool {
    matches!(
        rule,
        Rule::StartsWithLetter
            | Rule::AllowedChars { .. }
            | Rule::ForbiddenPrefixes { .. }
            | Rule::ForbiddenSubstrings { .. }
            | Rule::NoLeadingOrTrailing { .. }
            | Rule::NoConsecutive { .. }
            | Rule::Format { .. }
    )
}

/// One anchored pattern for all `rules`; `None` when none of them says anything about text.
pub fn pattern<'a>(rules: impl IntoIterator<Item = &'a Rule>) -> Option<String> {
    let parts: Vec<String> = rules.into_iter().filter_map(lookahead).collect();
    (!parts.is_empty()).then(|| format!("^{}", parts.concat()))
}

fn lookahead(rule: &Rule) -> Option<String> {
    Some(match rule {
        Rule::StartsWithLetter => format!("(?={LETTER}|{END})"),
        Rule::AllowedChars { classes, extra } => {
            let mut class: String = classes.iter().map(|c| ascii_class(*c)).collect();
            class.push_str(&class_escape(extra));
            let one = if classes.contains(&CharClass::Letter) {
                format!("(?:[{class}]|[^\\x00-\\x7F])")
            } else if class.is_empty() {
                return Some(format!("(?={END})"));
            } else {
                format!("[{class}]")
            };
            format!("(?={one}*{END})")
        }
        Rule::ForbiddenPrefixes { prefixes } => format!("(?!{})", alternation(prefixes)?),
        Rule::ForbiddenSubstrings { substrings } => format!(r"(?![\s\S]*{})", alternation(substrings)?),
        Rule::NoLeadingOrTrailing { chars } => {
            let class = nonempty_class(chars)?;
            format!(r"(?!{class})(?![\s\S]*{class}{END})")
        }
        Rule::NoConsecutive { chars } => {
            let doubled: Vec<String> =
                chars.chars().map(|c| literal_escape(&c.to_string()).repeat(2)).collect();
            (!doubled.is_empty()).then(|| format!(r"(?![\s\S]*(?:{}))", doubled.join("|")))?
        }
        Rule::Format { format } => match format {
            Format::Base64 { .. } => format!("(?=[A-Za-z0-9+/_\\-]*={{0,2}}{END})"),
            Format::Iso8601 { pattern } => format!("(?={}{END})", date_pattern(pattern)),
            Format::Ascii => format!(r"(?=[\x00-\x7F]*{END})"),
        },
        _ => return None,
    })
}

/// Whether `text` satisfies the text rule (rules about other things are always satisfied).
pub fn admits(rule: &Rule, text: &str) -> bool {
    match rule {
        Rule::StartsWithLetter => !matches!(text.chars().next(), Some(c) if !is_letter(c)),
        Rule::AllowedChars { classes, extra } => {
            text.chars().all(|c| extra.contains(c) || classes.iter().any(|class| in_class(*class, c)))
        }
        Rule::ForbiddenPrefixes { prefixes } => {
            !prefixes.iter().any(|p| !p.is_empty() && text.starts_with(p.as_str()))
        }
        Rule::ForbiddenSubstrings { substrings } => {
            !substrings.iter().any(|s| !s.is_empty() && text.contains(s.as_str()))
        }
        Rule::NoLeadingOrTrailing { chars } => {
            !text.starts_with(|c| chars.contains(c)) && !text.ends_with(|c| chars.contains(c))
        }
        Rule::NoConsecutive { chars } => {
            !text.chars().zip(text.chars().skip(1)).any(|(a, b)| a == b && chars.contains(a))
        }
        Rule::Format { format } => match format {
            Format::Base64 { .. } => {
                let body = text.trim_end_matches('=');
                text.len() - body.len() <= 2
                    && body.chars().all(|c| c.is_ascii_alphanumeric() || "+/_-".contains(c))
            }
            Format::Iso8601 { pattern } => matches_date_pattern(pattern, text),
            Format::Ascii => text.is_ascii(),
        },
        _ => true,
    }
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || !c.is_ascii()
}

fn in_class(class: CharClass, c: char) -> bool {
    match class {
        CharClass::Upper => c.is_ascii_uppercase(),
        CharClass::Lower => c.is_ascii_lowercase(),
        CharClass::Digit => c.is_ascii_digit(),
        CharClass::Letter => is_letter(c),
    }
}

fn ascii_class(class: CharClass) -> &'static str {
    match class {
        CharClass::Upper => "A-Z",
        CharClass::Lower => "a-z",
        CharClass::Digit => "0-9",
        CharClass::Letter => "A-Za-z",
    }
}

/// Characters of a date format that stand for one digit (`yyyy-MM-ddTHH:mm:ssZ`).
fn is_digit_placeholder(c: char) -> bool {
    matches!(c, 'y' | 'M' | 'd' | 'H' | 'm' | 's')
}

fn date_pattern(format: &str) -> String {
    format
        .chars()
        .map(|c| if is_digit_placeholder(c) { "[0-9]".to_owned() } else { literal_escape(&c.to_string()) })
        .collect()
}

fn matches_date_pattern(format: &str, text: &str) -> bool {
    format.chars().count() == text.chars().count()
        && format.chars().zip(text.chars()).all(|(f, t)| {
            if is_digit_placeholder(f) {
                t.is_ascii_digit()
            } else {
                f == t
            }
        })
}

fn nonempty_class(chars: &str) -> Option<String> {
    (!chars.is_empty()).then(|| format!("[{}]", class_escape(chars)))
}

fn alternation(words: &[String]) -> Option<String> {
    let words: Vec<String> = words.iter().filter(|w| !w.is_empty()).map(|w| literal_escape(w)).collect();
    (!words.is_empty()).then(|| format!("(?:{})", words.join("|")))
}

/// Escapes the characters that are syntax inside `[...]` (only those: ECMA's `u` mode rejects needless escapes).
fn class_escape(chars: &str) -> String {
    let mut out = String::new();
    for c in chars.chars() {
        if matches!(c, '\\' | ']' | '[' | '^' | '-') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A regular expression for the codes a documented error code with `%s` placeholders stands for
/// (`Invalid%s.ValueNotSupported`: the service puts a name where the docs write `%s`).
pub fn code_pattern(code: &str) -> String {
    let parts: Vec<String> = code.split("%s").map(literal_escape).collect();
    format!("^{}$", parts.join(".+"))
}

/// Escapes the regex syntax characters of a literal (not `-`, which ECMA's `u` mode rejects escaped).
fn literal_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> String {
        v.to_owned()
    }

    #[test]
    fn instance_name_rules_make_one_pattern() {
        let rules = [
            Rule::StartsWithLetter,
            Rule::AllowedChars { classes: vec![CharClass::Letter, CharClass::Digit], extra: s(":_-") },
            Rule::ForbiddenPrefixes { prefixes: vec![s("http://"), s("https://")] },
        ];
        assert_eq!(
            pattern(&rules).unwrap(),
            r"^(?=[A-Za-z]|[^\x00-\x7F]|(?![\s\S]))(?=(?:[A-Za-z0-9:_\-]|[^\x00-\x7F])*(?![\s\S]))(?!(?:http:\/\/|https:\/\/))"
        );
        assert!(rules.iter().all(|r| admits(r, "JoshuaHost:web_1-a")));
        assert!(rules.iter().all(|r| admits(r, "主机1")));
        assert!(!admits(&rules[0], "1host") && admits(&rules[0], ""));
        assert!(!admits(&rules[1], "host.name"));
        assert!(!admits(&rules[2], "https://x"));
    }

    #[test]
    fn hostname_rules() {
        let edges = Rule::NoLeadingOrTrailing { chars: s(".-") };
        let runs = Rule::NoConsecutive { chars: s(".-") };
        assert_eq!(pattern([&edges]).unwrap(), r"^(?![.\-])(?![\s\S]*[.\-](?![\s\S]))");
        assert_eq!(pattern([&runs]).unwrap(), r"^(?![\s\S]*(?:\.\.|--))");
        assert!(admits(&edges, "a.b-c") && !admits(&edges, ".ab") && !admits(&edges, "ab-"));
        assert!(
            admits(&runs, "a.b-c")
                && admits(&runs, "a.-b")
                && !admits(&runs, "a..b")
                && !admits(&runs, "a--b")
        );
    }

    #[test]
    fn formats() {
        let date = Rule::Format { format: Format::Iso8601 { pattern: s("yyyy-MM-ddTHH:mm:ssZ") } };
        assert_eq!(
            pattern([&date]).unwrap(),
            r"^(?=[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z(?![\s\S]))"
        );
        assert!(admits(&date, "2018-01-01T12:05:00Z"));
        assert!(!admits(&date, "2018-01-01T12:05Z"));
        let b64 = Rule::Format { format: Format::Base64 { max_bytes: Some(16) } };
        assert!(
            admits(&b64, "ZWNobyBoZWxsbw==")
                && admits(&b64, "a-_b")
                && !admits(&b64, "a b")
                && !admits(&b64, "a===")
        );
        assert!(
            admits(&Rule::Format { format: Format::Ascii }, "abc")
                && !admits(&Rule::Format { format: Format::Ascii }, "é")
        );
    }

    #[test]
    fn empty_sets_say_nothing_instead_of_breaking_the_regex() {
        assert_eq!(pattern([&Rule::NoConsecutive { chars: s("") }]), None);
        assert_eq!(pattern([&Rule::ForbiddenPrefixes { prefixes: vec![s("")] }]), None);
        assert_eq!(pattern([&Rule::Range { min: None, max: None }]), None);
    }
}
