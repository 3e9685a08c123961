//! # KMS004 kms-key-default-policy
//!
//! **What it does.** Flags KMS keys without an explicit key policy.
//!
//! **Why.** The default policy delegates everything to IAM in the account, so any principal with broad `kms:*` IAM rights can use the key.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_kms_key" "logs" {
//!   enable_key_rotation = true
//! }
//! ```
//!
//! **Fix.** Write a `policy` (or an `aws_kms_key_policy`) that names who may administer and who may use the key.
//!
//! checkov: CKV2_AWS_64.

use crate::lint::rules::prelude::*;

declare_rule!(NoPolicy {
    id: "KMS004",
    name: "kms-key-default-policy",
    category: Security,
    severity: Info,
    checkov: ["CKV2_AWS_64"],
    profile_fix: None,
    source: include_str!("kms004_kms_key_default_policy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in ctx.resources("aws_kms_key") {
        let separate = referenced_by(ctx, &k, &["aws_kms_key_policy"], &["key_id"]);
        if k.attr("policy").is_none() && !separate {
            out.push(k.finding(
                &META,
                k.pos(),
                format!("{} uses the default key policy", k.address),
                "write an explicit key policy",
            ));
        }
    }
}
