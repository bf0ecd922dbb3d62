//! Paginators: an async stream of pages (and of items, where the list is clear) for operations
//! that page with `PageNumber`/`PageSize` and a `TotalCount`, or with `NextToken`/`MaxResults`.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};
use serde_json::Value;

use crate::client::{CallOptions, Client};
use crate::error::Error;
use crate::operation::Operation;

/// How an operation pages; names are wire names, the same in request and response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// Pages numbered from 1; the last page is reached when `PageNumber × PageSize ≥ TotalCount`.
    PageNumber {
        /// The page asked for and answered (`PageNumber`).
        page_number: &'static str,
        /// The items a page holds (`PageSize`).
        page_size: &'static str,
        /// The response's count of all items (`TotalCount`).
        total_count: &'static str,
    },
    /// Each answer's `NextToken` asks for the next page; an empty (or repeated) one ends the list.
    NextToken {
        /// The token a response gives and the next request sends (`NextToken`).
        next_token: &'static str,
        /// The items a page holds at most (`MaxResults`).
        max_results: &'static str,
    },
}

/// An operation with a paginator (generated where the docs show the paging parameters).
pub trait Paginated: Operation + Clone {
    /// The operation's paging parameters.
    const PAGING: Paging;
}

/// A paginated operation whose answer holds one clear list of items.
pub trait PaginatedItems: Paginated {
    /// One item of the list (an instance, a disk).
    type Item;
    /// The items of one page.
    fn items(response: Self::Response) -> Vec<Self::Item>;
}

/// A validated request pages as its request does.
impl<R: Paginated> Paginated for crate::Validated<R> {
    const PAGING: Paging = R::PAGING;
}

impl<R: PaginatedItems> PaginatedItems for crate::Validated<R> {
    type Item = R::Item;

    fn items(response: Self::Response) -> Vec<Self::Item> {
        R::items(response)
    }
}

/// A request with its own validation mode pages as its request does.
impl<R: Paginated> Paginated for crate::WithValidation<R> {
    const PAGING: Paging = R::PAGING;
}

impl<R: PaginatedItems> PaginatedItems for crate::WithValidation<R> {
    type Item = R::Item;

    fn items(response: Self::Response) -> Vec<Self::Item> {
        R::items(response)
    }
}

/// A generated operation's paginator, in the generated crate's `client.rs` (its `crate::` is that
/// crate), under the operation's cargo feature: [`Paginated`] by its paging parameters
/// (`page_number` or `next_token`) and, when the answer holds one list, [`PaginatedItems`]:
/// `items Response field Item` (a struct of the operation's module), `items Response field
/// scalar String` (a type in scope: `String`, `i32`, `i64`, `f64`, `bool`) or `items Response
/// field json` (JSON values).
///
/// `paginated!("describe_disks" describe_disks DescribeDisksRequest next_token; items
/// DescribeDisksResponse disks Disk);`
#[doc(hidden)]
#[macro_export]
// `crate::` is meant: the generated crate, whose modules hold the request and response types.
#[allow(clippy::crate_in_macro_def)]
macro_rules! paginated {
    ($feature:literal $module:ident $request:ident page_number $(; $($items:tt)*)?) => {
        $crate::paginated!(@paging $feature $module $request PageNumber {
            page_number: "PageNumber",
            page_size: "PageSize",
            total_count: "TotalCount",
        });
        $($crate::paginated!(@items $feature $module $request $($items)*);)?
    };
    ($feature:literal $module:ident $request:ident next_token $(; $($items:tt)*)?) => {
        $crate::paginated!(@paging $feature $module $request NextToken {
            next_token: "NextToken",
            max_results: "MaxResults",
        });
        $($crate::paginated!(@items $feature $module $request $($items)*);)?
    };
    (@paging $feature:literal $module:ident $request:ident $style:ident $fields:tt) => {
        #[cfg(feature = $feature)]
        impl $crate::paginate::Paginated for crate::$module::$request {
            const PAGING: $crate::paginate::Paging = $crate::paginate::Paging::$style $fields;
        }
    };
    (@items $feature:literal $module:ident $request:ident items $response:ident $field:ident json) => {
        $crate::paginated!(@items_of $feature $module $request $response $field $crate::JsonValue);
    };
    (@items $feature:literal $module:ident $request:ident items $response:ident $field:ident scalar $item:ident) => {
        $crate::paginated!(@items_of $feature $module $request $response $field $item);
    };
    (@items $feature:literal $module:ident $request:ident items $response:ident $field:ident $item:ident) => {
        $crate::paginated!(@items_of $feature $module $request $response $field crate::$module::$item);
    };
    (@items_of $feature:literal $module:ident $request:ident $response:ident $field:ident $item:ty) => {
        #[cfg(feature = $feature)]
        impl $crate::paginate::PaginatedItems for crate::$module::$request {
            type Item = $item;
            #[inline]
            fn items(response: crate::$module::$response) -> ::std::vec::Vec<Self::Item> {
                response.$field
            }
        }
    };
}

type BoxStream<T> = Pin<Box<dyn Stream<Item = T> + Send>>;

/// The pages of a call, fetched one at a time as the stream is polled; an error ends the stream.
pub struct Pages<O: Operation> {
    inner: BoxStream<Result<O::Response, Error<O::Error>>>,
}

/// The items of every page, in order; an error ends the stream.
pub struct Items<O: PaginatedItems> {
    inner: BoxStream<Result<O::Item, Error<O::Error>>>,
}

impl<O: Operation> Pages<O> {
    /// The next page, `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<O::Response, Error<O::Error>>> {
        self.inner.next().await
    }
}

impl<O: PaginatedItems> Items<O> {
    /// The next item, `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<O::Item, Error<O::Error>>> {
        self.inner.next().await
    }
}

