//! The alarms of a stack, as one list: the monitoring module renders each entry as an
//! `aws_cloudwatch_metric_alarm` and as a dashboard widget, so the dashboard shows exactly
//! what the alarms evaluate and the two cannot drift apart.
//!
//! Dimension values are HCL expressions over the monitoring module's variables, which the
//! root wires to the watched resources' attributes (`var.api_id` is `module.api.api_id`, the
//! API's `id`). The defaults and what a profile may override are in
//! [`crate::profile::monitoring`].

use crate::profile::monitoring::{Alarm, AlarmSettings};
use crate::profile::stack::Stack;
use crate::render::hcl_string;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct MonitoringModel {
    /// Render the monitoring module at all.
    pub enabled: bool,
    pub alarms: bool,
    pub dashboard: bool,
    /// The stack creates the SNS topic and its KMS key (no `monitoring.topic_arn`).
    pub create_topic: bool,
    pub topic_arn: String,
    pub emails: Vec<String>,
    /// The stack has NAT gateways to watch.
    pub nat: bool,
    /// The service-error-lines alarm needs the log metric filter.
    pub error_filter: bool,
    pub list: Vec<AlarmModel>,
    /// The front door's values the dimensions read (`var.api_id`, ...): the module declares
    /// them from this list and the root wires them, so the module's templates do not branch
    /// on the front door.
    pub front_door_inputs: Vec<Input>,
}

