//! # IAM006 iam-full-iam-access
//!
//! **What it does.** Flags allow statements that grant `iam:*`.
//!
//! **Why.** Full IAM access is administrator access with one extra step.
//!
//! **Example.**
//!
//! ```hcl
//! policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })
//! ```
//!
//! **Fix.** Grant the specific IAM actions needed, on specific ARNs.
//!
//! checkov: CKV2_AWS_40.

use crate::lint::rules::prelude::*;

declare_rule!(FullIam {
    id: "IAM006",
    name: "iam-full-iam-access",
    category: Security,
    severity: Error,
    checkov: ["CKV2_AWS_40"],
    profile_fix: None,
    source: include_str!("iam006_iam_full_iam_access.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in super::policies(ctx) {
        if p.statements
            .iter()
            .any(|s| s.allow && s.any_action(|a| a.eq_ignore_ascii_case("iam:*")))
        {
            out.push(p.res.finding(
                &META,
                p.pos,
                format!("{} grants iam:*", p.res.address),
                "grant specific IAM actions",
            ));
        }
    }
}
