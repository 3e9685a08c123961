//! The Cognito user pool.

use super::{check_name, problem, Problem};
use crate::profile::Profile;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    let au = &p.auth;
    if let Some(n) = &au.user_pool_name {
        check_name(
            out,
            "auth.user_pool_name",
            n,
            1,
            128,
            |c| c.is_alphanumeric() || c == '_' || c.is_whitespace() || "+=,.@-".contains(c),
            "letters, digits, spaces and _ + = , . @ -",
        );
    }
    if !(6..=99).contains(&au.password.minimum_length) {
        out.push(problem(
            "auth.password.minimum_length",
            format!("{} is outside 6-99", au.password.minimum_length),
            "Cognito accepts minimum lengths from 6 to 99",
        ));
    }
    if au.password.temporary_password_validity_days > 365 {
        out.push(problem(
            "auth.password.temporary_password_validity_days",
            format!(
                "{} is outside 0-365",
                au.password.temporary_password_validity_days
            ),
            "use at most 365 days",
        ));
    }
    if !(5..=1440).contains(&au.token_validity_minutes) {
        out.push(problem(
            "auth.token_validity_minutes",
            format!("{} is outside 5-1440", au.token_validity_minutes),
            "Cognito accepts access/ID token lifetimes from 5 minutes to 1 day",
        ));
    }
    if !(1..=3650).contains(&au.refresh_token_validity_days) {
        out.push(problem(
            "auth.refresh_token_validity_days",
            format!("{} is outside 1-3650", au.refresh_token_validity_days),
            "Cognito accepts refresh token lifetimes from 1 to 3650 days",
        ));
    }
    if let Some(arn) = &p.auth.ses_identity_arn {
        let parts: Vec<&str> = arn.split(':').collect();
        let ok = parts.len() == 6
            && parts[0] == "arn"
            && parts[1].starts_with("aws")
            && parts[2] == "ses"
            && parts[5].starts_with("identity/");
        if !ok {
            out.push(problem(
                "auth.ses_identity_arn",
                format!("{arn:?} is not an SES identity ARN"),
                "arn:aws:ses:REGION:ACCOUNT:identity/no-reply@example.com (a verified identity)",
            ));
        }
    } else if p.auth.from_email_address.is_some() {
        out.push(problem(
            "auth.from_email_address",
            "from_email_address needs auth.ses_identity_arn: Cognito's built-in sender has a fixed address",
            "add ses_identity_arn, or remove from_email_address",
        ));
    }
}
