//! ACM certificate rules.

pub mod acm001_acm_certificate_without_create_before_destroy;
pub mod acm002_acm_certificate_transparency_logging_off;
pub mod acm003_acm_certificate_wildcard;
