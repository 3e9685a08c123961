//! # MON002 alarm-without-action
//!
//! **What it does.** Flags CloudWatch alarms that notify nobody: no `alarm_actions`, an empty
//! list, or `actions_enabled = false`.
//!
//! **Why.** An alarm without an action changes colour on a console page nobody is looking at.
//! The outage it detects still goes unnoticed.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_cloudwatch_metric_alarm" "errors" {
//!   alarm_name          = "api-5xx"
//!   namespace           = "AWS/ApiGateway"
//!   metric_name         = "5xx"
//!   statistic           = "Sum"
//!   period              = 60
//!   evaluation_periods  = 1
//!   threshold           = 1
//!   comparison_operator = "GreaterThanThreshold"
//! }
//! ```
//!
//! **Fix.** Set `alarm_actions` to an SNS topic someone is subscribed to, and leave
//! `actions_enabled` at its default, `true`.
//!
//! checkov: CKV_AWS_319 (only the `actions_enabled = false` case).

use crate::lint::rules::prelude::*;

declare_rule!(AlarmWithoutAction {
    id: "MON002",
    name: "alarm-without-action",
    category: Reliability,
    severity: Warning,
    checkov: ["CKV_AWS_319"],
    profile_fix: None,
    source: include_str!("mon002_alarm_without_action.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in ctx.resources("aws_cloudwatch_metric_alarm") {
        if is_false(&a.value("actions_enabled")) {
            out.push(a.finding(
                &META,
                a.pos_of("actions_enabled"),
                format!("{} has its actions disabled", a.address),
                "remove actions_enabled = false",
            ));
            continue;
        }
        let empty = match a.attr("alarm_actions") {
            None => true,
            Some(_) => matches!(a.value("alarm_actions"), Some(Value::Array(v)) if v.is_empty()),
        };
        if empty {
            out.push(a.finding(
                &META,
                a.pos_of("alarm_actions"),
                format!("{} notifies nobody", a.address),
                "set alarm_actions = [<SNS topic ARN>]",
            ));
        }
    }
}
