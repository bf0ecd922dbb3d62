//! Whether a request parameter or response field holds a secret (a password, a private key, a
//! token that grants access, user data), decided from its name, else from its description.
//!
//! The name decides when it has a secret noun phrase in it: at the end (`Password`, `VncPassword`,
//! `LoginPwd`, `PrivateKeyBody`, `SecurityToken`) it is a secret unless the value is Boolean (a
//! flag about a password is not one); anywhere else (`PasswordInherit`, `WindowsPasswordName`)
//! the name is about a secret, not one. A name without such a phrase leaves it to the first
//! sentence of the description: "The (new|logon|…) password of …" is a secret, "The name of the
//! password" or "Specifies whether to use the password …" is not.

use crate::ir::{Fact, FactSource, ScalarType};
use crate::pattern::Gate;

/// Secret noun phrases, as lower-case words.
const PHRASES: &[&[&str]] = &[
    &["password"],
    &["passwd"],
    &["pwd"],
    &["passphrase"],
    &["secret"],
    &["private", "key"],
    &["auth", "key"],
    &["security", "token"],
    &["auth", "token"],
    &["access", "token"],
    &["session", "token"],
    &["refresh", "token"],
    &["user", "data"],
];

/// Words that only wrap the value (`PrivateKeyBody` is the private key).
const WRAPPERS: &[&str] = &["body", "value", "content", "text", "string"];

/// Phrases a description may call the value by, lower case.
const PROSE_PHRASES: &[&[&str]] = &[
    &["password"],
    &["passphrase"],
    &["private", "key"],
    &["secret", "key"],
    &["access", "key", "secret"],
    &["secret"],
    &["cryptographic", "key"],
];

/// A word of every phrase of [`PROSE_PHRASES`] (a test holds them to it).
const PROSE_PHRASE_WORDS: &[&str] = &["password", "passphrase", "private", "secret", "cryptographic"];

/// Words that, before the noun, make it the object of something else ("the name of the password").
const NOT_ADJECTIVES: &[&str] =
    &["of", "for", "to", "in", "on", "with", "by", "whether", "that", "which", "and", "or", "is", "are"];

/// The secret fact for a value named `name` (the last segment of its wire name or JSON key) of
/// type `ty` (`None`: an object or a list of objects, never a secret itself).
pub fn decide(name: &str, ty: Option<ScalarType>, description: &str) -> Option<Fact> {
    let ty = ty?;
    let snake = crate::case::snake(name);
    let words: Vec<&str> = snake.split('_').collect();
    let mut core: &[&str] = &words;
    while let [rest @ .., last] = core {
        if rest.is_empty() || !WRAPPERS.contains(last) {
            break;
        }
        core = rest;
    }
    if let Some(phrase) = PHRASES.iter().find(|p| ends_with(core, p)) {
        let phrase = phrase.join(" ");
        return Some(if ty == ScalarType::Boolean {
            fact(false, FactSource::Type, format!("Boolean: a flag about a {phrase}, not one"))
        } else {
            fact(true, FactSource::Name, format!("the name ends in `{phrase}`"))
        });
    }
    if let Some(phrase) = PHRASES.iter().find(|p| contains(&words, p)) {
        let rest = words.last().copied().unwrap_or_default();
        return Some(fact(
            false,
            FactSource::Name,
            format!("the name is about a {} (`{rest}`), not one", phrase.join(" ")),
        ));
    }
    if ty == ScalarType::Boolean {
        return None;
    }
    let sentence = first_sentence(description);
    prose_names_secret(sentence).then(|| fact(true, FactSource::Description, sentence.to_owned()))
}

fn fact(value: bool, from: FactSource, why: String) -> Fact {
    Fact { value, from, why }
}

fn ends_with(words: &[&str], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && words[words.len() - phrase.len()..].iter().zip(phrase).all(|(w, p)| w == p)
}

fn contains(words: &[&str], phrase: &[&str]) -> bool {
    words.windows(phrase.len()).any(|w| w.iter().zip(phrase).all(|(w, p)| w == p))
}

/// The description's first sentence, trimmed.
fn first_sentence(description: &str) -> &str {
    let text = description.trim();
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    text[..end].trim()
}

