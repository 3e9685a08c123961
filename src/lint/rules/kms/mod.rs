//! KMS rules.

pub mod kms001_kms_key_rotation;
pub mod kms002_kms_key_wildcard_principal;
pub mod kms003_kms_key_disabled;
pub mod kms004_kms_key_default_policy;
