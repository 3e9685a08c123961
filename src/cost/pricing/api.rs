//! Front doors: the HTTP API, application load balancers and WAF.

use super::{Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::cost::{front_door, HOURS_PER_MONTH};
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::blocks_named;
use crate::hcl::semantic::Res;
use serde_json::json;

impl Pricer<'_> {
    /// Requests, tiered at 300M a month; REST and WebSocket APIs are not priced.
    pub(super) fn http_api(&mut self, res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
            let protocol = res
                .value("protocol_type")
                .and_then(|v| v.as_str().map(str::to_string));
            if protocol.as_deref() != Some("HTTP") {
                return Ok(Priced::NotPriced("only HTTP APIs are priced".into()));
            }
            self.note("monthly_requests", json!(u.monthly_requests));
            let millions = u.monthly_requests / 1e6;
            self.tiered(
                PriceKey::ApigwHttpRequestMillion,
                PriceKey::ApigwHttpRequestMillionOver300m,
                ("Requests (first 300M)", "Requests (over 300M)"),
                millions,
            )?
        };
        Ok(Priced::Components(components))
    }

    /// ALB hours, a public IPv4 address per AZ when internet-facing, and LCU-hours from the
    /// request volume (`front_door::lcu_hours`); other load balancer kinds are not priced.
    pub(super) fn load_balancer(&mut self, res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let kind = res
            .value("load_balancer_type")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "application".into());
        if kind != "application" {
            return Ok(Priced::NotPriced(format!(
                "{kind} load balancer prices are not sourced"
            )));
        }
        self.note("monthly_requests", json!(u.monthly_requests));
        match u.alb_lcu {
            Some(lcu) => self.note("alb_lcu", json!(lcu)),
            None => {
                self.note(
                    "alb_new_connections_per_request",
                    json!(u.alb_new_connections_per_request),
                );
                self.note("average_transfer_kb", json!(u.average_transfer_kb));
            }
        }
        let mut components = vec![
            self.line(
                PriceKey::AlbHour,
                "Application load balancer",
                HOURS_PER_MONTH,
            )?,
            self.line(
                PriceKey::AlbLcuHour,
                "Load balancer capacity units",
                front_door::lcu_hours(u, u.monthly_requests),
            )?,
        ];
        let internal = res.value("internal").and_then(|v| v.as_bool()) == Some(true);
        if !internal {
            let azs = alb_azs(res);
            components.push(self.line(
                PriceKey::PublicIpv4Hour,
                &format!("Public IPv4 addresses ({azs} AZs)"),
                azs as f64 * HOURS_PER_MONTH,
            )?);
        }
        Ok(Priced::Components(components))
    }

    /// Storage of an ALB's access logs (`usage.load_balancer_log_stored_gb`); other buckets'
    /// contents are unknown to petgen.
    pub(super) fn bucket(&mut self, res: &Res) -> Result<Priced, Missing> {
        let model = self.model;
        let holds_alb_logs = ["aws_lb", "aws_alb"].iter().any(|ty| {
            model.resources(ty).any(|lb| {
                lb.blocks("access_logs").iter().any(|b| {
                    b.get_attribute("bucket")
                        .is_some_and(|a| model.trace(lb.module, &a.value).iter().any(|t| res.is(t)))
                })
            })
        });
        if !holds_alb_logs {
            return self.trail_bucket(res);
        }
        let gb = self.usage.load_balancer_log_stored_gb;
        self.note("load_balancer_log_stored_gb", json!(gb));
        Ok(Priced::Components(vec![self.line(
            PriceKey::S3StandardGbMonth,
            "Storage (ALB access logs)",
            gb,
        )?]))
    }

    /// The web ACL, its rules and its requests.
    pub(super) fn web_acl(&mut self, res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
            let rules = blocks_named(res.body(), "rule").len() as f64;
            self.note("monthly_requests", json!(u.monthly_requests));
            vec![
                self.line(PriceKey::WafWebAclMonth, "Web ACL", 1.0)?,
                self.line(PriceKey::WafRuleMonth, "Rules", rules)?,
                self.line(
                    PriceKey::WafRequestMillion,
                    "Requests",
                    u.monthly_requests / 1e6,
                )?,
            ]
        };
        Ok(Priced::Components(components))
    }
}

/// AZs an ALB spans: its subnets (or subnet mappings) when they can be counted, else two,
/// the fewest an ALB accepts.
pub(crate) fn alb_azs(res: &Res) -> usize {
    // A literal list counts itself; a reference counts the subnets it leads to (a
    // `for_each` over the AZs gives one subnet per AZ).
    let traced: usize = res
        .trace("subnets")
        .iter()
        .flat_map(|t| res.model.resources("aws_subnet").filter(move |s| s.is(t)))
        .map(|s| s.instances().unwrap_or(1))
        .sum();
    let listed = res
        .value("subnets")
        .and_then(|v| v.as_array().map(|a| a.len()))
        .unwrap_or(0)
        .max(traced);
    let mapped = res.blocks("subnet_mapping").len();
    listed.max(mapped).max(2)
}
