//! # DDB004 dynamodb-deletion-protection
//!
//! **What it does.** In a production profile, flags DynamoDB tables without deletion protection.
//!
//! **Why.** A mistaken `terraform destroy` or a renamed resource deletes the table and every pet in it; PITR does not survive table deletion beyond its backup window.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_dynamodb_table" "pets" {
//!   name     = "pets"
//!   hash_key = "petId"
//! }
//! ```
//!
//! **Fix.** Set `deletion_protection_enabled = true`.
//!
//! In a petgen profile: `data.deletion_protection = true`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(DeletionProtection {
    id: "DDB004",
    name: "dynamodb-deletion-protection",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: Some("data.deletion_protection = true"),
    source: include_str!("ddb004_dynamodb_deletion_protection.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.production() {
        return;
    }
    for t in ctx.resources("aws_dynamodb_table") {
        let v = t.value("deletion_protection_enabled");
        if !is_true(&v) && (t.attr("deletion_protection_enabled").is_none() || v.is_some()) {
            out.push(t.finding(
                &META,
                t.pos_of("deletion_protection_enabled"),
                format!("{} can be deleted", t.address),
                "set deletion_protection_enabled = true",
            ));
        }
    }
}
