//! # API002 apigw-mutating-route-public
//!
//! **What it does.** Flags routes for POST, PUT, PATCH, DELETE or ANY that have no authorizer.
//!
//! **Why.** The design's rule is that only GET is public: a write route without an authorizer lets anyone create, change or delete pets.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_apigatewayv2_route" "post_pet" {
//!   api_id    = aws_apigatewayv2_api.this.id
//!   route_key = "POST /petstore/pets/{petId}"
//! }
//! ```
//!
//! **Fix.** Add `authorization_type = "JWT"` and the Cognito authorizer.
//!
//! In a petgen profile: `api.protected_methods = ["POST"]`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(MutatingRoutePublic {
    id: "API002",
    name: "apigw-mutating-route-public",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: Some("api.protected_methods = [\"POST\"]"),
    source: include_str!("api002_apigw_mutating_route_public.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in ctx.resources("aws_apigatewayv2_route") {
        let Some(key) = string(&r.value("route_key")) else {
            continue;
        };
        let method = key.split_whitespace().next().unwrap_or("");
        if !matches!(method, "POST" | "PUT" | "PATCH" | "DELETE" | "ANY") && key != "$default" {
            continue;
        }
        let t = string(&r.value("authorization_type"));
        if r.attr("authorization_type").is_none() || t.as_deref() == Some("NONE") {
            out.push(r.finding(
                &META,
                r.pos_of("route_key"),
                format!("{} lets anyone call {key}", r.address),
                "add the JWT authorizer to this route",
            ));
        }
    }
}
