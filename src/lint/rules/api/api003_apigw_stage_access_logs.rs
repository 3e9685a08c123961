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

use crate::lint::rules::prelude::*;

declare_rule!(StageAccessLogs {
    id: "API003",
    name: "apigw-stage-access-logs",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_76"],
    profile_fix: Some("api.access_logs = true"),
    source: include_str!("api003_apigw_stage_access_logs.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_apigatewayv2_stage", "aws_api_gateway_stage"] {
        for s in ctx.resources(ty) {
            let logs = s.blocks("access_log_settings");
            if logs.is_empty()
                || logs
                    .iter()
                    .all(|b| b.get_attribute("destination_arn").is_none())
            {
                out.push(s.finding(
                    &META,
                    s.pos(),
                    format!("{} writes no access logs", s.address),
                    "add access_log_settings",
                ));
            }
        }
    }
}
