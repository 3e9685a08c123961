//! The VPC, its availability zones and subnet CIDRs.

use super::{problem, Problem};
use crate::facts::aws::{az_id_prefix, is_az_id, region_az_ids, vpc_link_az_ids};
use crate::profile::{ApiKind, Profile};
use ipnet::Ipv4Net;
use std::collections::BTreeSet;
use std::str::FromStr;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    let region = p.project.region.as_str();
    let azs = &p.network.availability_zones;
    if azs.is_empty() {
        out.push(problem(
            "network.availability_zones",
            "at least one availability zone is required",
            format!("e.g. availability_zones = [\"{region}a\"]"),
        ));
    }
    check_azs(p, out);
    let vpc = match Ipv4Net::from_str(&p.network.vpc_cidr) {
        Ok(net) if net.trunc() != net => {
            out.push(problem(
                "network.vpc_cidr",
                format!("{} has host bits set", p.network.vpc_cidr),
                format!("use the network address: {}", net.trunc()),
            ));
            None
        }
        Ok(net) if !(16..=28).contains(&net.prefix_len()) => {
            out.push(problem(
                "network.vpc_cidr",
                format!(
                    "a VPC CIDR must be between /16 and /28, got /{}",
                    net.prefix_len()
                ),
                "e.g. vpc_cidr = \"10.0.0.0/16\"",
            ));
            None
        }
        Ok(net) => Some(net),
        Err(_) => {
            out.push(problem(
                "network.vpc_cidr",
                format!("{:?} is not an IPv4 CIDR block", p.network.vpc_cidr),
                "write it as ADDRESS/PREFIX, e.g. \"10.0.0.0/16\"",
            ));
            None
        }
    };
    let mut subnets: Vec<(String, Ipv4Net)> = Vec::new();
    for (field, given, base) in [
        ("public_subnet_cidrs", &p.network.public_subnet_cidrs, 0),
        ("private_subnet_cidrs", &p.network.private_subnet_cidrs, 100),
    ] {
        let key = format!("network.{field}");
        let cidrs = match given {
            Some(list) => {
                if list.len() != azs.len() {
                    out.push(problem(
                        &key,
                        format!("{} CIDRs for {} availability zones", list.len(), azs.len()),
                        "give exactly one subnet CIDR per availability zone, in the same order",
                    ));
                }
                list.clone()
            }
            None => match default_subnets(&p.network.vpc_cidr, azs.len(), base) {
                Some(list) => list,
                None => {
                    if vpc.is_some() {
                        out.push(problem(
                            &key,
                            "the VPC is too small for the default subnet layout",
                            format!("set network.{field} explicitly"),
                        ));
                    }
                    continue;
                }
            },
        };
        for (i, cidr) in cidrs.iter().enumerate() {
            let item_key = if given.is_some() {
                format!("{key}[{i}]")
            } else {
                "network.vpc_cidr".to_string()
            };
            match Ipv4Net::from_str(cidr) {
                Ok(net) => {
                    if net.trunc() != net {
                        out.push(problem(
                            &item_key,
                            format!("{cidr} has host bits set"),
                            format!("use the network address: {}", net.trunc()),
                        ));
                    } else if !(16..=28).contains(&net.prefix_len()) {
                        out.push(problem(
                            &item_key,
                            format!(
                                "a subnet must be between /16 and /28, got /{}",
                                net.prefix_len()
                            ),
                            "choose a prefix length from 16 to 28",
                        ));
                    } else if let Some(v) = vpc.filter(|v| !v.contains(&net)) {
                        out.push(problem(
                            &item_key,
                            format!("subnet {cidr} is not inside the VPC {v}"),
                            format!("choose a block inside {v}"),
                        ));
                    } else if let Some((other_key, other)) = subnets
                        .iter()
                        .find(|(_, o)| o.contains(&net) || net.contains(o))
                    {
                        out.push(problem(
                            &item_key,
                            format!("subnet {cidr} overlaps {other}, set by {other_key}"),
                            "give every subnet its own block",
                        ));
                    } else {
                        subnets.push((item_key.clone(), net));
                    }
                }
                Err(_) => out.push(problem(
                    &item_key,
                    format!("{cidr:?} is not an IPv4 CIDR block"),
                    "write it as ADDRESS/PREFIX, e.g. \"10.0.1.0/24\"",
                )),
            }
        }
    }
}

