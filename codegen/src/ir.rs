//! The IR: plain serde data, the single contract between parsing (`parse`) and every emitter.
//!
//! Everything an emitter needs is here, and nothing an emitter derives (Rust names, OpenAPI
//! schemas) is stored. `cargo xtask gen` writes each [`Api`] as pretty JSON to
//! `generated/ir/<product>/<Api>.json`, so a doc update shows up as a readable IR diff. Every
//! member named `line` is provenance: `gen` writes it beside the IR (`ir/<product>/lines/`, see
//! [`ir_json`](crate::ir_json)), and it reads back as 0 from the IR JSON alone.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One product: a folder of API reference pages (and guides), optionally with a `product.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// Folder name, lower case (`ecs`): the Rust module and the IR folder.
    pub name: String,
    pub meta: ProductMeta,
    /// Sorted by [`Api::name`].
    pub apis: Vec<Api>,
}

/// What a product's docs say about the product as a whole, read by `meta` from its pages and
/// guides, with `spec/<product>/product.toml` overriding single keys (each with a reason).
/// `cargo xtask gen` writes it to `generated/ir/<product>/product.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductMeta {
    /// Product code as the service names it (`Ecs`).
    pub code: String,
    /// Human name (`Elastic Compute Service`).
    pub name: String,
    /// API version sent as the `Version` common parameter (`2014-05-26`); empty when neither the
    /// docs nor `product.toml` give one (an error).
    pub version: String,
    /// The default host the emitters send to: [`Endpoints::central`], else the first regional
    /// host; empty when the docs give only patterns or nothing. Derived from `endpoints`.
    pub endpoint: String,
    pub endpoints: Endpoints,
    pub style: ApiStyle,
    /// Error codes every API of the product may return, read from the product's guide pages
    /// (`meta::common_errors`): in page order, one per distinct (code, status, message). Empty
    /// when no guide lists any.
    #[serde(default)]
    pub common_errors: Vec<CommonError>,
    /// Where each value came from, by key: `code`, `name`, `version`, `style`,
    /// `endpoints.central`, `endpoints.regional.<region>`, `endpoints.vpc.<region>`,
    /// `endpoints.patterns.<n>`.
    pub sources: BTreeMap<String, MetaSource>,
}

/// The hosts the docs give for a product's API, exactly as they give them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoints {
    /// The public host without a region (`ecs.aliyuncs.com`).
    pub central: Option<String>,
    /// Public hosts by region ID (`cn-zhangjiakou` → `ecs.cn-zhangjiakou.aliyuncs.com`).
    pub regional: BTreeMap<String, String>,
    /// Hosts reachable only from inside a VPC, by region ID (`ecs-vpc.cn-hangzhou.aliyuncs.com`).
    pub vpc: BTreeMap<String, String>,
    /// Hosts the docs give only as a pattern, the region written `{region}`
    /// (`elasticsearch.{region}.aliyuncs.com`).
    pub patterns: Vec<String>,
}

/// One row of a product's common error-code table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommonError {
    /// HTTP status; `None` when the page gives none.
    pub status: Option<u16>,
    pub code: String,
    pub message: String,
    /// Every guide page that lists this row, first the one whose wording is kept.
    pub sources: Vec<DocLine>,
}

/// A line of a doc page: the path below the spec dir and the 1-based line (provenance: `gen`
/// writes the line beside the IR, not in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocLine {
    pub file: String,
    #[serde(default)]
    pub line: usize,
}

/// Where one product-metadata value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum MetaSource {
    /// A doc page (path below the spec dir) and the 1-based line that says it.
    Docs {
        file: String,
        #[serde(default)]
        line: usize,
    },
    /// `product.toml`, with the reason written there.
    Override { reason: String },
    /// Neither the docs nor `product.toml` say it: what was assumed, and why.
    Assumed { reason: String },
}

/// How requests are put on the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiStyle {
    /// Alibaba Cloud RPC style: every operation on `/`, parameters in the query, `Action=<Api>`.
    #[default]
    Rpc,
    /// RESTful (ROA) style: each operation has its own method and path, parameters in the path,
    /// the query, headers or a body, signed with an `Authorization: acs <AccessKeyId>:<Signature>`
    /// header.
    Roa,
}

