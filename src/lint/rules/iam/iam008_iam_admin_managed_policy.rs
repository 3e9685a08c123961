//! # IAM008 iam-admin-managed-policy
//!
//! **What it does.** Flags attachments of the AWS managed `AdministratorAccess` or `IAMFullAccess` policies, and data sources that look them up.
//!
//! **Why.** Attaching either makes the role an account administrator.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_iam_role_policy_attachment" "admin" {
//!   role       = aws_iam_role.task.name
//!   policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
//! }
//! ```
//!
//! **Fix.** Attach a policy that grants only what the role needs.
//!
//! checkov: CKV_AWS_274, CKV_AWS_275, CKV2_AWS_56.

use crate::lint::rules::prelude::*;

declare_rule!(AdminManagedPolicy {
    id: "IAM008",
    name: "iam-admin-managed-policy",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_274", "CKV_AWS_275", "CKV2_AWS_56"],
    profile_fix: None,
    source: include_str!("iam008_iam_admin_managed_policy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let admin = |arn: &str| {
        arn.ends_with(":policy/AdministratorAccess") || arn.ends_with(":policy/IAMFullAccess")
    };
    for ty in [
        "aws_iam_role_policy_attachment",
        "aws_iam_policy_attachment",
        "aws_iam_user_policy_attachment",
        "aws_iam_group_policy_attachment",
    ] {
        for a in ctx.resources(ty) {
            if string(&a.value("policy_arn")).is_some_and(|p| admin(&p)) {
                out.push(a.finding(
                    &META,
                    a.pos_of("policy_arn"),
                    format!("{} attaches an administrator policy", a.address),
                    "attach a least-privilege policy",
                ));
            }
        }
    }
    for role in ctx.resources("aws_iam_role") {
        if strings(&role.value("managed_policy_arns"))
            .iter()
            .any(|p| admin(p))
        {
            out.push(role.finding(
                &META,
                role.pos_of("managed_policy_arns"),
                format!("{} attaches an administrator policy", role.address),
                "attach a least-privilege policy",
            ));
        }
    }
    for d in ctx.data_sources("aws_iam_policy") {
        let name = string(&d.value("name"))
            .or(string(&d.value("arn")))
            .unwrap_or_default();
        if name == "AdministratorAccess" || name == "IAMFullAccess" || admin(&name) {
            out.push(d.finding(
                &META,
                d.pos(),
                format!("{} looks up an administrator policy", d.address),
                "use a least-privilege policy",
            ));
        }
    }
}
