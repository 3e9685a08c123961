//! Cognito rules.

pub mod client_flows;
pub mod identity_pool_unauthenticated;
pub mod mfa_production;
pub mod threat_protection;
pub mod token_validity;
pub mod weak_password;
