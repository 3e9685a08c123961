//! # CST004 front-door-break-even
//!
//! **What it does.** Prices the other front door at the root's request volume: for an HTTP API, an internet-facing Application Load Balancer (hours, a public IPv4 address per AZ, LCUs, and a WAF with two rule groups); for an internet-facing ALB, an HTTP API with the Cloud Map lookups and instances its private integration needs. It reports only when the other one would cost less, with both monthly figures and the request volume at which they cost the same.
//!
//! **Why.** The design notes that replacing API Gateway with an ALB "can save more money". That holds only above a break-even volume: an ALB costs about $30 a month before its first request, and an HTTP API costs about a dollar per million requests. Either choice can be the expensive one, and the volume decides.
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
//! At 50 million requests a month, API Gateway with Cloud Map costs about $100 and an ALB with WAF about $70.
//!
//! **Fix.** In a petgen profile, `api.kind = "alb"` (with `api.domain_name` and `api.certificate_arn`) or `api.kind = "http_api"`; compare both with `petgen cost --profile A --compare B`. An ALB validates the Cognito JWT itself (a `jwt-validation` listener action) but has no per-route throttling; WAF rate-based rules are the nearest substitute.
//!
//! checkov has no equivalent check.

use crate::lint::context::{FrontDoorCosts, FrontDoorShape};
use crate::lint::rules::prelude::*;

declare_rule!(FrontDoorBreakEven {
    id: "CST004",
    name: "front-door-break-even",
    category: Cost,
    severity: Info,
    checkov: [],
    profile_fix: None,
    source: include_str!("cst004_front_door_break_even.rs"),
});

fn requests(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.1}M", r / 1e6)
    } else {
        format!("{:.0}k", r / 1e3)
    }
}

fn crossing(c: &FrontDoorCosts) -> String {
    match c.break_even_requests {
        Some(b) => format!(
            "; the two front doors alone cost the same at {} requests/month (`petgen cost --compare` weighs whole stacks)",
            requests(b)
        ),
        None => String::new(),
    }
}

/// Tasks the estimate assumed, for the Cloud Map instances an HTTP API would need.
fn tasks(ctx: &Ctx) -> f64 {
    let usage = ctx.cost.map(|c| c.usage());
    usage
        .and_then(|u| u.average_task_count)
        .or_else(|| {
            ctx.resources("aws_ecs_service")
                .filter_map(|s| s.value("desired_count").and_then(|v| v.as_f64()))
                .reduce(f64::max)
        })
        .unwrap_or(1.0)
}

/// AZs an ALB would span: the root's public subnets, at least two.
fn public_azs(ctx: &Ctx) -> f64 {
    let public: usize = ctx
        .resources("aws_subnet")
        .filter(|s| s.name().contains("public"))
        .map(|s| s.instances().unwrap_or(1))
        .sum();
    public.max(2) as f64
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(cost) = ctx.cost else { return };
    let u = cost.usage();
    let lookups_per_request = match (u.monthly_discovery_lookups, u.monthly_requests) {
        (Some(l), r) if r > 0.0 => l / r,
        _ => 1.0,
    };
    for a in ctx.resources("aws_apigatewayv2_api") {
        if string(&a.value("protocol_type")).as_deref() != Some("HTTP") {
            continue;
        }
        let shape = FrontDoorShape {
            azs: public_azs(ctx),
            waf_rules: Some(2.0),
            tasks: tasks(ctx),
            lookups_per_request,
        };
        let Some(c) = cost.front_doors(&shape) else {
            continue;
        };
        if c.alb_usd < c.http_api_usd {
            out.push(a.finding(
                &META,
                a.pos(),
                format!(
                    "an ALB would be cheaper: at {} requests/month this HTTP API with Cloud Map costs ${:.2} and an ALB with WAF ${:.2}{}",
                    requests(c.requests),
                    c.http_api_usd,
                    c.alb_usd,
                    crossing(&c)
                ),
                "put an ALB in front instead (in a petgen profile: api.kind = \"alb\", with api.domain_name and api.certificate_arn)",
            ));
        }
    }
    for ty in ["aws_lb", "aws_alb"] {
        for lb in ctx.resources(ty) {
            let application =
                string(&lb.value("load_balancer_type")).is_none_or(|t| t == "application");
            let internal = lb.value("internal").and_then(|v| v.as_bool()) == Some(true);
            if !application || internal {
                continue;
            }
            let waf_rules = ctx
                .resources("aws_wafv2_web_acl")
                .map(|w| w.blocks("rule").len() as f64)
                .reduce(f64::max);
            let traced: usize = lb
                .trace("subnets")
                .iter()
                .flat_map(|t| ctx.resources("aws_subnet").filter(move |s| s.is(t)))
                .map(|s| s.instances().unwrap_or(1))
                .sum();
            let listed = lb
                .value("subnets")
                .and_then(|v| v.as_array().map(|a| a.len()))
                .unwrap_or(0)
                .max(traced)
                .max(lb.blocks("subnet_mapping").len())
                .max(2);
            let shape = FrontDoorShape {
                azs: listed as f64,
                waf_rules,
                tasks: tasks(ctx),
                lookups_per_request,
            };
            let Some(c) = cost.front_doors(&shape) else {
                continue;
            };
            if c.http_api_usd < c.alb_usd {
                out.push(lb.finding(
                    &META,
                    lb.pos(),
                    format!(
                        "API Gateway would be cheaper: at {} requests/month this ALB{} costs ${:.2} and an HTTP API with Cloud Map ${:.2}{}",
                        requests(c.requests),
                        if waf_rules.is_some() { " with WAF" } else { "" },
                        c.alb_usd,
                        c.http_api_usd,
                        crossing(&c)
                    ),
                    "put an HTTP API in front instead (in a petgen profile: api.kind = \"http_api\")",
                ));
            }
        }
    }
}
