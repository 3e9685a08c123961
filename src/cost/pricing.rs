//! How each resource type is priced. One function per priced type; the free list and the
//! not-priced fallback keep every resource accounted for.

use super::prices::{Missing, PriceTable};
use super::{Component, Estimate, ResourceCost, HOURS_PER_MONTH};
use crate::hcl::semantic::{blocks_named, Model, Res};
use crate::profile::Usage;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Types AWS does not charge for (their usage is billed on other resources).
const FREE: &[&str] = &[
    "aws_vpc",
    "aws_subnet",
    "aws_internet_gateway",
    "aws_route",
    "aws_route_table",
    "aws_route_table_association",
    "aws_default_security_group",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_network_acl",
    "aws_network_acl_rule",
    "aws_network_acl_association",
    "aws_flow_log",
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_iam_policy",
    "aws_iam_policy_attachment",
    "aws_ecs_cluster",
    "aws_ecs_cluster_capacity_providers",
    "aws_ecs_task_definition",
    "aws_appautoscaling_target",
    "aws_appautoscaling_policy",
    "aws_apigatewayv2_stage",
    "aws_apigatewayv2_route",
    "aws_apigatewayv2_integration",
    "aws_apigatewayv2_authorizer",
    "aws_apigatewayv2_vpc_link",
    "aws_apigatewayv2_deployment",
    "aws_cognito_user_pool_client",
    "aws_kms_alias",
    "aws_lb_listener",
    "aws_lb_target_group",
    "aws_alb_listener",
    "aws_alb_target_group",
    "aws_wafv2_web_acl_association",
    "aws_eip_association",
];

pub(super) struct Pricer<'a> {
    pub model: &'a Model<'a>,
    pub region: &'a str,
    pub prices: &'a PriceTable,
    pub usage: &'a Usage,
    pub default_tasks: f64,
    /// Assumptions the estimate actually used, by name.
    pub notes: BTreeMap<String, Value>,
    /// Parts of priced resources that have no price (e.g. table replicas).
    pub unpriced_parts: Vec<String>,
}