/// How one operation goes on the wire, read from its page by `parse::style`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "style")]
pub enum Wire {
    /// RPC: `Action=<name>` and every parameter in the query string, to `/`.
    #[default]
    Rpc,
    /// ROA: the method and path the page documents.
    Roa(Roa),
}

/// A RESTful operation's request line and body, as its page documents them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roa {
    /// The method sent. When the request syntax lists several (`PATCH|POST`), the one the sample
    /// request uses, else the first listed.
    pub method: HttpMethod,
    /// Every method the request syntax lists, in its order, when it lists more than one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<HttpMethod>,
    /// The path template as documented, each path parameter written `[Name]`
    /// (`/openapi/instances/[InstanceId]/snapshot-repos`); no query.
    pub path: String,
    /// The names in the template's brackets, in order; each is a [`Param`] at [`Position::Path`].
    pub path_params: Vec<String>,
    /// The request body, when the page documents one.
    pub body: Option<Body>,
    /// 1-based line of the request syntax (or of the sample request it was read from).
    #[serde(default)]
    pub line: usize,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
}

impl HttpMethod {
    /// The method as sent (`POST`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
            Self::Head => "HEAD",
        }
    }

    /// Reads a method name, any case.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_uppercase().as_str() {
            "GET" => Self::Get,
            "POST" => Self::Post,
            "PUT" => Self::Put,
            "DELETE" => Self::Delete,
            "PATCH" => Self::Patch,
            "HEAD" => Self::Head,
            _ => return None,
        })
    }
}

/// A ROA request body: the [`Param`]s at [`Position::Body`], encoded as `encoding` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub encoding: BodyEncoding,
    /// `None`: the body is an object whose members are the body parameters. `Some(wire name)`:
    /// that one parameter's value is the whole body (a JSON array the docs call `RequestBody`).
    pub whole: Option<String>,
    /// The page's JSON example of the body, as written (the RequestBody section's, else the
    /// sample request's).
    pub example: Option<String>,
    /// 1-based line of the RequestBody section, or of the first body row of the request table.
    #[serde(default)]
    pub line: usize,
}

/// How a body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`, where the docs say so (a `FormData` position).
    Form,
}

/// Where a request parameter goes on the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// The query string (every RPC parameter).
    #[default]
    Query,
    /// A `[Name]` of the ROA path template, percent-encoded into it.
    Path,
    /// A request header named by the wire name.
    Header,
    /// A member of the ROA body (see [`Body`]).
    Body,
}

/// What says where a parameter goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionFrom {
    /// Nothing: RPC parameters, and ROA parameters of a table without a Position column that the
    /// path does not name, go in the query.
    #[default]
    Default,
    /// The table's `Position` (or `Location`) column.
    Column,
    /// The path template names it.
    Path,
    /// A row of the RequestBody table.
    BodyTable,
    /// A member of the RequestBody section's JSON example.
    BodyExample,
}

/// One API operation, read from one reference page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// Operation name (`RunInstances`): the `Action` the page documents (see `parse::action`),
    /// else its title.
    pub name: String,
    /// What else the page calls the operation where it differs from `name` (the title, an
    /// `Action` row or sample request that disagrees), for review; empty when all agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<OtherName>,
    /// The page the API was read from, as given on the command line or found in the spec dir.
    pub source: String,
    /// The first paragraph under the title, plain text.
    pub summary: String,
    /// How the operation goes on the wire: RPC, or ROA with its method, path and body.
    pub wire: Wire,
    /// Request parameters in table order, `Action` included when the page lists it; ROA body
    /// parameters follow, in RequestBody table order.
    pub request: Vec<Param>,
    /// Rules between parameters ("You cannot specify both A and B").
    pub cross_field: Vec<Constraint>,
    /// Top-level response fields in table order; nested fields hang below their parent.
    pub response: Vec<Field>,
    pub examples: Examples,
    /// Error rows in table order. Duplicates are kept: one code often has several statuses and messages.
    pub errors: Vec<ErrorRow>,
    /// Whether repeating the call is safe without a client token (a read-only operation), and
    /// why: decided by `facts::idempotence` from the summary, or by `spec/overrides.toml`.
    #[serde(default)]
    pub idempotent: Fact,
    /// The request parameter that makes a retry safe (the service deduplicates calls that carry
    /// the same value), and the sentence that says so (`facts::client_token`); `None` when the
    /// page documents none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<ClientToken>,
}

