//! # COG003 cognito-threat-protection-off
//!
//! **What it does.** Flags user pools without threat protection (advanced security) in `AUDIT` or `ENFORCED` mode.
//!
//! **Why.** Threat protection detects compromised credentials and risky sign-ins and can block them; without it Cognito accepts any correct password.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name = "petstore-users"
//! }
//! ```
//!
//! **Fix.** Add `user_pool_add_ons { advanced_security_mode = "ENFORCED" }` (needs the PLUS tier).
//!
//! In a petgen profile: `auth.threat_protection = "ENFORCED"`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ThreatProtection {
    id: "COG003",
    name: "cognito-threat-protection-off",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: Some("auth.threat_protection = \"ENFORCED\""),
    source: include_str!("cog003_cognito_threat_protection_off.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for p in ctx.resources("aws_cognito_user_pool") {
        let on = p.blocks("user_pool_add_ons").iter().any(|b| {
            matches!(
                string(&p.value_in(b, "advanced_security_mode")).as_deref(),
                Some("AUDIT") | Some("ENFORCED")
            ) || (b.get_attribute("advanced_security_mode").is_some()
                && p.value_in(b, "advanced_security_mode").is_none())
        });
        if !on {
            out.push(p.finding(
                &META,
                p.pos(),
                format!("{} has threat protection off", p.address),
                "set user_pool_add_ons.advanced_security_mode",
            ));
        }
    }
}
