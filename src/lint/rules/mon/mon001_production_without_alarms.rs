//! # MON001 production-without-alarms
//!
//! **What it does.** In a production profile, flags each HTTP API and each ECS service that no
//! CloudWatch alarm watches: no alarm has a dimension whose value is that API or service.
//!
//! **Why.** A production petstore that stops answering should tell someone. Without an alarm on
//! the API's errors and on the service's running tasks, the first to notice is a customer.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_apigatewayv2_api" "this" {
//!   name          = "petstore"
//!   protocol_type = "HTTP"
//! }
//! ```
//!
//! **Fix.** Add an `aws_cloudwatch_metric_alarm` whose `dimensions` name the API
//! (`ApiId = aws_apigatewayv2_api.this.id`) and one that names the service
//! (`ServiceName = aws_ecs_service.this.name`).
//!
//! In a petgen profile: `monitoring.alarms = true`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ProductionWithoutAlarms {
    id: "MON001",
    name: "production-without-alarms",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: Some("monitoring.alarms = true"),
    source: include_str!("mon001_production_without_alarms.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.production() {
        return;
    }
    for (ty, what) in [
        ("aws_apigatewayv2_api", "API"),
        ("aws_ecs_service", "service"),
    ] {
        for r in ctx.resources(ty) {
            if !referenced_by(ctx, &r, &["aws_cloudwatch_metric_alarm"], &["dimensions"]) {
                out.push(r.finding(
                    &META,
                    r.pos(),
                    format!("no alarm watches the {what} {}", r.address),
                    "add an aws_cloudwatch_metric_alarm whose dimensions name it",
                ));
            }
        }
    }
}