/// Default subnet CIDRs: `/(prefix+8)` blocks at `base + i` of the VPC CIDR.
pub fn default_subnets(vpc: &str, count: usize, base: u32) -> Option<Vec<String>> {
    let net = Ipv4Net::from_str(vpc).ok()?;
    let new_prefix = net.prefix_len().checked_add(8).filter(|p| *p <= 28)?;
    let subnets = net.subnets(new_prefix).ok()?;
    let all: Vec<Ipv4Net> = subnets.collect();
    (0..count)
        .map(|i| all.get(base as usize + i).map(|n| n.to_string()))
        .collect()
}

/// Each listed zone: a name or an ID of the region (not both kinds), listed once, and, under
/// an HTTP API, not a zone ID where VPC links are unavailable.
fn check_azs(p: &Profile, out: &mut Vec<Problem>) {
    let region = p.project.region.as_str();
    let azs = &p.network.availability_zones;
    let mut seen = BTreeSet::new();
    let by_id = azs.first().is_some_and(|a| is_az_id(a));
    for (i, az) in azs.iter().enumerate() {
        let key = format!("network.availability_zones[{i}]");
        if is_az_id(az) != by_id {
            out.push(problem(
                &key,
                format!("{az:?} mixes AZ names and AZ IDs"),
                "list either AZ IDs (\"use1-az1\") or AZ names (\"us-east-1a\"), not both",
            ));
            continue;
        }
        if by_id {
            match az_id_prefix(region) {
                Some(prefix) if az.split_once("-az").map(|(p, _)| p) != Some(prefix) => {
                    out.push(problem(
                        &key,
                        format!("{az:?} is not an availability zone ID of {region}"),
                        format!("AZ IDs in {region} look like \"{prefix}-az1\" (aws ec2 describe-availability-zones)"),
                    ));
                }
                None => out.push(problem(
                    &key,
                    format!("petgen does not know the AZ IDs of {region}"),
                    format!("list AZ names instead, e.g. \"{region}a\""),
                )),
                _ => {}
            }
            if let Some(known) = region_az_ids(region) {
                if az_id_prefix(region).is_some_and(|prefix| az.starts_with(prefix))
                    && !known.contains(&az.as_str())
                {
                    out.push(problem(
                        &key,
                        format!("{region} has no availability zone {az:?}"),
                        format!("its zone IDs are {}", known.join(", ")),
                    ));
                    continue;
                }
            }
            if p.api.kind == ApiKind::HttpApi {
                match vpc_link_az_ids(region) {
                    Some(allowed) if !allowed.contains(&az.as_str()) => out.push(problem(
                        &key,
                        format!("API Gateway VPC links are not available in {az}, so apply would fail there"),
                        format!("choose zone IDs where VPC links run in {region}: {}", allowed.join(", ")),
                    )),
                    Some(_) => {}
                    None => out.push(problem(
                        &key,
                        format!("the API Gateway guide lists no zones where VPC links run in {region}, so the HTTP API's VPC link may fail at apply"),
                        "choose a region the guide lists, or api.kind = \"alb\", which needs no VPC link",
                    )),
                }
            }
            if !seen.insert(az) {
                out.push(problem(
                    &key,
                    format!("{az:?} is listed twice"),
                    "list each availability zone once",
                ));
            }
            continue;
        }
        let suffix = az.strip_prefix(region);
        let ok = suffix.is_some_and(|s| s.len() == 1 && s.chars().all(|c| c.is_ascii_lowercase()));
        if !ok {
            out.push(problem(
                &key,
                format!("{az:?} is not an availability zone of {region}"),
                format!("AZ names are the region plus a letter, e.g. \"{region}a\""),
            ));
        } else if let (Some(letter), Some(known)) =
            (suffix.and_then(|s| s.bytes().next()), region_az_ids(region))
        {
            // Names are lettered a, b, c, ... with the odd gap where a zone was retired or
            // never opened (ca-central-1 has a, b and d): one letter past the zone count is
            // the furthest a name can reach.
            let last = (b'a' + known.len() as u8) as char;
            if (letter - b'a') as usize > known.len() {
                out.push(problem(
                    &key,
                    format!("{region} has no availability zone {az:?}"),
                    format!("its {} zones are lettered from \"{region}a\" to at most \"{region}{last}\"; aws ec2 describe-availability-zones lists yours", known.len()),
                ));
            }
        }
        if p.api.kind == ApiKind::HttpApi && vpc_link_az_ids(region).is_none() {
            out.push(problem(
                &key,
                format!("the API Gateway guide lists no zones where VPC links run in {region}, so the HTTP API's VPC link may fail at apply"),
                "choose a region the guide lists, or api.kind = \"alb\", which needs no VPC link",
            ));
        }
        if !seen.insert(az) {
            out.push(problem(
                &key,
                format!("{az:?} is listed twice"),
                "list each availability zone once",
            ));
        }
    }
}
