//! API Gateway (HTTP API) rules.

pub mod api001_apigw_route_without_authorization;
pub mod api002_apigw_mutating_route_public;
pub mod api003_apigw_stage_access_logs;
pub mod api004_apigw_stage_throttling;
pub mod api005_apigw_jwt_foreign_issuer;
pub mod api006_apigw_vpc_link_unsupported_az;
