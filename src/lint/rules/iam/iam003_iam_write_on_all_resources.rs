//! # IAM003 iam-write-on-all-resources
//!
//! **What it does.** Flags allow statements that grant write, permissions-management or data-access actions on `Resource = "*"` without a condition.
//!
//! **Why.** A wildcard resource extends the grant to every table, bucket and key in the account, including ones created later.
//!
//! **Example.**
//!
//! ```hcl
//! policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["dynamodb:PutItem"], Resource = "*" }] })
//! ```
//!
//! **Fix.** Scope `Resource` to the ARNs the principal works on, or add a condition.
//!
//! checkov: CKV_AWS_290, CKV_AWS_355, CKV_AWS_288, CKV_AWS_289, CKV_AWS_111, CKV_AWS_356, CKV_AWS_108, CKV_AWS_109.

use crate::lint::rules::prelude::*;

declare_rule!(WriteAllResources {
    id: "IAM003",
    name: "iam-write-on-all-resources",
    category: Security,
    severity: Warning,
    checkov: [
        "CKV_AWS_290",
        "CKV_AWS_355",
        "CKV_AWS_288",
        "CKV_AWS_289",
        "CKV_AWS_111",
        "CKV_AWS_356",
        "CKV_AWS_108",
        "CKV_AWS_109"
    ],
    profile_fix: None,
    source: include_str!("iam003_iam_write_on_all_resources.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in super::policies(ctx) {
        let hits: Vec<String> = p
            .statements
            .iter()
            .filter(|s| {
                s.allow && s.all_resources() && !s.has_condition && !s.any_action(|a| a == "*")
            })
            .flat_map(|s| {
                s.actions
                    .iter()
                    .filter(|a| {
                        crate::lint::iam_policy::is_write_action(a)
                            || a.to_ascii_lowercase().starts_with("s3:get")
                            || a.ends_with(":*")
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect();
        if !hits.is_empty() {
            out.push(p.res.finding(
                &META,
                p.pos,
                format!(
                    "{} allows {} on Resource \"*\"",
                    p.res.address,
                    hits.join(", ")
                ),
                "scope Resource to specific ARNs",
            ));
        }
    }
}
