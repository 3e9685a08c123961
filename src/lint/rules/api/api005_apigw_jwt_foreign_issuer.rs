//! # API005 apigw-jwt-foreign-issuer
//!
//! **What it does.** Checks that each JWT authorizer's issuer is the endpoint of a Cognito user pool in this configuration and its audience a client of that same pool.
//!
//! **Why.** An issuer or audience that points elsewhere (a literal URL, another pool, another pool's client) accepts tokens nobody here controls, or rejects every real user.
//!
//! **Example.**
//!
//! ```hcl
//! jwt_configuration {
//!   issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"
//!   audience = ["1example23456789"]
//! }
//! ```
//!
//! **Fix.** Set `issuer = "https://${aws_cognito_user_pool.this.endpoint}"` and `audience = [aws_cognito_user_pool_client.this.id]`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(JwtIssuer {
    id: "API005",
    name: "apigw-jwt-foreign-issuer",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: None,
    source: include_str!("api005_apigw_jwt_foreign_issuer.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in ctx.resources("aws_apigatewayv2_authorizer") {
        if string(&a.value("authorizer_type")).as_deref() != Some("JWT") {
            continue;
        }
        for jwt in a.blocks("jwt_configuration") {
            let issuer = jwt
                .get_attribute("issuer")
                .map(|x| ctx.trace(a.module, &x.value))
                .unwrap_or_default();
            let audience = jwt
                .get_attribute("audience")
                .map(|x| ctx.trace(a.module, &x.value))
                .unwrap_or_default();
            let pools: Vec<&Traced> = issuer
                .iter()
                .filter(|t| {
                    t.target.starts_with("aws_cognito_user_pool.")
                        && t.attr.as_deref() == Some("endpoint")
                })
                .collect();
            let clients: Vec<&Traced> = audience
                .iter()
                .filter(|t| t.target.starts_with("aws_cognito_user_pool_client."))
                .collect();
            if pools.is_empty() {
                out.push(a.finding(
                    &META,
                    a.pos_in(jwt, "issuer"),
                    format!(
                        "{}: the issuer is not a user pool of this configuration",
                        a.address
                    ),
                    "use the endpoint of this root's aws_cognito_user_pool",
                ));
                continue;
            }
            if clients.is_empty() {
                out.push(a.finding(
                    &META,
                    a.pos_in(jwt, "audience"),
                    format!(
                        "{}: the audience is not an app client of this configuration",
                        a.address
                    ),
                    "use this root's aws_cognito_user_pool_client id",
                ));
                continue;
            }
            for c in clients {
                let Some(module) = ctx.index.modules.get(&c.module) else {
                    continue;
                };
                let Some(name) = c.target.strip_prefix("aws_cognito_user_pool_client.") else {
                    continue;
                };
                let Some(block) = module.resource("aws_cognito_user_pool_client", name) else {
                    continue;
                };
                let client = Res::from_parts(ctx, module, block);
                let pool_of_client = client.trace("user_pool_id");
                if !pool_of_client.iter().any(|p| {
                    pools
                        .iter()
                        .any(|q| q.module == p.module && q.target == p.target)
                }) {
                    out.push(a.finding(
                        &META,
                        a.pos_in(jwt, "audience"),
                        format!(
                            "{}: the audience is a client of another user pool than the issuer",
                            a.address
                        ),
                        "use a client of the issuing pool",
                    ));
                }
            }
        }
    }
}
