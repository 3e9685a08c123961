//! # COG003 cognito-threat-protection-off
//!
//! **What it does.** Flags user pools without threat protection (advanced security) in `AUDIT` or `ENFORCED` mode.
//!
//! **Why.** Threat protection detects compromised credentials and risky sign-ins and can block them; without it Cognito accepts any correct password.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name = "petstore-users"
//! }
//! ```
//!
//! **Fix.** Add `user_pool_add_ons { advanced_security_mode = "ENFORCED" }` (needs the PLUS tier).
//!
//! In a petgen profile: `auth.threat_protection = "ENFORCED"`.
//!
//! checkov has no equivalent check.

// COG003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
