//! KMS rules.

pub mod disabled;
pub mod no_policy;
pub mod rotation;
pub mod wildcard_principal;
