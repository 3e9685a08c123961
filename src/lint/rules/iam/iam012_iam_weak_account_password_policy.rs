//! # IAM012 iam-weak-account-password-policy
//!
//! **What it does.** Checks the account password policy: at least 14 characters, all four character classes, reuse prevention, and expiry within 90 days.
//!
//! **Why.** The account policy governs every IAM user's console password.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_account_password_policy" "this" {
//!   minimum_password_length = 8
//! }
//! ```
//!
//! **Fix.** Set `minimum_password_length = 14`, every `require_*` to true, `password_reuse_prevention = 24` and `max_password_age = 90`.
//!
//! checkov: CKV_AWS_9, CKV_AWS_10, CKV_AWS_11, CKV_AWS_12, CKV_AWS_13, CKV_AWS_14, CKV_AWS_15.

use crate::lint::rules::prelude::*;

declare_rule!(AccountPasswordPolicy {
    id: "IAM012",
    name: "iam-weak-account-password-policy",
    category: Security,
    severity: Warning,
    checkov: [
        "CKV_AWS_9",
        "CKV_AWS_10",
        "CKV_AWS_11",
        "CKV_AWS_12",
        "CKV_AWS_13",
        "CKV_AWS_14",
        "CKV_AWS_15"
    ],
    profile_fix: None,
    source: include_str!("iam012_iam_weak_account_password_policy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in ctx.resources("aws_iam_account_password_policy") {
        // Absent is the provider's default; an unknown value says nothing either way.
        let fails = |k: &str, weak: &dyn Fn(&Option<Value>) -> bool| match Attr::of(&p, k) {
            Attr::Absent => weak(&None),
            Attr::Unknown => false,
            Attr::Literal(v) => weak(&Some(v)),
        };
        let mut weak = Vec::new();
        if fails("minimum_password_length", &|v| {
            number(v).unwrap_or(6.0) < 14.0
        }) {
            weak.push("minimum length under 14".to_string());
        }
        for k in [
            "require_lowercase_characters",
            "require_uppercase_characters",
            "require_numbers",
            "require_symbols",
        ] {
            if fails(k, &|v| !is_true(v)) {
                weak.push(format!("{k} not set"));
            }
        }
        if fails("password_reuse_prevention", &|v| number(v).is_none()) {
            weak.push("no reuse prevention".into());
        }
        if fails("max_password_age", &|v| {
            number(v).is_none_or(|d| d > 90.0 || d == 0.0)
        }) {
            weak.push("passwords do not expire within 90 days".into());
        }
        if !weak.is_empty() {
            out.push(p.finding(
                &META,
                p.pos(),
                format!("the account password policy is weak: {}", weak.join(", ")),
                "tighten the policy",
            ));
        }
    }
}
