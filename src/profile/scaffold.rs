//! `petgen profiles new`: a profile that renders, validates, lints clean and costs the first
//! time, in any region petgen knows the zones of. Standalone it is a development environment
//! shaped like `profiles/dev.toml`; `--from PROFILE` extends another profile and overrides
//! only what belongs to a region (zones, the VPC and subnet blocks, the state bucket's
//! region, replicas).

use super::{ApiKind, BackendKind, LoadedProfile};
use crate::facts::aws::{region_az_ids, vpc_link_az_ids};
use ipnet::Ipv4Net;
use std::str::FromStr;

/// What `profiles new` was asked for.
pub struct NewProfile<'a> {
    pub name: &'a str,
    pub region: &'a str,
    /// The profile to extend.
    pub from: Option<&'a LoadedProfile>,
    /// Every other profile, whose VPC blocks the new one must not overlap.
    pub others: &'a [LoadedProfile],
}

/// The first `10.N.0.0/16` that overlaps no other profile's VPC.
fn free_vpc_cidr(others: &[LoadedProfile]) -> Option<Ipv4Net> {
    let used: Vec<Ipv4Net> = others
        .iter()
        .filter_map(|p| Ipv4Net::from_str(&p.profile.network.vpc_cidr).ok())
        .collect();
    (0..=255u8)
        .filter_map(|n| Ipv4Net::from_str(&format!("10.{n}.0.0/16")).ok())
        .find(|c| !used.iter().any(|u| u.contains(c) || c.contains(u)))
}

/// The region of an ARN (its fourth field), when it names one.
fn arn_region(arn: &str) -> Option<&str> {
    arn.split(':').nth(3).filter(|r| !r.is_empty())
}

/// Settings of `from` that name resources in its own region and cannot follow it to another.
fn region_bound(from: &LoadedProfile, region: &str) -> Vec<String> {
    let p = &from.profile;
    [
        ("api.certificate_arn", p.api.certificate_arn.as_deref()),
        ("data.kms_key_arn", p.data.kms_key_arn.as_deref()),
        ("monitoring.topic_arn", p.monitoring.topic_arn.as_deref()),
        ("auth.ses_identity_arn", p.auth.ses_identity_arn.as_deref()),
    ]
    .into_iter()
    .filter_map(|(key, arn)| {
        let r = arn_region(arn?)?;
        (r != region).then(|| format!("{key} ({r})"))
    })
    .collect()
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Subnet blocks for `count` zones: the `/24`s at `base`, `base + 1`, ... of the VPC, as
/// petgen lays them out by default.
fn subnets(vpc: Ipv4Net, count: usize, base: usize) -> Vec<String> {
    vpc.subnets(24)
        .map(|s| s.skip(base).take(count).map(|n| n.to_string()).collect())
        .unwrap_or_default()
}

/// What stops `petgen profiles new` from writing a profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaffoldError {
    /// `alb`: the zones asked for are any of the region's, not only those of VPC links.
    #[error("petgen does not know the availability zones of {region}{}\n  hint: choose one of {}, or write the profile by hand with availability_zones from `aws ec2 describe-availability-zones --region {region}`", if *alb { "" } else { " where API Gateway VPC links run" }, crate::facts::aws::known_zone_regions().join(", "))]
    UnknownZones { region: String, alb: bool },
    #[error(
        "every 10.N.0.0/16 is taken by another profile\n  hint: write network.vpc_cidr by hand"
    )]
    NoFreeVpcCidr,
    #[error("profile {from} names resources of its own region that {region} cannot use: {}\n  hint: extend a profile without them, or write this profile by hand with {region}'s own", bound.join(", "))]
    RegionBound {
        from: String,
        region: String,
        bound: Vec<String>,
    },
}

/// The profile's text, or what stops it.
pub fn new_profile(req: &NewProfile) -> Result<String, ScaffoldError> {
    let region = req.region;
    let alb = req.from.is_some_and(|f| f.profile.api.kind == ApiKind::Alb);
    let zones: &[&str] = if alb {
        region_az_ids(region)
    } else {
        vpc_link_az_ids(region).filter(|_| region_az_ids(region).is_some())
    }
    .ok_or_else(|| ScaffoldError::UnknownZones {
        region: region.to_string(),
        alb,
    })?;
    let vpc = free_vpc_cidr(req.others).ok_or(ScaffoldError::NoFreeVpcCidr)?;
    match req.from {
        None => Ok(standalone(req.name, region, zones[0], vpc)),
        Some(from) => extending(req, from, zones, vpc),
    }
}

