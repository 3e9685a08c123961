//! # IAM011 iam-user
//!
//! **What it does.** Notes IAM users managed in the configuration.
//!
//! **Why.** Long-lived users and their keys are the usual source of leaked credentials; people should sign in through IAM Identity Center (SSO) and workloads should use roles.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_user" "ci" {
//!   name = "ci"
//! }
//! ```
//!
//! **Fix.** Use IAM Identity Center for people and roles (with OIDC for CI) for machines.
//!
//! checkov: CKV_AWS_273.

use crate::lint::rules::prelude::*;

declare_rule!(User {
    id: "IAM011",
    name: "iam-user",
    category: Security,
    severity: Info,
    checkov: ["CKV_AWS_273"],
    profile_fix: None,
    source: include_str!("iam011_iam_user.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for u in ctx.resources("aws_iam_user") {
        out.push(u.finding(
            &META,
            u.pos(),
            format!("{} is an IAM user", u.address),
            "use SSO for people and roles for workloads",
        ));
    }
}
