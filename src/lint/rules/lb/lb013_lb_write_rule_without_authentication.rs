//! # LB013 lb-write-rule-without-authentication
//!
//! **What it does.** Flags load balancer listener rules, and listeners' default actions, that forward POST, PUT, PATCH or DELETE requests (or every method, when the rule names none) with no `jwt-validation`, `authenticate-cognito` or `authenticate-oidc` action before the forward.
//!
//! **Why.** Behind a load balancer, the listener rules are the authorizer. The design's rule is that only GET is public: a write method forwarded without a token check lets anyone create, change or delete pets. API002 is the same rule for API Gateway routes.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_lb_listener_rule" "post_pet" {
//!   condition {
//!     http_request_method {
//!       values = ["POST"]
//!     }
//!   }
//!   action {
//!     type             = "forward"
//!     target_group_arn = aws_lb_target_group.service.arn
//!   }
//! }
//! ```
//!
//! **Fix.** Validate the Cognito access token first: an action `type = "jwt-validation"` with `order = 1`, then the forward.
//!
//! In a petgen profile: `api.protected_methods = ["POST"]`.
//!
//! checkov has no equivalent check.

use super::lb012_lb_authentication_without_idp_egress::AUTHENTICATING_ACTIONS;
use crate::lint::rules::prelude::*;

declare_rule!(WriteRuleWithoutAuthentication {
    id: "LB013",
    name: "lb-write-rule-without-authentication",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: Some("api.protected_methods = [\"POST\"]"),
    source: include_str!("lb013_lb_write_rule_without_authentication.rs"),
});

const WRITES: &[&str] = &["POST", "PUT", "PATCH", "DELETE"];

/// The action types of `res`'s `block`s, in the order the load balancer runs them (`order`,
/// else as written). `None` when a type is not a literal.
fn action_types(res: &Res, block: &str) -> Option<Vec<String>> {
    let mut actions = Vec::new();
    for (i, a) in res.blocks(block).into_iter().enumerate() {
        let mut ty = string(&res.value_in(a, "type"))?;
        // An authenticate action that lets unauthenticated requests through authenticates
        // nobody: it reads as `allow`.
        let lets_through = ["authenticate_cognito", "authenticate_oidc"]
            .iter()
            .flat_map(|b| blocks_named(a, b))
            .any(|b| {
                string(&res.value_in(b, "on_unauthenticated_request"))
                    .is_some_and(|v| v.eq_ignore_ascii_case("allow"))
            });
        if lets_through {
            ty = "allow".to_string();
        }
        let order = number(&res.value_in(a, "order")).unwrap_or(i as f64);
        actions.push((order, ty));
    }
    actions.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some(actions.into_iter().map(|(_, t)| t).collect())
}

/// Forwards before (or without) authenticating?
fn forwards_unauthenticated(types: &[String]) -> bool {
    for t in types {
        if AUTHENTICATING_ACTIONS.contains(&t.as_str()) {
            return false;
        }
        if t == "forward" {
            return true;
        }
    }
    false
}

/// The write methods a rule matches: `Some(all of them)` with no method condition, `None`
/// when the condition is not a literal.
fn write_methods(rule: &Res) -> Option<Vec<String>> {
    let mut conditions = Vec::new();
    for c in rule.blocks("condition") {
        for m in blocks_named(c, "http_request_method") {
            let values = rule.value_in(m, "values")?;
            conditions.push(strings(&Some(values)));
        }
    }
    if conditions.is_empty() {
        return Some(WRITES.iter().map(|s| s.to_string()).collect());
    }
    // Conditions combine with AND: a method must be in every list.
    let mut methods: Vec<String> = WRITES.iter().map(|s| s.to_string()).collect();
    for values in conditions {
        methods.retain(|m| values.iter().any(|v| v.eq_ignore_ascii_case(m)));
    }
    Some(methods)
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_lb_listener_rule", "aws_alb_listener_rule"] {
        for rule in ctx.resources(ty) {
            let Some(types) = action_types(&rule, "action") else {
                continue;
            };
            if !forwards_unauthenticated(&types) {
                continue;
            }
            let Some(methods) = write_methods(&rule) else {
                continue;
            };
            if !methods.is_empty() {
                out.push(rule.finding(
                    &META,
                    rule.pos(),
                    format!(
                        "{} forwards {} with no token check: anyone can write",
                        rule.address,
                        methods.join(", ")
                    ),
                    "add a jwt-validation action (order 1) before the forward",
                ));
            }
        }
    }
    for ty in ["aws_lb_listener", "aws_alb_listener"] {
        for listener in ctx.resources(ty) {
            // Only HTTP listeners see methods: network and gateway load balancers pass bytes,
            // and a protocol petgen cannot read is left alone.
            let http = string(&listener.value("protocol"))
                .is_some_and(|p| p.eq_ignore_ascii_case("HTTP") || p.eq_ignore_ascii_case("HTTPS"));
            if !http {
                continue;
            }
            let Some(types) = action_types(&listener, "default_action") else {
                continue;
            };
            if forwards_unauthenticated(&types) {
                out.push(listener.finding(
                    &META,
                    listener.pos(),
                    format!(
                        "{} forwards every request it has no rule for, writes included, with no token check",
                        listener.address
                    ),
                    "make the default action a fixed 404, and forward writes only from rules that validate the token first",
                ));
            }
        }
    }
}