/// A yes/no decision the generator made about the docs, with its evidence: emitters read the
/// value and never re-derive it, and reviewers see the evidence in the IR diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub value: bool,
    pub from: FactSource,
    /// The evidence: the name pattern matched, the doc sentence (verbatim), or the override's
    /// reason.
    pub why: String,
}

impl Default for Fact {
    /// `false`, the safe assumption, before `facts::decide` has run (a parse-only IR).
    fn default() -> Self {
        Self {
            value: false,
            from: FactSource::Default,
            why: "not decided: the facts stage has not run".into(),
        }
    }
}

/// What a [`Fact`] was decided from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    /// The parameter's or field's name.
    Name,
    /// A sentence of the description.
    Description,
    /// The API's summary (the first paragraph under the title).
    Summary,
    /// The documented type.
    Type,
    /// `spec/overrides.toml`.
    Override,
    /// Nothing in the docs says it: the safe assumption.
    #[default]
    Default,
}

/// The request parameter a caller sets to make retries safe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientToken {
    /// Its wire name (`ClientToken`): a top-level String parameter.
    pub param: String,
    pub from: FactSource,
    pub why: String,
}

/// A name a page gives its operation that is not [`Api::name`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherName {
    pub value: String,
    pub from: NameSource,
    #[serde(default)]
    pub line: usize,
}

/// Where a page names its operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameSource {
    /// The `# Title` heading.
    Title,
    /// The Example cell of the request table's `Action` row.
    ActionExample,
    /// The value the `Action` row's description sets ("Set the value to X", "Value: X").
    ActionDescription,
    /// The `Action=` pair of the sample request.
    SampleRequest,
}

/// Markdown of a table cell, and the same as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub markdown: String,
    pub plain: String,
}

/// One request parameter (one logical row of the request table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    /// The docs' name with Markdown escapes removed (`DataDisk.N.Size`, `Filter.1.Key`). A ROA
    /// body parameter's is its path in the JSON body, `.N` standing for each item of a list
    /// (`configs.N.fileName` for the `└fileName` row under `configs`, `collectorPaths.N` for a
    /// `List<String>`).
    pub wire_name: String,
    /// The shape read from the wire name: `DataDisk.N.Size` is `[DataDisk(each), Size]`.
    pub path: Vec<Segment>,
    /// The Type cell as written (`String`, `RepeatList`, …); empty when the page has no Type column.
    pub doc_type: String,
    /// The value type of one leaf value on the wire.
    pub ty: ScalarType,
    pub required: bool,
    pub example: Option<String>,
    pub description: Text,
    /// Where the parameter goes on the wire.
    pub position: Position,
    /// What says so.
    pub position_from: PositionFrom,
    /// 1-based line of the row in the page (provenance: `gen` writes it beside the IR, not in it).
    #[serde(default)]
    pub line: usize,
    /// Rules on this parameter's own value, each with the sentence it came from.
    pub constraints: Vec<Constraint>,
    /// Whether the value is a secret (`Debug` and docs never show it), and why (`facts::secret`);
    /// `None` when neither the name nor the description suggests one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Fact>,
}

/// One dot-separated part of a wire name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Segment {
    pub name: String,
    /// What follows the name on the wire.
    pub index: Index,
}

/// The index that follows a wire-name segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Index {
    /// No index: a plain member (`SystemDisk` in `SystemDisk.Size`) or the leaf.
    None,
    /// `.N` (or `.n`): a repeated group or list, numbered from 1 on the wire.
    Each,
    /// A literal index written in the docs (`Filter.1.Key`): stays what it is.
    Literal(u32),
}

/// The type of one scalar value, from the doc's Type column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalarType {
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    /// Any JSON value: a ROA body member the docs type `Map` or `Object` without listing its
    /// members (`"esConfig": {"thread_pool.bulk.queue_size": 500}`).
    Json,
}

/// One response field; structs and arrays carry their children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The JSON key (`InstanceIdSets`).
    pub name: String,
    /// The Type cell as written (`Array of Instance`, `Struct`, `String`, empty).
    pub doc_type: String,
    pub shape: FieldShape,
    pub example: Option<String>,
    pub description: Text,
    /// 1-based line of the row in the page (provenance: `gen` writes it beside the IR, not in it).
    #[serde(default)]
    pub line: usize,
    /// Whether the value is a secret, as for [`Param::secret`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Fact>,
}

