//! # COG002 cognito-mfa-off-in-production
//!
//! **What it does.** In a production profile, flags user pools with MFA off.
//!
//! **Why.** A stolen or guessed password is then enough to act as the user, including to write pets.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name              = "petstore-users"
//!   mfa_configuration = "OFF"
//! }
//! ```
//!
//! **Fix.** Set `mfa_configuration = "ON"` with `software_token_mfa_configuration { enabled = true }`.
//!
//! In a petgen profile: `auth.mfa = "ON"`.
//!
//! checkov has no equivalent check.

// COG002 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
