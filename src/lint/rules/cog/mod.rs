//! Cognito rules.

pub mod cog001_cognito_weak_password_policy;
pub mod cog002_cognito_mfa_off_in_production;
pub mod cog003_cognito_threat_protection_off;
pub mod cog004_cognito_long_token_validity;
pub mod cog005_cognito_client_not_public;
pub mod cog006_cognito_identity_pool_unauthenticated;