/// A string variable of the monitoring module.
#[derive(Debug, Serialize)]
pub struct Input {
    pub name: &'static str,
    pub description: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AlarmModel {
    /// The name after `<stack name>-`, e.g. `api-5xx-rate`.
    pub key: &'static str,
    /// The Terraform resource name, e.g. `api_5xx_rate`.
    pub resource: String,
    pub description: String,
    /// The dashboard widget's title.
    pub title: &'static str,
    /// One alarm per NAT gateway (`for_each` over their AZs, which are known before apply).
    pub per_nat: bool,
    pub comparison_operator: &'static str,
    pub threshold: f64,
    pub period: u32,
    pub evaluation_periods: u32,
    pub datapoints_to_alarm: u32,
    pub treat_missing_data: &'static str,
    /// Why that `treat_missing_data`, written beside it.
    pub missing_data_reason: &'static str,
    /// Also notify when the alarm returns to OK.
    pub ok_actions: bool,
    /// Percentile statistics: keep the state when too few samples exist.
    pub percentile: bool,
    /// Metric math over `metrics`, when the alarm watches a computed value.
    pub expression: Option<Expression>,
    pub metrics: Vec<Metric>,
}

#[derive(Debug, Serialize)]
pub struct Expression {
    pub id: &'static str,
    pub expression: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Metric {
    /// The id metric math refers to it by.
    pub id: &'static str,
    /// HCL expressions.
    pub namespace: String,
    pub metric_name: String,
    pub dimensions: Vec<Dimension>,
    /// `Sum`, `Average`, ... or a percentile such as `p99`.
    pub stat: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Dimension {
    pub name: &'static str,
    /// An HCL expression: the value in the alarm.
    pub value: String,
    /// The same value inside the dashboard's `for` over the NAT gateways.
    pub widget_value: String,
}

fn dim(name: &'static str, value: &str) -> Dimension {
    Dimension {
        name,
        value: value.to_string(),
        widget_value: value.to_string(),
    }
}

fn metric(
    id: &'static str,
    namespace: &str,
    name: &str,
    dimensions: Vec<Dimension>,
    stat: &'static str,
) -> Metric {
    Metric {
        id,
        namespace: hcl_string(namespace),
        metric_name: hcl_string(name),
        dimensions,
        stat,
    }
}

fn api_dims() -> Vec<Dimension> {
    vec![
        dim("ApiId", "var.api_id"),
        dim("Stage", "var.api_stage_name"),
    ]
}

fn alb_dims() -> Vec<Dimension> {
    vec![dim("LoadBalancer", "var.load_balancer_arn_suffix")]
}

/// The variables `api_dims` or `alb_dims` read, for the front door `p` has.
fn front_door_inputs(p: &Stack) -> Vec<Input> {
    if p.api.alb {
        vec![Input {
            name: "load_balancer_arn_suffix",
            description:
                "The load balancer's ARN suffix: the LoadBalancer dimension of its metrics.",
        }]
    } else {
        vec![
            Input {
                name: "api_id",
                description: "ID of the HTTP API (the ApiId dimension).",
            },
            Input {
                name: "api_stage_name",
                description: "Name of the API's stage (the Stage dimension).",
            },
        ]
    }
}

fn ecs_dims() -> Vec<Dimension> {
    vec![
        dim("ClusterName", "var.cluster_name"),
        dim("ServiceName", "var.service_name"),
    ]
}

fn table_dims() -> Vec<Dimension> {
    vec![dim("TableName", "var.table_name")]
}

fn nat_dims() -> Vec<Dimension> {
    vec![Dimension {
        name: "NatGatewayId",
        value: "var.nat_gateway_ids[each.key]".into(),
        widget_value: "var.nat_gateway_ids[az]".into(),
    }]
}

const NO_TRAFFIC: &str = "no data means no requests, which is not an error";
const DDB_ZERO: &str = "DynamoDB publishes these metrics only when they are not zero";
const NAT_ZERO: &str = "no data means no connections through the gateway";
const LOG_ZERO: &str = "the filter publishes only when an error line is logged";
const EVENTS_ZERO: &str = "EventBridge publishes FailedInvocations only when a delivery fails";
const COVERED: &str =
    "silence means no running task, which the running-task alarm reports; missing keeps this one from flapping to OK";
const LIVENESS: &str =
    "silence means the service or its metrics are gone, which is itself the outage";

/// One entry, before the profile's settings.
struct Spec {
    key: Alarm,
    title: &'static str,
    describe: fn(&AlarmSettings) -> String,
    per_nat: bool,
    comparison_operator: &'static str,
    treat_missing_data: &'static str,
    missing_data_reason: &'static str,
    ok_actions: bool,
    expression: Option<Expression>,
    metrics: Vec<Metric>,
}

/// "3 of 5 periods of 1 min": when the alarm fires.
fn minutes(s: &AlarmSettings) -> String {
    format!(
        "{} of {} periods of {} min",
        s.datapoints_to_alarm,
        s.evaluation_periods,
        s.period / 60
    )
}

fn specs(p: &Stack) -> Vec<Spec> {
    let mut out = Vec::new();
    if p.api.alb {
        alb_specs(&mut out);
    } else {
        api_specs(&mut out);
    }
    ecs_specs(p, &mut out);
    // The table's alarms, or the Aurora cluster's.
    match &p.data.postgres {
        None => table_specs(p, &mut out),
        Some(pg) => database_specs(pg.reader_zone_id.is_some(), &mut out),
    }
    nat_and_log_specs(&mut out);
    if p.audit.config.is_some() {
        config_specs(&mut out);
    }
    out
}

/// AWS Config's findings: the EventBridge rule that carries them to the alarm topic. A
/// delivery it cannot make (a topic or key policy that refuses it) would lose every finding
/// silently; CloudWatch reaches the topic by its own statement.
fn config_specs(out: &mut Vec<Spec>) {
    out.push(Spec {
        key: Alarm::ConfigFindingsUndelivered,
        title: "Config findings not delivered",
        describe: |s| {
            format!(
                "EventBridge failed to deliver more than {} AWS Config findings to the alarm topic ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: EVENTS_ZERO,
        ok_actions: true,
        expression: None,
        metrics: vec![metric(
            "failed",
            "AWS/Events",
            "FailedInvocations",
            vec![dim("RuleName", "\"${var.name}-config-compliance\"")],
            "Sum",
        )],
    });
}

/// The HTTP API: error rates and latency.
/// The ALB front door's own metrics (AWS/ApplicationELB), in place of API Gateway's.
fn alb_specs(out: &mut Vec<Spec>) {
    out.push(Spec {
        key: Alarm::Api5xxRate,
        title: "API 5xx % of requests",
        describe: |s| {
            format!(
                "More than {}% of load balancer requests answered 5xx by the service or the load balancer ({}, at least 20 requests each)",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: NO_TRAFFIC,
        ok_actions: true,
        expression: Some(Expression {
            id: "rate",
            expression: "IF(requests >= 20, 100 * (FILL(target, 0) + FILL(elb, 0)) / requests, 0)",
            label: "5xx %",
        }),
        metrics: vec![
            metric("target", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", alb_dims(), "Sum"),
            metric("elb", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", alb_dims(), "Sum"),
            metric("requests", "AWS/ApplicationELB", "RequestCount", alb_dims(), "Sum"),
        ],
    });
    out.push(Spec {
        key: Alarm::Api4xxRate,
        title: "API 4xx % of requests",
        describe: |s| {
            format!(
                "More than {}% of load balancer requests answered 4xx, e.g. a rejected JWT or an unknown path ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: NO_TRAFFIC,
        ok_actions: false,
        expression: Some(Expression {
            id: "rate",
            expression: "IF(requests >= 20, 100 * (FILL(target, 0) + FILL(elb, 0)) / requests, 0)",
            label: "4xx %",
        }),
        metrics: vec![
            metric("target", "AWS/ApplicationELB", "HTTPCode_Target_4XX_Count", alb_dims(), "Sum"),
            metric("elb", "AWS/ApplicationELB", "HTTPCode_ELB_4XX_Count", alb_dims(), "Sum"),
            metric("requests", "AWS/ApplicationELB", "RequestCount", alb_dims(), "Sum"),
        ],
    });
    out.push(Spec {
        key: Alarm::ApiLatencyP99,
        title: "Target response time p99 (ms)",
        describe: |s| {
            format!(
                "p99 time from the load balancer to the service's response above {} ms ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: NO_TRAFFIC,
        ok_actions: true,
        // TargetResponseTime is in seconds; the threshold, like API Gateway's, in ms.
        expression: Some(Expression {
            id: "ms",
            expression: "1000 * latency",
            label: "p99 ms",
        }),
        metrics: vec![metric(
            "latency",
            "AWS/ApplicationELB",
            "TargetResponseTime",
            alb_dims(),
            "p99",
        )],
    });
}

fn api_specs(out: &mut Vec<Spec>) {
    for (key, code, title) in [
        (Alarm::Api5xxRate, "5xx", "API 5xx % of requests"),
        (Alarm::Api4xxRate, "4xx", "API 4xx % of requests"),
    ] {
        let (expression, describe): (&'static str, fn(&AlarmSettings) -> String) = if code == "5xx"
        {
            (
                "IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)",
                |s| {
                    format!(
                        "More than {}% of HTTP API requests answered 5xx ({}, at least 20 requests each)",
                        s.threshold,
                        minutes(s)
                    )
                },
            )
        } else {
            (
                "IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)",
                |s| {
                    format!(
                        "More than {}% of HTTP API requests answered 4xx, e.g. 401 from the JWT authorizer or 429 from throttling ({})",
                        s.threshold,
                        minutes(s)
                    )
                },
            )
        };
        out.push(Spec {
            key,
            title,
            describe,
            per_nat: false,
            comparison_operator: "GreaterThanThreshold",
            treat_missing_data: "notBreaching",
            missing_data_reason: NO_TRAFFIC,
            ok_actions: code == "5xx",
            expression: Some(Expression {
                id: "rate",
                expression,
                label: if code == "5xx" { "5xx %" } else { "4xx %" },
            }),
            metrics: vec![
                metric("errors", "AWS/ApiGateway", code, api_dims(), "Sum"),
                metric(
                    "requests",
                    "AWS/ApiGateway",
                    "Count",
                    api_dims(),
                    "SampleCount",
                ),
            ],
        });
    }
    out.push(Spec {
        key: Alarm::ApiLatencyP99,
        title: "API integration latency p99 (ms)",
        describe: |s| {
            format!(
                "p99 latency from API Gateway to the service above {} ms ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: NO_TRAFFIC,
        ok_actions: true,
        expression: None,
        metrics: vec![metric(
            "latency",
            "AWS/ApiGateway",
            "IntegrationLatency",
            api_dims(),
            "p99",
        )],
    });
}

/// The ECS service: running tasks, CPU and memory.
fn ecs_specs(p: &Stack, out: &mut Vec<Spec>) {
    if p.service.container_insights {
        out.push(Spec {
            key: Alarm::EcsRunningTasks,
            title: "ECS running tasks",
            describe: |s| format!("Fewer than {} tasks running ({})", s.threshold, minutes(s)),
            per_nat: false,
            comparison_operator: "LessThanThreshold",
            treat_missing_data: "breaching",
            missing_data_reason: LIVENESS,
            ok_actions: true,
            expression: None,
            metrics: vec![metric(
                "running",
                "ECS/ContainerInsights",
                "RunningTaskCount",
                ecs_dims(),
                "Minimum",
            )],
        });
    } else {
        // Without Container Insights nothing counts tasks, but ECS publishes the service's CPU
        // only while a task runs: a sample count below one can only come from missing data.
        out.push(Spec {
            key: Alarm::EcsNoRunningTasks,
            title: "ECS CPU samples (none = no running task)",
            describe: |s| {
                format!(
                    "No running task: the service published no CPU sample ({})",
                    minutes(s)
                )
            },
            per_nat: false,
            comparison_operator: "LessThanThreshold",
            treat_missing_data: "breaching",
            missing_data_reason: LIVENESS,
            ok_actions: true,
            expression: None,
            metrics: vec![metric(
                "samples",
                "AWS/ECS",
                "CPUUtilization",
                ecs_dims(),
                "SampleCount",
            )],
        });
    }
    out.push(Spec {
        key: Alarm::EcsCpuHigh,
        title: "ECS CPU % (average)",
        describe: |s| {
            format!(
                "Service CPU above {}%: autoscaling is at its ceiling or cannot keep up ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "missing",
        missing_data_reason: COVERED,
        ok_actions: false,
        expression: None,
        metrics: vec![metric(
            "cpu",
            "AWS/ECS",
            "CPUUtilization",
            ecs_dims(),
            "Average",
        )],
    });
    out.push(Spec {
        key: Alarm::EcsMemoryHigh,
        title: "ECS memory % (maximum)",
        describe: |s| {
            format!(
                "A task's memory above {}%: it is close to being killed for memory ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "missing",
        missing_data_reason: COVERED,
        ok_actions: false,
        expression: None,
        metrics: vec![metric(
            "memory",
            "AWS/ECS",
            "MemoryUtilization",
            ecs_dims(),
            "Maximum",
        )],
    });
}

/// The pets table: throttles, errors and, when provisioned, capacity.
fn table_specs(p: &Stack, out: &mut Vec<Spec>) {
    out.push(Spec {
        key: Alarm::DdbThrottles,
        title: "DynamoDB throttled requests",
        describe: |s| {
            format!(
                "More than {} throttled reads and writes on the pets table ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: DDB_ZERO,
        ok_actions: false,
        expression: Some(Expression {
            id: "throttles",
            expression: "FILL(reads, 0) + FILL(writes, 0)",
            label: "throttled requests",
        }),
        metrics: vec![
            metric(
                "reads",
                "AWS/DynamoDB",
                "ReadThrottleEvents",
                table_dims(),
                "Sum",
            ),
            metric(
                "writes",
                "AWS/DynamoDB",
                "WriteThrottleEvents",
                table_dims(),
                "Sum",
            ),
        ],
    });
    // The task role may call GetItem and PutItem only, so those are the operations to watch.
    let op = |o: &'static str| {
        let mut d = table_dims();
        d.push(dim("Operation", &hcl_string(o)));
        d
    };
    out.push(Spec {
        key: Alarm::DdbSystemErrors,
        title: "DynamoDB system errors",
        describe: |s| {
            format!(
                "DynamoDB answered GetItem or PutItem with more than {} server errors ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: DDB_ZERO,
        ok_actions: true,
        expression: Some(Expression {
            id: "errors",
            expression: "FILL(get, 0) + FILL(put, 0)",
            label: "system errors",
        }),
        metrics: vec![
            metric("get", "AWS/DynamoDB", "SystemErrors", op("GetItem"), "Sum"),
            metric("put", "AWS/DynamoDB", "SystemErrors", op("PutItem"), "Sum"),
        ],
    });
    if p.data.provisioned {
        for (key, title, consumed, provisioned) in [
            (
                Alarm::DdbReadCapacity,
                "DynamoDB read capacity used %",
                "ConsumedReadCapacityUnits",
                "ProvisionedReadCapacityUnits",
            ),
            (
                Alarm::DdbWriteCapacity,
                "DynamoDB write capacity used %",
                "ConsumedWriteCapacityUnits",
                "ProvisionedWriteCapacityUnits",
            ),
        ] {
            out.push(Spec {
                key,
                title,
                describe: |s| {
                    format!(
                        "Consumed capacity above {}% of the provisioned capacity ({})",
                        s.threshold,
                        minutes(s)
                    )
                },
                per_nat: false,
                comparison_operator: "GreaterThanThreshold",
                treat_missing_data: "notBreaching",
                missing_data_reason: DDB_ZERO,
                ok_actions: false,
                // Consumed units are a sum over the period; per second they compare with the
                // provisioned rate.
                expression: Some(Expression {
                    id: "used",
                    expression: "100 * (consumed / PERIOD(consumed)) / provisioned",
                    label: "capacity used %",
                }),
                metrics: vec![
                    metric("consumed", "AWS/DynamoDB", consumed, table_dims(), "Sum"),
                    metric(
                        "provisioned",
                        "AWS/DynamoDB",
                        provisioned,
                        table_dims(),
                        "Average",
                    ),
                ],
            });
        }
    }
}

/// The Aurora cluster's writer (and reader), by role: AWS's guide advises the
/// `DBClusterIdentifier` + `Role` dimensions for a cluster's alarms, since an instance's
/// role changes on failover and its identifier does not.
fn db_dims(role: &str) -> Vec<Dimension> {
    vec![
        dim("DBClusterIdentifier", "var.db_cluster_identifier"),
        dim("Role", &hcl_string(role)),
    ]
}

const DB_LIVE: &str =
    "the writer publishes every minute while it runs; silence is the running-task alarm's to report";

/// The Aurora cluster: capacity, CPU, memory, connections, and the reader's lag.
fn database_specs(reader: bool, out: &mut Vec<Spec>) {
    out.push(Spec {
        key: Alarm::DbAcuUtilization,
        title: "Database ACUs used % of max",
        describe: |s| {
            format!(
                "The database writer used more than {}% of its maximum capacity (max_acu): it cannot scale further ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "missing",
        missing_data_reason: DB_LIVE,
        ok_actions: true,
        expression: None,
        metrics: vec![metric("acu", "AWS/RDS", "ACUUtilization", db_dims("WRITER"), "Average")],
    });
    out.push(Spec {
        key: Alarm::DbCpuHigh,
        title: "Database CPU %",
        describe: |s| {
            format!(
                "The database writer's CPU above {}% of its current capacity ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "missing",
        missing_data_reason: DB_LIVE,
        ok_actions: true,
        expression: None,
        metrics: vec![metric(
            "cpu",
            "AWS/RDS",
            "CPUUtilization",
            db_dims("WRITER"),
            "Average",
        )],
    });
    out.push(Spec {
        key: Alarm::DbFreeableMemory,
        title: "Database freeable memory (MiB)",
        describe: |s| {
            format!(
                "The database writer would have less than {} MiB free at its maximum capacity ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "LessThanThreshold",
        treat_missing_data: "missing",
        missing_data_reason: DB_LIVE,
        ok_actions: true,
        // FreeableMemory is in bytes; the threshold in MiB.
        expression: Some(Expression {
            id: "mib",
            expression: "free / 1048576",
            label: "MiB free",
        }),
        metrics: vec![metric(
            "free",
            "AWS/RDS",
            "FreeableMemory",
            db_dims("WRITER"),
            "Minimum",
        )],
    });
    out.push(Spec {
        key: Alarm::DbConnections,
        title: "Database connections",
        describe: |s| {
            format!(
                "More than {} connections to the database writer, more than the service's tasks hold at most, mid-deployment included: another client, or a leak ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "missing",
        missing_data_reason: DB_LIVE,
        ok_actions: false,
        expression: None,
        metrics: vec![metric(
            "connections",
            "AWS/RDS",
            "DatabaseConnections",
            db_dims("WRITER"),
            "Maximum",
        )],
    });
    if reader {
        out.push(Spec {
            key: Alarm::DbReplicaLag,
            title: "Database reader lag (ms)",
            describe: |s| {
                format!(
                    "The reader is more than {} ms behind the writer: a failover would start from stale pages ({})",
                    s.threshold,
                    minutes(s)
                )
            },
            per_nat: false,
            comparison_operator: "GreaterThanThreshold",
            treat_missing_data: "missing",
            missing_data_reason: "the reader publishes its lag every minute while it runs",
            ok_actions: true,
            expression: None,
            metrics: vec![metric(
                "lag",
                "AWS/RDS",
                "AuroraReplicaLag",
                db_dims("READER"),
                "Maximum",
            )],
        });
    }
}

/// The NAT gateways, and the service's error log lines.
fn nat_and_log_specs(out: &mut Vec<Spec>) {
    out.push(Spec {
        key: Alarm::NatPortAllocation,
        title: "NAT ErrorPortAllocation",
        describe: |s| {
            format!(
                "The NAT gateway could not allocate a source port more than {} times: too many concurrent connections ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: true,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: NAT_ZERO,
        ok_actions: true,
        expression: None,
        metrics: vec![metric(
            "port_errors",
            "AWS/NATGateway",
            "ErrorPortAllocation",
            nat_dims(),
            "Sum",
        )],
    });
    out.push(Spec {
        key: Alarm::NatPacketDrops,
        title: "NAT PacketsDropCount",
        describe: |s| {
            format!(
                "The NAT gateway dropped more than {} packets per period ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: true,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: NAT_ZERO,
        ok_actions: false,
        expression: None,
        metrics: vec![metric(
            "drops",
            "AWS/NATGateway",
            "PacketsDropCount",
            nat_dims(),
            "Sum",
        )],
    });
    out.push(Spec {
        key: Alarm::ServiceErrorLines,
        title: "Service error log lines",
        describe: |s| {
            format!(
                "The service logged {} or more lines at level error, one per 5xx it answered ({})",
                s.threshold,
                minutes(s)
            )
        },
        per_nat: false,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        treat_missing_data: "notBreaching",
        missing_data_reason: LOG_ZERO,
        ok_actions: false,
        expression: None,
        metrics: vec![Metric {
            id: "lines",
            // The filter's own attributes, so the alarm watches exactly what it publishes.
            namespace:
                "aws_cloudwatch_log_metric_filter.service_errors.metric_transformation[0].namespace"
                    .into(),
            metric_name:
                "aws_cloudwatch_log_metric_filter.service_errors.metric_transformation[0].name"
                    .into(),
            dimensions: Vec::new(),
            stat: "Sum",
        }],
    });
}

impl MonitoringModel {
    pub fn from_stack(p: &Stack, nat: bool) -> MonitoringModel {
        let m = &p.monitoring;
        let (alarms, dashboard) = (m.alarms, m.dashboard);
        let list: Vec<AlarmModel> = specs(p)
            .into_iter()
            .filter(|s| nat || !s.per_nat)
            .map(|s| {
                let set = m.settings(s.key);
                AlarmModel {
                    key: s.key.key(),
                    resource: s.key.key().replace('-', "_"),
                    description: (s.describe)(&set),
                    title: s.title,
                    per_nat: s.per_nat,
                    comparison_operator: s.comparison_operator,
                    threshold: set.threshold,
                    period: set.period,
                    evaluation_periods: set.evaluation_periods,
                    datapoints_to_alarm: set.datapoints_to_alarm,
                    treat_missing_data: s.treat_missing_data,
                    missing_data_reason: s.missing_data_reason,
                    ok_actions: s.ok_actions,
                    percentile: s.metrics.iter().any(|m| m.stat.starts_with('p')),
                    expression: s.expression,
                    metrics: s.metrics,
                }
            })
            .collect();
        MonitoringModel {
            enabled: m.enabled(),
            alarms,
            dashboard,
            create_topic: m.create_topic,
            topic_arn: m.topic_arn.clone(),
            emails: m.emails.clone(),
            nat,
            error_filter: true,
            list,
            front_door_inputs: front_door_inputs(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alarm_is_rendered_somewhere_and_nat_alarms_watch_one_metric() {
        let stack = |text: &str| Stack::resolve("dev", &toml::from_str(text).unwrap());
        let p = stack("[data]\nbilling_mode = \"PROVISIONED\"\nread_capacity = 5\nwrite_capacity = 5\n[service]\ncontainer_insights = true");
        let q = stack("[audit]\nconfig = true");
        // A production database: two instances, so the reader's lag too.
        let r = Stack::resolve(
            "prod",
            &toml::from_str("[project]\nproduction = true\n[network]\navailability_zones = [\"use1-az1\", \"use1-az2\"]\n[data]\nengine = \"postgres\"").unwrap(),
        );
        for s in specs(&p).iter().filter(|s| s.per_nat) {
            // The dashboard repeats a per-NAT alarm's one metric per gateway.
            assert!(
                s.expression.is_none() && s.metrics.len() == 1,
                "{:?}",
                s.key
            );
        }
        for alarm in Alarm::ALL {
            let in_some = specs(&p)
                .iter()
                .chain(specs(&q).iter())
                .chain(specs(&r).iter())
                .any(|s| s.key == alarm);
            assert!(in_some, "{} is never rendered", alarm.key());
        }
    }
}
