//! # IAM002 iam-wildcard-action
//!
//! **What it does.** Flags allow statements whose `Action` is `*`.
//!
//! **Why.** `*` grants every current and future action of every service, on whatever resources the statement names.
//!
//! **Example.**
//!
//! ```hcl
//! policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = aws_dynamodb_table.pets.arn }] })
//! ```
//!
//! **Fix.** List the actions.
//!
//! checkov: CKV_AWS_63, CKV_AWS_49.

use crate::lint::rules::prelude::*;

declare_rule!(WildcardAction {
    id: "IAM002",
    name: "iam-wildcard-action",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_63", "CKV_AWS_49"],
    profile_fix: None,
    source: include_str!("iam002_iam_wildcard_action.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in super::policies(ctx) {
        if p.statements
            .iter()
            .any(|s| s.allow && s.any_action(|a| a == "*"))
        {
            out.push(p.res.finding(
                &META,
                p.pos,
                format!("{} allows Action \"*\"", p.res.address),
                "list the actions",
            ));
        }
    }
}
