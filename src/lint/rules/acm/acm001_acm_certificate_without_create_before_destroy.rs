//! # ACM001 acm-certificate-without-create-before-destroy
//!
//! **What it does.** Flags ACM certificates without `lifecycle { create_before_destroy = true }`.
//!
//! **Why.** A change that replaces a certificate (its domain, key algorithm or validation method) makes terraform delete the old one first, and ACM refuses to delete a certificate a listener or custom domain still uses: the apply stops halfway. Created before destroyed, the new certificate takes over and the old one goes once nothing uses it.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_acm_certificate" "this" {
//!   domain_name       = "pets.example.com"
//!   validation_method = "DNS"
//! }
//! ```
//!
//! **Fix.** Add `lifecycle { create_before_destroy = true }`.
//!
//! checkov: CKV_AWS_233.

// ACM001 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
