//! # COG002 cognito-mfa-off-in-production
//!
//! **What it does.** In a production profile, flags user pools with MFA off.
//!
//! **Why.** A stolen or guessed password is then enough to act as the user, including to write pets.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name              = "petstore-users"
//!   mfa_configuration = "OFF"
//! }
//! ```
//!
//! **Fix.** Set `mfa_configuration = "ON"` with `software_token_mfa_configuration { enabled = true }`.
//!
//! In a petgen profile: `auth.mfa = "ON"`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(MfaProduction {
    id: "COG002",
    name: "cognito-mfa-off-in-production",
    category: Security,
    severity: Error,
    checkov: [],
    profile_fix: Some("auth.mfa = \"ON\""),
    source: include_str!("cog002_cognito_mfa_off_in_production.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.production() {
        return;
    }
    for p in ctx.resources("aws_cognito_user_pool") {
        let mfa = string(&p.value("mfa_configuration"));
        if p.attr("mfa_configuration").is_none() || mfa.as_deref() == Some("OFF") {
            out.push(p.finding(
                &META,
                p.pos_of("mfa_configuration"),
                format!("{} has MFA off in production", p.address),
                "set mfa_configuration = \"ON\"",
            ));
        }
    }
}
