//! # COG006 cognito-identity-pool-unauthenticated
//!
//! **What it does.** Flags Cognito identity pools that allow unauthenticated identities.
//!
//! **Why.** Anyone can then obtain AWS credentials for the pool's unauthenticated role.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_identity_pool" "this" {
//!   identity_pool_name               = "pets"
//!   allow_unauthenticated_identities = true
//! }
//! ```
//!
//! **Fix.** Set `allow_unauthenticated_identities = false`.
//!
//! checkov: CKV_AWS_366.

use crate::lint::rules::prelude::*;

declare_rule!(IdentityPoolUnauthenticated {
    id: "COG006",
    name: "cognito-identity-pool-unauthenticated",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_366"],
    profile_fix: None,
    source: include_str!("cog006_cognito_identity_pool_unauthenticated.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in ctx.resources("aws_cognito_identity_pool") {
        if is_true(&p.value("allow_unauthenticated_identities")) {
            out.push(p.finding(
                &META,
                p.pos_of("allow_unauthenticated_identities"),
                format!("{} hands credentials to unauthenticated users", p.address),
                "set allow_unauthenticated_identities = false",
            ));
        }
    }
}
