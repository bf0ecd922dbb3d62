//! Hand-written request, response and error types shaped like generated ones, for fake operations.

use std::fmt;

use alibabacloud_runtime::endpoint::ProductEndpoints;
use alibabacloud_runtime::operation::{ErrorBody, Operation};
#[cfg(feature = "client")]
use alibabacloud_runtime::paginate::{Paginated, PaginatedItems, Paging};
use alibabacloud_runtime::query::QueryPairs;
use alibabacloud_runtime::rules::Rule;
use alibabacloud_runtime::secret::Secret;
use alibabacloud_runtime::validation::{ValidationErrors, Violation};
use alibabacloud_runtime::ProvideErrorMetadata;

/// The fake product's endpoint data.
pub static ENDPOINTS: ProductEndpoints = ProductEndpoints {
    product: "Fake",
    central: "fake.aliyuncs.com",
    regional: &[("cn-hangzhou", "fake.cn-hangzhou.aliyuncs.com")],
    vpc: &[("cn-hangzhou", "fake-vpc.cn-hangzhou.aliyuncs.com")],
    patterns: &[],
};

/// A read-only call. Not idempotent by the IR rule (no `ClientToken`): 5xx and timeouts are not
/// retried, throttling and connection failures before sending are.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeThingsRequest {
    pub region_id: String,
    pub names: Vec<String>,
    /// Sent as repeated `Tag` keys, to check signing of repeated keys.
    pub tags: Vec<String>,
    pub page_size: Option<u32>,
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeThingsResponse {
    pub request_id: String,
    #[serde(default)]
    pub total_count: i64,
    #[serde(default)]
    pub things: Vec<String>,
}

impl Operation for DescribeThingsRequest {
    const ACTION: &'static str = "DescribeThings";
    const VERSION: &'static str = "2014-05-26";
    const IDEMPOTENT: bool = false;
    type Response = DescribeThingsResponse;
    type Error = FakeError;

    fn to_query_pairs(&self) -> QueryPairs {
        let mut pairs = vec![("Action".to_owned(), Self::ACTION.to_owned())];
        if !self.region_id.is_empty() {
            pairs.push(("RegionId".to_owned(), self.region_id.clone()));
        }
        for (index, name) in self.names.iter().enumerate() {
            pairs.push((format!("Name.{}", index + 1), name.clone()));
        }
        for tag in &self.tags {
            pairs.push(("Tag".to_owned(), tag.clone()));
        }
        if let Some(size) = self.page_size {
            pairs.push(("PageSize".to_owned(), size.to_string()));
        }
        if let Some(token) = &self.next_token {
            pairs.push(("NextToken".to_owned(), token.clone()));
        }
        pairs.into_iter().collect()
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let rule = Rule::Length { min: Some(1), max: Some(8) };
        let errors: ValidationErrors = self
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                let message = rule.check(name, false).err()?;
                let source = "Each name must be 1 to 8 characters in length.";
                Some(Violation { path: format!("Name.{}", i + 1), message, source })
            })
            .collect();
        errors.into_result()
    }
}

#[cfg(feature = "client")]
impl Paginated for DescribeThingsRequest {
    const PAGING: Paging = Paging::NextToken { next_token: "NextToken", max_results: "MaxResults" };
}

#[cfg(feature = "client")]
impl PaginatedItems for DescribeThingsRequest {
    type Item = String;

    fn items(response: DescribeThingsResponse) -> Vec<String> {
        response.things
    }
}

/// A paged read with page numbers.
#[derive(Debug, Clone, Default)]
pub struct ListPagesRequest {
    pub region_id: String,
    pub page_size: u32,
}

impl Operation for ListPagesRequest {
    const ACTION: &'static str = "ListPages";
    const VERSION: &'static str = "2014-05-26";
    const IDEMPOTENT: bool = false;
    type Response = DescribeThingsResponse;
    type Error = FakeError;

