//! # IAM015 iam-group-membership
//!
//! **What it does.** Flags IAM groups with no members and IAM users that belong to no group.
//!
//! **Why.** Permissions should flow through groups; an empty group or a group-less user means permissions are attached somewhere harder to review.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_group" "deployers" {
//!   name = "deployers"
//! }
//! ```
//!
//! **Fix.** Add users to groups with `aws_iam_group_membership` or `aws_iam_user_group_membership`, or remove the empty group.
//!
//! checkov: CKV2_AWS_14, CKV2_AWS_21.

use crate::lint::rules::prelude::*;

declare_rule!(GroupMembership {
    id: "IAM015",
    name: "iam-group-membership",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_14", "CKV2_AWS_21"],
    profile_fix: None,
    source: include_str!("iam015_iam_group_membership.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let memberships: Vec<Res> = ctx
        .resources("aws_iam_group_membership")
        .chain(ctx.resources("aws_iam_user_group_membership"))
        .collect();
    for g in ctx.resources("aws_iam_group") {
        let used = memberships.iter().any(|m| {
            m.trace("group")
                .iter()
                .chain(m.trace("groups").iter())
                .any(|t| g.is(t))
        });
        if !used {
            out.push(g.finding(
                &META,
                g.pos(),
                format!("{} has no members", g.address),
                "add members or remove the group",
            ));
        }
    }
    for u in ctx.resources("aws_iam_user") {
        let grouped = memberships.iter().any(|m| {
            m.trace("user")
                .iter()
                .chain(m.trace("users").iter())
                .any(|t| u.is(t))
        });
        if !grouped {
            out.push(u.finding(
                &META,
                u.pos(),
                format!("{} belongs to no group", u.address),
                "add it to a group",
            ));
        }
    }
}
