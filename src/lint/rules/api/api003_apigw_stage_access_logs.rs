//! # API003 apigw-stage-access-logs
//!
//! **What it does.** Checks that API Gateway stages write access logs.
//!
//! **Why.** Access logs are the only record of who called which route, from where, and what the integration answered.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_apigatewayv2_stage" "default" {
//!   api_id      = aws_apigatewayv2_api.this.id
//!   name        = "$default"
//!   auto_deploy = true
//! }
//! ```
//!
//! **Fix.** Add `access_log_settings` with a CloudWatch log group ARN and a format.
//!
//! In a petgen profile: `api.access_logs = true`.
//!
//! checkov: CKV_AWS_76.

// API003 is a row of the attribute table (`src/lint/rules/attribute_table.rs`), which
// holds its check; this file is its documentation.
