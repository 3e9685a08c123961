//! # API006 apigw-vpc-link-unsupported-az
//!
//! **What it does.** Flags HTTP API VPC links with a subnet in a zone ID outside the API Gateway guide's list of zones where VPC links run (today that leaves out use1-az3, usw1-az2, cac1-az4, euw2-az4, euw3-az2, ape1-az1, apne1-az3 and apne2-az4), and, as a warning, VPC links whose subnets are placed by zone name. A zone ID of a region the guide does not list is not flagged: petgen cannot know it.
//!
//! **Why.** Creating such a VPC link fails at apply (`BadRequestException ... where service is not available`). Zone names map to different physical zones in each account, so a subnet placed by name (`us-east-1a`) may land in use1-az3 in one account and not in another: the same root applies in one account and fails in the next.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_subnet" "private" {
//!   availability_zone_id = "use1-az3"
//! }
//! resource "aws_apigatewayv2_vpc_link" "this" {
//!   subnet_ids = [aws_subnet.private.id]
//! }
//! ```
//!
//! **Fix.** Place the subnets by `availability_zone_id` in supported zones (in a petgen profile, list zone IDs in `network.availability_zones`), or leave subnets in unsupported zones out of the VPC link.
//!
//! checkov has no equivalent check.

use crate::facts::aws::{region_of_az_id, vpc_link_az_ids};
use crate::lint::rules::prelude::*;

declare_rule!(VpcLinkUnsupportedAz {
    id: "API006",
    name: "apigw-vpc-link-unsupported-az",
    category: Reliability,
    severity: Warning,
    checkov: [],
    profile_fix: Some("network.availability_zones = [zone IDs, e.g. \"use1-az1\"]"),
    source: include_str!("api006_apigw_vpc_link_unsupported_az.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for link in ctx.resources("aws_apigatewayv2_vpc_link") {
        let targets = link.trace("subnet_ids");
        let subnets: Vec<Res> = ctx
            .resources("aws_subnet")
            .filter(|s| targets.iter().any(|t| s.is(t)))
            .collect();
        for s in &subnets {
            if let Some(id) = string(&s.value("availability_zone_id")) {
                let allowed = region_of_az_id(&id).and_then(vpc_link_az_ids);
                if allowed.is_some_and(|a| !a.contains(&id.as_str())) {
                    out.push(link.finding(
                        &META,
                        link.pos_of("subnet_ids"),
                        format!(
                            "{} uses {} in {id}, where API Gateway VPC links are not available: apply fails",
                            link.address, s.address
                        ),
                        "place the subnet in another zone ID, or leave it out of the VPC link",
                    ));
                }
            } else if s.attr("availability_zone").is_some()
                && s.attr("availability_zone_id").is_none()
            {
                out.push(link.finding(
                    &META,
                    link.pos_of("subnet_ids"),
                    format!(
                        "{} uses {}, placed by zone name: in some accounts that name is a zone where VPC links are not available",
                        link.address, s.address
                    ),
                    "place the subnet by availability_zone_id in a supported zone",
                ));
            }
        }
    }
}