fn standalone(name: &str, region: &str, zone: &str, vpc: Ipv4Net) -> String {
    format!(
        r#"#:schema ./profile.schema.json
# {name}: a development environment in {region}, written by `petgen profiles new`. Render
# it with `petgen render --profile {name}` and read generated/{name}/README.md.

# The estimate (`petgen cost --profile {name}`) must stay under this; lint fails above it.
budget_usd_per_month = 100

[project]
name = "petstore"
region = "{region}"
production = false

[tags]
Project = "petstore"
Environment = "{name}"

[network]
# A /16 that no other profile uses, so environments can be peered later.
vpc_cidr = "{vpc}"
# Zone IDs name the same physical zone in every account; this one runs API Gateway VPC
# links. For production, list two or three and set nat_gateways = "per_az".
availability_zones = ["{zone}"]
nat_gateways = "single"

[service]
cpu = 256
memory = 512
desired_count = 1

[data]
billing_mode = "PAY_PER_REQUEST"

[auth]
# Developers get tokens with their IAM credentials (aws cognito-idp admin-initiate-auth).
admin_password_auth = true

# Alarms and a dashboard cost more than this environment; `alarms = true` turns them on.
[monitoring]
alarms = false

# Developer traffic, for `petgen cost` and the cost rules.
[usage]
monthly_requests = 100000
monthly_active_users = 50
monthly_data_processed_gb = 5

# Accepted lint findings for a development environment. Remove a waiver when you turn its
# feature on; `petgen rule ID` explains each rule.

[[waivers]]
rule = "API001"
resource = "module.api.aws_apigatewayv2_route.get_pet"
reason = "GET /petstore/pets/{{petId}} is public by design; only writes need a JWT"

[[waivers]]
rule = "DDB001"
resource = "module.data.aws_dynamodb_table.pets"
reason = "development data is disposable; point-in-time recovery would only add cost"

[[waivers]]
rule = "DDB002"
resource = "module.data.aws_dynamodb_table.pets"
reason = "development data is disposable; the AWS-owned key is enough"

[[waivers]]
rule = "NET001"
resource = "module.network.aws_vpc.this"
reason = "no incident response on a development VPC; flow logs would only add ingestion cost"

[[waivers]]
rule = "ECS001"
resource = "module.service.aws_ecs_cluster.this"
reason = "one small task; Container Insights metrics cost more than the task"

[[waivers]]
rule = "COG003"
resource = "module.auth.aws_cognito_user_pool.this"
reason = "test users only; threat protection needs the Plus tier"

[[waivers]]
rule = "COG005"
resource = "module.auth.aws_cognito_user_pool_client.this"
reason = "ADMIN_USER_PASSWORD_AUTH needs IAM credentials (AdminInitiateAuth); it is how developers get tokens"

[[waivers]]
rule = "LOG003"
resource = "module.api.aws_cloudwatch_log_group.access"
reason = "a week of development access logs; CloudWatch's default encryption is accepted"

[[waivers]]
rule = "LOG003"
resource = "module.service.aws_cloudwatch_log_group.service"
reason = "a week of development service logs; CloudWatch's default encryption is accepted"
"#
    )
}

fn extending(
    req: &NewProfile,
    from: &LoadedProfile,
    zones: &[&str],
    vpc: Ipv4Net,
) -> Result<String, ScaffoldError> {
    let (name, region) = (req.name, req.region);
    let bound = region_bound(from, region);
    if !bound.is_empty() {
        return Err(ScaffoldError::RegionBound {
            from: from.name.clone(),
            region: region.to_string(),
            bound,
        });
    }
    let p = &from.profile;
    let count = p.network.availability_zones.len().clamp(1, zones.len());
    let zones: Vec<String> = zones.iter().take(count).map(|z| z.to_string()).collect();
    let mut out = format!(
        r#"#:schema ./profile.schema.json
# {name}: profile {parent} in {region}, written by `petgen profiles new --from {parent}`. It
# inherits every key of {parent} but those below, which belong to a region: the zones, the
# VPC's blocks, and where the state lives. Render it with `petgen render --profile {name}`.

extends = "{parent}"

[project]
region = "{region}"

[network]
# A /16 that no other profile uses.
vpc_cidr = "{vpc}"
# {count} zone ID(s) of {region}, as many as {parent} lists.
availability_zones = {zones}
"#,
        parent = from.name,
        zones = toml_list(&zones),
    );
    // Inherited subnet blocks would lie outside the new VPC.
    if p.network.public_subnet_cidrs.is_some() || p.network.private_subnet_cidrs.is_some() {
        out.push_str(&format!(
            "public_subnet_cidrs = {}\nprivate_subnet_cidrs = {}\n",
            toml_list(&subnets(vpc, count, 0)),
            toml_list(&subnets(vpc, count, 100))
        ));
    }
    if p.backend.kind == BackendKind::S3 {
        // The bucket stays where it is; without this the backend would look in {region}.
        let bucket_region = p.backend.region.clone().unwrap_or(p.project.region.clone());
        out.push_str(&format!(
            "\n# {parent}'s state bucket, in its region; the state key is this profile's own.\n[backend]\nregion = \"{bucket_region}\"\n",
            parent = from.name
        ));
    }
    if p.data.replica_regions.iter().any(|r| r == region) {
        let rest: Vec<String> = p
            .data
            .replica_regions
            .iter()
            .filter(|r| *r != region)
            .cloned()
            .collect();
        out.push_str(&format!(
            "\n# {parent} replicates the table to {region}, where this profile's table now is.\n[data]\nreplica_regions = {}\n",
            toml_list(&rest),
            parent = from.name
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnets_follow_the_default_layout() {
        let vpc = Ipv4Net::from_str("10.7.0.0/16").unwrap();
        assert_eq!(subnets(vpc, 2, 100), vec!["10.7.100.0/24", "10.7.101.0/24"]);
        assert_eq!(
            arn_region("arn:aws:acm:eu-west-1:111122223333:certificate/x"),
            Some("eu-west-1")
        );
        assert_eq!(arn_region("arn:aws:iam::111122223333:role/x"), None);
    }
}
