//! The two front doors the petstore can have, priced as functions of the monthly request
//! volume: an API Gateway HTTP API (requests, plus the Cloud Map lookups and instances its
//! private integration needs) and an Application Load Balancer (hours, a public IPv4 address
//! per AZ, LCUs, and the WAF in front of it). The ALB's pricer, CST004 and `petgen cost
//! --compare` all read these formulas, and every line is priced as the pricers price theirs
//! (`cost::lines`), so they cannot disagree.

use super::lines::{line, tiered, total};
use super::price_table::{Missing, PriceTable};
use super::Component;
use super::HOURS_PER_MONTH;
use crate::facts::price_keys::PriceKey;
use crate::profile::Usage;

/// New connections an LCU covers in an hour: 25 a second.
const CONNECTIONS_PER_LCU_HOUR: f64 = 25.0 * 3600.0;

/// LCU-hours a month at `requests` a month: an LCU-hour is 25 new connections a second or
/// 1 GB processed (for IP targets), whichever is more, with traffic spread evenly over the
/// month. The profile's `usage.alb_lcu` overrides it. Rule evaluations are free for the first
/// 10 rules, and the rendered ALB has two.
pub fn lcu_hours(usage: &Usage, requests: f64) -> f64 {
    if let Some(lcu) = usage.alb_lcu {
        return lcu * HOURS_PER_MONTH;
    }
    let connections = requests * usage.alb_new_connections_per_request / CONNECTIONS_PER_LCU_HOUR;
    let gb = requests * usage.average_transfer_kb / 1e6;
    connections.max(gb)
}

/// The shape of a front door that does not change with traffic.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// AZs the ALB spans: one public IPv4 address each.
    pub azs: f64,
    /// WAF rules on the ALB's web ACL (0 without a WAF).
    pub waf_rules: f64,
    pub waf: bool,
    /// Tasks registered in Cloud Map on the HTTP API side.
    pub tasks: f64,
    /// DiscoverInstances calls per request on the HTTP API side.
    pub lookups_per_request: f64,
}

/// Monthly USD of each front door in one region.
pub struct FrontDoors<'a> {
    prices: &'a PriceTable,
    region: &'a str,
    usage: &'a Usage,
    shape: Shape,
}

impl<'a> FrontDoors<'a> {
    pub fn new(prices: &'a PriceTable, region: &'a str, usage: &'a Usage, shape: Shape) -> Self {
        FrontDoors {
            prices,
            region,
            usage,
            shape,
        }
    }

    fn line(&self, key: PriceKey, quantity: f64) -> Result<Component, Missing> {
        line(self.prices, self.region, key, key.as_str(), quantity)
    }

    /// The HTTP API with Cloud Map, at `requests` a month.
    pub fn http_api(&self, requests: f64) -> Result<f64, Missing> {
        let millions = requests / 1e6;
        let mut lines = tiered(
            self.prices,
            self.region,
            (
                PriceKey::ApigwHttpRequestMillion,
                PriceKey::ApigwHttpRequestMillionOver300m,
            ),
            ("requests", "requests over the tier"),
            millions,
        )?;
        lines.push(self.line(
            PriceKey::CloudmapLookupMillion,
            self.shape.lookups_per_request * millions,
        )?);
        lines.push(self.line(PriceKey::CloudmapInstanceMonth, self.shape.tasks)?);
        Ok(total(&lines))
    }

    /// The ALB with its IPv4 addresses, LCUs and WAF, at `requests` a month.
    pub fn alb(&self, requests: f64) -> Result<f64, Missing> {
        let mut lines = vec![
            self.line(PriceKey::AlbHour, HOURS_PER_MONTH)?,
            self.line(PriceKey::PublicIpv4Hour, self.shape.azs * HOURS_PER_MONTH)?,
            self.line(PriceKey::AlbLcuHour, lcu_hours(self.usage, requests))?,
        ];
        if self.shape.waf {
            lines.push(self.line(PriceKey::WafWebAclMonth, 1.0)?);
            lines.push(self.line(PriceKey::WafRuleMonth, self.shape.waf_rules)?);
            lines.push(self.line(PriceKey::WafRequestMillion, requests / 1e6)?);
        }
        Ok(total(&lines))
    }

    /// The monthly request volume at which both cost the same, if there is one below ten
    /// billion; below it the cheaper one is the one that is cheaper at zero requests.
    pub fn break_even(&self) -> Result<Option<f64>, Missing> {
        super::crossing(|r| Ok(self.alb(r)? - self.http_api(r)?))
    }
}

/// A request volume for people: `23.4M`, `850k`.
pub fn requests_label(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.1}M", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.0}k", r / 1e3)
    } else {
        format!("{r:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcus_follow_the_larger_dimension() {
        let u = Usage::default();
        // 90,000 connections are one LCU-hour; 2 KB a request makes 1 GB per 500,000.
        assert!((lcu_hours(&u, 9e6) - 100.0).abs() < 1e-9);
        let heavy = Usage {
            average_transfer_kb: 100.0,
            ..Usage::default()
        };
        assert!((lcu_hours(&heavy, 1e6) - 100.0).abs() < 1e-9);
        let fixed = Usage {
            alb_lcu: Some(2.0),
            ..Usage::default()
        };
        assert_eq!(lcu_hours(&fixed, 1e9), 1460.0);
    }

    #[test]
    fn the_break_even_is_where_both_cost_the_same() {
        let prices = PriceTable::embedded();
        let u = Usage::default();
        let shape = Shape {
            azs: 3.0,
            waf_rules: 2.0,
            waf: true,
            tasks: 3.0,
            lookups_per_request: 1.0,
        };
        let doors = FrontDoors::new(&prices, "us-east-1", &u, shape);
        let r = doors.break_even().unwrap().unwrap();
        assert!((doors.alb(r).unwrap() - doors.http_api(r).unwrap()).abs() < 0.01);
        assert!(doors.alb(r / 2.0).unwrap() > doors.http_api(r / 2.0).unwrap());
        assert!(doors.alb(r * 2.0).unwrap() < doors.http_api(r * 2.0).unwrap());
    }
}
