//! # IAM001 iam-admin-policy
//!
//! **What it does.** Flags policies that allow every action on every resource.
//!
//! **Why.** That is administrator access: whoever holds it can do anything in the account, including removing the audit trail.
//!
//! **Example.**
//!
//! ```hcl
//! policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
//! ```
//!
//! **Fix.** Grant the actions the principal needs, on the resources it needs them for.
//!
//! checkov: CKV_AWS_62, CKV_AWS_1.

use crate::lint::rules::prelude::*;

declare_rule!(AdminPolicy {
    id: "IAM001",
    name: "iam-admin-policy",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_62", "CKV_AWS_1"],
    profile_fix: None,
    source: include_str!("iam001_iam_admin_policy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in super::policies(ctx) {
        if p.statements
            .iter()
            .any(|s| s.allow && (s.any_action(|a| a == "*") || s.not_action) && s.all_resources())
        {
            out.push(p.res.finding(
                &META,
                p.pos,
                format!("{} grants administrator access (`*` on `*`)", p.res.address),
                "grant only the needed actions and resources",
            ));
        }
    }
}
