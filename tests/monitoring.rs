//! Every alarm watches the resource it claims to: its namespace, metric, statistic and
//! threshold, and each dimension value traced through the module variables to the attribute
//! of the watched resource. A wrong dimension name or value makes an alarm that never fires,
//! and a snapshot would keep it that way.

mod common;

use common::repo;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::Body;
use petgen::hcl::semantic::{blocks_named, Model, Res};
use petgen::hcl::ConfigIndex;
use std::collections::BTreeMap;

/// Where a dimension's value comes from.
#[derive(Debug, Clone, PartialEq)]
enum Dim {
    /// A literal, such as `"GetItem"`.
    Lit(&'static str),
    /// An attribute of a resource: (module, resource, attribute).
    Attr(&'static str, &'static str, &'static str),
}

#[derive(Debug, PartialEq)]
struct Watched {
    namespace: String,
    metric: String,
    stat: String,
    dims: BTreeMap<String, Dim>,
}

const API: Dim = Dim::Attr("module.api", "aws_apigatewayv2_api.this", "id");
const STAGE: Dim = Dim::Attr("module.api", "aws_apigatewayv2_stage.default", "name");
const CLUSTER: Dim = Dim::Attr("module.service", "aws_ecs_cluster.this", "name");
const SERVICE: Dim = Dim::Attr("module.service", "aws_ecs_service.this", "name");
const TABLE: Dim = Dim::Attr("module.data", "aws_dynamodb_table.pets", "name");
const DB_CLUSTER: Dim = Dim::Attr("module.data", "aws_rds_cluster.this", "cluster_identifier");
/// `var.nat_gateway_ids[each.key]`: the network module's map of the gateways' `id`s by AZ.
const NAT: Dim = Dim::Attr("module.network", "aws_nat_gateway.this", "");

fn w(namespace: &str, metric: &str, stat: &str, dims: &[(&str, Dim)]) -> Watched {
    Watched {
        namespace: namespace.into(),
        metric: metric.into(),
        stat: stat.into(),
        dims: dims
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    }
}

/// Leak a traced string into a `&'static str`, so traced and expected values compare as `Dim`s.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn dim_of(model: &Model, alarm: &Res, expr: &Expression) -> Dim {
    if let Some(serde_json::Value::String(s)) = model.eval(alarm.module, expr) {
        return Dim::Lit(leak(s));
    }
    let t = model.trace(alarm.module, expr);
    assert_eq!(t.len(), 1, "{}: {expr} traces to {t:?}", alarm.address);
    Dim::Attr(
        leak(t[0].module.clone()),
        leak(t[0].target.clone()),
        leak(t[0].attr.clone().unwrap_or_default()),
    )
}

fn dims_of(model: &Model, alarm: &Res, body: &Body) -> BTreeMap<String, Dim> {
    let mut out = BTreeMap::new();
    let Some(a) = body.get_attribute("dimensions") else {
        return out;
    };
    let Expression::Object(obj) = &a.value else {
        panic!("{}: dimensions is not an object", alarm.address)
    };
    for (k, v) in obj.iter() {
        let key = match k {
            ObjectKey::Ident(i) => i.as_str().to_string(),
            ObjectKey::Expression(e) => e.to_string().trim().trim_matches('"').to_string(),
        };
        out.insert(key, dim_of(model, alarm, v.expr()));
    }
    out
}

fn text(model: &Model, alarm: &Res, body: &Body, name: &str) -> String {
    let expr = &body
        .get_attribute(name)
        .unwrap_or_else(|| panic!("{} has no {name}", alarm.address))
        .value;
    match model.eval(alarm.module, expr) {
        Some(serde_json::Value::String(s)) => s,
        // Not known before apply: name what it reads instead.
        _ => {
            let t = model.trace(alarm.module, expr);
            format!("{}.{}", t[0].target, t[0].attr.clone().unwrap_or_default())
        }
    }
}

/// Every alarm: (name, comparison, threshold, the metrics it reads by query id, its expression).
#[derive(Debug, PartialEq)]
struct Alarm {
    comparison: String,
    threshold: f64,
    period: u64,
    metrics: BTreeMap<String, Watched>,
    expression: Option<String>,
}

fn alarms(root: &std::path::Path) -> BTreeMap<String, Alarm> {
    let index = ConfigIndex::load(root).unwrap();
    let model = Model::new(&index);
    let mut out = BTreeMap::new();
    for a in model.resources("aws_cloudwatch_metric_alarm") {
        let num = |name: &str| {
            a.value(name)
                .and_then(|v| v.as_f64())
                .unwrap_or_else(|| panic!("{}: {name}", a.address))
        };
        let mut metrics = BTreeMap::new();
        let mut expression = None;
        let mut period = None;
        let queries = a.blocks("metric_query");
        if queries.is_empty() {
            let stat = a
                .value("statistic")
                .or(a.value("extended_statistic"))
                .and_then(|v| v.as_str().map(str::to_string))
                .expect("a statistic");
            metrics.insert(
                "-".to_string(),
                Watched {
                    namespace: text(&model, &a, a.body(), "namespace"),
                    metric: text(&model, &a, a.body(), "metric_name"),
                    stat,
                    dims: dims_of(&model, &a, a.body()),
                },
            );
            period = Some(num("period") as u64);
        }
        for q in queries {
            let id = a.value_in(q, "id").unwrap().as_str().unwrap().to_string();
            if let Some(e) = a.value_in(q, "expression") {
                assert_eq!(
                    a.value_in(q, "return_data"),
                    Some(serde_json::Value::Bool(true)),
                    "{}: the expression is what the alarm watches",
                    a.address
                );
                expression = Some(e.as_str().unwrap().to_string());
                continue;
            }
            let m = blocks_named(q, "metric")[0];
            let p = a.value_in(m, "period").unwrap().as_u64().unwrap();
            assert!(
                period.is_none_or(|x| x == p),
                "{}: every metric of an alarm has the same period",
                a.address
            );
            period = Some(p);
            metrics.insert(
                id,
                Watched {
                    namespace: text(&model, &a, m, "namespace"),
                    metric: text(&model, &a, m, "metric_name"),
                    stat: a.value_in(m, "stat").unwrap().as_str().unwrap().to_string(),
                    dims: dims_of(&model, &a, m),
                },
            );
        }
        // Alarms notify the topic; a name outside "<stack>-" would be refused by its policies.
        let name = a.attr("alarm_name").unwrap().value.to_string();
        assert!(
            name.trim().starts_with("\"${var.name}-"),
            "{}: {name}",
            a.address
        );
        assert!(a.attr("alarm_actions").is_some(), "{}", a.address);
        out.insert(
            a.name().to_string(),
            Alarm {
                comparison: a
                    .value("comparison_operator")
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .into(),
                threshold: num("threshold"),
                period: period.unwrap(),
                metrics,
                expression,
            },
        );
    }
    out
}

fn one(w: Watched) -> BTreeMap<String, Watched> {
    [("-".to_string(), w)].into()
}

fn pair(a: (&str, Watched), b: (&str, Watched)) -> BTreeMap<String, Watched> {
    [(a.0.to_string(), a.1), (b.0.to_string(), b.1)].into()
}

fn alarm(
    comparison: &str,
    threshold: f64,
    period: u64,
    metrics: BTreeMap<String, Watched>,
    expression: Option<&str>,
) -> Alarm {
    Alarm {
        comparison: comparison.into(),
        threshold,
        period,
        metrics,
        expression: expression.map(str::to_string),
    }
}

const GT: &str = "GreaterThanThreshold";
const RATE: &str = "IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)";

/// The alarms every stack has, with their default settings.
fn common_alarms(api_5xx: (f64, u64)) -> BTreeMap<String, Alarm> {
    let api = |m: &str, s: &str| w("AWS/ApiGateway", m, s, &[("ApiId", API), ("Stage", STAGE)]);
    let ecs = |ns: &str, m: &str, s: &str| {
        w(
            ns,
            m,
            s,
            &[("ClusterName", CLUSTER), ("ServiceName", SERVICE)],
        )
    };
    let op = |o: &'static str| [("TableName", TABLE), ("Operation", Dim::Lit(o))];
    let mut out = BTreeMap::new();
    let mut put = |k: &str, a: Alarm| out.insert(k.to_string(), a);
    put(
        "api_5xx_rate",
        alarm(
            GT,
            api_5xx.0,
            api_5xx.1,
            pair(
                ("errors", api("5xx", "Sum")),
                ("requests", api("Count", "SampleCount")),
            ),
            Some(RATE),
        ),
    );
    put(
        "api_4xx_rate",
        alarm(
            GT,
            25.0,
            300,
            pair(
                ("errors", api("4xx", "Sum")),
                ("requests", api("Count", "SampleCount")),
            ),
            Some(RATE),
        ),
    );
    put(
        "api_latency_p99",
        alarm(GT, 1000.0, 60, one(api("IntegrationLatency", "p99")), None),
    );
    put(
        "ecs_cpu_high",
        alarm(
            GT,
            85.0,
            60,
            one(ecs("AWS/ECS", "CPUUtilization", "Average")),
            None,
        ),
    );
    put(
        "ecs_memory_high",
        alarm(
            GT,
            90.0,
            60,
            one(ecs("AWS/ECS", "MemoryUtilization", "Maximum")),
            None,
        ),
    );
    put(
        "ddb_throttles",
        alarm(
            GT,
            0.0,
            300,
            pair(
                (
                    "reads",
                    w(
                        "AWS/DynamoDB",
                        "ReadThrottleEvents",
                        "Sum",
                        &[("TableName", TABLE)],
                    ),
                ),
                (
                    "writes",
                    w(
                        "AWS/DynamoDB",
                        "WriteThrottleEvents",
                        "Sum",
                        &[("TableName", TABLE)],
                    ),
                ),
            ),
            Some("FILL(reads, 0) + FILL(writes, 0)"),
        ),
    );
    put(
        "ddb_system_errors",
        alarm(
            GT,
            0.0,
            300,
            pair(
                (
                    "get",
                    w("AWS/DynamoDB", "SystemErrors", "Sum", &op("GetItem")),
                ),
                (
                    "put",
                    w("AWS/DynamoDB", "SystemErrors", "Sum", &op("PutItem")),
                ),
            ),
            Some("FILL(get, 0) + FILL(put, 0)"),
        ),
    );
    put(
        "nat_port_allocation",
        alarm(
            GT,
            0.0,
            300,
            one(w(
                "AWS/NATGateway",
                "ErrorPortAllocation",
                "Sum",
                &[("NatGatewayId", NAT)],
            )),
            None,
        ),
    );
    put(
        "nat_packet_drops",
        alarm(
            GT,
            100.0,
            300,
            one(w(
                "AWS/NATGateway",
                "PacketsDropCount",
                "Sum",
                &[("NatGatewayId", NAT)],
            )),
            None,
        ),
    );
    put(
        "service_error_lines",
        alarm(
            "GreaterThanOrEqualToThreshold",
            5.0,
            300,
            one(w(
                "aws_cloudwatch_log_metric_filter.service_errors.metric_transformation",
                "aws_cloudwatch_log_metric_filter.service_errors.metric_transformation",
                "Sum",
                &[],
            )),
            None,
        ),
    );
    out
}

/// The alarm on the EventBridge rule that carries AWS Config's findings, named as the config
/// module names that rule.
fn config_findings_alarm(stack: &'static str) -> Alarm {
    alarm(
        GT,
        0.0,
        300,
        one(w(
            "AWS/Events",
            "FailedInvocations",
            "Sum",
            &[(
                "RuleName",
                Dim::Lit(leak(format!("{stack}-config-compliance"))),
            )],
        )),
        None,
    )
}

/// The config module's EventBridge rule is the one the alarm watches.
fn config_rule_name(root: &std::path::Path) -> String {
    let index = petgen::hcl::ConfigIndex::load(root).unwrap();
    let model = Model::new(&index);
    let rule = model
        .resources("aws_cloudwatch_event_rule")
        .find(|r| r.name() == "compliance")
        .expect("the compliance rule");
    rule.value("name")
        .and_then(|v| v.as_str().map(str::to_string))
        .expect("a known name")
}

#[test]
fn prod_alarms_watch_the_resources_they_name() {
    let got = alarms(&repo().join("generated/prod"));
    let mut want = common_alarms((5.0, 60));
    // Container Insights is on in prod: the running-task floor is the autoscaling floor.
    want.insert(
        "ecs_running_tasks".into(),
        alarm(
            "LessThanThreshold",
            2.0,
            60,
            one(w(
                "ECS/ContainerInsights",
                "RunningTaskCount",
                "Minimum",
                &[("ClusterName", CLUSTER), ("ServiceName", SERVICE)],
            )),
            None,
        ),
    );
    // prod has AWS Config: its findings' delivery is watched.
    want.insert(
        "config_findings_undelivered".into(),
        config_findings_alarm("petstore-prod"),
    );
    assert_eq!(
        config_rule_name(&repo().join("generated/prod")),
        "petstore-prod-config-compliance"
    );
    for (k, v) in &want {
        assert_eq!(got.get(k), Some(v), "alarm {k}");
    }
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
}

#[test]
fn provisioned_alarms_without_container_insights_watch_the_resources_they_name() {
    let loaded =
        petgen::profile::load_profile(&repo().join("tests/fixtures/profiles"), "monitored")
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rendered = petgen::pipeline::root::render_profile(&loaded, dir.path()).unwrap();
    petgen::render::write::write_root(&rendered.root, dir.path()).unwrap();
    let got = alarms(dir.path());
    // The fixture overrides the 5xx alarm (threshold 2, 120 s) and the write capacity (70%).
    let mut want = common_alarms((2.0, 120));
    want.insert(
        "ecs_no_running_tasks".into(),
        alarm(
            "LessThanThreshold",
            1.0,
            60,
            one(w(
                "AWS/ECS",
                "CPUUtilization",
                "SampleCount",
                &[("ClusterName", CLUSTER), ("ServiceName", SERVICE)],
            )),
            None,
        ),
    );
    let t = [("TableName", TABLE)];
    for (key, threshold, kind) in [
        ("ddb_read_capacity", 80.0, "Read"),
        ("ddb_write_capacity", 70.0, "Write"),
    ] {
        want.insert(
            key.into(),
            alarm(
                GT,
                threshold,
                300,
                pair(
                    (
                        "consumed",
                        w(
                            "AWS/DynamoDB",
                            &format!("Consumed{kind}CapacityUnits"),
                            "Sum",
                            &t,
                        ),
                    ),
                    (
                        "provisioned",
                        w(
                            "AWS/DynamoDB",
                            &format!("Provisioned{kind}CapacityUnits"),
                            "Average",
                            &t,
                        ),
                    ),
                ),
                Some("100 * (consumed / PERIOD(consumed)) / provisioned"),
            ),
        );
    }
    // The fixture has AWS Config, delivering its findings to the given topic.
    want.insert(
        "config_findings_undelivered".into(),
        config_findings_alarm("petstore-monitored"),
    );
    assert_eq!(
        config_rule_name(dir.path()),
        "petstore-monitored-config-compliance"
    );
    for (k, v) in &want {
        assert_eq!(got.get(k), Some(v), "alarm {k}");
    }
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
}

/// (namespace, metrics, the dimension sets each is published under, names sorted).
type Published = (
    &'static str,
    &'static [&'static str],
    &'static [&'static [&'static str]],
);

/// What CloudWatch publishes, per namespace: each metric with the dimension sets it is
/// published under. Written from AWS's documentation, not from the templates, so an alarm on
/// a misspelt metric, a wrong namespace or a dimension set CloudWatch never publishes (an
/// alarm that stays in INSUFFICIENT_DATA for ever) fails here. Sources:
/// - AWS/ApiGateway, HTTP APIs (metrics 4xx, 5xx, Count, IntegrationLatency, Latency,
///   DataProcessed; dimensions ApiId, and ApiId with Stage):
///   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
/// - AWS/ApplicationELB (per-metric dimension sets):
///   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
/// - AWS/ECS (service-level CPUUtilization and MemoryUtilization by ClusterName and
///   ServiceName): https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html
/// - ECS/ContainerInsights (task counts by ClusterName and ServiceName):
///   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
/// - AWS/DynamoDB (TableName; Operation with TableName for the per-operation metrics):
///   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
/// - AWS/NATGateway (NatGatewayId): the Amazon VPC guide's "CloudWatch metrics for NAT
///   gateways", https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway-cloudwatch.html;
///   ErrorPortAllocation is also named in
///   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/component-configuration-examples-nat-gateway.html
/// - AWS/Events (rule metrics by RuleName): the EventBridge guide's "Monitoring Amazon
///   EventBridge", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html
/// - AWS/RDS for Aurora (instance-level metrics, published by instance and by cluster with
///   the instance's Role, WRITER or READER, which AWS advises alarms to use): "Amazon
///   CloudWatch metrics for Amazon Aurora",
///   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html,
///   and "Amazon CloudWatch dimensions for Aurora",
///   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/dimensions.html
const PUBLISHED: &[Published] = &[
    (
        "AWS/RDS",
        &[
            "ACUUtilization",
            "ServerlessDatabaseCapacity",
            "CPUUtilization",
            "FreeableMemory",
            "DatabaseConnections",
            "AuroraReplicaLag",
        ],
        &[
            &["DBInstanceIdentifier"],
            &["DBClusterIdentifier"],
            &["DBClusterIdentifier", "Role"],
        ],
    ),
    (
        "AWS/Events",
        &[
            "Invocations",
            "FailedInvocations",
            "TriggeredRules",
            "MatchedEvents",
        ],
        &[&["RuleName"]],
    ),
    (
        "AWS/ApiGateway",
        &[
            "4xx",
            "5xx",
            "Count",
            "IntegrationLatency",
            "Latency",
            "DataProcessed",
        ],
        &[&["ApiId"], &["ApiId", "Stage"]],
    ),
    (
        "AWS/ApplicationELB",
        &["HTTPCode_ELB_4XX_Count", "HTTPCode_ELB_5XX_Count"],
        &[&["LoadBalancer"], &["AvailabilityZone", "LoadBalancer"]],
    ),
    (
        "AWS/ApplicationELB",
        &[
            "RequestCount",
            "TargetResponseTime",
            "HTTPCode_Target_2XX_Count",
            "HTTPCode_Target_4XX_Count",
            "HTTPCode_Target_5XX_Count",
        ],
        &[
            &["LoadBalancer"],
            &["AvailabilityZone", "LoadBalancer"],
            &["TargetGroup"],
            &["LoadBalancer", "TargetGroup"],
            &["AvailabilityZone", "LoadBalancer", "TargetGroup"],
        ],
    ),
    (
        "AWS/ApplicationELB",
        &["HealthyHostCount", "UnHealthyHostCount"],
        &[
            &["LoadBalancer", "TargetGroup"],
            &["AvailabilityZone", "LoadBalancer", "TargetGroup"],
        ],
    ),
    (
        "AWS/ECS",
        &["CPUUtilization", "MemoryUtilization"],
        &[&["ClusterName"], &["ClusterName", "ServiceName"]],
    ),
    (
        "ECS/ContainerInsights",
        &["RunningTaskCount", "DesiredTaskCount", "PendingTaskCount"],
        &[&["ClusterName", "ServiceName"]],
    ),
    (
        "AWS/DynamoDB",
        &[
            "ReadThrottleEvents",
            "WriteThrottleEvents",
            "ConsumedReadCapacityUnits",
            "ConsumedWriteCapacityUnits",
            "ProvisionedReadCapacityUnits",
            "ProvisionedWriteCapacityUnits",
        ],
        &[&["TableName"], &["GlobalSecondaryIndexName", "TableName"]],
    ),
    (
        "AWS/DynamoDB",
        &[
            "SystemErrors",
            "ThrottledRequests",
            "SuccessfulRequestLatency",
            "ReturnedItemCount",
        ],
        &[&["Operation", "TableName"]],
    ),
    (
        "AWS/NATGateway",
        &[
            "ErrorPortAllocation",
            "PacketsDropCount",
            "ActiveConnectionCount",
            "IdleTimeoutCount",
        ],
        &[&["NatGatewayId"]],
    ),
];

/// The DynamoDB operations CloudWatch names in the `Operation` dimension (the data-plane
/// ones the per-operation metrics are published for; same page as above).
const DYNAMODB_OPERATIONS: &[&str] = &[
    "GetItem",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "Query",
    "Scan",
    "BatchGetItem",
    "BatchWriteItem",
    "TransactGetItems",
    "TransactWriteItems",
    "GetRecords",
];

/// Why CloudWatch would publish nothing under this metric, or None when it publishes it.
fn unpublished(w: &Watched) -> Option<String> {
    let dims: Vec<&str> = w.dims.keys().map(String::as_str).collect();
    let Some((_, _, sets)) = PUBLISHED
        .iter()
        .find(|(ns, metrics, _)| *ns == w.namespace && metrics.contains(&w.metric.as_str()))
    else {
        return Some(format!(
            "{} publishes no metric {:?}",
            w.namespace, w.metric
        ));
    };
    if !sets.contains(&dims.as_slice()) {
        return Some(format!(
            "{} {} is published under {sets:?}, not {dims:?}",
            w.namespace, w.metric
        ));
    }
    // An Aurora cluster's metrics by role: the cluster's own identifier, and one of its roles.
    if let Some(role) = w.dims.get("Role") {
        if !matches!(role, Dim::Lit("WRITER") | Dim::Lit("READER")) {
            return Some(format!("{} names no Aurora role: {role:?}", w.metric));
        }
    }
    if let Some(cluster) = w.dims.get("DBClusterIdentifier") {
        if *cluster != DB_CLUSTER {
            return Some(format!("{} watches {cluster:?}, not the cluster", w.metric));
        }
    }
    if let Some(Dim::Lit(op)) = w.dims.get("Operation") {
        if !DYNAMODB_OPERATIONS.contains(op) {
            return Some(format!("{} names no DynamoDB operation {op:?}", w.metric));
        }
    }
    None
}

/// The alarms of every shipped profile and of the monitored fixture, rendered from the
/// templates as `petgen render` writes them (generated/ holds the same, `render --check`
/// keeps it so).
fn every_rendered_alarm() -> Vec<(String, String, Alarm)> {
    let mut roots = Vec::new();
    for (dir, name) in [
        ("profiles", "dev"),
        ("profiles", "prod"),
        ("profiles", "prod-alb"),
        ("profiles", "prod-postgres"),
        ("tests/fixtures/profiles", "monitored"),
    ] {
        let loaded = petgen::profile::load_profile(&repo().join(dir), name).unwrap();
        let out = tempfile::tempdir().unwrap();
        let rendered = petgen::pipeline::root::render_profile(&loaded, out.path()).unwrap();
        petgen::render::write::write_root(&rendered.root, out.path()).unwrap();
        for (key, alarm) in alarms(out.path()) {
            roots.push((name.to_string(), key, alarm));
        }
    }
    roots
}

/// Every metric an alarm reads is one CloudWatch publishes, under the dimensions it is
/// published with; the log-derived metric is the one its filter publishes. And the
/// dimension values resolve to what CloudWatch fills them with: the stage's name is
/// `$default`, the NAT map is keyed by AZ and holds the gateways' IDs, and the error filter
/// reads the service's log group.
#[test]
fn the_watched_values_are_what_cloudwatch_publishes() {
    let all = every_rendered_alarm();
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (profile, key, alarm) in &all {
        for w in alarm.metrics.values() {
            if !w.namespace.starts_with("AWS/") && !w.namespace.starts_with("ECS/") {
                // Published by the stack's own metric filter, not by an AWS service.
                assert_eq!(
                    w.namespace,
                    "aws_cloudwatch_log_metric_filter.service_errors.metric_transformation",
                    "{profile} {key}"
                );
                continue;
            }
            seen.insert(w.namespace.clone());
            if let Some(why) = unpublished(w) {
                problems.push(format!("{profile}: alarm {key}: {why}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every namespace the stacks alarm on was checked.
    for ns in [
        "AWS/ApiGateway",
        "AWS/ApplicationELB",
        "AWS/ECS",
        "ECS/ContainerInsights",
        "AWS/DynamoDB",
        "AWS/NATGateway",
        "AWS/RDS",
    ] {
        assert!(seen.contains(ns), "no alarm on {ns} was checked");
    }

    let index = ConfigIndex::load(&repo().join("generated/prod")).unwrap();
    let model = Model::new(&index);
    let stage = model.resources("aws_apigatewayv2_stage").next().unwrap();
    assert_eq!(stage.value("name").unwrap(), "$default");
    let network = index
        .iter()
        .find(|(a, _)| *a == "module.network")
        .unwrap()
        .1;
    let out = network.output("nat_gateway_ids").unwrap();
    assert_eq!(
        out.attr("value").unwrap().value.to_string().trim(),
        "{ for az, nat in aws_nat_gateway.this : az => nat.id }"
    );
    let filter = model
        .resources("aws_cloudwatch_log_metric_filter")
        .next()
        .unwrap();
    assert_eq!(filter.value("pattern").unwrap(), "{ $.level = \"error\" }");
    let group = model.trace(filter.module, &filter.attr("log_group_name").unwrap().value);
    assert_eq!(group.len(), 1);
    assert_eq!(
        (
            group[0].module.as_str(),
            group[0].target.as_str(),
            group[0].attr.as_deref()
        ),
        (
            "module.service",
            "aws_cloudwatch_log_group.service",
            Some("name")
        )
    );
    let mt = blocks_named(filter.body(), "metric_transformation")[0];
    assert_eq!(filter.value_in(mt, "name").unwrap(), "ServiceErrorLines");
}

/// The table above can refuse: a misspelt metric, a wrong namespace, a dimension set AWS does
/// not publish and an unknown operation each fail it.
#[test]
fn the_published_table_refuses_what_cloudwatch_does_not_publish() {
    let api = |m: &str, dims: &[(&str, Dim)]| w("AWS/ApiGateway", m, "Sum", dims);
    let stage = [("ApiId", API), ("Stage", STAGE)];
    assert_eq!(unpublished(&api("5xx", &stage)), None);
    // REST API names, not HTTP API ones.
    assert!(unpublished(&api("5XXError", &stage)).is_some());
    let rds = |m: &str, dims: &[(&str, Dim)]| w("AWS/RDS", m, "Average", dims);
    let writer = [
        ("DBClusterIdentifier", DB_CLUSTER),
        ("Role", Dim::Lit("WRITER")),
    ];
    assert_eq!(unpublished(&rds("ACUUtilization", &writer)), None);
    // Aurora's roles are WRITER and READER; the metric is not Serverless v1's.
    let primary = [
        ("DBClusterIdentifier", DB_CLUSTER),
        ("Role", Dim::Lit("PRIMARY")),
    ];
    assert!(unpublished(&rds("ACUUtilization", &primary)).is_some());
    assert!(unpublished(&rds("ServerlessV1Capacity", &writer)).is_some());
    assert!(unpublished(&rds("CPUUtilization", &[("Role", Dim::Lit("WRITER"))])).is_some());
    assert!(unpublished(&w("AWS/ApiGateway", "Latancy", "p99", &stage)).is_some());
    assert!(unpublished(&w("AWS/ApiGatway", "5xx", "Sum", &stage)).is_some());
    // Stage alone is not a published dimension set.
    assert!(unpublished(&api("5xx", &[("Stage", STAGE)])).is_some());
    let op = |o: &'static str| [("TableName", TABLE), ("Operation", Dim::Lit(o))];
    assert_eq!(
        unpublished(&w("AWS/DynamoDB", "SystemErrors", "Sum", &op("GetItem"))),
        None
    );
    assert!(unpublished(&w("AWS/DynamoDB", "SystemErrors", "Sum", &op("GetItems"))).is_some());
    assert!(unpublished(&w(
        "AWS/DynamoDB",
        "SystemErrors",
        "Sum",
        &[("TableName", TABLE)]
    ))
    .is_some());
}

/// The dashboard draws one graph per alarm and lists every alarm: both come from one list.
#[test]
fn the_dashboard_shows_every_alarm() {
    let index = ConfigIndex::load(&repo().join("generated/prod")).unwrap();
    let model = Model::new(&index);
    let dashboard = model.resources("aws_cloudwatch_dashboard").next().unwrap();
    let body = dashboard.attr("dashboard_body").unwrap().value.to_string();
    let alarms: Vec<Res> = model.resources("aws_cloudwatch_metric_alarm").collect();
    assert_eq!(body.matches("type   = \"metric\"").count(), alarms.len());
    for a in &alarms {
        let arn = if a.attr("for_each").is_some() {
            format!("aws_cloudwatch_metric_alarm.{}[az].arn", a.name())
        } else {
            format!("aws_cloudwatch_metric_alarm.{}.arn", a.name())
        };
        assert!(
            body.contains(&arn),
            "the dashboard does not list {}",
            a.address
        );
    }
}
