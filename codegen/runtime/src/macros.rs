//! Items that every generated crate repeats by shape (accessors, setters, a request's operation facts
//! and builder name, code tables), written once here as macros the generated code invokes with names
//! only; the crate's one generic builder type (`request_builder!`); and its doc-example tests, one
//! line per API (`doc_example_tests!`).
//!
//! Each expands to what the generator used to write out (the same docs, `#[inline]` on every
//! non-generic function: compiled where it is called), less what needs no body per type: the builder
//! is one generic type, `Operation` one blanket impl (`operation.rs`), `Eq` a marker impl. The
//! generated files hold the names, types and strings that differ, and reviewers read those.

/// `fn get` and `fn get_mut` of an `impl Schema`, the fields by how they are reached:
/// `value index field, …;` then `group index field, …;` (optional groups) and
/// `groups index field, …;` (lists of groups), each section written only when it has fields. One
/// expansion, no nested macro calls: this runs once per struct of every generated crate.
#[doc(hidden)]
#[macro_export]
macro_rules! accessors {
    (
        $(value $($index:literal $field:ident),+;)?
        $(group $($group_index:literal $group:ident),+;)?
        $(groups $($groups_index:literal $groups:ident),+;)?
    ) => {
        #[inline]
        fn get(&self, index: usize) -> $crate::schema::View<'_> {
            match index {
                $($($index => $crate::schema::FieldValue::view(&self.$field),)+)?
                $($($group_index => $crate::schema::View::group(&self.$group),)+)?
                $($($groups_index => $crate::schema::View::groups(&self.$groups),)+)?
                _ => $crate::schema::View::Absent,
            }
        }

        #[inline]
        fn get_mut(&mut self, index: usize) -> $crate::schema::Slot<'_> {
            match index {
                $($($index => $crate::schema::FieldValue::slot(&mut self.$field),)+)?
                $($($group_index => $crate::schema::Slot::group(&mut self.$group),)+)?
                $($($groups_index => $crate::schema::Slot::groups(&mut self.$groups),)+)?
                // The runtime asks only for fields of the table.
                _ => ::core::unreachable!(),
            }
        }
    };
}

/// The setters of `Owner`'s fields (`builder Owner;` for the setters of its builder, which holds it
/// as `.0`), by what they take: `into field T, …;` take `impl Into<T>`, `value field T, …;` take
/// `T`, `each field T, …;` any iterable of `T` and `each_into field T, …;` any iterable of
/// `impl Into<T>`, each section written only when it has fields (in this order). One expansion per
/// invocation.
#[doc(hidden)]
#[macro_export]
macro_rules! setters {
    (
        builder $owner:ident;
        $(into $($into:ident $into_ty:ty),+;)?
        $(value $($field:ident $ty:ty),+;)?
        $(each $($each:ident $each_ty:ty),+;)?
        $(each_into $($each_into:ident $each_into_ty:ty),+;)?
    ) => {
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($into), "`].")]
            pub fn $into(mut self, value: impl ::core::convert::Into<$into_ty>) -> Self {
                self.0.$into = ::core::option::Option::Some(value.into());
                self
            }
        )+)?
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($field), "`].")]
            #[inline]
            pub fn $field(mut self, value: $ty) -> Self {
                self.0.$field = ::core::option::Option::Some(value);
                self
            }
        )+)?
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($each), "`].")]
            pub fn $each(mut self, value: impl ::core::iter::IntoIterator<Item = $each_ty>) -> Self {
                self.0.$each = value.into_iter().collect();
                self
            }
        )+)?
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($each_into), "`].")]
            pub fn $each_into(
                mut self,
                value: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<$each_into_ty>>,
            ) -> Self {
                self.0.$each_into = value.into_iter().map(::core::convert::Into::into).collect();
                self
            }
        )+)?
    };
    // The same for a struct's own fields (`self.field`): `self` cannot be handed from one expansion
    // to another (it is hygienic), so the two are written out.
    (
        $owner:ident;
        $(into $($into:ident $into_ty:ty),+;)?
        $(value $($field:ident $ty:ty),+;)?
        $(each $($each:ident $each_ty:ty),+;)?
        $(each_into $($each_into:ident $each_into_ty:ty),+;)?
    ) => {
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($into), "`].")]
            pub fn $into(mut self, value: impl ::core::convert::Into<$into_ty>) -> Self {
                self.$into = ::core::option::Option::Some(value.into());
                self
            }
        )+)?
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($field), "`].")]
            #[inline]
            pub fn $field(mut self, value: $ty) -> Self {
                self.$field = ::core::option::Option::Some(value);
                self
            }
        )+)?
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($each), "`].")]
            pub fn $each(mut self, value: impl ::core::iter::IntoIterator<Item = $each_ty>) -> Self {
                self.$each = value.into_iter().collect();
                self
            }
        )+)?
        $($(
            #[doc = concat!("Sets [`", stringify!($owner), "::", stringify!($each_into), "`].")]
            pub fn $each_into(
                mut self,
                value: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<$each_into_ty>>,
            ) -> Self {
                self.$each_into = value.into_iter().map(::core::convert::Into::into).collect();
                self
            }
        )+)?
    };
}

