//! # IAM009 iam-policy-on-user
//!
//! **What it does.** Flags policies attached directly to IAM users.
//!
//! **Why.** Permissions on users are hard to audit and outlive the person; roles and groups make them reviewable.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_user_policy_attachment" "deploy" {
//!   user       = aws_iam_user.ci.name
//!   policy_arn = aws_iam_policy.deploy.arn
//! }
//! ```
//!
//! **Fix.** Attach the policy to a group or a role the user assumes.
//!
//! checkov: CKV_AWS_40.

use crate::lint::rules::prelude::*;

declare_rule!(PolicyOnUser {
    id: "IAM009",
    name: "iam-policy-on-user",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_40"],
    profile_fix: None,
    source: include_str!("iam009_iam_policy_on_user.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_iam_user_policy", "aws_iam_user_policy_attachment"] {
        for a in ctx.resources(ty) {
            out.push(a.finding(
                &META,
                a.pos(),
                format!("{} attaches a policy to a user", a.address),
                "attach it to a group or role instead",
            ));
        }
    }
    for a in ctx.resources("aws_iam_policy_attachment") {
        if a.attr("users").is_some() {
            out.push(a.finding(
                &META,
                a.pos_of("users"),
                format!("{} attaches a policy to users", a.address),
                "attach it to groups or roles instead",
            ));
        }
    }
}
