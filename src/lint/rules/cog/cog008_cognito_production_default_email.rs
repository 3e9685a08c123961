//! # COG008 cognito-production-default-email
//!
//! **What it does.** In production, flags user pools that send email with Cognito's built-in sender: no `email_configuration`, or `email_sending_account = "COGNITO_DEFAULT"`.
//!
//! **Why.** The built-in sender allows 50 messages a day per account. Invitations, verification codes and password resets beyond that are not sent, and users cannot sign in or recover their accounts.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** `email_configuration { email_sending_account = "DEVELOPER", source_arn = <verified SES identity> }`. In a petgen profile, `auth.ses_identity_arn`.
//!
//! checkov has no equivalent check.

// COG008 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
