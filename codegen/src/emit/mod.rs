//! Emitters: IR → output files, one module per target.

pub mod openapi;
pub mod rust;
