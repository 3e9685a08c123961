//! API Gateway (HTTP API) rules.

pub mod jwt_issuer;
pub mod mutating_route_public;
pub mod route_authorization;
pub mod stage_access_logs;
pub mod stage_throttling;
