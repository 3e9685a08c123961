//! # IAM016 iam-trust-without-source-condition
//!
//! **What it does.** Flags role trust policies that let an AWS service principal (`*.amazonaws.com`) assume the role with no condition on `aws:SourceAccount` or `aws:SourceArn`.
//!
//! **Why.** Without them, the service may assume the role on behalf of any account that names it: the confused-deputy problem. The condition ties the role to this account's use of the service.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_role" "task" {
//!   assume_role_policy = jsonencode({
//!     Version   = "2012-10-17"
//!     Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
//!   })
//! }
//! ```
//!
//! **Fix.** Add `Condition = { StringEquals = { "aws:SourceAccount" = <account id> }, ArnLike = { "aws:SourceArn" = "arn:aws:<service>:<region>:<account id>:*" } }`.
//!
//! checkov has no equivalent check.

use crate::lint::iam_policy::statements;
use crate::lint::rules::prelude::*;

declare_rule!(TrustWithoutSourceCondition {
    id: "IAM016",
    name: "iam-trust-without-source-condition",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("iam016_iam_trust_without_source_condition.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for role in ctx.resources("aws_iam_role") {
        if role.attr("assume_role_policy").is_none() {
            continue;
        }
        // Conditions usually name the account through a data source, which leaves the
        // policy partly unknown offline: read what is known.
        let stmts = policy_of(&role, "assume_role_policy")
            .unwrap_or_else(|| statements(&role.value_lenient("assume_role_policy")));
        let open: Vec<&String> = stmts
            .iter()
            .filter(|s| s.allow && !s.has_condition)
            .flat_map(|s| s.principals.iter())
            .filter(|p| p.ends_with(".amazonaws.com"))
            .collect();
        if let Some(service) = open.first() {
            out.push(role.finding(
                &META,
                role.pos_of("assume_role_policy"),
                format!(
                    "{} trusts {service} with no aws:SourceAccount or aws:SourceArn condition",
                    role.address
                ),
                "add a Condition on aws:SourceAccount and aws:SourceArn to the trust statement",
            ));
        }
    }
}
