//! Value enums: a documented closed set of string values, with a sealed fallback for any other value.
//!
//! A generated value enum has a variant per documented value and `Unknown(UnknownValue<Self>)` for
//! the rest. Only reading a value ([`From<&str>`], serde) makes an [`UnknownValue`], and only for a
//! value the docs do not list, so `Unknown` never stands for a documented value: each value has one
//! representation. The conversions are the same for every enum and live here, in
//! [`value_enum_impls!`](crate::value_enum_impls).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// A documented closed set of values, as the wire sends them.
pub trait ValueEnum: Clone + PartialEq + Sized + 'static {
    /// Every documented value, in the docs' order, with its variant.
    const VALUES: &'static [(Self, &'static str)];

    /// The `Unknown` variant holding `value`.
    #[doc(hidden)]
    fn from_unknown(value: UnknownValue<Self>) -> Self;

    /// The value held by the `Unknown` variant.
    #[doc(hidden)]
    fn unknown(&self) -> Option<&UnknownValue<Self>>;

    /// The value as sent on the wire.
    fn as_str(&self) -> &str {
        match self.unknown() {
            Some(value) => value.as_str(),
            // Every documented variant is a unit variant: its discriminant says which it is.
            None => {
                let this = std::mem::discriminant(self);
                Self::VALUES
                    .iter()
                    .find(|(variant, _)| std::mem::discriminant(variant) == this)
                    .map_or("", |(_, value)| value)
            }
        }
    }

    /// Whether the docs list this value.
    fn is_documented(&self) -> bool {
        self.unknown().is_none()
    }
}

/// A value the docs do not list, as the service or the caller gave it. It cannot be made by hand,
/// only by reading a value that is not documented (so it never holds a documented one).
pub struct UnknownValue<E> {
    value: String,
    of: PhantomData<fn() -> E>,
}

impl<E> UnknownValue<E> {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl<E> fmt::Debug for UnknownValue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl<E> fmt::Display for UnknownValue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl<E> Clone for UnknownValue<E> {
    fn clone(&self) -> Self {
        UnknownValue { value: self.value.clone(), of: PhantomData }
    }
}

impl<E> PartialEq for UnknownValue<E> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<E> Eq for UnknownValue<E> {}

impl<E> Hash for UnknownValue<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

/// The variant for `value`: a documented one, or `Unknown`.
pub fn parse<E: ValueEnum>(value: &str) -> E {
    match E::VALUES.iter().find(|(_, documented)| *documented == value) {
        Some((variant, _)) => variant.clone(),
        None => E::from_unknown(UnknownValue { value: value.to_owned(), of: PhantomData }),
    }
}

/// [`parse`] for an owned value, which `Unknown` keeps without a copy.
pub fn parse_owned<E: ValueEnum>(value: String) -> E {
    match E::VALUES.iter().find(|(_, documented)| *documented == value) {
        Some((variant, _)) => variant.clone(),
        None => E::from_unknown(UnknownValue { value, of: PhantomData }),
    }
}

/// Reads a value enum from a string (serde).
pub fn deserialize<'de, E: ValueEnum, D: serde::Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    <String as serde::Deserialize>::deserialize(deserializer).map(parse_owned)
}

/// The conversions every value enum has: `as_str`, `From<&str>`, `From<String>`, `Display` and serde
/// as a plain string.
#[doc(hidden)]
#[macro_export]
macro_rules! value_enum_impls {
    ($($name:ident),+ $(,)?) => {$(
        impl $name {
            /// The value as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                $crate::value_enum::ValueEnum::as_str(self)
            }
        }

        impl ::core::convert::From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                $crate::value_enum::parse(value)
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                $crate::value_enum::parse_owned(value)
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::value_enum::deserialize(deserializer)
            }
        }
    )+};
}
