//! Load balancer rules.

pub mod access_logs;
pub mod cross_zone;
pub mod deletion_protection;
pub mod desync_mitigation;
pub mod drop_invalid_headers;
pub mod health_check;
pub mod listener_https;
pub mod target_group_http;
pub mod tls_policy;
pub mod waf;
pub mod waf_known_bad_inputs;
