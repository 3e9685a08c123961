//! Load balancer rules.

pub mod lb001_lb_listener_plain_http;
pub mod lb002_lb_target_group_plain_http;
pub mod lb003_lb_weak_tls_policy;
pub mod lb004_lb_keeps_invalid_headers;
pub mod lb005_lb_deletion_protection;
pub mod lb006_lb_access_logs;
pub mod lb007_lb_desync_monitor_only;
pub mod lb008_lb_without_waf;
pub mod lb009_lb_target_group_health_check;
pub mod lb010_lb_cross_zone_off;
pub mod lb011_waf_without_known_bad_inputs;
pub mod lb012_lb_authentication_without_idp_egress;
pub mod lb013_lb_write_rule_without_authentication;
