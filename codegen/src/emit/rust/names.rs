//! Rust identifiers from doc names: heck's casing (`crate::case`), keyword escaping, and deterministic collision handling.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span};

/// Keywords that `r#` can escape.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing `_`.
const UNRAWABLE_KEYWORDS: &[&str] = &["crate", "self", "super", "Self"];

/// Names an API module may not take at the crate root: the root's own modules and files, crates the
/// generated code names by path (a root module `serde` or `std` would make those paths ambiguous),
/// and cargo features with a meaning of their own (`default`, `client`).
pub const ROOT_RESERVED: &[&str] = &[
    "lib",
    "mod",
    "main",
    "build",
    "runtime",
    "common_error",
    "shared",
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "serde",
    "serde_json",
    "alibabacloud_runtime",
    "default",
    "client",
];

/// Keeps ASCII letters and digits; every other character separates words.
fn ascii_words(doc_name: &str) -> String {
    if doc_name.is_ascii() {
        // A byte a character: the same text, mapped a byte at a time.
        let bytes = doc_name.bytes().map(|b| if b.is_ascii_alphanumeric() { b } else { b' ' }).collect();
        return String::from_utf8(bytes).expect("ASCII");
    }
    doc_name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// `snake_case` for a field, method or module; never empty, never starting with a digit, keywords kept as is.
pub fn snake(doc_name: &str) -> String {
    remembered(&SNAKE, doc_name, |doc_name| {
        let s = crate::case::snake(&ascii_words(doc_name));
        if s.is_empty() {
            "value".to_owned()
        } else if s.starts_with(|c: char| c.is_ascii_digit()) {
            format!("n{s}")
        } else {
            s
        }
    })
}

/// `UpperCamelCase` for a type or variant; never empty, never starting with a digit, never `Self`.
pub fn camel(doc_name: &str) -> String {
    remembered(&CAMEL, doc_name, |doc_name| {
        let s = crate::case::upper_camel(&ascii_words(doc_name));
        if s.is_empty() {
            "Value".to_owned()
        } else if s == "Self" {
            "SelfValue".to_owned()
        } else if s.starts_with(|c: char| c.is_ascii_digit()) {
            format!("V{s}")
        } else {
            s
        }
    })
}

/// Names already cased on this thread, by doc name: a product's APIs share most of their names
/// (`RegionId`, `PageSize`, `Tag`), each cased several times (a field, its type, its canonicity).
/// Casing is cheap since `case` splits ASCII names itself; a lookup is cheaper still (without
/// these, a first `gen` over six products runs 0.5% more instructions).
type Cased = std::cell::RefCell<foldhash::HashMap<String, String>>;

/// The most names a [`Cased`] keeps: it starts over when full, so that a process that generates
/// product after product on one thread (a library's caller, a server) keeps a few products' worth of
/// names, not every name it ever cased (ECS, the largest product, leaves under 2,000 in each).
const CASED_MAX: usize = 16_384;

thread_local! {
    static SNAKE: Cased = Cased::default();
    static CAMEL: Cased = Cased::default();
}

/// `case(doc_name)`, or what it gave before on this thread.
fn remembered(
    cache: &'static std::thread::LocalKey<Cased>,
    doc_name: &str,
    case: impl FnOnce(&str) -> String,
) -> String {
    cache.with(|cased| {
        if let Some(name) = cased.borrow().get(doc_name) {
            return name.clone();
        }
        let name = case(doc_name);
        let mut cased = cased.borrow_mut();
        if cased.len() >= CASED_MAX {
            cased.clear();
        }
        cased.insert(doc_name.to_owned(), name.clone());
        name
    })
}

/// The doc name's letters and digits joined as written (`InvalidVPC.NotFound` → `InvalidVPCNotFound`):
/// the second choice for a type or variant whose [`camel`] name is taken.
pub fn camel_as_written(doc_name: &str) -> String {
    let mut s = String::with_capacity(doc_name.len());
    // The words of `ascii_words`, without making it: the runs of ASCII letters and digits.
    for word in doc_name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            s.push(first.to_ascii_uppercase());
            s.push_str(chars.as_str());
        }
    }
    if s.is_empty() || s == "Self" || !s.chars().any(|c| c.is_ascii_lowercase()) {
        // Empty, a keyword, or all capitals (clippy's `upper_case_acronyms`): no second choice.
        camel(doc_name)
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    }
}