impl<O: Operation> Stream for Pages<O> {
    type Item = Result<O::Response, Error<O::Error>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<O: PaginatedItems> Stream for Items<O> {
    type Item = Result<O::Item, Error<O::Error>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cursor {
    First,
    Page(u64),
    Token(String),
    Done,
}

/// A JSON number or numeric string.
fn number(json: &Value, key: &str) -> Option<u64> {
    match json.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn wire_number(pairs: &[(String, String)], key: &str) -> Option<u64> {
    pairs.iter().find(|(name, _)| name == key).and_then(|(_, value)| value.trim().parse().ok())
}

/// The cursor after a page answered with `json`, asked at `cursor`.
fn next_cursor(paging: Paging, request: &[(String, String)], json: &Value, cursor: &Cursor) -> Cursor {
    match paging {
        Paging::PageNumber { page_number, page_size, total_count } => {
            let asked = match cursor {
                Cursor::Page(page) => Some(*page),
                _ => wire_number(request, page_number),
            };
            let page = number(json, page_number).or(asked).unwrap_or(1);
            let size = number(json, page_size).or_else(|| wire_number(request, page_size));
            match (size, number(json, total_count)) {
                (Some(size), Some(total)) if size > 0 && page.saturating_mul(size) < total => {
                    Cursor::Page(page + 1)
                }
                _ => Cursor::Done,
            }
        }
        Paging::NextToken { next_token, .. } => match json.get(next_token).and_then(Value::as_str) {
            Some(token) if !token.is_empty() && *cursor != Cursor::Token(token.to_owned()) => {
                Cursor::Token(token.to_owned())
            }
            _ => Cursor::Done,
        },
    }
}

impl Client {
    /// Every page of `request`'s answer; the first page is the one the request asks for.
    pub fn pages<O>(&self, request: O) -> Pages<O>
    where
        O: Paginated + Send + Sync + 'static,
        O::Response: Send + 'static,
        O::Error: Send + 'static,
    {
        self.pages_with(request, CallOptions::default())
    }

    /// [`Client::pages`] with per-call overrides for each page's call.
    pub fn pages_with<O>(&self, request: O, options: CallOptions) -> Pages<O>
    where
        O: Paginated + Send + Sync + 'static,
        O::Response: Send + 'static,
        O::Error: Send + 'static,
    {
        let wire = request.to_query_pairs().to_vec();
        let state = (self.clone(), request, options, wire, Cursor::First);
        let inner = stream::unfold(state, |(client, request, options, wire, cursor)| async move {
            let overrides: Vec<(&str, String)> = match (&cursor, O::PAGING) {
                (Cursor::Done, _) => return None,
                (Cursor::First, _) => Vec::new(),
                (Cursor::Page(page), Paging::PageNumber { page_number, .. }) => {
                    vec![(page_number, page.to_string())]
                }
                (Cursor::Token(token), Paging::NextToken { next_token, .. }) => {
                    vec![(next_token, token.clone())]
                }
                _ => return None,
            };
            match client.call(&request, &options, &overrides).await {
                Ok((response, json)) => {
                    let next = next_cursor(O::PAGING, &wire, &json, &cursor);
                    Some((Ok(response), (client, request, options, wire, next)))
                }
                Err(error) => Some((Err(error), (client, request, options, wire, Cursor::Done))),
            }
        });
        Pages { inner: Box::pin(inner) }
    }

    /// Every item of every page, in order.
    pub fn items<O>(&self, request: O) -> Items<O>
    where
        O: PaginatedItems + Send + Sync + 'static,
        O::Response: Send + 'static,
        O::Error: Send + 'static,
        O::Item: Send + 'static,
    {
        let pages = self.pages(request);
        let inner = pages.flat_map(|page| {
            let items: Vec<Result<O::Item, Error<O::Error>>> = match page {
                Ok(response) => O::items(response).into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            stream::iter(items)
        });
        Items { inner: Box::pin(inner) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERED: Paging =
        Paging::PageNumber { page_number: "PageNumber", page_size: "PageSize", total_count: "TotalCount" };
    const TOKENS: Paging = Paging::NextToken { next_token: "NextToken", max_results: "MaxResults" };

    #[test]
    fn page_numbers_advance_until_the_total_is_reached() {
        let request = vec![("PageSize".to_owned(), "10".to_owned())];
        let page = |n: u64, total: &str| serde_json::json!({"PageNumber": n, "TotalCount": total});
        assert_eq!(next_cursor(NUMBERED, &request, &page(1, "25"), &Cursor::First), Cursor::Page(2));
        assert_eq!(next_cursor(NUMBERED, &request, &page(2, "25"), &Cursor::Page(2)), Cursor::Page(3));
        assert_eq!(next_cursor(NUMBERED, &request, &page(3, "25"), &Cursor::Page(3)), Cursor::Done);
        assert_eq!(
            next_cursor(NUMBERED, &request, &serde_json::json!({"PageSize": 5}), &Cursor::First),
            Cursor::Done
        );
    }

    #[test]
    fn tokens_advance_until_empty_or_repeated() {
        let with = |token: &str| serde_json::json!({"NextToken": token});
        assert_eq!(next_cursor(TOKENS, &[], &with("t2"), &Cursor::First), Cursor::Token("t2".into()));
        assert_eq!(next_cursor(TOKENS, &[], &with("t2"), &Cursor::Token("t2".into())), Cursor::Done);
        assert_eq!(next_cursor(TOKENS, &[], &with(""), &Cursor::Token("t2".into())), Cursor::Done);
        assert_eq!(next_cursor(TOKENS, &[], &serde_json::json!({}), &Cursor::First), Cursor::Done);
    }
}
