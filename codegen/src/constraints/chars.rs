//! Character rules: the first character, the allowed characters, forbidden prefixes and
//! substrings, characters that may not lead, trail or repeat.

use super::text::{Block, BlockKind};
use super::Found;
use crate::ir::{CharClass, Param, Rule, ScalarType};
use crate::pattern::prose_pattern;

/// The words one of which every pattern of [`read`] needs (its gate): `START` and `PREFIX` need
/// "start with" or "begin with", `EDGES` "end with", `CONTAIN` and `RUNS` "contain", `CAN_CONTAIN`
/// "contain", "consist" or "include".
pub(super) const WORDS: &[&str] = &["start with", "begin with", "end with", "contain", "consist", "include"];

/// Reads character rules from one sentence (the caller skips a sentence its [`WORDS`] gate refuses).
pub fn read(sentence: &str, param: &Param) -> Vec<Found> {
    let mut out = Vec::new();
    starts_with_letter(sentence, &mut out);
    forbidden_prefixes(sentence, &mut out);
    forbidden_substrings(sentence, &mut out);
    edges_and_runs(sentence, &mut out);
    allowed_chars(sentence, &mut out);
    if sentence.starts_with("A ") || sentence.starts_with("An ") || sentence.starts_with("Each ") {
        for f in &mut out {
            f.doubt
                .get_or_insert_with(|| "the sentence's subject may not be this parameter's value".to_owned());
        }
    }
    if param.ty != ScalarType::String {
        for f in &mut out {
            f.doubt.get_or_insert_with(|| "a character rule on a non-string parameter".to_owned());
        }
    }
    out
}

/// "The following special characters can be used:" followed by a code block: the password alphabet.
pub fn read_special_alphabet(blocks: &[Block]) -> Vec<Found> {
    let mut out = Vec::new();
    for pair in blocks.windows(2) {
        let (intro, code) = (&pair[0], &pair[1]);
        if code.kind != BlockKind::Code {
            continue;
        }
        let lower = intro.text.to_ascii_lowercase();
        let names_alphabet = lower.contains("special characters")
            && (lower.ends_with("can be used:")
                || lower.ends_with("are supported:")
                || lower.ends_with("are allowed:"));
        let extra: String = code.text.split_whitespace().collect();
        if !names_alphabet || extra.is_empty() {
            continue;
        }
        let combination = lower.contains("uppercase and lowercase letters") && lower.contains("digits");
        let source = format!("{} {}", intro.text, code.text.trim());
        let doubt = (!combination).then(|| {
            "the letters and digits allowed besides the special characters are not named".to_owned()
        });
        out.push(Found::new(
            Rule::AllowedChars { classes: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit], extra },
            &source,
            doubt,
        ));
    }
    out
}

fn starts_with_letter(sentence: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        START = r"(?i)\bmust (?:start|begin) with (?:a |an )?(?:uppercase or lowercase |english |upper or lower case )?letter(?: or (?:a )?chinese character)?(?:[,.;]| and| but|$)"
    );
    let start = START.get();
    if start.is_match(sentence) {
        out.push(Found::new(Rule::StartsWithLetter, sentence, None));
    }
}

fn forbidden_prefixes(sentence: &str, out: &mut Vec<Found>) {
    prose_pattern!(PREFIX = r"(?i)\b(?:cannot|can't|must not|should not) (?:start|begin) with (.+)$");
    let prefix = PREFIX.get();
    if let Some(c) = prefix.captures(sentence) {
        listed(Listed::Prefixes, &c[1], sentence, out);
    }
}

fn forbidden_substrings(sentence: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        CONTAIN = r"(?i)\b(?:cannot|can't|must not|should not|and cannot|and can't) contain (.+)$"
    );
    let contain = CONTAIN.get();
    let Some(c) = contain.captures(sentence) else { return };
    let rest = &c[1];
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("consecutive") || lower.starts_with("only") {
        return;
    }
    listed(Listed::Substrings, rest, sentence, out);
}

/// The most lists of prefixes and substrings read from one sentence.
const MAX_LISTS: usize = 8;