/// "The [up to four adjectives] <secret phrase> [of|for|that|…|end]".
fn prose_names_secret(sentence: &str) -> bool {
    // A sentence with none of the phrases' words names no secret (most do not), and is neither
    // lowercased nor split.
    static WORDS: Gate = Gate::new(PROSE_PHRASE_WORDS);
    if !WORDS.admits(sentence) {
        return false;
    }
    let lower = sentence.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(("the" | "a" | "an" | "your", words)) = words.split_first().map(|(f, r)| (*f, r)) else {
        return false;
    };
    for start in 0..words.len().min(5) {
        if words[..start].iter().any(|w| NOT_ADJECTIVES.contains(w)) {
            return false;
        }
        for phrase in PROSE_PHRASES {
            if words[start..].starts_with(phrase) {
                let next = words.get(start + phrase.len()).copied();
                return next.is_none_or(|n| {
                    ["of", "for", "that", "used", "to", "which", "you", "must", "is", "can"].contains(&n)
                });
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prose_phrase_has_a_word_of_the_gate() {
        for phrase in PROSE_PHRASES {
            assert!(phrase.iter().any(|w| PROSE_PHRASE_WORDS.contains(w)), "{phrase:?}");
        }
    }

    /// (name, type, description) → secret?
    const CASES: &[(&str, ScalarType, &str, Option<bool>)] = &[
        ("Password", ScalarType::String, "The password of the instance.", Some(true)),
        ("Password", ScalarType::Integer, "The password.", Some(true)),
        ("VncPassword", ScalarType::String, "The VNC password.", Some(true)),
        ("LoginPwd", ScalarType::String, "", Some(true)),
        ("MasterPwd", ScalarType::String, "", Some(true)),
        ("Passphrase", ScalarType::String, "", Some(true)),
        ("SecurityToken", ScalarType::String, "The STS token.", Some(true)),
        ("AuthToken", ScalarType::String, "", Some(true)),
        ("AccessKeySecret", ScalarType::String, "", Some(true)),
        ("PrivateKey", ScalarType::String, "The private key of the certificate.", Some(true)),
        ("PrivateKeyBody", ScalarType::String, "The private key of the key pair.", Some(true)),
        ("AuthKey", ScalarType::String, "The cryptographic key.", Some(true)),
        ("UserData", ScalarType::String, "The user data of the instance.", Some(true)),
        ("password", ScalarType::String, "", Some(true)),
        (
            "PasswordInherit",
            ScalarType::Boolean,
            "Specifies whether to use the password preset in the image.",
            Some(false),
        ),
        ("WindowsPasswordName", ScalarType::String, "The name of the Windows password.", Some(false)),
        ("Password", ScalarType::Boolean, "Whether a password is set.", Some(false)),
        ("KeyPairName", ScalarType::String, "The name of the key pair.", None),
        (
            "ClientToken",
            ScalarType::String,
            "The client token that is used to ensure the idempotence of the request.",
            None,
        ),
        ("NextToken", ScalarType::String, "The query token.", None),
        ("HttpTokens", ScalarType::String, "Specifies whether to forcibly use IMDSv2.", None),
        ("PublicKeyBody", ScalarType::String, "The public key of the key pair.", None),
        ("KMSKeyId", ScalarType::String, "The ID of the KMS key.", None),
        ("AccessKeyId", ScalarType::String, "The AccessKey ID.", None),
        ("Token", ScalarType::String, "The token that was received in the email.", None),
        (
            "AdminCredential",
            ScalarType::String,
            "The new logon password of the instance. It must be 8 to 30 characters long.",
            Some(true),
        ),
        ("Config", ScalarType::String, "The name of the password that is used.", None),
        ("Config", ScalarType::String, "Specifies whether the password is required.", None),
        ("Config", ScalarType::String, "The password policy of the instance.", None),
        ("Config", ScalarType::String, "The secret. You must keep it safe.", Some(true)),
    ];

    #[test]
    fn names_and_prose_decide_secrets() {
        for (name, ty, description, want) in CASES {
            let got = decide(name, Some(*ty), description);
            assert_eq!(got.as_ref().map(|f| f.value), *want, "{name} ({ty:?}): {got:?}");
        }
        assert!(CASES.len() >= 30);
    }

    #[test]
    fn the_reason_names_the_pattern_or_quotes_the_sentence() {
        assert_eq!(
            decide("PrivateKeyBody", Some(ScalarType::String), "").unwrap().why,
            "the name ends in `private key`"
        );
        let by_prose =
            decide("AdminCredential", Some(ScalarType::String), "The new logon password. Keep it.").unwrap();
        assert_eq!(
            (by_prose.from, by_prose.why.as_str()),
            (FactSource::Description, "The new logon password.")
        );
        let flag = decide("PasswordInherit", Some(ScalarType::Boolean), "").unwrap();
        assert_eq!(
            (flag.from, flag.why.as_str()),
            (FactSource::Name, "the name is about a password (`inherit`), not one")
        );
    }

    #[test]
    fn objects_are_never_secrets_themselves() {
        assert_eq!(decide("Password", None, "The password."), None);
    }
}
