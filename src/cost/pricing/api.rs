//! Front doors: the HTTP API, application load balancers and WAF.

use super::{Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::cost::HOURS_PER_MONTH;
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
                "apigw_http_request_million",
                "apigw_http_request_million_over_300m",
                ("Requests (first 300M)", "Requests (over 300M)"),
                millions,
            )?
        };
        Ok(Priced::Components(components))
    }

    /// ALB hours and LCU-hours; other load balancer kinds are not priced.
    pub(super) fn load_balancer(&mut self, res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
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
        };
        Ok(Priced::Components(components))
    }

    /// The web ACL, its rules and its requests.
    pub(super) fn web_acl(&mut self, res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
            let rules = blocks_named(res.body(), "rule").len() as f64;
            self.note("monthly_requests", json!(u.monthly_requests));
            vec![
                self.line("waf_web_acl_month", "Web ACL", 1.0)?,
                self.line("waf_rule_month", "Rules", rules)?,
                self.line("waf_request_million", "Requests", u.monthly_requests / 1e6)?,
            ]
        };
        Ok(Priced::Components(components))
    }
}
