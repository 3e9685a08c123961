//! # API001 apigw-route-without-authorization
//!
//! **What it does.** Flags HTTP API routes with no authorization (`authorization_type` absent or `NONE`).
//!
//! **Why.** An unauthenticated route is open to anyone who knows the URL. In the petstore design GET is public on purpose; waive it with that reason.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_apigatewayv2_route" "get_pet" {
//!   api_id    = aws_apigatewayv2_api.this.id
//!   route_key = "GET /petstore/pets/{petId}"
//! }
//! ```
//!
//! **Fix.** Set `authorization_type = "JWT"` and `authorizer_id`, or waive the finding for routes that are public by design.
//!
//! In a petgen profile: `api.protected_methods`.
//!
//! checkov: CKV_AWS_309.

use crate::lint::rules::prelude::*;

declare_rule!(RouteAuthorization {
    id: "API001",
    name: "apigw-route-without-authorization",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_309"],
    profile_fix: Some("api.protected_methods"),
    source: include_str!("api001_apigw_route_without_authorization.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in ctx.resources("aws_apigatewayv2_route") {
        let t = string(&r.value("authorization_type"));
        if r.attr("authorization_type").is_none() || t.as_deref() == Some("NONE") {
            let key = string(&r.value("route_key")).unwrap_or_default();
            out.push(r.finding(
                &META,
                r.pos_of("route_key"),
                format!("{} ({key}) needs no authorization", r.address),
                "set authorization_type = \"JWT\" and authorizer_id",
            ));
        }
    }
}
