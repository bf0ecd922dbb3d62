//! The change model: what changed between two IRs, where, and whom it breaks.

use super::rules;

/// What kind of change, with the facts its verdicts depend on (see [`rules::verdict`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    ApiAdded,
    ApiRemoved,
    ParamAdded {
        required: bool,
    },
    ParamRemoved,
    /// A removed + added pair that is the same parameter.
    ParamRenamed {
        /// Only the `.n`/`.N` notation changed: the service sees the same keys.
        same_on_wire: bool,
        /// The generated Rust field names are the same (`KMSKeyId` and `KmsKeyId` are both `kms_key_id`).
        same_rust_name: bool,
    },
    ParamTypeChanged {
        /// Some value valid under the old type is not valid under the new one (`String` → `Integer`).
        narrowed: bool,
        /// The generated Rust type differs (`i32` → `i64`); `RepeatList` → `String` on `.N` does not.
        rust_type_changed: bool,
    },
    ParamRequiredChanged {
        now_required: bool,
    },
    EnumValueAdded,
    EnumValueRemoved,
    ConstraintTightened {
        /// The rule decides the Rust type (a closed value set on a string is an enum).
        rust_type_changed: bool,
    },
    ConstraintLoosened {
        rust_type_changed: bool,
    },
    DefaultChanged {
        /// Both sides document a default and they differ (an added or dropped default is documentation).
        value_changed: bool,
    },
    RepeatLimitChanged {
        tightened: bool,
    },
    ResponseFieldAdded,
    ResponseFieldRemoved,
    ResponseFieldTypeChanged {
        /// The JSON the service sends looks different (string vs number, another list wrapper, …).
        json_changed: bool,
        rust_type_changed: bool,
    },
    ErrorAdded,
    ErrorRemoved,
    ErrorStatusChanged {
        /// A status the old docs listed for the code is no longer listed (not just one more status).
        status_dropped: bool,
    },
    /// RPC became ROA or back: the request goes elsewhere in another form.
    StyleChanged,
    /// A ROA operation's method changed (`PUT` → `POST`).
    MethodChanged,
    /// A ROA operation's path template changed (parameters added or removed are their own changes).
    PathChanged,
    /// A parameter moved between the path, query, headers and body.
    PositionChanged,
    /// A ROA body changed encoding (JSON ↔ form) or shape (an object ↔ one array).
    BodyChanged,
    /// A parameter or response field became secret or stopped being one (`Debug` and docs hide it).
    SecretChanged {
        now_secret: bool,
    },
    /// The operation became safe to repeat without a client token, or stopped being so.
    IdempotencyChanged {
        now_idempotent: bool,
    },
    /// The parameter that makes retries safe appeared, went, or is another one.
    ClientTokenChanged,
}

impl ChangeKind {
    /// One of each kind (with arbitrary facts), for checks that every kind is handled and documented.
    pub const EACH: [ChangeKind; 27] = [
        Self::ApiAdded,
        Self::ApiRemoved,
        Self::ParamAdded { required: true },
        Self::ParamRemoved,
        Self::ParamRenamed { same_on_wire: true, same_rust_name: true },
        Self::ParamTypeChanged { narrowed: true, rust_type_changed: true },
        Self::ParamRequiredChanged { now_required: true },
        Self::EnumValueAdded,
        Self::EnumValueRemoved,
        Self::ConstraintTightened { rust_type_changed: false },
        Self::ConstraintLoosened { rust_type_changed: false },
        Self::DefaultChanged { value_changed: true },
        Self::RepeatLimitChanged { tightened: true },
        Self::ResponseFieldAdded,
        Self::ResponseFieldRemoved,
        Self::ResponseFieldTypeChanged { json_changed: true, rust_type_changed: true },
        Self::ErrorAdded,
        Self::ErrorRemoved,
        Self::ErrorStatusChanged { status_dropped: true },
        Self::StyleChanged,
        Self::MethodChanged,
        Self::PathChanged,
        Self::PositionChanged,
        Self::BodyChanged,
        Self::SecretChanged { now_secret: true },
        Self::IdempotencyChanged { now_idempotent: true },
        Self::ClientTokenChanged,
    ];

