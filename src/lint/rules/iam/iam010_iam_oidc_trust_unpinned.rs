//! # IAM010 iam-oidc-trust-unpinned
//!
//! **What it does.** Flags role trust policies that trust GitHub's OIDC provider (`token.actions.githubusercontent.com`) without a condition on the token's `sub` claim.
//!
//! **Why.** Without `sub`, any workflow in any GitHub repository can assume the role.
//!
//! **Example.**
//!
//! ```hcl
//! assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity",
//!   Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" } }] })
//! ```
//!
//! **Fix.** Add `Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:ORG/REPO:*" } }`.
//!
//! checkov: CKV_AWS_358, CKV_AWS_393.

use crate::lint::rules::prelude::*;

declare_rule!(OidcTrustUnpinned {
    id: "IAM010",
    name: "iam-oidc-trust-unpinned",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_358", "CKV_AWS_393"],
    profile_fix: None,
    source: include_str!("iam010_iam_oidc_trust_unpinned.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let unpinned = |s: &Statement, conditions: &Value| {
        s.allow
            && s.principals
                .iter()
                .any(|p| p.contains("token.actions.githubusercontent.com"))
            && !conditions
                .to_string()
                .contains("token.actions.githubusercontent.com:sub")
    };
    for role in ctx.resources("aws_iam_role") {
        let doc = match role.value_lenient("assume_role_policy") {
            Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::Null),
            other => other,
        };
        let Some(Value::Array(list)) = doc.get("Statement").cloned().map(|s| {
            if s.is_array() {
                s
            } else {
                Value::Array(vec![s])
            }
        }) else {
            continue;
        };
        let statements = crate::lint::iam_policy::statements(&doc);
        for (s, raw) in statements.iter().zip(list.iter()) {
            if unpinned(s, raw.get("Condition").unwrap_or(&Value::Null)) {
                out.push(role.finding(
                    &META,
                    role.pos_of("assume_role_policy"),
                    format!("{} trusts GitHub OIDC without pinning `sub`", role.address),
                    "add a StringLike condition on token.actions.githubusercontent.com:sub",
                ));
            }
        }
    }
}