/// The generated crate's one builder type, `RequestBuilder<R>` (`build`, `build_unvalidated`),
/// written once at its root: each API's `<Api>RequestBuilder` is `RequestBuilder<<Api>Request>`
/// with the API's setters, so the builder's impls are compiled once, not once per API.
#[doc(hidden)]
#[macro_export]
macro_rules! request_builder {
    () => {
        /// Builds a request: start with the request's `builder` (`<Api>Request::builder`), set what
        /// you need, then [`build`](Self::build). Each API's module names its own
        /// (`<Api>RequestBuilder`), with that API's setters.
        #[derive(Debug, Clone)]
        #[must_use]
        pub struct RequestBuilder<R>(pub(crate) R);

        impl<R: $crate::Operation> RequestBuilder<R> {
            /// The finished request, checked against every rule the generator read from the docs
            /// ([`Operation::validate`](crate::runtime::Operation::validate)): every violation is
            /// reported at once.
            #[inline]
            pub fn build(self) -> ::core::result::Result<$crate::Validated<R>, $crate::ValidationErrors> {
                $crate::Validated::new(self.0)
            }

            /// The finished request, not checked: for when the docs lag the service (a value it
            /// accepts that the docs do not list yet).
            #[inline]
            pub fn build_unvalidated(self) -> R {
                self.0
            }
        }
    };
}

/// A request's builder (`<Api>RequestBuilder`, the crate's [`request_builder!`] for this
/// request) and its [`GeneratedOperation`](crate::operation::GeneratedOperation)
/// (hence `Operation`): `Request, Builder, Response, Error, "Action", "Version", idempotent`, then
/// `client_token "Name"` when the API documents one and `roa` for a RESTful API.
#[doc(hidden)]
#[macro_export]
// `crate::RequestBuilder` is meant: the invoking (generated) crate's builder type.
#[allow(clippy::crate_in_macro_def)]
macro_rules! operation {
    (
        $request:ident, $builder:ident, $response:ident, $error:ident, $action:literal,
        $version:literal, $idempotent:literal $(, $option:ident $($value:literal)?)* $(,)?
    ) => {
        #[doc = concat!(
            "Builds a [`", stringify!($request), "`]: start with [`", stringify!($request),
            "::builder`], set what you need, then [`build`](crate::RequestBuilder::build) (or \
            [`build_unvalidated`](crate::RequestBuilder::build_unvalidated))."
        )]
        pub type $builder = crate::RequestBuilder<$request>;

        impl $crate::operation::GeneratedOperation for $request {
            const ACTION: &'static str = $action;
            const VERSION: &'static str = $version;
            const IDEMPOTENT: bool = $idempotent;
            type Response = $response;
            type Error = $error;

            $($crate::operation!(@$option $($value)?);)*
        }
    };
    (@client_token $token:literal) => {
        const CLIENT_TOKEN: ::core::option::Option<&'static str> = ::core::option::Option::Some($token);
    };
    (@roa) => {
        #[inline]
        fn as_roa(
            &self,
            defaults: &[(&str, $crate::JsonValue)],
        ) -> ::core::option::Option<::core::result::Result<$crate::roa::Request, $crate::roa::RoaError>> {
            ::core::option::Option::Some($crate::roa::RoaOperation::roa_request_with(self, defaults))
        }
    };
}

