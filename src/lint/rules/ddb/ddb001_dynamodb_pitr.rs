//! # DDB001 dynamodb-pitr
//!
//! **What it does.** Checks that DynamoDB tables (and legacy global tables) have point-in-time recovery on.
//!
//! **Why.** Without it, a bad deploy or a mistaken delete of items cannot be undone: on-demand backups only restore to when they were taken.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_dynamodb_table" "pets" {
//!   name         = "pets"
//!   billing_mode = "PAY_PER_REQUEST"
//!   hash_key     = "petId"
//! }
//! ```
//!
//! **Fix.** Add `point_in_time_recovery { enabled = true }`.
//!
//! In a petgen profile: `data.point_in_time_recovery = true`.
//!
//! checkov: CKV_AWS_28, CKV_AWS_165.

use crate::lint::rules::prelude::*;

declare_rule!(Pitr {
    id: "DDB001",
    name: "dynamodb-pitr",
    category: Reliability,
    severity: Warning,
    checkov: ["CKV_AWS_28", "CKV_AWS_165"],
    profile_fix: Some("data.point_in_time_recovery = true"),
    source: include_str!("ddb001_dynamodb_pitr.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx
        .resources("aws_dynamodb_table")
        .chain(ctx.resources("aws_dynamodb_global_table"))
    {
        let pitr = t.blocks("point_in_time_recovery");
        let on = pitr.iter().any(|b| is_true(&t.value_in(b, "enabled")));
        let unknown = pitr
            .iter()
            .any(|b| b.get_attribute("enabled").is_some() && t.value_in(b, "enabled").is_none());
        if !on && !unknown {
            let pos = pitr
                .first()
                .map(|b| t.pos_in(b, "enabled"))
                .unwrap_or(t.pos());
            out.push(t.finding(
                &META,
                pos,
                format!("{} has point-in-time recovery off", t.address),
                "enable point_in_time_recovery",
            ));
        }
    }
}
