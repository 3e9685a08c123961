//! # IAM005 iam-credential-exposure
//!
//! **What it does.** Flags allow statements that grant actions returning credentials (`iam:CreateAccessKey`, `sts:GetSessionToken`, `ecr:GetAuthorizationToken`, ...) on every resource.
//!
//! **Why.** Credentials obtained this way outlive the session that obtained them and can be used from anywhere.
//!
//! **Example.**
//!
//! ```hcl
//! policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:CreateAccessKey", Resource = "*" }] })
//! ```
//!
//! **Fix.** Scope the action, or use the AWS managed policy meant for the purpose (e.g. the ECS task execution policy for image pulls).
//!
//! checkov: CKV_AWS_287, CKV_AWS_107.

use crate::lint::rules::prelude::*;

declare_rule!(CredentialExposure {
    id: "IAM005",
    name: "iam-credential-exposure",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_287", "CKV_AWS_107"],
    profile_fix: None,
    source: include_str!("iam005_iam_credential_exposure.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (p, found) in super::risky_grants(ctx, crate::lint::iam_policy::CREDENTIAL_EXPOSURE) {
        out.push(p.res.finding(
            &META,
            p.pos,
            format!(
                "{} can obtain credentials ({})",
                p.res.address,
                found.join(", ")
            ),
            "scope or remove these actions",
        ));
    }
}
