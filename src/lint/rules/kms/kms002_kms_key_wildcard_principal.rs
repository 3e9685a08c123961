//! # KMS002 kms-key-wildcard-principal
//!
//! **What it does.** Flags KMS key policies that allow any principal (`*`) without a condition.
//!
//! **Why.** Anyone could use or manage the key, and so read everything encrypted with it.
//!
//! **Example.**
//!
//! ```hcl
//! policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:*", Resource = "*" }] })
//! ```
//!
//! **Fix.** Name the account root and the roles that use the key.
//!
//! checkov: CKV_AWS_33.

use crate::lint::rules::prelude::*;

declare_rule!(WildcardPrincipal {
    id: "KMS002",
    name: "kms-key-wildcard-principal",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_33"],
    profile_fix: None,
    source: include_str!("kms002_kms_key_wildcard_principal.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in ctx.resources("aws_kms_key") {
        let Some(statements) = policy_of(&k, "policy") else {
            continue;
        };
        if statements
            .iter()
            .any(|s| s.allow && s.principals.iter().any(|p| p == "*") && !s.has_condition)
        {
            out.push(k.finding(
                &META,
                k.pos_of("policy"),
                format!("{} allows any principal", k.address),
                "name the principals",
            ));
        }
    }
}
