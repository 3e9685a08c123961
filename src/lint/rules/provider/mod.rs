//! Provider configuration rules.

pub mod static_credentials;
