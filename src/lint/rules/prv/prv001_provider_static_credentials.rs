//! # PRV001 provider-static-credentials
//!
//! **What it does.** Flags an `aws` provider block that sets `access_key` or `secret_key` to a literal.
//!
//! **Why.** Keys in code end up in version control, plan files and CI logs, and they do not expire.
//!
//! **Example.**
//!
//! ```hcl
//! provider "aws" {
//!   region     = "us-east-1"
//!   access_key = "AKIAIOSFODNN7EXAMPLE"
//!   secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
//! }
//! ```
//!
//! **Fix.** Remove the keys and let the provider read credentials from the environment, a profile or an assumed role.
//!
//! checkov: CKV_AWS_41.

use crate::lint::rules::prelude::*;

declare_rule!(StaticCredentials {
    id: "PRV001",
    name: "provider-static-credentials",
    category: Security,
    severity: Error,
    checkov: ["CKV_AWS_41"],
    profile_fix: None,
    source: include_str!("prv001_provider_static_credentials.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (_, module) in ctx.index.iter() {
        for block in module
            .blocks_of(crate::hcl::BlockKind::Provider)
            .filter(|b| b.labels.first() == Some(&"aws"))
        {
            let res = Res::from_parts(ctx, module, block);
            for key in ["access_key", "secret_key"] {
                if string(&res.value(key)).is_some_and(|s| !s.is_empty()) {
                    out.push(res.finding(
                        &META,
                        res.pos_of(key),
                        format!("the aws provider sets `{key}` to a literal"),
                        "remove the key; use environment credentials or an assumed role",
                    ));
                }
            }
        }
    }
}