/// What a list after "cannot start with" or "cannot contain" forbids.
#[derive(Clone, Copy)]
enum Listed {
    Prefixes,
    Substrings,
}

impl Listed {
    /// An item as a literal. A bare lower-case word names what may not appear ("cannot contain
    /// emoticons") more often than it quotes it; a prefix rule's bare word is a literal ("cannot
    /// start with aliyun").
    fn literal(self, item: &str) -> Option<String> {
        let word = item.trim().trim_end_matches('.');
        let bare_word = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase());
        literal(item).filter(|_| matches!(self, Listed::Prefixes) || !bare_word)
    }

    fn rule(self, literals: Vec<String>) -> Rule {
        match self {
            Listed::Prefixes => Rule::ForbiddenPrefixes { prefixes: literals },
            Listed::Substrings => Rule::ForbiddenSubstrings { substrings: literals },
        }
    }

    /// "as a literal prefix", "as a literal".
    fn what(self) -> &'static str {
        match self {
            Listed::Prefixes => "a literal prefix",
            Listed::Substrings => "a literal",
        }
    }

    /// The other kind, and the words that open its list after this one's ("… or contain …",
    /// "…, or start with …").
    fn next(self) -> (Listed, &'static str) {
        match self {
            Listed::Prefixes => (Listed::Substrings, "contain "),
            Listed::Substrings => (Listed::Prefixes, "start with "),
        }
    }
}

/// The prefixes and substrings a sentence lists, in turn, from `text` ("acs: or contain http://",
/// "http:// or https://, or start with acs: or aliyun"): one rule for each list, up to
/// [`MAX_LISTS`] (the docs give two; each rule keeps the whole sentence, so a hostile one
/// alternating without end would cost its length again per list). A list of no items ends it.
fn listed(mut kind: Listed, mut text: &str, sentence: &str, out: &mut Vec<Found>) {
    for _ in 0..MAX_LISTS {
        let (items, rest) = items(text);
        if items.is_empty() {
            return;
        }
        let mut literals = Vec::new();
        let mut unread = Vec::new();
        for item in items {
            match kind.literal(&item) {
                Some(s) => literals.push(s),
                None => unread.push(item),
            }
        }
        let doubt = (!unread.is_empty())
            .then(|| format!("could not read `{}` as {}", unread.join("`, `"), kind.what()));
        out.push(Found::new(kind.rule(literals), sentence, doubt));
        let (next, opening) = kind.next();
        let Some(after) = rest.strip_prefix(opening) else { return };
        (kind, text) = (next, after);
    }
}

fn edges_and_runs(sentence: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        EDGES = r"(?i)\b(?:cannot|can't|must not) (?:start|begin) (?:or|and) end with (.+?)(?:\. It |$)"
    );
    prose_pattern!(RUNS = r"(?i)\b(?:cannot|can't|must not) contain (?:two )?consecutive (.+?)(?:\. It |$)");
    let edges = EDGES.get();
    let runs = RUNS.get();
    if let Some(c) = edges.captures(sentence) {
        let (chars, unread) = named_chars(&c[1]);
        let doubt = unread.map(|u| format!("could not read `{u}` as characters"));
        out.push(Found::new(Rule::NoLeadingOrTrailing { chars }, sentence, doubt));
    }
    if let Some(c) = runs.captures(sentence) {
        let (chars, unread) = named_chars(&c[1]);
        let doubt = unread.map(|u| format!("could not read `{u}` as characters"));
        out.push(Found::new(Rule::NoConsecutive { chars }, sentence, doubt));
    }
}

