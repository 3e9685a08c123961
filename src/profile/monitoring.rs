//! The alarms a stack can have and their defaults: the keys `[monitoring.overrides.<key>]`
//! accepts. The render stage turns each into an alarm and a dashboard widget
//! (`render::monitoring`); this table is what a profile may change about them.

use super::{AlarmOverride, Profile};
use std::collections::BTreeMap;

/// Every alarm a stack can have. The key (`api-5xx-rate`) names it in
/// `[monitoring.overrides.<key>]` and after `<stack name>-` in CloudWatch; every table about
/// alarms is a `match` over this enum, so adding one is a compile error until each has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Alarm {
    Api5xxRate,
    Api4xxRate,
    ApiLatencyP99,
    EcsRunningTasks,
    EcsNoRunningTasks,
    EcsCpuHigh,
    EcsMemoryHigh,
    DdbThrottles,
    DdbSystemErrors,
    DdbReadCapacity,
    DdbWriteCapacity,
    DbAcuUtilization,
    DbCpuHigh,
    DbFreeableMemory,
    DbConnections,
    DbReplicaLag,
    NatPortAllocation,
    NatPacketDrops,
    ServiceErrorLines,
    ConfigFindingsUndelivered,
}

impl Alarm {
    /// Every alarm, in the order the dashboard shows them.
    pub const ALL: [Alarm; 20] = [
        Alarm::Api5xxRate,
        Alarm::Api4xxRate,
        Alarm::ApiLatencyP99,
        Alarm::EcsRunningTasks,
        Alarm::EcsNoRunningTasks,
        Alarm::EcsCpuHigh,
        Alarm::EcsMemoryHigh,
        Alarm::DdbThrottles,
        Alarm::DdbSystemErrors,
        Alarm::DdbReadCapacity,
        Alarm::DdbWriteCapacity,
        Alarm::DbAcuUtilization,
        Alarm::DbCpuHigh,
        Alarm::DbFreeableMemory,
        Alarm::DbConnections,
        Alarm::DbReplicaLag,
        Alarm::NatPortAllocation,
        Alarm::NatPacketDrops,
        Alarm::ServiceErrorLines,
        Alarm::ConfigFindingsUndelivered,
    ];

    /// The alarm's name after `<stack name>-`, and its `overrides` key.
    pub fn key(self) -> &'static str {
        match self {
            Alarm::Api5xxRate => "api-5xx-rate",
            Alarm::Api4xxRate => "api-4xx-rate",
            Alarm::ApiLatencyP99 => "api-latency-p99",
            Alarm::EcsRunningTasks => "ecs-running-tasks",
            Alarm::EcsNoRunningTasks => "ecs-no-running-tasks",
            Alarm::EcsCpuHigh => "ecs-cpu-high",
            Alarm::EcsMemoryHigh => "ecs-memory-high",
            Alarm::DdbThrottles => "ddb-throttles",
            Alarm::DdbSystemErrors => "ddb-system-errors",
            Alarm::DdbReadCapacity => "ddb-read-capacity",
            Alarm::DdbWriteCapacity => "ddb-write-capacity",
            Alarm::DbAcuUtilization => "db-acu-utilization",
            Alarm::DbCpuHigh => "db-cpu-high",
            Alarm::DbFreeableMemory => "db-freeable-memory",
            Alarm::DbConnections => "db-connections",
            Alarm::DbReplicaLag => "db-replica-lag",
            Alarm::NatPortAllocation => "nat-port-allocation",
            Alarm::NatPacketDrops => "nat-packet-drops",
            Alarm::ServiceErrorLines => "service-error-lines",
            Alarm::ConfigFindingsUndelivered => "config-findings-undelivered",
        }
    }

    /// The alarm named `key`, as a profile writes it.
    pub fn from_key(key: &str) -> Option<Alarm> {
        Alarm::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The alarm's defaults. `ecs-running-tasks` takes its default threshold from the service
    /// (see [`threshold`]).
    pub fn defaults(self) -> AlarmDefaults {
        match self {
            Alarm::Api5xxRate => alarm(5.0, (60, 5, 3), PERCENT, 60, "percent of requests"),
            Alarm::Api4xxRate => alarm(25.0, (300, 3, 2), PERCENT, 60, "percent of requests"),
            // API Gateway gives up on an integration after 30 s, so no p99 can exceed that.
            Alarm::ApiLatencyP99 => {
                alarm(1000.0, (60, 5, 3), Some((1.0, 30000.0)), 60, "milliseconds")
            }
            Alarm::EcsRunningTasks => alarm(1.0, (60, 3, 3), Some((1.0, 5000.0)), 60, "tasks"),
            Alarm::EcsNoRunningTasks => alarm(1.0, (60, 3, 3), None, 60, "samples"),
            Alarm::EcsCpuHigh => alarm(85.0, (60, 10, 10), PERCENT, 60, "percent CPU"),
            Alarm::EcsMemoryHigh => alarm(90.0, (60, 5, 5), PERCENT, 60, "percent memory"),
            Alarm::DdbThrottles => alarm(0.0, (300, 3, 2), COUNT, 60, "throttled requests"),
            Alarm::DdbSystemErrors => alarm(0.0, (300, 1, 1), COUNT, 60, "errors"),
            // Provisioned capacity is published every five minutes; a shorter period has gaps.
            Alarm::DdbReadCapacity => {
                alarm(80.0, (300, 3, 3), PERCENT, 300, "percent of provisioned")
            }
            Alarm::DdbWriteCapacity => {
                alarm(80.0, (300, 3, 3), PERCENT, 300, "percent of provisioned")
            }
            Alarm::DbAcuUtilization => alarm(90.0, (300, 3, 3), PERCENT, 60, "percent of max_acu"),
            Alarm::DbCpuHigh => alarm(85.0, (300, 3, 3), PERCENT, 60, "percent CPU"),
            // Serverless v2 reports the memory free at its maximum capacity.
            Alarm::DbFreeableMemory => {
                alarm(256.0, (300, 3, 3), Some((1.0, 524_288.0)), 60, "MiB free")
            }
            Alarm::DbConnections => alarm(30.0, (300, 1, 1), COUNT, 60, "connections"),
            Alarm::DbReplicaLag => alarm(
                1000.0,
                (60, 5, 5),
                Some((1.0, 3_600_000.0)),
                60,
                "milliseconds",
            ),
            Alarm::NatPortAllocation => alarm(0.0, (300, 3, 3), COUNT, 60, "errors"),
            Alarm::NatPacketDrops => alarm(100.0, (300, 3, 3), COUNT, 60, "packets"),
            Alarm::ServiceErrorLines => alarm(5.0, (300, 1, 1), COUNT, 60, "error log lines"),
            Alarm::ConfigFindingsUndelivered => {
                alarm(0.0, (300, 1, 1), COUNT, 60, "failed deliveries")
            }
        }
    }
}

