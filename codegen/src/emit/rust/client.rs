//! What only the client needs from the generated crate: the endpoint table (`src/endpoints.rs`),
//! each operation's retry constants, and `src/client.rs` (the product's `Client`, its blocking twin,
//! and the paginators).
//!
//! Read from the IR: an API is safe to send again after the service may have seen it when the IR
//! says it only reads (`Api::idempotent`) or names its client token (`Api::client_token`, which the
//! client fills in when unset; the ECS guide "How to ensure idempotence"); nothing is guessed from
//! operation names (`facts::idempotence`, `facts::client_token`).
//!
//! Decided here from the IR, until the IR states it itself:
//! - an API pages ([`pagination`]) with `NextToken` when both its request and its response document
//!   one, else with `PageNumber` when its request documents `PageNumber` and `PageSize` and its
//!   response a `TotalCount`; its items are streamed when the response has exactly one top-level list.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{self, FieldShape, ScalarType};

use super::names::ident;
use super::render::RustTokens;
use super::response_model::{ResponseKind, ResponseModel};
use super::CrateApi;

/// How an API pages, as the paginator needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub style: PagingStyle,
    /// The JSON key of the one top-level list of the response, when there is exactly one.
    pub items: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingStyle {
    NextToken,
    PageNumber,
}

/// The API's paginator, or why it has none (for `docs/runtime.md` and the tests).
pub fn pagination(api: &ir::Api) -> Result<Pagination, &'static str> {
    let requests = |name: &str| api.request.iter().any(|p| p.wire_name == name);
    let answers = |name: &str| api.response.iter().any(|f| f.name == name);
    let style = if requests("NextToken") && answers("NextToken") {
        PagingStyle::NextToken
    } else if requests("PageNumber") && requests("PageSize") && answers("TotalCount") {
        PagingStyle::PageNumber
    } else if requests("NextToken") {
        return Err("the request takes NextToken but the response documents none");
    } else if requests("PageNumber") && requests("PageSize") {
        return Err("the response documents no TotalCount to know the last page by");
    } else if requests("PageNumber") || requests("PageSize") || requests("MaxResults") {
        return Err("the request documents only part of a paging pair");
    } else {
        return Err("no paging parameters");
    };
    let lists: Vec<&ir::Field> = api
        .response
        .iter()
        .filter(|f| matches!(f.shape, FieldShape::Array { .. } | FieldShape::ScalarList { .. }))
        .collect();
    let items = match lists.as_slice() {
        [one] => Some(one.name.clone()),
        _ => None,
    };
    Ok(Pagination { style, items })
}

/// The wire name of the API's idempotency token: the IR's `client_token`.
pub fn client_token_param(api: &ir::Api) -> Option<&str> {
    api.client_token.as_ref().map(|t| t.param.as_str())
}

