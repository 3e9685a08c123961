//! # CST004 api-gateway-alb-break-even
//!
//! **What it does.** For each HTTP API, states the monthly request volume above which an Application Load Balancer would be cheaper, with both monthly figures at the profile's stated volume.
//!
//! **Why.** The design notes that replacing API Gateway with an ALB "can save more money". That holds only above a break-even volume, and an ALB gives up the JWT authorizer and throttling that API Gateway provides.
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
//! **Fix.** Nothing to fix below the break-even volume. Above it, weigh the saving against re-implementing authorization (ALB + Cognito authentication actions) and throttling (WAF).
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ApigwVsAlb {
    id: "CST004",
    name: "api-gateway-alb-break-even",
    category: Cost,
    severity: Info,
    checkov: [],
    profile_fix: None,
    source: include_str!("cst004_api_gateway_alb_break_even.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(cost) = ctx.cost else { return };
    let (Some(req1), Some(alb_h), Some(lcu_h), Some(ip_h)) = (
        ctx.price("apigw_http_request_million"),
        ctx.price("alb_hour"),
        ctx.price("alb_lcu_hour"),
        ctx.price("public_ipv4_hour"),
    ) else {
        return;
    };
    let u = &cost.usage();
    // An internet-facing ALB spans at least two AZs, with a public IPv4 address in each.
    let alb = 730.0 * (alb_h + u.alb_lcu * lcu_h + 2.0 * ip_h);
    let api = u.monthly_requests / 1e6 * req1;
    let break_even = alb / req1 * 1e6;
    for a in ctx.resources("aws_apigatewayv2_api") {
        if string(&a.value("protocol_type")).as_deref() != Some("HTTP") {
            continue;
        }
        let verdict = if api > alb {
            "an ALB would be cheaper"
        } else {
            "API Gateway is cheaper"
        };
        out.push(a.finding(&META, a.pos(), format!("{verdict}: at {:.0} requests/month API Gateway costs ${api:.2} and an ALB ${alb:.2}; an ALB becomes cheaper above {:.1}M requests/month", u.monthly_requests, break_even / 1e6), ""));
    }
}
