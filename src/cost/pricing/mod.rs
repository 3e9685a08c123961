//! How each resource type is priced: one function per priced type, grouped by service in this
//! folder; the free list and the not-priced fallback keep every resource accounted for.

mod api;
mod compute;
mod config;
mod database;
mod discovery;
mod dns;
mod dynamodb;
mod identity;
mod logs;
mod monitoring;
mod network;

use super::price_table::{Missing, PriceTable};
use super::{Component, Estimate, ResourceCost, HOURS_PER_MONTH};
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::{Count, Model, Res};
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
    "aws_wafv2_web_acl_logging_configuration",
    "aws_lb_listener_rule",
    "aws_alb_listener_rule",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_lifecycle_configuration",
    "aws_s3_bucket_notification",
    "aws_acm_certificate_validation",
    "aws_apigatewayv2_domain_name",
    "aws_apigatewayv2_api_mapping",
    "aws_eip_association",
    "aws_sns_topic_policy",
    "aws_sns_topic_subscription",
    // Config bills items and evaluations, priced on the recorder and the rules.
    "aws_config_delivery_channel",
    "aws_config_configuration_recorder_status",
    // AWS services' events on the default event bus are free, and so is the rule.
    "aws_cloudwatch_event_rule",
    "aws_cloudwatch_event_target",
    // Aurora bills capacity, storage and I/O, priced on the cluster and its instances.
    "aws_db_subnet_group",
    "aws_rds_cluster_parameter_group",
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
pub(super) fn num(v: Option<Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// An argument beyond what AWS accepts, so the resource is not priced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{name} = {} is outside what AWS accepts (0 to {max})", super::price_table::shown(*value))]
pub(super) struct OutOfRange {
    name: &'static str,
    value: f64,
    max: f64,
}

/// An argument priced as a quantity: a finite number from 0 to `max`.
pub(super) fn in_range(name: &'static str, value: f64, max: f64) -> Result<f64, OutOfRange> {
    if value.is_finite() && (0.0..=max).contains(&value) {
        Ok(value)
    } else {
        Err(OutOfRange { name, value, max })
    }
}

/// A `count` or `for_each` terraform would refuse; `why` is the model's reason
/// ([`Count::Invalid`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{why}")]
struct InvalidCount {
    why: String,
}

impl<'a> Pricer<'a> {
    pub(super) fn line(
        &self,
        key: PriceKey,
        name: &str,
        quantity: f64,
    ) -> Result<Component, Missing> {
        super::lines::line(self.prices, self.region, key, name, quantity)
    }

    /// A tiered price: `key` up to its `tier_limit`, then `over`.
    pub(super) fn tiered(
        &self,
        key: PriceKey,
        over: PriceKey,
        names: (&str, &str),
        quantity: f64,
    ) -> Result<Vec<Component>, Missing> {
        super::lines::tiered(self.prices, self.region, (key, over), names, quantity)
    }

    pub(super) fn note(&mut self, key: &str, value: Value) {
        self.notes.insert(key.to_string(), value);
    }

    pub fn assumptions_used(&self) -> BTreeMap<String, Value> {
        let mut out = self.notes.clone();
        out.insert("hours_per_month".into(), json!(HOURS_PER_MONTH));
        out
    }

    /// Instance suffixes of a resource: `[""]`, `["[0]", "[1]"]` or `["[\"a\"]", ...]`; an
    /// error when its count is not a number of instances (the resource is not priced).
    fn instances(&mut self, res: &Res) -> Result<Vec<String>, InvalidCount> {
        match res.count() {
            Count::Invalid(why) => return Err(InvalidCount { why }),
            Count::Known(n) if res.attr("count").is_some() => {
                return Ok((0..n).map(|i| format!("[{i}]")).collect())
            }
            Count::Known(_) if res.attr("for_each").is_none() => return Ok(vec![String::new()]),
            Count::Known(_) => {
                if let Some(keys) = res.instance_keys() {
                    return Ok(keys.iter().map(|k| format!("[{k:?}]")).collect());
                }
            }
            Count::Unknown => {}
        }
        self.note(
            &format!("instances_of.{}", res.address),
            json!("unknown; assumed 1"),
        );
        Ok(vec![String::new()])
    }

    /// Price every resource instance; one without a price is listed as not priced.
    pub fn price_all(&mut self, est: &mut Estimate) {
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
                let suffixes = match self.instances(&res) {
                    Ok(s) => s,
                    Err(why) => {
                        est.not_priced.push(format!("{}: {why}", res.address));
                        continue;
                    }
                };
                if FREE.contains(&ty.as_str()) {
                    est.free
                        .extend(suffixes.iter().map(|s| format!("{}{s}", res.address)));
                    continue;
                }
                // `count = 0`: nothing exists, so nothing is priced or assumed.
                if suffixes.is_empty() {
                    continue;
                }
                // Every instance of a resource has the same arguments (petgen does not
                // evaluate `count.index` or `each`), so one price serves them all.
                let priced = match self.price(&res, &ty) {
                    Ok(p) => checked(p),
                    Err(missing) => {
                        est.missing_prices.extend(missing.key().map(str::to_string));
                        Priced::NotPriced(missing.to_string())
                    }
                };
                for suffix in suffixes {
                    let address = format!("{}{suffix}", res.address);
                    match &priced {
                        Priced::Components(components) if components.is_empty() => {
                            est.free.push(address)
                        }
                        Priced::Components(components) => est.resources.push(ResourceCost {
                            address,
                            ty: ty.clone(),
                            monthly_usd: 0.0,
                            components: components.clone(),
                        }),
                        Priced::NotPriced(reason) => {
                            est.not_priced.push(format!("{address}: {reason}"))
                        }
                    }
                }
            }
        }
        est.not_priced.append(&mut self.unpriced_parts);
    }

    fn price(&mut self, res: &Res, ty: &str) -> Result<Priced, Missing> {
        match ty {
            "aws_nat_gateway" => self.nat_gateway(res),
            "aws_eip" => self.elastic_ip(res),
            "aws_vpc_endpoint" => self.vpc_endpoint(res),
            "aws_ecs_service" => self.fargate(res),
            "aws_dynamodb_table" => self.dynamodb(res),
            "aws_apigatewayv2_api" => self.http_api(res),
            "aws_lb" | "aws_alb" => self.load_balancer(res),
            "aws_wafv2_web_acl" => self.web_acl(res),
            "aws_s3_bucket" => self.bucket(res),
            "aws_service_discovery_service" => self.discovery_service(res),
            "aws_service_discovery_private_dns_namespace" => self.dns_namespace(res),
            "aws_cognito_user_pool" => self.user_pool(res),
            "aws_kms_key" => self.kms_key(res),
            "aws_route53_record" => self.route53_record(res),
            "aws_acm_certificate" => self.certificate(res),
            "aws_cloudwatch_log_group" => self.log_group(res).map(Priced::Components),
            "aws_cloudwatch_metric_alarm" => self.metric_alarm(res),
            "aws_cloudwatch_dashboard" => self.dashboard(res),
            "aws_cloudwatch_log_metric_filter" => self.metric_filter(res),
            "aws_sns_topic" => self.sns_topic(res),
            "aws_cloudtrail" => self.cloudtrail(res),
            "aws_config_configuration_recorder" => self.config_recorder(res),
            "aws_config_config_rule" => self.config_rule(res),
            "aws_rds_cluster" => self.rds_cluster(res),
            "aws_rds_cluster_instance" => self.rds_cluster_instance(res),
            _ => Ok(Priced::NotPriced(
                "petgen has no price model for this type".into(),
            )),
        }
    }

    pub(super) fn count_instances(&mut self, ty: &str) -> f64 {
        let model = self.model;
        model
            .resources(ty)
            .map(|r| r.instances().unwrap_or(1) as f64)
            .sum()
    }
}

/// A price whose quantities are not finite, non-negative numbers came from arguments no AWS
/// resource accepts (`read_capacity = 1e308`, `memory = -1`): not priced, and why.
fn checked(priced: Priced) -> Priced {
    let Priced::Components(components) = &priced else {
        return priced;
    };
    match components.iter().find(|c| {
        !(c.quantity.is_finite()
            && c.quantity >= 0.0
            && c.monthly_usd.is_finite()
            && c.monthly_usd >= 0.0)
    }) {
        Some(c) => Priced::NotPriced(format!(
            "{} comes to {} {}, which no AWS bill can; check the arguments it is priced from",
            c.name, c.quantity, c.unit
        )),
        None => priced,
    }
}

pub(super) enum Priced {
    Components(Vec<Component>),
    NotPriced(String),
}

#[cfg(test)]
mod free_tests {
    #[test]
    fn every_free_type_is_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for ty in super::FREE {
            assert!(seen.insert(ty), "{ty} is listed twice");
        }
    }
}
