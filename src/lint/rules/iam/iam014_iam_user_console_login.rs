//! # IAM014 iam-user-console-login
//!
//! **What it does.** Flags IAM users given a console password (`aws_iam_user_login_profile`).
//!
//! **Why.** Console passwords for IAM users bypass the organisation's single sign-on and its MFA policy.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_user_login_profile" "alice" {
//!   user = aws_iam_user.alice.name
//! }
//! ```
//!
//! **Fix.** Sign people in through IAM Identity Center.
//!
//! checkov: CKV2_AWS_22.

use crate::lint::rules::prelude::*;

declare_rule!(UserConsoleLogin {
    id: "IAM014",
    name: "iam-user-console-login",
    category: Security,
    severity: Warning,
    checkov: ["CKV2_AWS_22"],
    profile_fix: None,
    source: include_str!("iam014_iam_user_console_login.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for l in ctx.resources("aws_iam_user_login_profile") {
        out.push(l.finding(
            &META,
            l.pos(),
            format!("{} gives an IAM user a console password", l.address),
            "use SSO instead",
        ));
    }
}
