//! # COG007 cognito-production-without-deletion-protection
//!
//! **What it does.** In production, flags user pools without `deletion_protection = "ACTIVE"`.
//!
//! **Why.** Deleting a user pool deletes every user in it, and nothing brings them back: the accounts, their MFA enrolment and their passwords are gone.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** Set `deletion_protection = "ACTIVE"` (petgen does when `project.production = true`).
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ProductionDeletionProtection {
    id: "COG007",
    name: "cognito-production-without-deletion-protection",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: Some("project.production = true"),
    source: include_str!("cog007_cognito_production_without_deletion_protection.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.production() {
        return;
    }
    for pool in ctx.resources("aws_cognito_user_pool") {
        if string(&pool.value("deletion_protection")).as_deref() != Some("ACTIVE") {
            out.push(pool.finding(
                &META,
                pool.pos_of("deletion_protection"),
                format!("{} can be deleted, with every user in it", pool.address),
                "set deletion_protection = \"ACTIVE\"",
            ));
        }
    }
}
