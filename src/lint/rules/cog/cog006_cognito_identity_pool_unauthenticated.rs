//! # COG006 cognito-identity-pool-unauthenticated
//!
//! **What it does.** Flags Cognito identity pools that allow unauthenticated identities.
//!
//! **Why.** Anyone can then obtain AWS credentials for the pool's unauthenticated role.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_identity_pool" "this" {
//!   identity_pool_name               = "pets"
//!   allow_unauthenticated_identities = true
//! }
//! ```
//!
//! **Fix.** Set `allow_unauthenticated_identities = false`.
//!
//! checkov: CKV_AWS_366.

// COG006 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
