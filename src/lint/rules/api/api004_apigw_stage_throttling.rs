//! # API004 apigw-stage-throttling
//!
//! **What it does.** Checks that HTTP API stages throttle their default route (burst and rate).
//!
//! **Why.** Without throttling, a client can drive the Fargate service and DynamoDB to their limits and run up the bill; the design names throttling as the defence against attacks.
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
//! **Fix.** Add `default_route_settings { throttling_burst_limit = 100, throttling_rate_limit = 50 }`.
//!
//! In a petgen profile: `api.throttling = true`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(StageThrottling {
    id: "API004",
    name: "apigw-stage-throttling",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: Some("api.throttling = true"),
    source: include_str!("api004_apigw_stage_throttling.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for s in ctx.resources("aws_apigatewayv2_stage") {
        let settings = s.blocks("default_route_settings");
        let throttled = settings.iter().any(|b| {
            b.get_attribute("throttling_burst_limit").is_some()
                && b.get_attribute("throttling_rate_limit").is_some()
        });
        if !throttled {
            out.push(s.finding(
                &META,
                s.pos(),
                format!("{} does not throttle its default route", s.address),
                "set default_route_settings throttling limits",
            ));
        }
    }
}
