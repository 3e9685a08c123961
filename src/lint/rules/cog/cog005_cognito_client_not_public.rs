//! # COG005 cognito-client-not-public
//!
//! **What it does.** Flags app clients that have a secret, use the OAuth implicit flow, or allow plain password auth, where the petstore needs a public client (a browser or mobile app).
//!
//! **Why.** A secret in a public client is not secret; the implicit flow returns tokens in URLs; USER_PASSWORD_AUTH sends the password itself instead of an SRP proof.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool_client" "this" {
//!   generate_secret      = true
//!   allowed_oauth_flows  = ["implicit"]
//!   explicit_auth_flows  = ["ALLOW_USER_PASSWORD_AUTH"]
//! }
//! ```
//!
//! **Fix.** Set `generate_secret = false`, use the `code` flow with PKCE, and allow only `ALLOW_USER_SRP_AUTH` and `ALLOW_REFRESH_TOKEN_AUTH`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ClientFlows {
    id: "COG005",
    name: "cognito-client-not-public",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("cog005_cognito_client_not_public.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_cognito_user_pool_client") {
        if is_true(&c.value("generate_secret")) {
            out.push(c.finding(
                &META,
                c.pos_of("generate_secret"),
                format!("{} has a client secret", c.address),
                "set generate_secret = false for a public client",
            ));
        }
        if strings(&c.value("allowed_oauth_flows"))
            .iter()
            .any(|f| f == "implicit")
        {
            out.push(c.finding(
                &META,
                c.pos_of("allowed_oauth_flows"),
                format!("{} allows the implicit flow", c.address),
                "use the code flow with PKCE",
            ));
        }
        if strings(&c.value("explicit_auth_flows")).iter().any(|f| {
            f == "ALLOW_USER_PASSWORD_AUTH"
                || f == "USER_PASSWORD_AUTH"
                || f == "ALLOW_ADMIN_USER_PASSWORD_AUTH"
        }) {
            out.push(c.finding(
                &META,
                c.pos_of("explicit_auth_flows"),
                format!("{} allows password auth without SRP", c.address),
                "allow ALLOW_USER_SRP_AUTH instead",
            ));
        }
    }
}
