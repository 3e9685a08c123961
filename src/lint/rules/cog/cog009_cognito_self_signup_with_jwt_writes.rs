//! # COG009 cognito-self-signup-with-jwt-writes
//!
//! **What it does.** Flags user pools that let anyone sign up (`admin_create_user_config.allow_admin_create_user_only` absent or false) in a root where a Cognito JWT authorizes a mutating route: an API Gateway route for POST, PUT, PATCH or DELETE with `authorization_type = "JWT"`, or a load balancer rule that validates a JWT for one of those methods.
//!
//! **Why.** A JWT check only proves the caller has an account. With open sign-up anyone can make one, so the check on the write admits anyone: the route is public in all but name.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name = "petstore"
//! }
//! resource "aws_apigatewayv2_route" "post_pet" {
//!   route_key          = "POST /petstore/pets/{petId}"
//!   authorization_type = "JWT"
//! }
//! ```
//!
//! **Fix.** `admin_create_user_config { allow_admin_create_user_only = true }`, or authorize writes by group or scope rather than by having an account. In a petgen profile, `auth.self_sign_up = false` (the default).
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(SelfSignUpWithJwtWrites {
    id: "COG009",
    name: "cognito-self-signup-with-jwt-writes",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: Some("auth.self_sign_up = false"),
    source: include_str!("cog009_cognito_self_signup_with_jwt_writes.rs"),
});

const MUTATING: &[&str] = &["POST", "PUT", "PATCH", "DELETE"];

/// Is some write in the root behind a JWT check?
fn jwt_writes(ctx: &Ctx) -> bool {
    let api = ctx.resources("aws_apigatewayv2_route").any(|r| {
        string(&r.value("authorization_type")).as_deref() == Some("JWT")
            && string(&r.value("route_key"))
                .is_some_and(|k| MUTATING.iter().any(|m| k.starts_with(&format!("{m} "))))
    });
    let alb = ctx.resources("aws_lb_listener_rule").any(|r| {
        let jwt = r
            .blocks("action")
            .iter()
            .any(|a| string(&r.value_in(a, "type")).as_deref() == Some("jwt-validation"));
        let writes = r.blocks("condition").iter().any(|c| {
            blocks_named(c, "http_request_method").iter().any(|m| {
                strings(&r.value_in(m, "values"))
                    .iter()
                    .any(|v| MUTATING.contains(&v.as_str()))
            })
        });
        jwt && writes
    });
    api || alb
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !jwt_writes(ctx) {
        return;
    }
    for pool in ctx.resources("aws_cognito_user_pool") {
        let admin_only = pool
            .blocks("admin_create_user_config")
            .iter()
            .any(|c| is_true(&pool.value_in(c, "allow_admin_create_user_only")));
        if !admin_only {
            out.push(pool.finding(
                &META,
                pool.pos(),
                format!(
                    "anyone may sign up to {}, and its tokens authorize writes: the JWT check admits anyone",
                    pool.address
                ),
                "set admin_create_user_config { allow_admin_create_user_only = true }",
            ));
        }
    }
}
