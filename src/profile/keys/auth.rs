//! `[auth]` and `[auth.password]`: the Cognito user pool.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Cognito MFA setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Mfa {
    /// No MFA.
    #[serde(rename = "OFF")]
    Off,
    /// Users may enrol a TOTP authenticator.
    #[serde(rename = "OPTIONAL")]
    Optional,
    /// Every user must use a TOTP authenticator.
    #[serde(rename = "ON")]
    On,
}

/// How users recover their account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountRecovery {
    /// A code sent to the verified email address.
    VerifiedEmail,
    /// Only an administrator can reset the password.
    AdminOnly,
}

/// Cognito threat protection (advanced security); anything but `OFF` needs the PLUS tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ThreatProtection {
    /// Off (LITE/ESSENTIALS pricing).
    #[serde(rename = "OFF")]
    Off,
    /// Detect and log risky sign-ins without blocking.
    #[serde(rename = "AUDIT")]
    Audit,
    /// Detect and block risky sign-ins.
    #[serde(rename = "ENFORCED")]
    Enforced,
}

/// Password policy of the user pool.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PasswordPolicy {
    /// Minimum length, 6-99. Default: `12`.
    pub minimum_length: u32,
    /// Require a lowercase letter. Default: `true`.
    pub require_lowercase: bool,
    /// Require an uppercase letter. Default: `true`.
    pub require_uppercase: bool,
    /// Require a digit. Default: `true`.
    pub require_numbers: bool,
    /// Require a symbol. Default: `true`.
    pub require_symbols: bool,
    /// Days an admin-issued temporary password stays valid, 0-365. Default: `7`.
    pub temporary_password_validity_days: u32,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            minimum_length: 12,
            require_lowercase: true,
            require_uppercase: true,
            require_numbers: true,
            require_symbols: true,
            temporary_password_validity_days: 7,
        }
    }
}

/// The Cognito user pool and its app client.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Auth {
    /// User pool name. Default: `"<project.name>-<environment>-users"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_pool_name: Option<String>,
    /// `"OFF"`, `"OPTIONAL"` or `"ON"` (TOTP). Default: `"OFF"`.
    pub mfa: Mfa,
    /// `"verified_email"` or `"admin_only"`.
    /// Default: `"verified_email"`.
    pub account_recovery: AccountRecovery,
    /// `"OFF"`, `"AUDIT"` or `"ENFORCED"`. Default: `"OFF"`.
    pub threat_protection: ThreatProtection,
    /// Access and ID token lifetime in minutes, 5-1440. Default: `60`.
    pub token_validity_minutes: u32,
    /// Refresh token lifetime in days, 1-3650. Default: `30`.
    pub refresh_token_validity_days: u32,
    /// Let anyone create an account from the app client. Tokens authorize `POST`, so leave
    /// this off unless the product wants public accounts; operators create users with
    /// `aws cognito-idp admin-create-user`. Default: `false`.
    pub self_sign_up: bool,
    /// Allow `ADMIN_USER_PASSWORD_AUTH` on the app client, so an operator with AWS credentials
    /// (`cognito-idp:AdminInitiateAuth`) can get tokens with
    /// `aws cognito-idp admin-initiate-auth`. The flow is server-side: it needs IAM
    /// credentials, never a client secret, and is not open to the public. Default: `false`.
    pub admin_password_auth: bool,
    /// Password policy.
    pub password: PasswordPolicy,
    /// Send Cognito's email (invitations, codes) through SES from this verified identity's
    /// ARN instead of Cognito's built-in sender, which allows 50 messages a day. Default:
    /// none (the built-in sender).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ses_identity_arn: Option<String>,
    /// With `ses_identity_arn`: the From address, e.g. `"Petstore <no-reply@example.com>"`.
    /// Default: the identity's own address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_email_address: Option<String>,
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            user_pool_name: None,
            mfa: Mfa::Off,
            account_recovery: AccountRecovery::VerifiedEmail,
            threat_protection: ThreatProtection::Off,
            token_validity_minutes: 60,
            refresh_token_validity_days: 30,
            self_sign_up: false,
            admin_password_auth: false,
            password: PasswordPolicy::default(),
            ses_identity_arn: None,
            from_email_address: None,
        }
    }
}
