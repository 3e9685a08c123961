//! # KMS003 kms-key-disabled
//!
//! **What it does.** Flags KMS keys with `is_enabled = false`.
//!
//! **Why.** Everything encrypted with a disabled key is unreadable until it is enabled again.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_kms_key" "logs" {
//!   is_enabled = false
//! }
//! ```
//!
//! **Fix.** Remove `is_enabled = false`, or schedule the key for deletion if it is no longer used.
//!
//! checkov: CKV_AWS_227.

use crate::lint::rules::prelude::*;

declare_rule!(Disabled {
    id: "KMS003",
    name: "kms-key-disabled",
    category: Reliability,
    severity: Warning,
    checkov: ["CKV_AWS_227"],
    profile_fix: None,
    source: include_str!("kms003_kms_key_disabled.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in ctx.resources("aws_kms_key") {
        if is_false(&k.value("is_enabled")) {
            out.push(k.finding(
                &META,
                k.pos_of("is_enabled"),
                format!("{} is disabled", k.address),
                "enable it or remove it",
            ));
        }
    }
}