/// The API's idempotency for the runtime's `operation!`, from the IR's facts: `true` or `false`,
/// then `, client_token "Name"` when it documents a token.
pub fn operation_options(api: &ir::Api) -> TokenStream {
    let idempotent = api.idempotent.value || api.client_token.is_some();
    let token = client_token_param(api).map(|name| quote!(, client_token #name));
    quote!(#idempotent #token)
}

/// `src/endpoints.rs`: the product's endpoint data, as the docs give it.
pub fn endpoints_rs(meta: &ir::ProductMeta) -> TokenStream {
    let product = &meta.code;
    let central = meta.endpoints.central.as_deref().unwrap_or(meta.endpoint.as_str());
    let table = |map: &std::collections::BTreeMap<String, String>| {
        let rows = map.iter().map(|(region, host)| quote!((#region, #host)));
        quote!(&[ #( #rows ),* ])
    };
    let regional = table(&meta.endpoints.regional);
    let vpc = table(&meta.endpoints.vpc);
    let patterns = meta.endpoints.patterns.iter();
    let doc = format!(
        "The endpoint data of {} read from its docs: {} regional and {} VPC endpoints{}.",
        meta.code,
        meta.endpoints.regional.len(),
        meta.endpoints.vpc.len(),
        if central.is_empty() { String::new() } else { format!(", central `{central}`") }
    );
    quote! {
        //! Where the product's requests go, from the endpoint data in its docs.

        #[doc = #doc]
        pub static ENDPOINTS: crate::runtime::endpoint::ProductEndpoints = crate::runtime::endpoint::ProductEndpoints {
            product: #product,
            central: #central,
            regional: #regional,
            vpc: #vpc,
            patterns: &[ #( #patterns ),* ],
        };
    }
}

/// The items `src/lib.rs` declares for the client: the endpoint table, and the client module with
/// its `Client` (feature `client`).
pub fn lib_items() -> TokenStream {
    quote! {
        mod endpoints;
        pub use endpoints::ENDPOINTS;
        #[cfg(feature = "client")]
        mod client;
        #[cfg(feature = "client")]
        pub use client::Client;
        #[cfg(feature = "blocking")]
        pub use client::blocking;
    }
}

/// How to read a paginated API's items from its typed response: the response field and the item
/// type, as the response model names them (lists are `Vec`s, so a missing list is empty), in the
/// words of the runtime's `paginated!` (`field Item`, `field scalar String`, `field json`).
fn items_access(response: &ResponseModel, json_key: &str) -> Option<TokenStream> {
    let field = response.structs.first()?.fields.iter().find(|f| f.json_name == json_key)?;
    let name = ident(&field.rust_name);
    Some(match field.kind {
        ResponseKind::ScalarList(ScalarType::Json, _) => quote!(#name json),
        ResponseKind::ScalarList(ty, _) => {
            let ty = super::structs::scalar_type(ty);
            quote!(#name scalar #ty)
        }
        ResponseKind::StructList(i, _) => {
            let item = format_ident!("{}", response.structs[i].rust_name);
            quote!(#name #item)
        }
        ResponseKind::Scalar(_) | ResponseKind::Struct(_) => return None,
    })
}

/// `src/client.rs`: the product's async `Client` (and `blocking::Client`), and a paginator for each
/// API that pages. `responses[i]` is the response model of `product.apis[i]`.
pub fn client_rs(product: &ir::Product, apis: &[CrateApi], responses: &[&ResponseModel]) -> RustTokens {
    let name = &product.meta.name;
    let code = &product.meta.code;
    let mut paged = Vec::new();
    let mut paginators = Vec::new();
    for ((api, crate_api), response) in product.apis.iter().zip(apis).zip(responses) {
        let Ok(plan) = pagination(api) else { continue };
        let feature = &crate_api.module;
        let m = ident(&crate_api.module);
        let request = format_ident!("{}", crate_api.request_type);
        let response_name = format!("{}Response", crate_api.request_type.trim_end_matches("Request"));
        let paging = match plan.style {
            PagingStyle::NextToken => quote!(next_token),
            PagingStyle::PageNumber => quote!(page_number),
        };
        let access = plan.items.as_deref().and_then(|key| items_access(response, key));
        let items = access.as_ref().map(|access| {
            let response = format_ident!("{}", response_name);
            quote!(; items #response #access)
        });
        // One call of a runtime macro (written without syn) instead of the impls it makes.
        paginators.push(quote!(crate::runtime::paginated!(#feature #m #request #paging #items);));
        let items_note = match (&access, plan.items.as_deref()) {
            (Some(_), Some(key)) => format!(" and items (`{key}`)"),
            _ => String::new(),
        };
        let style = match plan.style {
            PagingStyle::NextToken => "`NextToken`",
            PagingStyle::PageNumber => "`PageNumber`",
        };
        paged.push(format!("- `{}`: {style}, pages{items_note}", api.name));
    }
    let doc = format!(
        "The async client for {name} (feature `client`): [`Client`] sends any of the crate's requests, \
         with the retries, idempotency tokens, region checks and tracing of `alibabacloud-runtime`.\n\n\
         Paginators ([`Client::pages`], [`Client::items`]) for the {} operations that page:\n\n{}",
        paged.len(),
        paged.join("\n")
    );
    let client_doc = format!(
        "Sends {code} requests. Built from a shared [`Config`](crate::runtime::Config) (region, credentials, \
         retries, transport): `Client::new(&Config::from_env()?)`; the endpoint comes from [`ENDPOINTS`](crate::ENDPOINTS) \
         for the config's region, or the config's explicit endpoint. Cheap to clone."
    );
    let mut file = RustTokens::with_inner_doc(&doc);
    file.push(quote! {
        use crate::runtime::client::CallOptions;
        use crate::runtime::paginate::{Items, Pages, Paginated, PaginatedItems};
        use crate::runtime::{Config, Error, Operation};

        #[doc = #client_doc]
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: crate::runtime::client::Client,
        }

        impl Client {
            /// A client for the config's region (or explicit endpoint).
            pub fn new(config: &Config) -> Result<Self, Error> {
                Ok(Client { inner: crate::runtime::client::Client::new(config, &crate::ENDPOINTS)? })
            }

            /// A client from [`Config::from_env`]: `ALIBABA_CLOUD_REGION_ID` and the default credential chain.
            pub fn from_env() -> Result<Self, Error> {
                Self::new(&Config::from_env()?)
            }

            /// Sends `request` and reads the typed answer.
            pub async fn send<O: Operation>(&self, request: &O) -> Result<O::Response, Error<O::Error>> {
                self.inner.send(request).await
            }

            /// [`Client::send`] with per-call retry and timeout overrides.
            pub async fn send_with<O: Operation>(
                &self,
                request: &O,
                options: &CallOptions,
            ) -> Result<O::Response, Error<O::Error>> {
                self.inner.send_with(request, options).await
            }

            /// Every page of the answer, as an async stream.
            pub fn pages<O>(&self, request: O) -> Pages<O>
            where
                O: Paginated + Send + Sync + 'static,
                O::Response: Send + 'static,
                O::Error: Send + 'static,
            {
                self.inner.pages(request)
            }

            /// Every item of every page, as an async stream.
            pub fn items<O>(&self, request: O) -> Items<O>
            where
                O: PaginatedItems + Send + Sync + 'static,
                O::Response: Send + 'static,
                O::Error: Send + 'static,
                O::Item: Send + 'static,
            {
                self.inner.items(request)
            }

            /// The runtime client underneath.
            pub fn as_runtime(&self) -> &crate::runtime::client::Client {
                &self.inner
            }
        }

        /// The blocking client (feature `blocking`): the same calls, each blocking its thread.
        #[cfg(feature = "blocking")]
        pub mod blocking {
            use crate::runtime::client::CallOptions;
            use crate::runtime::paginate::{Paginated, PaginatedItems};
            use crate::runtime::{Config, Error, Operation};

            /// Sends requests, blocking the calling thread; not for use inside an async runtime.
            #[derive(Clone, Debug)]
            pub struct Client {
                inner: crate::runtime::blocking::Client,
            }

            impl Client {
                /// A client for the config's region (or explicit endpoint), with a runtime of its own.
                pub fn new(config: &Config) -> Result<Self, Error> {
                    Ok(Client { inner: crate::runtime::blocking::Client::new(config, &crate::ENDPOINTS)? })
                }

                /// A client from [`Config::from_env`]: `ALIBABA_CLOUD_REGION_ID` and the default credential chain.
                pub fn from_env() -> Result<Self, Error> {
                    Self::new(&Config::from_env()?)
                }

                /// Sends `request` and reads the typed answer, blocking until it is in.
                pub fn send<O: Operation>(&self, request: &O) -> Result<O::Response, Error<O::Error>> {
                    self.inner.send(request)
                }

                /// [`Client::send`] with per-call retry and timeout overrides.
                pub fn send_with<O: Operation>(
                    &self,
                    request: &O,
                    options: &CallOptions,
                ) -> Result<O::Response, Error<O::Error>> {
                    self.inner.send_with(request, options)
                }

                /// Every page of the answer, each fetched as the iterator advances.
                pub fn pages<O>(&self, request: O) -> impl Iterator<Item = Result<O::Response, Error<O::Error>>>
                where
                    O: Paginated + Send + Sync + 'static,
                    O::Response: Send + 'static,
                    O::Error: Send + 'static,
                {
                    self.inner.pages(request)
                }

                /// Every item of every page, each page fetched as the iterator reaches it.
                pub fn items<O>(&self, request: O) -> impl Iterator<Item = Result<O::Item, Error<O::Error>>>
                where
                    O: PaginatedItems + Send + Sync + 'static,
                    O::Response: Send + 'static,
                    O::Error: Send + 'static,
                    O::Item: Send + 'static,
                {
                    self.inner.items(request)
                }
            }
        }
    });
    for paginator in paginators {
        file.push(paginator);
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &str) -> ir::Param {
        ir::Param {
            wire_name: name.to_owned(),
            path: vec![ir::Segment { name: name.to_owned(), index: ir::Index::None }],
            doc_type: "String".to_owned(),
            ty: ir::ScalarType::String,
            required: false,
            example: None,
            description: ir::Text::default(),
            position: Default::default(),
            position_from: Default::default(),
            line: 1,
            constraints: Vec::new(),
            secret: None,
        }
    }

    fn field(name: &str, shape: FieldShape) -> ir::Field {
        ir::Field {
            name: name.to_owned(),
            doc_type: String::new(),
            shape,
            example: None,
            description: ir::Text::default(),
            line: 1,
            secret: None,
        }
    }

    fn scalar(name: &str) -> ir::Field {
        field(name, FieldShape::Scalar { ty: ir::ScalarType::String })
    }

    fn list(name: &str) -> ir::Field {
        field(
            name,
            FieldShape::Array { item: "Thing".into(), wrapper: Some("Thing".into()), fields: Vec::new() },
        )
    }

    fn api(request: &[&str], response: Vec<ir::Field>) -> ir::Api {
        ir::Api {
            name: "DescribeThings".into(),
            request: request.iter().map(|p| param(p)).collect(),
            response,
            ..Default::default()
        }
    }

    #[test]
    fn paging_styles_and_the_reasons_for_none() {
        let tokens = api(
            &["NextToken", "MaxResults", "PageNumber", "PageSize"],
            vec![scalar("NextToken"), scalar("TotalCount"), list("Things")],
        );
        assert_eq!(
            pagination(&tokens),
            Ok(Pagination { style: PagingStyle::NextToken, items: Some("Things".into()) })
        );
        let numbers = api(&["PageNumber", "PageSize"], vec![scalar("TotalCount"), list("A"), list("B")]);
        assert_eq!(pagination(&numbers), Ok(Pagination { style: PagingStyle::PageNumber, items: None }));
        assert!(pagination(&api(&["PageNumber", "PageSize"], vec![list("A")]))
            .unwrap_err()
            .contains("TotalCount"));
        assert!(pagination(&api(&["NextToken"], vec![list("A")])).unwrap_err().contains("NextToken"));
        assert_eq!(pagination(&api(&["RegionId"], vec![])), Err("no paging parameters"));
    }

    #[test]
    fn the_irs_facts_make_an_api_idempotent_never_its_name() {
        let mut with = api(&["RegionId", "ClientToken"], vec![]);
        // A parameter named ClientToken is not a token until the IR says so (facts::client_token).
        assert_eq!(client_token_param(&with), None);
        assert_eq!(operation_options(&with).to_string(), "false");
        with.client_token = Some(ir::ClientToken {
            param: "ClientToken".into(),
            from: ir::FactSource::Description,
            why: "Ensures the idempotence of the request.".into(),
        });
        assert_eq!(client_token_param(&with), Some("ClientToken"));
        assert_eq!(operation_options(&with).to_string(), "true , client_token \"ClientToken\"");
        let mut reads = ir::Api { name: "CreateReport".into(), ..api(&["RegionId"], vec![]) };
        reads.idempotent =
            ir::Fact { value: true, from: ir::FactSource::Summary, why: "Queries reports.".into() };
        assert_eq!(operation_options(&reads).to_string(), "true");
        let named = ir::Api { name: "DescribeInstances".into(), ..api(&["RegionId"], vec![]) };
        assert_eq!(operation_options(&named).to_string(), "false", "no guess from the name");
    }

    #[test]
    fn items_are_read_from_the_response_model() {
        use crate::ir::{Api, Field, FieldShape, ScalarType, Text};
        let field = |name: &str, shape: FieldShape| Field {
            name: name.into(),
            doc_type: String::new(),
            shape,
            example: None,
            description: Text::default(),
            line: 0,
            secret: None,
        };
        let api = Api {
            name: "DescribeThings".into(),
            response: vec![
                field("NextToken", FieldShape::Scalar { ty: ScalarType::String }),
                field(
                    "Things",
                    FieldShape::Array {
                        item: "ThingInfo".into(),
                        wrapper: Some("ThingInfo".into()),
                        fields: vec![field("Id", FieldShape::Scalar { ty: ScalarType::String })],
                    },
                ),
                field("Names", FieldShape::ScalarList { ty: ScalarType::String, wrapper: None }),
            ],
            ..Default::default()
        };
        let mut namer = super::super::names::Namer::with_reserved(&["DescribeThingsResponse"]);
        let model = super::super::response_model::build(&api, "DescribeThingsResponse", &mut namer);
        let things = items_access(&model, "Things").expect("found");
        assert_eq!(things.to_string(), "things ThingInfo");
        let names = items_access(&model, "Names").expect("found");
        assert_eq!(names.to_string(), "names scalar String");
        assert!(items_access(&model, "NextToken").is_none(), "not a list");
        assert!(items_access(&model, "Missing").is_none());
    }
}