/// How a response field appears in the service's JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FieldShape {
    Scalar {
        ty: ScalarType,
    },
    /// A list of scalars. `wrapper` is the inner key when the JSON wraps the list
    /// (`"InstanceIdSets": {"InstanceIdSet": [...]}`), `None` for a bare array.
    ScalarList {
        ty: ScalarType,
        wrapper: Option<String>,
    },
    /// A nested object.
    Struct {
        fields: Vec<Field>,
    },
    /// A list of objects (`Array of Instance`): `"Instances": {"Instance": [{...}]}` when
    /// `wrapper` is `Some("Instance")`, a bare array when `None`.
    Array {
        item: String,
        wrapper: Option<String>,
        fields: Vec<Field>,
    },
}

/// The page's own examples.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Examples {
    /// The sample request's query pairs in order, `<Common request parameters>` left out.
    pub request: Vec<QueryPair>,
    /// The successful JSON response sample, as written.
    pub json_response: Option<String>,
    /// The successful XML response sample, as written.
    pub xml_response: Option<String>,
    /// Examples the docs get wrong, each with the reason (from `spec/doc-example-findings.toml`):
    /// the crate's doc-example test expects these checks to fail, and no others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<ExampleFinding>,
}

/// Which of a page's examples a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleKind {
    SampleRequest,
    JsonResponse,
    XmlResponse,
    ErrorCodes,
    /// An example the OpenAPI document leaves out because it does not fit its schema there (the
    /// JSON response sample, a parameter's or a response field's example; JSON Schema's strict
    /// types): `fails` is a part of its `x-alibaba-example-omitted` message.
    OpenapiExample,
    /// A request parameter's example or documented default that breaks the parameter's own
    /// enforced rule or type (`constraints::check_examples`): `fails` is a part of
    /// "<example|default> `<value>` of <parameter>: <message>".
    ParameterValue,
}

/// A check of a page's example that fails because the docs are wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleFinding {
    pub example: ExampleKind,
    /// A part of the failing check's message that identifies it.
    pub fails: String,
    /// Why the docs are wrong, as reviewed.
    pub reason: String,
}

/// One `key=value` pair of a query string (not percent-decoded beyond what the doc shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryPair {
    pub key: String,
    pub value: String,
}

/// One row of the error-code table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRow {
    /// HTTP status; `None` when the cell is empty or not a number.
    pub status: Option<u16>,
    /// The error code as written (`InvalidVPC.NotFound`, typos kept: `Forbbiden`).
    pub code: String,
    pub message: String,
    pub description: String,
    #[serde(default)]
    pub line: usize,
}

impl ErrorRow {
    /// What a code's docs show of it: its message, or its description when the page gives no
    /// message (ECS `DescribeSnapshots`' `InvalidFilterKey.NotFound` has an empty message cell).
    pub fn shown_message(&self) -> &str {
        match self.message.trim() {
            "" => self.description.trim(),
            message => message,
        }
    }
}

/// A rule read from the docs' prose, with provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Constraint {
    pub rule: Rule,
    /// The doc sentence the rule was read from, verbatim (or the override's reason).
    pub source: String,
    /// Whether generated validators enforce the rule.
    pub enforcement: Enforcement,
}

/// Whether a rule is enforced, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "reason")]
pub enum Enforcement {
    Enforced,
    /// Read with doubt, or disabled by `spec/overrides.toml`: kept for review, never checked.
    Unenforced(String),
}

/// A documented closed value with its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumValue {
    pub value: String,
    pub meaning: String,
}