/// A number from a literal value (numbers or numeric strings).
fn num(v: Option<Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

impl<'a> Pricer<'a> {
    fn line(&self, key: &str, name: &str, quantity: f64) -> Result<Component, Missing> {
        let p = self.prices.get(self.region, key)?;
        let billable = (quantity - p.free_quantity.unwrap_or(0.0)).max(0.0);
        Ok(Component {
            name: name.to_string(),
            quantity: billable,
            unit: p.unit.clone(),
            unit_price_usd: p.usd,
            monthly_usd: billable * p.usd,
        })
    }

    /// A tiered price: `key` up to its `tier_limit`, then `over`.
    fn tiered(
        &self,
        key: &str,
        over: &str,
        names: (&str, &str),
        quantity: f64,
    ) -> Result<Vec<Component>, Missing> {
        let first = self.prices.get(self.region, key)?;
        let free = first.free_quantity.unwrap_or(0.0);
        let limit = first.tier_limit.unwrap_or(f64::INFINITY);
        let in_first = quantity.min(limit);
        let mut out = vec![self.line(key, names.0, in_first)?];
        if quantity > limit {
            let p = self.prices.get(self.region, over)?;
            out.push(Component {
                name: names.1.to_string(),
                quantity: quantity - limit.max(free),
                unit: p.unit.clone(),
                unit_price_usd: p.usd,
                monthly_usd: (quantity - limit.max(free)) * p.usd,
            });
        }
        Ok(out)
    }

    fn note(&mut self, key: &str, value: Value) {
        self.notes.insert(key.to_string(), value);
    }

    pub fn assumptions_used(&self) -> BTreeMap<String, Value> {
        let mut out = self.notes.clone();
        out.insert("hours_per_month".into(), json!(HOURS_PER_MONTH));
        out
    }

    /// Instance suffixes of a resource: `[""]`, `["[0]", "[1]"]` or `["[\"a\"]", ...]`.
    fn instances(&mut self, res: &Res) -> Vec<String> {
        if let Some(keys) = res.instance_keys() {
            return keys.iter().map(|k| format!("[{k:?}]")).collect();
        }
        if res.attr("count").is_some() {
            if let Some(n) = res.instances() {
                return (0..n).map(|i| format!("[{i}]")).collect();
            }
        } else if res.attr("for_each").is_none() {
            return vec![String::new()];
        }
        self.note(
            &format!("instances_of.{}", res.address),
            json!("unknown; assumed 1"),
        );
        vec![String::new()]
    }

    pub fn price_all(&mut self, est: &mut Estimate) -> Result<(), Missing> {
        let model = self.model;
        for (_, module) in model.index.iter() {
            for block in module.resources() {
                let res = Res::from_parts(model, module, block);
                let ty = res
                    .block
                    .labels
                    .first()
                    .copied()
                    .unwrap_or_default()
                    .to_string();
                for suffix in self.instances(&res) {
                    let address = format!("{}{suffix}", res.address);
                    if FREE.contains(&ty.as_str()) {
                        est.free.push(address);
                        continue;
                    }
                    match self.price(&res, &ty)? {
                        Priced::Components(components) if components.is_empty() => {
                            est.free.push(address)
                        }
                        Priced::Components(components) => est.resources.push(ResourceCost {
                            address,
                            ty: ty.clone(),
                            monthly_usd: 0.0,
                            components,
                        }),
                        Priced::NotPriced(reason) => {
                            est.not_priced.push(format!("{address}: {reason}"))
                        }
                    }
                }
            }
        }
        est.not_priced.append(&mut self.unpriced_parts);
        Ok(())
    }

    fn price(&mut self, res: &Res, ty: &str) -> Result<Priced, Missing> {
        let u = self.usage;
        Ok(Priced::Components(match ty {
            "aws_nat_gateway" => {
                let nats = self.count_instances("aws_nat_gateway").max(1.0);
                self.note(
                    "monthly_data_processed_gb",
                    json!(u.monthly_data_processed_gb),
                );
                vec![
                    self.line("nat_gateway_hour", "NAT gateway", HOURS_PER_MONTH)?,
                    self.line(
                        "nat_gateway_gb",
                        "Data processed",
                        u.monthly_data_processed_gb / nats,
                    )?,
                ]
            }
            "aws_eip" => {
                vec![self.line("public_ipv4_hour", "Public IPv4 address", HOURS_PER_MONTH)?]
            }
            "aws_ecs_service" => return self.fargate(res),
            "aws_dynamodb_table" => return self.dynamodb(res),
            "aws_apigatewayv2_api" => {
                let protocol = res
                    .value("protocol_type")
                    .and_then(|v| v.as_str().map(str::to_string));
                if protocol.as_deref() != Some("HTTP") {
                    return Ok(Priced::NotPriced("only HTTP APIs are priced".into()));
                }
                self.note("monthly_requests", json!(u.monthly_requests));
                let millions = u.monthly_requests / 1e6;
                self.tiered(
                    "apigw_http_request_million",
                    "apigw_http_request_million_over_300m",
                    ("Requests (first 300M)", "Requests (over 300M)"),
                    millions,
                )?
            }
            "aws_service_discovery_service" => {
                let tasks = self.average_tasks(None);
                let lookups = u.monthly_discovery_lookups.unwrap_or(u.monthly_requests);
                self.note("monthly_discovery_lookups", json!(lookups));
                vec![
                    self.line("cloudmap_instance_month", "Registered instances", tasks)?,
                    self.line(
                        "cloudmap_lookup_million",
                        "DiscoverInstances calls",
                        lookups / 1e6,
                    )?,
                ]
            }
            "aws_service_discovery_private_dns_namespace" => {
                return Ok(Priced::NotPriced(
                    "its Route 53 private hosted zone has no sourced price".into(),
                ))
            }
            "aws_cognito_user_pool" => {
                let tier = res
                    .value("user_pool_tier")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "ESSENTIALS".into());
                self.note("monthly_active_users", json!(u.monthly_active_users));
                let mau = u.monthly_active_users;
                match tier.as_str() {
                    "LITE" => self.tiered(
                        "cognito_lite_mau",
                        "cognito_lite_mau_over_100k",
                        (
                            "Monthly active users (Lite, 10k free, to 100k)",
                            "Monthly active users (Lite, over 100k)",
                        ),
                        mau,
                    )?,
                    "PLUS" => {
                        vec![self.line("cognito_plus_mau", "Monthly active users (Plus)", mau)?]
                    }
                    _ => vec![self.line(
                        "cognito_essentials_mau",
                        "Monthly active users (Essentials, 10k free)",
                        mau,
                    )?],
                }
            }
            "aws_cloudwatch_log_group" => self.log_group(res)?,
            "aws_vpc_endpoint" => {
                let kind = res
                    .value("vpc_endpoint_type")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "Gateway".into());
                if kind == "Gateway" {
                    return Ok(Priced::Components(Vec::new()));
                }
                let azs = match res.value("subnet_ids") {
                    Some(Value::Array(a)) => a.len() as f64,
                    _ => {
                        self.note(
                            &format!("subnets_of.{}", res.address),
                            json!("unknown; assumed 1"),
                        );
                        1.0
                    }
                };
                self.note(
                    "endpoint_data_processed_gb",
                    json!(u.endpoint_data_processed_gb),
                );
                vec![
                    self.line(
                        "vpc_interface_endpoint_az_hour",
                        "Endpoint-AZ hours",
                        azs * HOURS_PER_MONTH,
                    )?,
                    self.line(
                        "vpc_interface_endpoint_gb",
                        "Data processed",
                        u.endpoint_data_processed_gb,
                    )?,
                ]
            }
            "aws_kms_key" => vec![self.line("kms_key_month", "Customer-managed key", 1.0)?],
            "aws_lb" | "aws_alb" => {
                let kind = res
                    .value("load_balancer_type")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "application".into());
                if kind != "application" {
                    return Ok(Priced::NotPriced(format!(
                        "{kind} load balancer prices are not sourced"
                    )));
                }
                self.note("alb_lcu", json!(u.alb_lcu));
                vec![
                    self.line("alb_hour", "Application load balancer", HOURS_PER_MONTH)?,
                    self.line(
                        "alb_lcu_hour",
                        "Load balancer capacity units",
                        u.alb_lcu * HOURS_PER_MONTH,
                    )?,
                ]
            }
            "aws_wafv2_web_acl" => {
                let rules = blocks_named(res.body(), "rule").len() as f64;
                self.note("monthly_requests", json!(u.monthly_requests));
                vec![
                    self.line("waf_web_acl_month", "Web ACL", 1.0)?,
                    self.line("waf_rule_month", "Rules", rules)?,
                    self.line("waf_request_million", "Requests", u.monthly_requests / 1e6)?,
                ]
            }
            _ => {
                return Ok(Priced::NotPriced(
                    "petgen has no price model for this type".into(),
                ))
            }
        }))
    }

    fn count_instances(&mut self, ty: &str) -> f64 {
        let model = self.model;
        model
            .resources(ty)
            .map(|r| r.instances().unwrap_or(1) as f64)
            .sum()
    }

    /// The profile's expected average task count, else the service's desired count.
    fn average_tasks(&mut self, service: Option<&Res>) -> f64 {
        if let Some(t) = self.usage.average_task_count {
            self.note("average_task_count", json!(t));
            return t;
        }
        let desired = service
            .and_then(|s| num(s.value("desired_count")))
            .or_else(|| {
                self.model
                    .resources("aws_ecs_service")
                    .next()
                    .and_then(|s| num(s.value("desired_count")))
            })
            .unwrap_or(self.default_tasks);
        self.note("average_task_count", json!(desired));
        desired
    }

    fn fargate(&mut self, service: &Res) -> Result<Priced, Missing> {
        let launch = service
            .value("launch_type")
            .and_then(|v| v.as_str().map(str::to_string));
        if launch.as_deref() != Some("FARGATE") {
            return Ok(Priced::NotPriced("only FARGATE services are priced".into()));
        }
        let model = self.model;
        let Some(td) = service.trace("task_definition").into_iter().find_map(|t| {
            let name = t
                .target
                .strip_prefix("aws_ecs_task_definition.")?
                .to_string();
            let module = model.index.modules.get(&t.module)?;
            module
                .resource("aws_ecs_task_definition", &name)
                .map(|b| Res::from_parts(model, module, b))
        }) else {
            return Ok(Priced::NotPriced(
                "its task definition is not in this configuration".into(),
            ));
        };
        let (Some(cpu), Some(mem)) = (num(td.value("cpu")), num(td.value("memory"))) else {
            return Ok(Priced::NotPriced(
                "the task's cpu and memory are not static".into(),
            ));
        };
        let arm = td.blocks("runtime_platform").iter().any(|b| {
            td.value_in(b, "cpu_architecture")
                .and_then(|v| v.as_str().map(str::to_string))
                .as_deref()
                == Some("ARM64")
        });
        let tasks = self.average_tasks(Some(service));
        let (vcpu_key, gb_key, arch) = if arm {
            ("fargate_arm_vcpu_hour", "fargate_arm_gb_hour", "ARM64")
        } else {
            ("fargate_x86_vcpu_hour", "fargate_x86_gb_hour", "x86_64")
        };
        Ok(Priced::Components(vec![
            self.line(
                vcpu_key,
                &format!("vCPU ({arch}, {tasks} × {} vCPU)", cpu / 1024.0),
                tasks * cpu / 1024.0 * HOURS_PER_MONTH,
            )?,
            self.line(
                gb_key,
                &format!("Memory ({arch}, {tasks} × {} GB)", mem / 1024.0),
                tasks * mem / 1024.0 * HOURS_PER_MONTH,
            )?,
        ]))
    }

    fn dynamodb(&mut self, t: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let mut out = Vec::new();
        let mode = t
            .value("billing_mode")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "PROVISIONED".into());
        if mode == "PAY_PER_REQUEST" {
            let writes = u.monthly_requests
                * u.write_share
                * u.average_item_size_kb.max(0.0).ceil().max(1.0);
            let reads = u.monthly_requests
                * (1.0 - u.write_share)
                * (u.average_item_size_kb / 4.0).ceil().max(1.0);
            self.note("monthly_requests", json!(u.monthly_requests));
            self.note("write_share", json!(u.write_share));
            self.note("average_item_size_kb", json!(u.average_item_size_kb));
            self.note("monthly_write_request_units", json!(writes));
            self.note("monthly_read_request_units", json!(reads));
            out.push(self.line(
                "dynamodb_write_request_million",
                "Write request units",
                writes / 1e6,
            )?);
            out.push(self.line(
                "dynamodb_read_request_million",
                "Read request units",
                reads / 1e6,
            )?);
        } else {
            let (Some(wcu), Some(rcu)) = (
                num(t.value("write_capacity")),
                num(t.value("read_capacity")),
            ) else {
                return Ok(Priced::NotPriced(
                    "its provisioned capacity is not static".into(),
                ));
            };
            out.push(self.line(
                "dynamodb_wcu_hour",
                "Provisioned write capacity",
                wcu * HOURS_PER_MONTH,
            )?);
            out.push(self.line(
                "dynamodb_rcu_hour",
                "Provisioned read capacity",
                rcu * HOURS_PER_MONTH,
            )?);
        }
        self.note("storage_gb", json!(u.storage_gb));
        out.push(self.line(
            "dynamodb_storage_gb_month",
            "Storage (first 25 GB free)",
            u.storage_gb,
        )?);
        let pitr = t
            .blocks("point_in_time_recovery")
            .iter()
            .any(|b| t.value_in(b, "enabled") == Some(Value::Bool(true)));
        if pitr {
            out.push(self.line(
                "dynamodb_pitr_gb_month",
                "Point-in-time recovery",
                u.storage_gb,
            )?);
        }
        let replicas: Vec<String> = t
            .blocks("replica")
            .iter()
            .map(|b| {
                t.value_in(b, "region_name")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| "?".into())
            })
            .collect();
        let dynamic = t.body().blocks().any(|b| {
            b.ident.as_str() == "dynamic" && b.labels.first().map(|l| l.as_str()) == Some("replica")
        });
        let replica_regions: Vec<String> = if dynamic {
            t.body()
                .blocks()
                .find(|b| b.ident.as_str() == "dynamic")
                .and_then(|d| d.body.get_attribute("for_each"))
                .and_then(|a| t.model.eval(t.module, &a.value))
                .and_then(|v| v.as_array().cloned())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            replicas
        };
        for region in replica_regions {
            self.unpriced_parts.push(format!(
                "{} replica in {region}: replicated write request units and storage there have no sourced price",
                t.address
            ));
        }
        Ok(Priced::Components(out))
    }

    fn log_group(&mut self, g: &Res) -> Result<Vec<Component>, Missing> {
        let u = self.usage;
        let name = g
            .value("name")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let local = g.name();
        let (kind, gb) = if local.contains("flow") || name.contains("flow") {
            ("flow_log_ingested_gb", u.flow_log_ingested_gb)
        } else if local.contains("access") || name.contains("apigateway") {
            ("access_log_ingested_gb", u.access_log_ingested_gb)
        } else if local.contains("service") || name.starts_with("/ecs/") {
            ("service_log_ingested_gb", u.service_log_ingested_gb)
        } else {
            ("other_log_ingested_gb", u.other_log_ingested_gb)
        };
        self.note(kind, json!(gb));
        // Steady state: a month's ingestion is kept for the retention period.
        let months = match num(g.value("retention_in_days")) {
            Some(d) if d > 0.0 => d * 12.0 / 365.0,
            _ => {
                self.note("log_retention_without_expiry_months", json!(12));
                12.0
            }
        };
        Ok(vec![
            self.line("logs_ingestion_gb", "Ingestion", gb)?,
            self.line(
                "logs_storage_gb_month",
                &format!("Storage ({:.1} months retained)", months),
                gb * months,
            )?,
        ])
    }
}

enum Priced {
    Components(Vec<Component>),
    NotPriced(String),
}