    fn to_query_pairs(&self) -> QueryPairs {
        vec![
            ("Action".to_owned(), Self::ACTION.to_owned()),
            ("RegionId".to_owned(), self.region_id.clone()),
            ("PageSize".to_owned(), self.page_size.to_string()),
        ]
        .into_iter()
        .collect()
    }
}

#[cfg(feature = "client")]
impl Paginated for ListPagesRequest {
    const PAGING: Paging =
        Paging::PageNumber { page_number: "PageNumber", page_size: "PageSize", total_count: "TotalCount" };
}

#[cfg(feature = "client")]
impl PaginatedItems for ListPagesRequest {
    type Item = String;

    fn items(response: DescribeThingsResponse) -> Vec<String> {
        response.things
    }
}

/// A call that creates something: documents a `ClientToken`, so it is idempotent with one and the
/// client fills one in.
#[derive(Debug, Clone, Default)]
pub struct CreateThingRequest {
    pub region_id: String,
    pub password: Option<Secret>,
    pub client_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateThingResponse {
    pub request_id: String,
    pub thing_id: String,
}

impl Operation for CreateThingRequest {
    const ACTION: &'static str = "CreateThing";
    const VERSION: &'static str = "2014-05-26";
    const IDEMPOTENT: bool = true;
    const CLIENT_TOKEN: Option<&'static str> = Some("ClientToken");
    type Response = CreateThingResponse;
    type Error = FakeError;

    fn to_query_pairs(&self) -> QueryPairs {
        let mut pairs = vec![
            ("Action".to_owned(), Self::ACTION.to_owned()),
            ("RegionId".to_owned(), self.region_id.clone()),
        ];
        if let Some(password) = &self.password {
            pairs.push(("Password".to_owned(), password.expose().to_owned()));
        }
        if let Some(token) = &self.client_token {
            pairs.push(("ClientToken".to_owned(), token.clone()));
        }
        pairs.into_iter().collect()
    }
}

/// A call that changes something and has no token: retried only when it surely did not reach the
/// service (throttled, or no connection made).
#[derive(Debug, Clone, Default)]
pub struct DeleteThingRequest {
    pub region_id: String,
    pub thing_id: String,
}

impl Operation for DeleteThingRequest {
    const ACTION: &'static str = "DeleteThing";
    const VERSION: &'static str = "2014-05-26";
    const IDEMPOTENT: bool = false;
    type Response = CreateThingResponse;
    type Error = FakeError;

    fn to_query_pairs(&self) -> QueryPairs {
        vec![
            ("Action".to_owned(), Self::ACTION.to_owned()),
            ("RegionId".to_owned(), self.region_id.clone()),
            ("ThingId".to_owned(), self.thing_id.clone()),
        ]
        .into_iter()
        .collect()
    }
}

/// An error enum shaped like a generated one: documented codes, then everything else.
#[derive(Debug, Clone, PartialEq)]
pub enum FakeError {
    InvalidParameter(ErrorBody),
    ThingNotFound(ErrorBody),
    Throttling(ErrorBody),
    Unknown(ErrorBody),
}

impl FakeError {
    pub fn body(&self) -> &ErrorBody {
        match self {
            FakeError::InvalidParameter(body)
            | FakeError::ThingNotFound(body)
            | FakeError::Throttling(body)
            | FakeError::Unknown(body) => body,
        }
    }
}

impl From<ErrorBody> for FakeError {
    fn from(body: ErrorBody) -> Self {
        match body.code.as_str() {
            "InvalidParameter" => FakeError::InvalidParameter(body),
            "InvalidThingId.NotFound" => FakeError::ThingNotFound(body),
            "Throttling" => FakeError::Throttling(body),
            _ => FakeError::Unknown(body),
        }
    }
}

impl fmt::Display for FakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self.body();
        write!(f, "{}: {}", body.code, body.message)
    }
}

impl std::error::Error for FakeError {}

impl ProvideErrorMetadata for FakeError {
    fn body(&self) -> &ErrorBody {
        FakeError::body(self)
    }
}
