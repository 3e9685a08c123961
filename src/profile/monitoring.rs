//! The alarms a stack can have and their defaults: the keys `[monitoring.overrides.<key>]`
//! accepts. The render stage turns each into an alarm and a dashboard widget
//! (`render::monitoring`); this table is what a profile may change about them.

use super::{AlarmOverride, Profile};

/// One alarm's defaults and the limits of its overrides.
#[derive(Debug, Clone, Copy)]
pub struct AlarmDefaults {
    /// The alarm's name after `<stack name>-`, and its `overrides` key.
    pub key: &'static str,
    pub threshold: f64,
    pub period: u32,
    pub evaluation_periods: u32,
    pub datapoints_to_alarm: u32,
    /// Thresholds a profile may set, inclusive; `None` when the threshold is not a choice.
    pub threshold_range: Option<(f64, f64)>,
    /// The shortest period the metric supports.
    pub min_period: u32,
    /// What the threshold measures, for error messages.
    pub unit: &'static str,
}

const fn alarm(
    key: &'static str,
    threshold: f64,
    (period, evaluation_periods, datapoints_to_alarm): (u32, u32, u32),
    threshold_range: Option<(f64, f64)>,
    min_period: u32,
    unit: &'static str,
) -> AlarmDefaults {
    AlarmDefaults {
        key,
        threshold,
        period,
        evaluation_periods,
        datapoints_to_alarm,
        threshold_range,
        min_period,
        unit,
    }
}

/// Counts have no natural ceiling; this one only catches a typo of several digits.
const COUNT: Option<(f64, f64)> = Some((0.0, 1e9));
const PERCENT: Option<(f64, f64)> = Some((0.0, 100.0));

/// Every alarm, in the order the dashboard shows them. `ecs-running-tasks` takes its default
/// threshold from the service (see [`threshold`]).
pub const ALARMS: &[AlarmDefaults] = &[
    alarm(
        "api-5xx-rate",
        5.0,
        (60, 5, 3),
        PERCENT,
        60,
        "percent of requests",
    ),
    alarm(
        "api-4xx-rate",
        25.0,
        (300, 3, 2),
        PERCENT,
        60,
        "percent of requests",
    ),
    // API Gateway gives up on an integration after 30 s, so no p99 can exceed that.
    alarm(
        "api-latency-p99",
        1000.0,
        (60, 5, 3),
        Some((1.0, 30000.0)),
        60,
        "milliseconds",
    ),
    alarm(
        "ecs-running-tasks",
        1.0,
        (60, 3, 3),
        Some((1.0, 5000.0)),
        60,
        "tasks",
    ),
    alarm("ecs-no-running-tasks", 1.0, (60, 3, 3), None, 60, "samples"),
    alarm(
        "ecs-cpu-high",
        85.0,
        (60, 10, 10),
        PERCENT,
        60,
        "percent CPU",
    ),
    alarm(
        "ecs-memory-high",
        90.0,
        (60, 5, 5),
        PERCENT,
        60,
        "percent memory",
    ),
    alarm(
        "ddb-throttles",
        0.0,
        (300, 3, 2),
        COUNT,
        60,
        "throttled requests",
    ),
    alarm("ddb-system-errors", 0.0, (300, 1, 1), COUNT, 60, "errors"),
    // Provisioned capacity is published every five minutes; a shorter period has gaps.
    alarm(
        "ddb-read-capacity",
        80.0,
        (300, 3, 3),
        PERCENT,
        300,
        "percent of provisioned",
    ),
    alarm(
        "ddb-write-capacity",
        80.0,
        (300, 3, 3),
        PERCENT,
        300,
        "percent of provisioned",
    ),
    alarm("nat-port-allocation", 0.0, (300, 3, 3), COUNT, 60, "errors"),
    alarm("nat-packet-drops", 100.0, (300, 3, 3), COUNT, 60, "packets"),
    alarm(
        "service-error-lines",
        5.0,
        (300, 1, 1),
        COUNT,
        60,
        "error log lines",
    ),
];

/// The defaults of alarm `key`.
pub fn defaults(key: &str) -> Option<&'static AlarmDefaults> {
    ALARMS.iter().find(|a| a.key == key)
}

/// CloudWatch's limit on `period × evaluation_periods` for alarms with periods under an hour.
pub const MAX_EVALUATION_SECONDS: u32 = 86_400;

/// An alarm's settings after the profile's overrides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlarmSettings {
    pub threshold: f64,
    pub period: u32,
    pub evaluation_periods: u32,
    pub datapoints_to_alarm: u32,
}

/// The default threshold of `key` for this profile: the running-task floor is the service's
/// own floor, `min_count` under autoscaling and `desired_count` without.
pub fn threshold(p: &Profile, d: &AlarmDefaults) -> f64 {
    if d.key == "ecs-running-tasks" {
        let s = &p.service;
        f64::from(if s.min_count < s.max_count {
            s.min_count
        } else {
            s.desired_count
        })
    } else {
        d.threshold
    }
}

/// The settings of alarm `key` in profile `p`.
pub fn settings(p: &Profile, key: &str) -> AlarmSettings {
    let d = defaults(key).unwrap_or_else(|| panic!("no alarm {key}"));
    let o = p
        .monitoring
        .overrides
        .get(key)
        .cloned()
        .unwrap_or(AlarmOverride::default());
    AlarmSettings {
        threshold: o.threshold.unwrap_or_else(|| threshold(p, d)),
        period: o.period.unwrap_or(d.period),
        evaluation_periods: o.evaluation_periods.unwrap_or(d.evaluation_periods),
        datapoints_to_alarm: o.datapoints_to_alarm.unwrap_or(
            d.datapoints_to_alarm
                .min(o.evaluation_periods.unwrap_or(u32::MAX)),
        ),
    }
}