/// True when the doc name is already in the casing heck gives it, so it should win a collision.
pub fn is_canonical(doc_name: &str) -> bool {
    camel_as_written(doc_name) == camel(doc_name)
}

/// The module of an API (also its cargo feature and the stem of its file `src/<module>.rs`):
/// [`snake`], a keyword followed by `_` (`self_`, `type_`: `pub mod` and the file name then
/// agree, which `r#` would not give for `self`), bounded to
/// [`MAX_STEM`](crate::file_names::MAX_STEM) bytes as file names are (see [`crate::file_names`]).
pub fn module_name(doc_name: &str) -> String {
    let s = snake(doc_name);
    let s = if RAW_KEYWORDS.contains(&s.as_str()) || UNRAWABLE_KEYWORDS.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    };
    crate::file_names::bounded(&s, crate::file_names::MAX_STEM)
}

/// The modules of a product's APIs, in input order, claimed like [`snake_names`] in a namer that
/// also holds [`ROOT_RESERVED`]: valid, distinct (all lower case, so also on case-insensitive file
/// systems) and bounded.
pub fn module_names(namer: &mut Namer, doc_names: &[&str]) -> Vec<String> {
    namer.taken.extend(ROOT_RESERVED.iter().map(|s| (*s).to_owned()));
    claim_canonical_first(namer, doc_names, |name| (is_canonical(name), vec![module_name(name)]))
}

