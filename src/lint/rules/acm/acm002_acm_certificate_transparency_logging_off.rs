//! # ACM002 acm-certificate-transparency-logging-off
//!
//! **What it does.** Flags ACM certificates with `certificate_transparency_logging_preference = "DISABLED"`.
//!
//! **Why.** Browsers distrust a public certificate that is not in the Certificate Transparency logs, and the logs are how a domain's owner spots a certificate issued for it by mistake or by an attacker.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_acm_certificate" "this" {
//!   domain_name       = "pets.example.com"
//!   validation_method = "DNS"
//!   options {
//!     certificate_transparency_logging_preference = "DISABLED"
//!   }
//! }
//! ```
//!
//! **Fix.** Set `certificate_transparency_logging_preference = "ENABLED"`, or leave it out (ENABLED is the default).
//!
//! checkov: CKV_AWS_234.

// ACM002 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
