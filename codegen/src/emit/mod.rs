//! Emitters: the IR turned into output files (the Rust crate; other formats live beside it).

pub mod rust;
