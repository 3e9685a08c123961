//! IAM rules, and the policy documents they read.

pub mod iam001_iam_admin_policy;
pub mod iam002_iam_wildcard_action;
pub mod iam003_iam_write_on_all_resources;
pub mod iam004_iam_privilege_escalation;
pub mod iam005_iam_credential_exposure;
pub mod iam006_iam_full_iam_access;
pub mod iam007_iam_trust_any_principal;
pub mod iam008_iam_admin_managed_policy;
pub mod iam009_iam_policy_on_user;
pub mod iam010_iam_oidc_trust_unpinned;
pub mod iam011_iam_user;
pub mod iam012_iam_weak_account_password_policy;
pub mod iam013_iam_root_access_key;
pub mod iam014_iam_user_console_login;
pub mod iam015_iam_group_membership;

use super::prelude::*;
use crate::hcl::Pos;
use crate::lint::iam_policy::{document_statements, statements};

/// A policy found in the configuration.
pub struct Policy<'a> {
    pub res: Res<'a>,
    pub pos: Pos,
    pub statements: Vec<Statement>,
}

/// Every permissions policy: inline role, user and group policies, managed policies,
/// `inline_policy` blocks of roles, and `aws_iam_policy_document` data sources. Policies
/// that are not static are skipped.
pub fn policies<'a>(ctx: &'a Ctx<'a>) -> Vec<Policy<'a>> {
    let mut out = Vec::new();
    for ty in [
        "aws_iam_role_policy",
        "aws_iam_policy",
        "aws_iam_user_policy",
        "aws_iam_group_policy",
    ] {
        for res in ctx.resources(ty) {
            // A policy built from a policy document is reported at the document.
            if res
                .trace("policy")
                .iter()
                .any(|t| t.target.starts_with("data.aws_iam_policy_document."))
            {
                continue;
            }
            if let Some(v) = res.value("policy") {
                out.push(Policy {
                    pos: res.pos_of("policy"),
                    statements: statements(&v),
                    res,
                });
            } else if res.attr("policy").is_some() {
                let v = res.value_lenient("policy");
                let v = match v {
                    Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::Null),
                    other => other,
                };
                out.push(Policy {
                    pos: res.pos_of("policy"),
                    statements: statements(&v),
                    res,
                });
            }
        }
    }
    for role in ctx.resources("aws_iam_role") {
        for inline in role.blocks("inline_policy") {
            if let Some(v) = role.value_in(inline, "policy") {
                out.push(Policy {
                    pos: role.pos_in(inline, "policy"),
                    statements: statements(&v),
                    res: role.clone(),
                });
            }
        }
    }
    for doc in ctx.data_sources("aws_iam_policy_document") {
        out.push(Policy {
            pos: doc.pos(),
            statements: document_statements(&doc),
            res: doc.clone(),
        });
    }
    out
}

/// For each policy, the actions of `list` that an allow statement grants on every resource
/// (statements that allow `*` are IAM001's). Empty lists are left out.
pub fn risky_grants<'a>(
    ctx: &'a Ctx<'a>,
    list: &[&'static str],
) -> Vec<(Policy<'a>, Vec<&'static str>)> {
    let mut out = Vec::new();
    for p in policies(ctx) {
        let mut found: Vec<&'static str> = Vec::new();
        for s in p
            .statements
            .iter()
            .filter(|s| s.allow && s.all_resources() && !s.any_action(|a| a == "*"))
        {
            for a in list.iter().copied().filter(|a| s.grants(a)) {
                if !found.contains(&a) {
                    found.push(a);
                }
            }
        }
        if !found.is_empty() {
            out.push((p, found));
        }
    }
    out
}
pub mod iam016_iam_trust_without_source_condition;