fn allowed_chars(sentence: &str, out: &mut Vec<Found>) {
    prose_pattern!(
        CAN_CONTAIN = r"(?i)\b(?:can contain only|can only contain|can contain|must contain only|may contain|can consist of|consists of|can include) (.+?)\.?$"
    );
    let can_contain = CAN_CONTAIN.get();
    let Some(c) = can_contain.captures(sentence) else { return };
    let list = c[1].to_owned();
    let lower = list.to_ascii_lowercase();
    if lower.contains("ascii") || lower.starts_with("up to") || lower.starts_with("a maximum") {
        return;
    }
    // Cut at a following clause: ", and must …", ", but …", ". It …".
    let list = cut_clause(&list);
    // "periods (.),and hyphens (-)": a comma glued to the next item.
    let list = list.replace("),and ", "), and ").replace("),or ", "), or ");
    let mut classes: Vec<CharClass> = Vec::new();
    let mut extra = String::new();
    let mut unread = Vec::new();
    let normalized = list
        .replace("uppercase and lowercase letters", "letters")
        .replace("upper and lower case letters", "letters")
        .replace("uppercase letters and lowercase letters", "letters");
    for item in split_list(&normalized) {
        let item_lower = item.to_ascii_lowercase();
        let mut add = |c: CharClass| {
            if !classes.contains(&c) {
                classes.push(c);
            }
        };
        if item_lower.contains("chinese") {
            add(CharClass::Letter);
            if item_lower.contains("letters") && !item_lower.contains("chinese characters") {
                continue;
            }
            continue;
        }
        match item_lower.trim_start_matches("and ").trim_start_matches("english ") {
            "letters" | "letter" => {
                add(CharClass::Upper);
                add(CharClass::Lower);
            }
            "uppercase letters" => add(CharClass::Upper),
            "lowercase letters" => add(CharClass::Lower),
            "digits" | "numbers" | "numerals" | "digit" => add(CharClass::Digit),
            _ => {
                let (chars, bad) = named_chars(&item);
                if bad.is_some() || chars.is_empty() {
                    unread.push(item.clone());
                } else {
                    for ch in chars.chars() {
                        if !extra.contains(ch) {
                            extra.push(ch);
                        }
                    }
                }
            }
        }
    }
    if classes.is_empty() && extra.is_empty() {
        return;
    }
    let doubt =
        (!unread.is_empty()).then(|| format!("could not read `{}` as characters", unread.join("`, `")));
    out.push(Found::new(Rule::AllowedChars { classes, extra }, sentence, doubt));
}

fn cut_clause(list: &str) -> String {
    let mut cut = list.len();
    for stop in [
        ", and must",
        ", and cannot",
        ", but",
        " but ",
        ", and it",
        ". It",
        " and must",
        " and cannot",
        ", which",
        ", and is",
    ] {
        if let Some(i) = list.find(stop) {
            cut = cut.min(i);
        }
    }
    list[..cut].to_owned()
}

/// "colons (:), underscores (_), and hyphens (-)" → items.
fn split_list(list: &str) -> Vec<String> {
    let mut items = Vec::new();
    for part in list.split(", ") {
        let part = part.trim().trim_start_matches("and ").trim_start_matches("or ");
        // "digits and hyphens (-)": split on " and " outside parentheses.
        let mut depth = 0i32;
        let mut last = 0;
        let bytes = part.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                b' ' if depth == 0 && part[i..].starts_with(" and ") => {
                    items.push(part[last..i].trim().to_owned());
                    last = i + 5;
                    i += 4;
                }
                _ => {}
            }
            i += 1;
        }
        items.push(part[last..].trim().to_owned());
    }
    items.retain(|i| !i.is_empty());
    items
}

/// The characters named in "periods (.) or hyphens (-)", "a period (.)", "hyphens": the string of
/// characters, and the first part that could not be read.
fn named_chars(text: &str) -> (String, Option<String>) {
    let mut chars = String::new();
    let mut unread = None;
    let text = text.trim().trim_end_matches('.');
    for part in text.split(", ").flat_map(|p| p.split(" or ")).flat_map(|p| p.split(" and ")) {
        let part = part.trim().trim_start_matches("or ").trim_start_matches("and ");
        if part.is_empty() {
            continue;
        }
        if let (Some(open), Some(close)) = (part.find('('), part.rfind(')')) {
            if open < close {
                let inner = part[open + 1..close].trim();
                if !inner.is_empty() && inner.chars().count() <= 3 && !inner.contains(' ') {
                    chars.push_str(inner);
                    continue;
                }
            }
        }
        let word = part.trim_start_matches("a ").trim_start_matches("an ").to_ascii_lowercase();
        let ch = match word.as_str() {
            "period" | "periods" | "dot" | "dots" => '.',
            "hyphen" | "hyphens" => '-',
            "underscore" | "underscores" => '_',
            "colon" | "colons" => ':',
            "comma" | "commas" => ',',
            "space" | "spaces" => ' ',
            "forward slash" | "forward slashes" | "slashes" => '/',
            "at sign" | "at signs" => '@',
            _ => {
                unread.get_or_insert_with(|| part.to_owned());
                continue;
            }
        };
        chars.push(ch);
    }
    (chars, unread)
}

