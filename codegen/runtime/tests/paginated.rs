//! `paginated!`, invoked as a generated `client.rs` invokes it (its `crate::` naming the invoking
//! crate's modules), in each of its forms: page numbers or tokens; no items, a struct's list, a
//! scalar list and a list of JSON values; and a feature that is off.
#![cfg(feature = "client")]
// `no_such_feature` below is a feature no build of this crate has, on purpose.
#![allow(unexpected_cfgs)]

mod support;

use alibabacloud_runtime::paginate::{Paginated, PaginatedItems, Paging};
use alibabacloud_runtime::JsonValue;

/// Stands for a generated API module: its request types and their responses.
mod things {
    use alibabacloud_runtime::operation::Operation;
    use alibabacloud_runtime::query::QueryPairs;

    pub use crate::support::fake_api::FakeError;

    #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
    pub struct Thing {
        pub id: String,
    }

    #[derive(Debug, Default, serde::Deserialize)]
    pub struct ThingsResponse {
        pub things: Vec<Thing>,
        pub names: Vec<String>,
        pub raw: Vec<alibabacloud_runtime::JsonValue>,
    }

    /// Requests of each form, alike but for their names.
    macro_rules! requests {
        ($($name:ident)*) => {$(
            #[derive(Debug, Clone, Default)]
            pub struct $name;

            impl Operation for $name {
                const ACTION: &'static str = stringify!($name);
                const VERSION: &'static str = "2014-05-26";
                const IDEMPOTENT: bool = false;
                type Response = ThingsResponse;
                type Error = FakeError;

                fn to_query_pairs(&self) -> QueryPairs {
                    QueryPairs::default()
                }
            }
        )*};
    }
    requests!(NumberedRequest StructsRequest NamesRequest RawRequest OffRequest);
}

alibabacloud_runtime::paginated!("client" things NumberedRequest page_number);
alibabacloud_runtime::paginated!("client" things StructsRequest next_token; items ThingsResponse things Thing);
alibabacloud_runtime::paginated!("client" things NamesRequest page_number; items ThingsResponse names scalar String);
alibabacloud_runtime::paginated!("client" things RawRequest next_token; items ThingsResponse raw json);
// A feature this crate does not have: no impl, so `OffRequest` is not `Paginated` (below).
alibabacloud_runtime::paginated!("no_such_feature" things OffRequest page_number; items ThingsResponse names scalar String);

fn response() -> things::ThingsResponse {
    things::ThingsResponse {
        things: vec![things::Thing { id: "i-1".into() }],
        names: vec!["a".into(), "b".into()],
        raw: vec![serde_json::json!({"k": 1})],
    }
}

#[test]
fn each_form_pages_as_written() {
    let numbered =
        Paging::PageNumber { page_number: "PageNumber", page_size: "PageSize", total_count: "TotalCount" };
    let tokens = Paging::NextToken { next_token: "NextToken", max_results: "MaxResults" };
    assert_eq!(format!("{:?}", things::NumberedRequest::PAGING), format!("{numbered:?}"));
    assert_eq!(format!("{:?}", things::StructsRequest::PAGING), format!("{tokens:?}"));
    assert_eq!(format!("{:?}", things::NamesRequest::PAGING), format!("{numbered:?}"));
    assert_eq!(format!("{:?}", things::RawRequest::PAGING), format!("{tokens:?}"));
}

#[test]
fn each_form_reads_its_list() {
    assert_eq!(things::StructsRequest::items(response()), vec![things::Thing { id: "i-1".into() }]);
    assert_eq!(things::NamesRequest::items(response()), vec!["a".to_owned(), "b".to_owned()]);
    let raw: Vec<JsonValue> = things::RawRequest::items(response());
    assert_eq!(raw, vec![serde_json::json!({"k": 1})]);
}

/// `Paginated` for `T`, if it is one (autoref specialization: the inherent-looking method of the
/// trait impl wins over the blanket fallback).
struct Probe<T>(std::marker::PhantomData<T>);
trait IsPaginated {
    fn paginated(&self) -> bool {
        true
    }
}
impl<T: Paginated> IsPaginated for Probe<T> {}
trait NotPaginated {
    fn paginated(&self) -> bool {
        false
    }
}
impl<T> NotPaginated for &Probe<T> {}

#[test]
fn a_feature_that_is_off_makes_no_impl() {
    assert!(Probe::<things::NumberedRequest>(std::marker::PhantomData).paginated());
    assert!(!(&Probe::<things::OffRequest>(std::marker::PhantomData)).paginated());
}
