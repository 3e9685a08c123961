//! # IAM013 iam-root-access-key
//!
//! **What it does.** Flags access keys created for the root user.
//!
//! **Why.** Root keys cannot be restricted by any policy.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_access_key" "root" {
//!   user = "root"
//! }
//! ```
//!
//! **Fix.** Remove the key; use roles.
//!
//! checkov: CKV_AWS_348.

use crate::lint::rules::prelude::*;

declare_rule!(RootAccessKey {
    id: "IAM013",
    name: "iam-root-access-key",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_348"],
    profile_fix: None,
    source: include_str!("iam013_iam_root_access_key.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in ctx.resources("aws_iam_access_key") {
        if string(&k.value("user")).as_deref() == Some("root") {
            out.push(k.finding(
                &META,
                k.pos_of("user"),
                format!("{} is an access key for the root user", k.address),
                "remove it",
            ));
        }
    }
}