/// One alarm's defaults and the limits of its overrides.
#[derive(Debug, Clone, Copy)]
pub struct AlarmDefaults {
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
    threshold: f64,
    (period, evaluation_periods, datapoints_to_alarm): (u32, u32, u32),
    threshold_range: Option<(f64, f64)>,
    min_period: u32,
    unit: &'static str,
) -> AlarmDefaults {
    AlarmDefaults {
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
/// own floor, `min_count` under autoscaling and `desired_count` without; the database's
/// connection ceiling is what the service's tasks can hold open at most, a deployment's
/// doubled tasks included, so more means a client other than the service, or a leak.
pub fn threshold(p: &Profile, alarm: Alarm) -> f64 {
    if alarm == Alarm::DbConnections {
        // A rolling deployment runs up to twice the tasks (ECS's default maximum percent, 200)
        // while the new ones replace the old.
        return 2.0
            * f64::from(p.service.max_count.max(p.service.desired_count))
            * f64::from(crate::facts::service::PG_POOL_MAX);
    }
    if alarm == Alarm::EcsRunningTasks {
        let s = &p.service;
        f64::from(if s.min_count < s.max_count {
            s.min_count
        } else {
            s.desired_count
        })
    } else {
        alarm.defaults().threshold
    }
}

/// The settings of `alarm` in profile `p`.
pub fn settings(p: &Profile, alarm: Alarm) -> AlarmSettings {
    let d = alarm.defaults();
    let o = p
        .monitoring
        .overrides
        .get(alarm.key())
        .cloned()
        .unwrap_or(AlarmOverride::default());
    AlarmSettings {
        threshold: o.threshold.unwrap_or_else(|| threshold(p, alarm)),
        period: o.period.unwrap_or(d.period),
        evaluation_periods: o.evaluation_periods.unwrap_or(d.evaluation_periods),
        datapoints_to_alarm: o.datapoints_to_alarm.unwrap_or(
            d.datapoints_to_alarm
                .min(o.evaluation_periods.unwrap_or(u32::MAX)),
        ),
    }
}

/// The monitoring of a stack, resolved: which parts are on, where alarms notify, and every
/// alarm's settings with the profile's overrides applied.
#[derive(Debug, Clone)]
pub struct MonitoringStack {
    pub alarms: bool,
    pub dashboard: bool,
    /// The stack creates the SNS topic and its KMS key (no `monitoring.topic_arn`).
    pub create_topic: bool,
    pub topic_arn: String,
    pub emails: Vec<String>,
    pub settings: BTreeMap<Alarm, AlarmSettings>,
}

impl MonitoringStack {
    pub fn resolve(p: &Profile) -> MonitoringStack {
        let m = &p.monitoring;
        let alarms = m.alarms_on(p.project.production);
        MonitoringStack {
            alarms,
            dashboard: m.dashboard_on(p.project.production),
            create_topic: alarms && m.topic_arn.is_none(),
            topic_arn: m.topic_arn.clone().unwrap_or_default(),
            emails: m.emails.clone(),
            settings: Alarm::ALL.map(|a| (a, settings(p, a))).into(),
        }
    }

    /// Whether the monitoring module is rendered at all.
    pub fn enabled(&self) -> bool {
        self.alarms || self.dashboard
    }

    /// The settings of `alarm`: every alarm has them.
    pub fn settings(&self, alarm: Alarm) -> AlarmSettings {
        self.settings
            .get(&alarm)
            .copied()
            .unwrap_or_else(|| AlarmSettings::from(alarm.defaults()))
    }
}

impl From<AlarmDefaults> for AlarmSettings {
    fn from(d: AlarmDefaults) -> AlarmSettings {
        AlarmSettings {
            threshold: d.threshold,
            period: d.period,
            evaluation_periods: d.evaluation_periods,
            datapoints_to_alarm: d.datapoints_to_alarm,
        }
    }
}