/// Splits "http:// or https://, and cannot …" into items, and returns what follows the list.
fn items(text: &str) -> (Vec<String>, &str) {
    let mut items = Vec::new();
    let mut rest = text.trim();
    loop {
        // An item ends at ", " / " or " / " and " / end, but a parenthesised part stays whole.
        let mut end = rest.len();
        let mut depth = 0i32;
        for (i, ch) in rest.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' | ';' if depth == 0 => {
                    end = i;
                    break;
                }
                ' ' if depth == 0 && (rest[i..].starts_with(" or ") || rest[i..].starts_with(" and ")) => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let item = rest[..end].trim();
        if !item.is_empty() {
            items.push(item.to_owned());
        }
        let after = rest[end..].trim_start_matches([',', ';']).trim_start();
        if let Some(next) = after.strip_prefix("or ") {
            if next.starts_with("contain ") || next.starts_with("end with") || next.starts_with("start with ")
            {
                return (items, next);
            }
            rest = next;
        } else if after.starts_with("and ")
            || after.is_empty()
            || !after.starts_with(|c: char| c.is_alphanumeric())
        {
            return (items, after);
        } else {
            rest = after;
        }
        if rest.is_empty() {
            return (items, "");
        }
    }
}

/// A literal string from an item: `http://`, `aliyun`, `a forward slash (/)` → `/`.
fn literal(item: &str) -> Option<String> {
    let item = item.trim();
    let item = if item.ends_with('.') && !item.ends_with("..") { &item[..item.len() - 1] } else { item };
    if let (Some(open), Some(close)) = (item.find('('), item.rfind(')')) {
        let inner = if open < close { item[open + 1..close].trim() } else { "" };
        if !inner.is_empty() && !inner.contains(' ') {
            return Some(inner.to_owned());
        }
    }
    let looks_literal = !item.is_empty()
        && !item.contains(' ')
        && (item.contains(['/', ':', '.', '_', '-']) || item.chars().all(|c| c.is_ascii_lowercase()));
    looks_literal.then(|| item.trim_matches(['"', '“', '”', '\'']).to_owned())
}

#[cfg(test)]
mod tests {
    use super::super::tests::param;
    use super::*;

    #[test]
    fn a_closing_parenthesis_before_the_opening_one_is_no_literal() {
        assert_eq!(literal(") or (x"), None);
        assert_eq!(literal("a forward slash (/)"), Some("/".to_owned()));
    }

    fn rules(s: &str) -> Vec<(Rule, bool)> {
        read(s, &param("InstanceName", "String")).into_iter().map(|f| (f.rule, f.doubt.is_none())).collect()
    }

