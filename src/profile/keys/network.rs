//! `[network]`: the VPC.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How many NAT gateways to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NatGateways {
    /// One NAT gateway in the first AZ, shared by every private subnet (cheapest).
    Single,
    /// One NAT gateway per AZ, so losing an AZ does not cut the others off.
    PerAz,
}

/// VPC, subnets, NAT gateways and security groups.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Network {
    /// VPC CIDR block. Default: `"10.0.0.0/16"`.
    pub vpc_cidr: String,
    /// Availability zones, each in the profile's region. At least one.
    /// Default: one zone of the region: the first zone ID where API Gateway VPC links run
    /// (`["use1-az1"]` in us-east-1), else the region's first zone name (`["<region>a"]`).
    pub availability_zones: Vec<String>,
    /// One public subnet CIDR per AZ, in AZ order. Default: the `/24`s at
    /// index 0, 1, ... of the VPC CIDR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_subnet_cidrs: Option<Vec<String>>,
    /// One private subnet CIDR per AZ, in AZ order. Default: the `/24`s at
    /// index 100, 101, ... of the VPC CIDR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_subnet_cidrs: Option<Vec<String>>,
    /// `"single"` or `"per_az"`. Default: `"single"`.
    pub nat_gateways: NatGateways,
    /// Send VPC flow logs (all traffic) to a CloudWatch log group. Default: `false`.
    pub flow_logs: bool,
}

impl Default for Network {
    fn default() -> Self {
        Network {
            vpc_cidr: "10.0.0.0/16".into(),
            availability_zones: default_azs_for("us-east-1"),
            public_subnet_cidrs: None,
            private_subnet_cidrs: None,
            nat_gateways: NatGateways::Single,
            flow_logs: false,
        }
    }
}

/// The default zone of `region`: where the HTTP API's VPC link can use it.
pub fn default_azs_for(region: &str) -> Vec<String> {
    let id = crate::facts::aws::vpc_link_az_ids(region)
        .and_then(|ids| ids.first())
        .map(|id| id.to_string());
    vec![id.unwrap_or_else(|| format!("{region}a"))]
}
