//! # KMS001 kms-key-rotation
//!
//! **What it does.** Flags symmetric customer-managed KMS keys without automatic rotation.
//!
//! **Why.** Rotation limits how much data one key version protects and is required by most compliance frameworks.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_kms_key" "logs" {
//!   description = "log encryption"
//! }
//! ```
//!
//! **Fix.** Set `enable_key_rotation = true`.
//!
//! checkov: CKV_AWS_7.

use crate::lint::rules::prelude::*;

declare_rule!(Rotation {
    id: "KMS001",
    name: "kms-key-rotation",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_7"],
    profile_fix: None,
    source: include_str!("kms001_kms_key_rotation.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in ctx.resources("aws_kms_key") {
        let spec = string(&k.value("customer_master_key_spec"))
            .unwrap_or_else(|| "SYMMETRIC_DEFAULT".into());
        if spec == "SYMMETRIC_DEFAULT"
            && !is_true(&k.value("enable_key_rotation"))
            && (k.attr("enable_key_rotation").is_none() || k.value("enable_key_rotation").is_some())
        {
            out.push(k.finding(
                &META,
                k.pos_of("enable_key_rotation"),
                format!("{} does not rotate", k.address),
                "set enable_key_rotation = true",
            ));
        }
    }
}
