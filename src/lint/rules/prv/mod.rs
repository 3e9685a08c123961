//! Provider configuration rules.

pub mod prv001_provider_static_credentials;
