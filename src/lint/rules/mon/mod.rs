//! CloudWatch alarm rules.

pub mod mon001_production_without_alarms;
pub mod mon002_alarm_without_action;
