//! Hand-written request, response and error types shaped like generated ones, for two fake operations.

use std::fmt;

use alibabacloud_runtime::operation::{ErrorBody, Operation};
use alibabacloud_runtime::query::QueryPairs;
use alibabacloud_runtime::rules::Rule;
use alibabacloud_runtime::secret::Secret;
use alibabacloud_runtime::validation::{ValidationErrors, Violation};

/// A read-only call: safe to retry.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeThingsRequest {
    pub region_id: String,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeThingsResponse {
    pub request_id: String,
    pub total_count: i64,
}

impl Operation for DescribeThingsRequest {
    const ACTION: &'static str = "DescribeThings";
    const VERSION: &'static str = "2014-05-26";
    const ENDPOINT: &'static str = "ecs.aliyuncs.com";
    const IDEMPOTENT: bool = true;
    type Response = DescribeThingsResponse;
    type Error = FakeError;

    fn to_query_pairs(&self) -> QueryPairs {
        let mut pairs = vec![
            ("Action".to_owned(), Self::ACTION.to_owned()),
            ("RegionId".to_owned(), self.region_id.clone()),
        ];
        for (index, name) in self.names.iter().enumerate() {
            pairs.push((format!("Name.{}", index + 1), name.clone()));
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

/// A call that creates something: retried only with a client token.
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
    const ENDPOINT: &'static str = "ecs.aliyuncs.com";
    const IDEMPOTENT: bool = false;
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

    fn client_token(&self) -> Option<&str> {
        self.client_token.as_deref()
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
            code if code.starts_with("Throttling") => FakeError::Throttling(body),
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