/// An identifier token for a snake-case name, escaping keywords (`type` → `r#type`, `self` → `self_`).
pub fn ident(name: &str) -> Ident {
    if UNRAWABLE_KEYWORDS.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if RAW_KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Hands out names unique within one scope (a struct's fields, a module's types, an enum's variants).
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    /// A namer where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|s| (*s).to_owned()).collect() }
    }

    /// Claims the first free name among `choices`, else the first choice with the smallest free
    /// numeric suffix (`_2` after a snake-case name, `2` after a camel-case one).
    pub fn claim(&mut self, choices: &[String]) -> String {
        for choice in choices {
            if self.taken.insert(choice.clone()) {
                return choice.clone();
            }
        }
        let base = &choices[0];
        let camel = base.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        // `self_` + `_2` would be `self__2`, which is not snake case.
        let sep = if camel || base.ends_with('_') { "" } else { "_" };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

/// Names each doc name in a group once and deterministically: canonical spellings claim first, then the
/// rest in input order, each trying its [`camel`] form, then its [`camel_as_written`] form.
pub fn camel_names(namer: &mut Namer, doc_names: &[&str]) -> Vec<String> {
    claim_canonical_first(namer, doc_names, |name| {
        let (camel, as_written) = (camel(name), camel_as_written(name));
        (camel == as_written, vec![camel, as_written])
    })
}

/// Like [`camel_names`] for snake-case names: canonical spellings claim first, the rest get a suffix.
pub fn snake_names(namer: &mut Namer, doc_names: &[&str]) -> Vec<String> {
    claim_canonical_first(namer, doc_names, |name| (is_canonical(name), vec![snake(name)]))
}

/// Claims a name for each doc name, canonical spellings ([`is_canonical`]) first, then the rest in
/// input order, each trying its candidates in turn; `choices` gives a doc name's canonicity and
/// candidates. The result is in input order.
fn claim_canonical_first(
    namer: &mut Namer,
    doc_names: &[&str],
    choices: impl Fn(&str) -> (bool, Vec<String>),
) -> Vec<String> {
    let mut out = vec![String::new(); doc_names.len()];
    let choices: Vec<(bool, Vec<String>)> = doc_names.iter().map(|name| choices(name)).collect();
    let (canonical, rest): (Vec<_>, Vec<_>) = choices.iter().enumerate().partition(|(_, (c, _))| *c);
    for (i, (_, candidates)) in canonical.into_iter().chain(rest) {
        out[i] = namer.claim(candidates);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_are_the_runs_of_ascii_letters_and_digits(name in "[aZ9._ é中-]{0,16}") {
            let words: Vec<String> = ascii_words(&name).split_whitespace().map(str::to_owned).collect();
            let by_chars: String =
                name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
            proptest::prop_assert_eq!(ascii_words(&name), by_chars);
            let runs: Vec<&str> = name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(words, runs);
        }
    }

    #[test]
    fn the_name_caches_stay_bounded_and_still_answer() {
        for i in 0..CASED_MAX + 10 {
            assert_eq!(snake(&format!("Name{i}")), format!("name{i}"));
        }
        assert!(SNAKE.with(|cased| cased.borrow().len()) <= CASED_MAX);
        assert_eq!(snake("Name1"), "name1");
        assert_eq!(camel("region_id"), "RegionId");
    }

    #[test]
    fn snake_and_camel_cover_digits_keywords_and_symbols() {
        assert_eq!(snake("SystemDisk"), "system_disk");
        assert_eq!(snake("KMSKeyId"), "kms_key_id");
        assert_eq!(snake("3rdParty"), "n3rd_party");
        assert_eq!(snake("-"), "value");
        assert_eq!(camel("cloud_essd"), "CloudEssd");
        assert_eq!(camel("1"), "V1");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(camel_as_written("self"), "SelfValue");
        assert_eq!(camel_as_written("VPC"), "Vpc");
        assert_eq!(camel("InvalidVPC.NotFound"), "InvalidVpcNotFound");
        assert_eq!(camel_as_written("InvalidVPC.NotFound"), "InvalidVPCNotFound");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("size").to_string(), "size");
    }

    #[test]
    fn collisions_prefer_canonical_spelling_whatever_the_order() {
        let mut namer = Namer::default();
        let names = camel_names(&mut namer, &["InvalidVPC.NotFound", "InvalidVpc.NotFound"]);
        assert_eq!(names, ["InvalidVPCNotFound", "InvalidVpcNotFound"]);
        let mut namer = Namer::default();
        let names = snake_names(&mut namer, &["InstanceID", "InstanceId", "instanceId"]);
        assert_eq!(names, ["instance_id_3", "instance_id", "instance_id_2"]);
    }

    #[test]
    fn module_names_are_plain_identifiers_distinct_and_bounded() {
        let long = format!("Run{}", "Instances".repeat(40));
        let names = [
            "self",
            "Self",
            "crate",
            "super",
            "type",
            "RunInstances",
            "runInstances",
            "Default",
            "Client",
            "Serde",
            "Std",
            long.as_str(),
            "Run\u{202e}Instances",
            "",
            "3D",
        ];
        let modules = module_names(&mut Namer::default(), &names);
        assert_eq!(
            &modules[..11],
            [
                "self_",
                "self_2",
                "crate_",
                "super_",
                "type_",
                "run_instances",
                "run_instances_2",
                "default_2",
                "client_2",
                "serde_2",
                "std_2"
            ]
        );
        let unique: BTreeSet<&String> = modules.iter().collect();
        assert_eq!(unique.len(), modules.len(), "{modules:?}");
        for module in &modules {
            assert!(module.len() <= crate::file_names::MAX_STEM + 4, "{module}");
            let ident = ident(module);
            assert_eq!(ident.to_string(), *module, "`pub mod {ident};` finds `src/{module}.rs`");
            assert!(syn::parse_str::<syn::Ident>(module).is_ok(), "{module}");
        }
    }

    #[test]
    fn reserved_names_push_claims_to_later_choices() {
        let mut namer = Namer::with_reserved(&["Other"]);
        assert_eq!(namer.claim(&["Other".into(), "OtherValue".into()]), "OtherValue");
        assert_eq!(namer.claim(&["Other".into()]), "Other2");
    }
}
