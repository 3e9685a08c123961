//! # IAM007 iam-trust-any-principal
//!
//! **What it does.** Flags role trust policies (and policy documents) that allow any principal (`*`).
//!
//! **Why.** Anyone with an AWS account could assume the role.
//!
//! **Example.**
//!
//! ```hcl
//! assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }] })
//! ```
//!
//! **Fix.** Name the service (`ecs-tasks.amazonaws.com`) or the accounts and roles that may assume it.
//!
//! checkov: CKV_AWS_60, CKV_AWS_61, CKV_AWS_283.

use crate::lint::rules::prelude::*;

declare_rule!(TrustAnyPrincipal {
    id: "IAM007",
    name: "iam-trust-any-principal",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_60", "CKV_AWS_61", "CKV_AWS_283"],
    profile_fix: None,
    source: include_str!("iam007_iam_trust_any_principal.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for role in ctx.resources("aws_iam_role") {
        let Some(statements) = policy_of(&role, "assume_role_policy") else {
            continue;
        };
        if statements
            .iter()
            .any(|s| s.allow && s.principals.iter().any(|p| p == "*") && !s.has_condition)
        {
            out.push(role.finding(
                &META,
                role.pos_of("assume_role_policy"),
                format!("{} can be assumed by any principal", role.address),
                "name the trusted service or accounts",
            ));
        }
    }
    for doc in ctx.data_sources("aws_iam_policy_document") {
        if crate::lint::iam_policy::document_statements(&doc)
            .iter()
            .any(|s| s.allow && s.principals.iter().any(|p| p == "*") && !s.has_condition)
        {
            out.push(doc.finding(
                &META,
                doc.pos(),
                format!("{} allows any principal", doc.address),
                "name the trusted principals",
            ));
        }
    }
}
