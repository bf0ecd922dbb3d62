//! Emitters: IR → output files, one module per target.

pub mod openapi;
