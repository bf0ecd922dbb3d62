//! Shared test support: fake operations, the official SDK signer and a loopback server.
#![allow(dead_code)]

pub mod fake_api;
pub mod loopback;
pub mod official_roa;
pub mod official_signer;
pub mod tables;