/// `impl ErrorCodes for Codes`: `Codes; Variant "Code" Some(status), …` (`None` when the docs give
/// no status or several). An API's codes fall back to the invoking crate's `CommonErrorCode`;
/// `common Codes; …` are those common codes themselves. Also `impl Eq`, which the enum's derives
/// leave out: a marker impl has no body, where `derive(Eq)` writes one per enum (a check that
/// every field is `Eq`; a fieldless enum has none) for the compiler to type-check.
#[doc(hidden)]
#[macro_export]
// `crate::CommonErrorCode` is meant: the invoking (generated) crate's common codes.
#[allow(clippy::crate_in_macro_def)]
macro_rules! error_codes {
    (common $name:ident; $($rows:tt)*) => {
        $crate::error_codes!(@impl $name, $crate::NoCodes; $($rows)*);
    };
    ($name:ident; $($rows:tt)*) => {
        $crate::error_codes!(@impl $name, crate::CommonErrorCode; $($rows)*);
    };
    (@impl $name:ident, $common:path; $($variant:ident $code:literal $status:expr),* $(,)?) => {
        impl ::core::cmp::Eq for $name {}

        impl $crate::ErrorCodes for $name {
            const CODES: &'static [(Self, &'static str, ::core::option::Option<u16>)] =
                &[$((Self::$variant, $code, $status),)*];
            type Common = $common;
        }
    };
}

/// `impl ValueEnum` and the conversions of a value enum: `Name; Variant "value", …`. Also
/// `impl Eq`, as a marker impl without the body `derive(Eq)` writes (as [`error_codes!`] does;
/// `UnknownValue` is `Eq`).
#[doc(hidden)]
#[macro_export]
macro_rules! value_enum {
    ($name:ident; $($variant:ident $value:literal),+ $(,)?) => {
        impl ::core::cmp::Eq for $name {}

        impl $crate::ValueEnum for $name {
            const VALUES: &'static [(Self, &'static str)] = &[$((Self::$variant, $value),)+];

            #[inline]
            fn from_unknown(value: $crate::UnknownValue<Self>) -> Self {
                Self::Unknown(value)
            }

            #[inline]
            fn unknown(&self) -> ::core::option::Option<&$crate::UnknownValue<Self>> {
                match self {
                    Self::Unknown(value) => ::core::option::Option::Some(value),
                    _ => ::core::option::Option::None,
                }
            }
        }

        $crate::value_enum_impls!($name);
    };
}

/// A generated crate's `tests/doc_examples.rs`: the crate's `tests/doc_examples.json` (`$data`,
/// `include_str!` in the test file) and one test per API, `"feature" module Request Response Code;`,
/// putting that API's examples through its types ([`crate::doc_examples::ExampleFile::check`]); a
/// test is built with its API's feature.
#[doc(hidden)]
#[macro_export]
macro_rules! doc_example_tests {
    ($krate:ident, $data:expr; $($feature:literal $module:ident $request:ident $response:ident $code:ident;)*) => {
        static EXAMPLES: $crate::doc_examples::ExampleFile = $crate::doc_examples::ExampleFile::new($data);
        $(
            #[cfg(feature = $feature)]
            #[test]
            fn $module() {
                EXAMPLES.check::<$krate::$module::$request, $krate::$module::$response, $krate::$module::$code>($feature);
            }
        )*
    };
}
