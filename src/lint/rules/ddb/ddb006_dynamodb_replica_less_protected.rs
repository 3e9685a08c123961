//! # DDB006 dynamodb-replica-less-protected
//!
//! **What it does.** Flags replicas of a table with deletion protection that do not set `deletion_protection_enabled = true` themselves.
//!
//! **Why.** Deletion protection is per replica: a protected table's replica in another region can still be deleted, losing that region's copy.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_dynamodb_table" "pets" {
//!   deletion_protection_enabled = true
//!   replica {
//!     region_name = "us-west-2"
//!   }
//! }
//! ```
//!
//! **Fix.** Set `deletion_protection_enabled` in each `replica` block like the table's.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ReplicaLessProtected {
    id: "DDB006",
    name: "dynamodb-replica-less-protected",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("ddb006_dynamodb_replica_less_protected.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for t in ctx.resources("aws_dynamodb_table") {
        let table = t
            .attr("deletion_protection_enabled")
            .map(|a| a.value.to_string());
        let protected = is_true(&t.value("deletion_protection_enabled"));
        for r in t.blocks("replica") {
            // The same expression as the table's, or a literal true.
            let replica = r.get_attribute("deletion_protection_enabled");
            let same = replica.is_some_and(|a| Some(a.value.to_string()) == table)
                || is_true(&t.value_in(r, "deletion_protection_enabled"));
            let table_may_protect =
                protected || (table.is_some() && t.value("deletion_protection_enabled").is_none());
            if table_may_protect && !same {
                out.push(t.finding(
                    &META,
                    t.pos_in(r, "region_name"),
                    format!(
                        "a replica of {} is not protected from deletion like the table",
                        t.address
                    ),
                    "set deletion_protection_enabled in the replica block as in the table",
                ));
            }
        }
    }
}