    /// The kebab-case name used in reports and JSON (`param-added`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::ApiAdded => "api-added",
            Self::ApiRemoved => "api-removed",
            Self::ParamAdded { .. } => "param-added",
            Self::ParamRemoved => "param-removed",
            Self::ParamRenamed { .. } => "param-renamed",
            Self::ParamTypeChanged { .. } => "param-type-changed",
            Self::ParamRequiredChanged { .. } => "param-required-changed",
            Self::EnumValueAdded => "enum-value-added",
            Self::EnumValueRemoved => "enum-value-removed",
            Self::ConstraintTightened { .. } => "constraint-tightened",
            Self::ConstraintLoosened { .. } => "constraint-loosened",
            Self::DefaultChanged { .. } => "default-changed",
            Self::RepeatLimitChanged { .. } => "repeat-limit-changed",
            Self::ResponseFieldAdded => "response-field-added",
            Self::ResponseFieldRemoved => "response-field-removed",
            Self::ResponseFieldTypeChanged { .. } => "response-field-type-changed",
            Self::ErrorAdded => "error-added",
            Self::ErrorRemoved => "error-removed",
            Self::ErrorStatusChanged { .. } => "error-status-changed",
            Self::StyleChanged => "style-changed",
            Self::MethodChanged => "method-changed",
            Self::PathChanged => "path-changed",
            Self::PositionChanged => "position-changed",
            Self::BodyChanged => "body-changed",
            Self::SecretChanged { .. } => "secret-changed",
            Self::IdempotencyChanged { .. } => "idempotency-changed",
            Self::ClientTokenChanged => "client-token-changed",
        }
    }

    /// The slug with the one qualifier a reviewer needs at a glance (`param-added (required)`).
    pub fn label(self) -> String {
        match self {
            Self::ParamAdded { required } => {
                format!("param-added ({})", if required { "required" } else { "optional" })
            }
            Self::ParamRequiredChanged { now_required } => format!(
                "param-required-changed ({})",
                if now_required { "now required" } else { "now optional" }
            ),
            Self::SecretChanged { now_secret } => {
                format!("secret-changed ({})", if now_secret { "now secret" } else { "no longer secret" })
            }
            Self::IdempotencyChanged { now_idempotent } => format!(
                "idempotency-changed ({})",
                if now_idempotent { "now idempotent" } else { "no longer idempotent" }
            ),
            other => other.slug().to_owned(),
        }
    }
}

/// One change to one API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The API's name (`RunInstances`).
    pub api: String,
    pub kind: ChangeKind,
    /// The docs' name of what changed: a parameter's wire name, a dotted response path, an error
    /// code, an enum value's parameter, or the API name for `api-*`.
    pub name: String,
    /// The previous wire name, for `param-renamed` only.
    pub old_name: Option<String>,
    /// Values, not prose: `String → Integer`, `"cloud_essd"`, `1..=100 → 1..=50`.
    pub detail: String,
    pub breaking_wire: bool,
    pub breaking_semver: bool,
    /// Machine-readable old and new value, used to recognize an update undoing another.
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Change {
    /// A change with its verdicts taken from the rules table.
    pub fn new(api: &str, kind: ChangeKind, name: &str, detail: impl Into<String>) -> Self {
        let verdict = rules::verdict(kind);
        Self {
            api: api.to_owned(),
            kind,
            name: name.to_owned(),
            old_name: None,
            detail: detail.into(),
            breaking_wire: verdict.wire,
            breaking_semver: verdict.semver,
            before: None,
            after: None,
        }
    }

    /// Records the old and new value (also used as the detail when none was given).
    pub fn values(mut self, before: impl Into<String>, after: impl Into<String>) -> Self {
        let (before, after) = (before.into(), after.into());
        if self.detail.is_empty() {
            self.detail = format!("{before} → {after}");
        }
        self.before = Some(before);
        self.after = Some(after);
        self
    }

    pub fn renamed_from(mut self, old_name: &str) -> Self {
        self.old_name = Some(old_name.to_owned());
        self
    }

    pub fn is_breaking(&self) -> bool {
        self.breaking_wire || self.breaking_semver
    }
}

/// An edit that changes no behavior: listed for reviewers, never counted as a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    pub api: String,
    /// What was edited: a wire name, response path, error code, or the API name.
    pub name: String,
    pub what: WordingKind,
}

/// The wording-only edits the diff recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordingKind {
    Summary,
    ParamDescription,
    /// The Type cell changed spelling but not meaning (`string` → `String`).
    DocTypeSpelling,
    EnumValueMeaning,
    ResponseFieldDescription,
    ErrorMessage,
    /// A default described in a sentence rather than given as a value was reworded.
    DefaultInWords,
    /// `Action` is filled in by the generated client from the API name, whatever the docs say about it.
    ActionParam,
}

impl WordingKind {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Summary => "summary reworded",
            Self::ParamDescription => "parameter description reworded",
            Self::DocTypeSpelling => "type cell respelled, same type",
            Self::EnumValueMeaning => "meaning of a valid value reworded",
            Self::ResponseFieldDescription => "response field description reworded",
            Self::ErrorMessage => "error message or description reworded",
            Self::DefaultInWords => "default described in words reworded",
            Self::ActionParam => "`Action` row edited (the client always sends the API name)",
        }
    }
}
