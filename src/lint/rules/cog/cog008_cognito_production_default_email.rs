//! # COG008 cognito-production-default-email
//!
//! **What it does.** In production, flags user pools that send email with Cognito's built-in sender: no `email_configuration`, or `email_sending_account = "COGNITO_DEFAULT"`.
//!
//! **Why.** The built-in sender allows 50 messages a day per account. Invitations, verification codes and password resets beyond that are not sent, and users cannot sign in or recover their accounts.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cognito_user_pool" "this" {
//!   name = "petstore"
//! }
//! ```
//!
//! **Fix.** `email_configuration { email_sending_account = "DEVELOPER", source_arn = <verified SES identity> }`. In a petgen profile, `auth.ses_identity_arn`.
//!
//! checkov has no equivalent check.

use crate::lint::rules::prelude::*;

declare_rule!(ProductionDefaultEmail {
    id: "COG008",
    name: "cognito-production-default-email",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: Some("auth.ses_identity_arn = \"arn:aws:ses:REGION:ACCOUNT:identity/ADDRESS\""),
    source: include_str!("cog008_cognito_production_default_email.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.production() {
        return;
    }
    for pool in ctx.resources("aws_cognito_user_pool") {
        let developer = pool.blocks("email_configuration").iter().any(|e| {
            string(&pool.value_in(e, "email_sending_account")).as_deref() == Some("DEVELOPER")
        });
        if !developer {
            out.push(pool.finding(
                &META,
                pool.pos(),
                format!(
                    "{} sends email through Cognito's built-in sender, which allows 50 messages a day",
                    pool.address
                ),
                "add email_configuration with email_sending_account = \"DEVELOPER\" and an SES source_arn",
            ));
        }
    }
}
