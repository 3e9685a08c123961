//! # COG001 cognito-weak-password-policy
//!
//! **What it does.** Flags user pools whose password policy allows passwords shorter than 12 characters or drops a character class.
//!
//! **Why.** Short passwords fall to online guessing and credential stuffing; Cognito's default minimum is 8.
//!
//! **Example.**
//!
//! ```hcl
//! password_policy {
//!   minimum_length  = 8
//!   require_symbols = false
//! }
//! ```
//!
//! **Fix.** Set `minimum_length = 12` (or more) and keep every `require_*` on.
//!
//! In a petgen profile: `auth.password.minimum_length = 12`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(WeakPassword {
    id: "COG001",
    name: "cognito-weak-password-policy",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: Some("auth.password.minimum_length = 12"),
    source: include_str!("cog001_cognito_weak_password_policy.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in ctx.resources("aws_cognito_user_pool") {
        let policy = p.blocks("password_policy");
        let Some(b) = policy.first() else {
            out.push(p.finding(
                &META,
                p.pos(),
                format!(
                    "{} has the default password policy (8 characters)",
                    p.address
                ),
                "add password_policy with minimum_length = 12",
            ));
            continue;
        };
        let len = match p.value_in(b, "minimum_length") {
            Some(v) => number(&Some(v)),
            None if b.get_attribute("minimum_length").is_none() => Some(8.0),
            None => None,
        };
        if len.is_some_and(|l| l < 12.0) {
            out.push(p.finding(
                &META,
                p.pos_in(b, "minimum_length"),
                format!(
                    "{} allows {}-character passwords",
                    p.address,
                    len.unwrap_or(8.0)
                ),
                "set minimum_length = 12",
            ));
        }
        for class in [
            "require_lowercase",
            "require_uppercase",
            "require_numbers",
            "require_symbols",
        ] {
            if is_false(&p.value_in(b, class)) {
                out.push(p.finding(
                    &META,
                    p.pos_in(b, class),
                    format!("{} does not set {class}", p.address),
                    "set it to true",
                ));
            }
        }
    }
}
