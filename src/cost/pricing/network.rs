//! Networking: NAT gateways, public IPv4 addresses and VPC endpoints.

use super::{Priced, Pricer};
use crate::cost::price_table::Missing;
use crate::cost::HOURS_PER_MONTH;
use crate::facts::price_keys::PriceKey;
use crate::hcl::semantic::Res;
use serde_json::json;
use serde_json::Value;

impl Pricer<'_> {
    /// Hours, and the profile's NAT traffic split across the gateways.
    pub(super) fn nat_gateway(&mut self, _res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
            let nats = self.count_instances("aws_nat_gateway").max(1.0);
            self.note(
                "monthly_data_processed_gb",
                json!(u.monthly_data_processed_gb),
            );
            // Gateway endpoints take the table's (and image layers') traffic off NAT.
            let model = self.model;
            let gateway = model.resources("aws_vpc_endpoint").any(|e| {
                let ty = e
                    .value("vpc_endpoint_type")
                    .and_then(|v| v.as_str().map(str::to_string));
                // The service name is often interpolated (`com.amazonaws.${region}.s3`): its
                // text ends in the service either way.
                let service = e
                    .attr("service_name")
                    .map(|a| a.value.to_string().trim().trim_end_matches('"').to_string())
                    .unwrap_or_default();
                ty.as_deref() == Some("Gateway")
                    && (service.ends_with(".dynamodb") || service.ends_with(".s3"))
            });
            let (name, gb) = if gateway {
                let off = u
                    .gateway_endpoint_gb
                    .unwrap_or(u.monthly_requests * u.average_item_size_kb / 1e6);
                self.note("gateway_endpoint_gb", json!(off));
                (
                    "Data processed (gateway endpoints excluded)",
                    (u.monthly_data_processed_gb - off).max(0.0),
                )
            } else {
                ("Data processed", u.monthly_data_processed_gb)
            };
            vec![
                self.line(PriceKey::NatGatewayHour, "NAT gateway", HOURS_PER_MONTH)?,
                self.line(PriceKey::NatGatewayGb, name, gb / nats)?,
            ]
        };
        Ok(Priced::Components(components))
    }

    /// The public IPv4 charge, attached or not.
    pub(super) fn elastic_ip(&mut self, _res: &Res) -> Result<Priced, Missing> {
        Ok(Priced::Components(vec![self.line(
            PriceKey::PublicIpv4Hour,
            "Public IPv4 address",
            HOURS_PER_MONTH,
        )?]))
    }

    /// Interface endpoints: hours per AZ and data; gateway endpoints are free.
    pub(super) fn vpc_endpoint(&mut self, res: &Res) -> Result<Priced, Missing> {
        let u = self.usage;
        let components = {
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
                    PriceKey::VpcInterfaceEndpointAzHour,
                    "Endpoint-AZ hours",
                    azs * HOURS_PER_MONTH,
                )?,
                self.line(
                    PriceKey::VpcInterfaceEndpointGb,
                    "Data processed",
                    u.endpoint_data_processed_gb,
                )?,
            ]
        };
        Ok(Priced::Components(components))
    }
}