    #[test]
    fn reads_name_rules() {
        let got = rules("It must be 2 to 128 characters in length and can contain uppercase and lowercase letters, digits, colons (:), underscores (_), and hyphens (-).");
        assert_eq!(
            got,
            [(
                Rule::AllowedChars {
                    classes: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit],
                    extra: ":_-".into()
                },
                true
            )]
        );
        assert_eq!(
            rules(
                "It can contain letters, digits, colons (:), underscores (_), periods (.),and hyphens (-)."
            ),
            [(
                Rule::AllowedChars {
                    classes: vec![CharClass::Upper, CharClass::Lower, CharClass::Digit],
                    extra: ":_.-".into()
                },
                true
            )],
            "a comma glued to the last item"
        );
        assert_eq!(rules("It must start with a letter."), [(Rule::StartsWithLetter, true)]);
        assert_eq!(rules("It must start with a letter or a digit."), []);
        assert_eq!(
            rules("It cannot start with http:// or https://."),
            [(Rule::ForbiddenPrefixes { prefixes: vec!["http://".into(), "https://".into()] }, true)]
        );
        assert_eq!(
            rules("It must start with a letter, but cannot start with http:// or https://."),
            [
                (Rule::StartsWithLetter, true),
                (Rule::ForbiddenPrefixes { prefixes: vec!["http://".into(), "https://".into()] }, true)
            ]
        );
    }

    #[test]
    fn reads_tag_rules() {
        assert_eq!(
            rules("It cannot start with aliyun or acs:, and cannot contain http:// or https://."),
            [
                (Rule::ForbiddenPrefixes { prefixes: vec!["aliyun".into(), "acs:".into()] }, true),
                (Rule::ForbiddenSubstrings { substrings: vec!["http://".into(), "https://".into()] }, true)
            ]
        );
        assert_eq!(
            rules("It can be up to 128 characters in length and cannot start with acs: or contain http:// or https://."),
            [
                (Rule::ForbiddenPrefixes { prefixes: vec!["acs:".into()] }, true),
                (Rule::ForbiddenSubstrings { substrings: vec!["http://".into(), "https://".into()] }, true)
            ]
        );
        // Substrings, then prefixes (ROS tags), each rule of its own.
        assert_eq!(
            rules("It cannot contain http:// or https://, or start with acs: or aliyun."),
            [
                (Rule::ForbiddenSubstrings { substrings: vec!["http://".into(), "https://".into()] }, true),
                (Rule::ForbiddenPrefixes { prefixes: vec!["acs:".into(), "aliyun".into()] }, true)
            ]
        );
    }

    #[test]
    fn a_bare_word_after_cannot_contain_names_a_kind_of_content_not_a_literal() {
        // VOD UpdateImageInfos: no title may hold an emoticon, and "emoticons" itself is allowed.
        let found = read(
            "The values of the nested parameters Title, Description, and Tags cannot contain emoticons.",
            &param("UpdateContent", "String"),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::ForbiddenSubstrings { substrings: Vec::new() });
        assert_eq!(found[0].doubt.as_deref(), Some("could not read `emoticons.` as a literal"));
        // A prefix's bare word stays a literal.
        assert_eq!(
            rules("It cannot start with aliyun."),
            [(Rule::ForbiddenPrefixes { prefixes: vec!["aliyun".into()] }, true)]
        );
    }

    #[test]
    fn a_long_alternation_of_prefixes_and_substrings_reads_the_first_lists_only() {
        // Hostile docs: twenty thousand lists in one sentence; each rule keeps the sentence.
        let sentence = format!(
            "It cannot start with acs:{}.",
            " or contain http://, or start with aliyun".repeat(10_000)
        );
        let found = read(&sentence, &param("Name", "String"));
        let lists: Vec<&Rule> = found
            .iter()
            .map(|f| &f.rule)
            .filter(|r| matches!(r, Rule::ForbiddenPrefixes { .. } | Rule::ForbiddenSubstrings { .. }))
            .collect();
        assert_eq!(lists.len(), MAX_LISTS);
        assert_eq!(*lists[1], Rule::ForbiddenSubstrings { substrings: vec!["http://".into()] });
    }

    #[test]
    fn reads_hostname_edges() {
        assert_eq!(
            rules("It cannot start or end with a period (.) or a hyphen (-)."),
            [(Rule::NoLeadingOrTrailing { chars: ".-".into() }, true)]
        );
        assert_eq!(
            rules("It cannot contain consecutive periods (.) or hyphens (-)."),
            [(Rule::NoConsecutive { chars: ".-".into() }, true)]
        );
        assert_eq!(
            rules("For Windows, the password cannot start with a forward slash (/)."),
            [(Rule::ForbiddenPrefixes { prefixes: vec!["/".into()] }, true)]
        );
    }
}
