//! # IAM004 iam-privilege-escalation
//!
//! **What it does.** Flags allow statements that grant actions known to allow privilege escalation (`iam:PassRole`, `iam:CreatePolicyVersion`, `iam:Attach*Policy`, ...) on every resource.
//!
//! **Why.** These actions let a principal give itself (or a role it can pass) more permissions than it was granted.
//!
//! **Example.**
//!
//! ```hcl
//! policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
//! ```
//!
//! **Fix.** Scope the action to specific role ARNs, or remove it.
//!
//! checkov: CKV_AWS_286, CKV_AWS_110.

use crate::lint::rules::prelude::*;

declare_rule!(PrivilegeEscalation {
    id: "IAM004",
    name: "iam-privilege-escalation",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_286", "CKV_AWS_110"],
    profile_fix: None,
    source: include_str!("iam004_iam_privilege_escalation.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (p, found) in super::risky_grants(ctx, crate::lint::iam_policy::PRIVILEGE_ESCALATION) {
        out.push(p.res.finding(
            &META,
            p.pos,
            format!(
                "{} allows privilege escalation ({}) on every resource",
                p.res.address,
                found.join(", ")
            ),
            "scope the actions to specific ARNs",
        ));
    }
}
