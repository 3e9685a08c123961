//! # COG007 cognito-production-without-deletion-protection
//!
//! **What it does.** In production, flags user pools without `deletion_protection = "ACTIVE"`.
//!
//! **Why.** Deleting a user pool deletes every user in it, and nothing brings them back: the accounts, their MFA enrolment and their passwords are gone.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** Set `deletion_protection = "ACTIVE"` (petgen does when `project.production = true`).
//!
//! checkov has no equivalent check.

// COG007 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
