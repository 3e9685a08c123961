//! # CST006 cognito-plus-for-threat-protection
//!
//! **What it does.** For user pools on the Plus feature plan (`user_pool_tier = "PLUS"`, which threat protection needs), states what Plus costs at the profile's monthly active users and what Essentials would cost instead.
//!
//! **Why.** Plus is billed per monthly active user with no free tier, and threat protection (adaptive authentication, compromised-credential checks) is the usual reason to pay it. At 20,000 users that is about $400 a month against about $150 for Essentials, often the largest line of a small stack. The choice should be made knowing the price.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name           = "petstore"
//!   user_pool_tier = "PLUS"
//! }
//! ```
//!
//! **Fix.** Keep Plus when the threat model needs it. Cheaper alternatives: threat protection in `AUDIT` costs the same, so turn it off (`auth.threat_protection = "OFF"`, Essentials) and rely on MFA, WAF rate limits and CloudTrail; or keep Plus only in production.
//!
//! checkov has no equivalent check.

use crate::facts::price_keys::PriceKey;
use crate::lint::rules::prelude::*;

declare_rule!(PlusForThreatProtection {
    id: "CST006",
    name: "cognito-plus-for-threat-protection",
    category: Cost,
    severity: Info,
    checkov: [],
    profile_fix: Some(
        "auth.threat_protection = \"OFF\" (Essentials), if MFA and rate limits suffice"
    ),
    source: include_str!("cst006_cognito_plus_for_threat_protection.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(cost) = ctx.cost else { return };
    let (Some(plus), Some(essentials)) = (
        ctx.price(PriceKey::CognitoPlusMau),
        ctx.price(PriceKey::CognitoEssentialsMau),
    ) else {
        return;
    };
    let mau = cost.usage().monthly_active_users;
    let free = cost
        .free_quantity(PriceKey::CognitoEssentialsMau)
        .unwrap_or(0.0);
    let plus_usd = mau * plus;
    let essentials_usd = (mau - free).max(0.0) * essentials;
    for pool in ctx.resources("aws_cognito_user_pool") {
        if string(&pool.value("user_pool_tier")).as_deref() != Some("PLUS") {
            continue;
        }
        out.push(pool.finding(
            &META,
            pool.pos_of("user_pool_tier"),
            format!(
                "the Plus plan costs ${plus_usd:.2} a month at {mau:.0} monthly active users, for threat protection; Essentials would cost ${essentials_usd:.2}",
            ),
            "keep Plus if the threat model needs it; otherwise user_pool_tier = \"ESSENTIALS\" with MFA",
        ));
    }
}