/// The rules the generator understands. Single-field rules live on [`Param::constraints`],
/// cross-field rules on [`Api::cross_field`]; parameters are named by wire name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Rule {
    /// String length in characters.
    Length { min: Option<u64>, max: Option<u64> },
    /// Numeric range, inclusive.
    Range { min: Option<f64>, max: Option<f64> },
    /// A closed set of values ("Valid values:" lists).
    OneOf { values: Vec<EnumValue> },
    /// How many items the `.N` index may number, inclusive.
    RepeatCount { min: u32, max: u32 },
    /// The first character must be a letter.
    StartsWithLetter,
    /// Only these character classes or characters are allowed.
    AllowedChars { classes: Vec<CharClass>, extra: String },
    /// Must not start with any of these (case-insensitive where the docs say so).
    ForbiddenPrefixes { prefixes: Vec<String> },
    /// Must not contain any of these.
    ForbiddenSubstrings { substrings: Vec<String> },
    /// Must not start or end with any of these characters.
    NoLeadingOrTrailing { chars: String },
    /// Must not contain two of these characters in a row.
    NoConsecutive { chars: String },
    /// A documented format.
    Format { format: Format },
    /// The documented default.
    Default { value: String },
    /// Cross-field: at most one of these may be set.
    MutuallyExclusive { params: Vec<String> },
    /// Cross-field: when `when` is set (to `value`, if given), `then` must be unset.
    ForbiddenWith { when: String, value: Option<String>, then: String },
    /// Cross-field: when `when` is set (to `when_value`, if given), `then` may only be one of `values`.
    RestrictedWith { when: String, when_value: Option<String>, then: String, values: Vec<String> },
    /// Cross-field: `param` may only be set together with `depends_on`.
    DependsOn { param: String, depends_on: String },
    /// Cross-field: `param` is required unless one of `unless` is set.
    RequiredUnless { param: String, unless: Vec<String> },
    /// Cross-field: `param`'s allowed values depend on the value of `on`.
    OneOfBy { param: String, on: String, cases: Vec<ValueCase> },
    /// Cross-field: `param`'s numeric range depends on the value of `on`.
    RangeBy { param: String, on: String, cases: Vec<RangeCase> },
}

impl Rule {
    /// The rule's kind as its serde tag spells it (`one_of`, `range_by`, …): what overrides select
    /// by and what diff compares like with like.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Length { .. } => "length",
            Rule::Range { .. } => "range",
            Rule::OneOf { .. } => "one_of",
            Rule::RepeatCount { .. } => "repeat_count",
            Rule::StartsWithLetter => "starts_with_letter",
            Rule::AllowedChars { .. } => "allowed_chars",
            Rule::ForbiddenPrefixes { .. } => "forbidden_prefixes",
            Rule::ForbiddenSubstrings { .. } => "forbidden_substrings",
            Rule::NoLeadingOrTrailing { .. } => "no_leading_or_trailing",
            Rule::NoConsecutive { .. } => "no_consecutive",
            Rule::Format { .. } => "format",
            Rule::Default { .. } => "default",
            Rule::MutuallyExclusive { .. } => "mutually_exclusive",
            Rule::ForbiddenWith { .. } => "forbidden_with",
            Rule::RestrictedWith { .. } => "restricted_with",
            Rule::DependsOn { .. } => "depends_on",
            Rule::RequiredUnless { .. } => "required_unless",
            Rule::OneOfBy { .. } => "one_of_by",
            Rule::RangeBy { .. } => "range_by",
        }
    }
}

/// A character class in [`Rule::AllowedChars`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharClass {
    Upper,
    Lower,
    Digit,
    /// Any Unicode letter (the docs' "Chinese characters").
    Letter,
}

/// A documented value format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Format {
    /// Base64, with the decoded size limit in bytes if given.
    Base64 { max_bytes: Option<u64> },
    /// `yyyy-MM-ddTHH:mm:ssZ` (or `yyyy-MM-ddTHH:mmZ` when the docs say so).
    Iso8601 { pattern: String },
    /// ASCII characters only.
    Ascii,
}

/// One case of [`Rule::OneOfBy`]: when `on` is `when`, the values allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueCase {
    pub when: String,
    pub values: Vec<String>,
}

/// One case of [`Rule::RangeBy`]: when `on` is `when`, the range allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RangeCase {
    pub when: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl ScalarType {
    /// Reads a doc Type cell; `None` for types that are not a scalar (`Struct`, `Array of X`, unknown).
    pub fn from_doc(doc_type: &str) -> Option<Self> {
        let t = doc_type.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "string" | "repeatlist" => Self::String,
            "integer" | "int" => Self::Integer,
            "long" => Self::Long,
            "float" => Self::Float,
            "double" => Self::Double,
            "boolean" | "bool" => Self::Boolean,
            _ => return None,
        })
    }
}
