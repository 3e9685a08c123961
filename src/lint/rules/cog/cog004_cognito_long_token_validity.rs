//! # COG004 cognito-long-token-validity
//!
//! **What it does.** Flags app clients whose access or ID tokens live longer than an hour, or refresh tokens longer than 30 days.
//!
//! **Why.** A leaked token works until it expires; JWTs cannot be revoked at API Gateway.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool_client" "this" {
//!   access_token_validity = 24
//!   token_validity_units {
//!     access_token = "hours"
//!   }
//! }
//! ```
//!
//! **Fix.** Keep access and ID tokens at 60 minutes or less and refresh tokens at 30 days or less.
//!
//! In a petgen profile: `auth.token_validity_minutes = 60`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(TokenValidity {
    id: "COG004",
    name: "cognito-long-token-validity",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: Some("auth.token_validity_minutes = 60"),
    source: include_str!("cog004_cognito_long_token_validity.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_cognito_user_pool_client") {
        let units = c.blocks("token_validity_units");
        let unit = |k: &str, default: &str| {
            units
                .first()
                .and_then(|u| string(&c.value_in(u, k)))
                .unwrap_or_else(|| default.to_string())
        };
        let minutes = |v: f64, u: &str| match u {
            "seconds" => v / 60.0,
            "minutes" => v,
            "hours" => v * 60.0,
            "days" => v * 1440.0,
            _ => v,
        };
        for (key, unit_key) in [
            ("access_token_validity", "access_token"),
            ("id_token_validity", "id_token"),
        ] {
            if let Some(v) = number(&c.value(key)) {
                let m = minutes(v, &unit(unit_key, "hours"));
                if m > 60.0 {
                    out.push(c.finding(
                        &META,
                        c.pos_of(key),
                        format!("{}: {key} is {m} minutes", c.address),
                        "keep it at 60 minutes or less",
                    ));
                }
            }
        }
        if let Some(v) = number(&c.value("refresh_token_validity")) {
            let m = minutes(v, &unit("refresh_token", "days"));
            if m > 30.0 * 1440.0 {
                out.push(c.finding(
                    &META,
                    c.pos_of("refresh_token_validity"),
                    format!("{}: refresh tokens live {} days", c.address, m / 1440.0),
                    "keep them at 30 days or less",
                ));
            }
        }
    }
}
