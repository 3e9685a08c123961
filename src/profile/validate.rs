//! Semantic checks of a deserialised profile against AWS's rules. Every problem names the
//! key it concerns, so the loader can point at the line that sets it.

use super::{BillingMode, Profile};
use ipnet::Ipv4Net;
use std::collections::BTreeSet;
use std::str::FromStr;

/// One semantic problem in a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub message: String,
    pub hint: String,
}

fn problem(key: impl Into<String>, message: impl Into<String>, hint: impl Into<String>) -> Problem {
    Problem {
        key: key.into(),
        message: message.into(),
        hint: hint.into(),
    }
}

/// Valid Fargate task sizes: CPU units → allowed memory (MiB) as (min, max, step).
const FARGATE_SIZES: &[(u32, u32, u32, u32)] = &[
    (256, 512, 2048, 0), // 512, 1024, 2048 only (special-cased below)
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// Memory values Fargate accepts for `cpu`, or `None` for an invalid CPU value.
pub fn fargate_memory_options(cpu: u32) -> Option<Vec<u32>> {
    let &(_, min, max, step) = FARGATE_SIZES.iter().find(|(c, ..)| *c == cpu)?;
    if step == 0 {
        return Some(vec![512, 1024, 2048]);
    }
    Some((min..=max).step_by(step as usize).collect())
}

/// CloudWatch Logs' accepted retention values.
pub const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-4`, ...
pub fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let (geo, rest) = match parts.as_slice() {
        [geo, "gov", dir, n] => (*geo, [*dir, *n]),
        [geo, dir, n] => (*geo, [*dir, *n]),
        _ => return false,
    };
    const DIRECTIONS: &[&str] = &[
        "north",
        "south",
        "east",
        "west",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    ];
    geo.len() == 2
        && geo.chars().all(|c| c.is_ascii_lowercase())
        && DIRECTIONS.contains(&rest[0])
        && !rest[1].is_empty()
        && rest[1].len() <= 2
        && rest[1].chars().all(|c| c.is_ascii_digit())
}

/// Docker image reference: `[registry[:port]/]repo/path[:tag][@sha256:<64 hex>]`.
pub fn is_image_reference(s: &str) -> bool {
    if s.is_empty() || s.len() > 255 || s.chars().any(|c| c.is_whitespace()) {
        return false;
    }
    let (name_tag, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let Some(hex) = d.strip_prefix("sha256:") else {
            return false;
        };
        if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    // A tag follows the last ':' that comes after the last '/'.
    let last_slash = name_tag.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (name, tag) = match name_tag[last_slash..].rfind(':') {
        Some(i) => (
            &name_tag[..last_slash + i],
            Some(&name_tag[last_slash + i + 1..]),
        ),
        None => (name_tag, None),
    };
    if let Some(tag) = tag {
        let ok_first = tag
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok_first
            || tag.len() > 128
            || !tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return false;
        }
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        // A registry host has a dot or a port, or is localhost.
        if first.contains('.') || first.contains(':') || first == "localhost" {
            let (host, port) = match first.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (first, None),
            };
            let host_ok = !host.is_empty()
                && host.split('.').all(|l| {
                    !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
            let port_ok =
                port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
            if !host_ok || !port_ok {
                return false;
            }
            components.remove(0);
        }
    }
    !components.is_empty()
        && components.iter().all(|c| {
            !c.is_empty()
                && c.chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())
                && c.chars()
                    .last()
                    .is_some_and(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())
                && c.chars().all(|ch| {
                    ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-')
                })
        })
}

fn is_dns_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn is_identifier_prefix(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.ends_with('-')
}

fn check_name(
    out: &mut Vec<Problem>,
    key: &str,
    value: &str,
    min: usize,
    max: usize,
    allowed: fn(char) -> bool,
    rule: &str,
) {
    let len = value.chars().count();
    if len < min || len > max || !value.chars().all(allowed) {
        out.push(problem(
            key,
            format!("{value:?} is not a valid name: {rule}"),
            format!("choose a name of {min}-{max} characters using {rule}"),
        ));
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

/// Check every semantic rule; an empty result means the profile is valid.
pub fn validate(p: &Profile, profile_name: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let env = p.environment(profile_name).to_string();

    // Project.
    if !is_identifier_prefix(&p.project.name) || p.project.name.len() > 24 {
        out.push(problem(
            "project.name",
            format!("{:?} cannot prefix resource names", p.project.name),
            "use 1-24 lowercase letters, digits and '-', starting with a letter",
        ));
    }
    if !is_identifier_prefix(&env) || env.len() > 16 {
        out.push(problem(
            "project.environment",
            format!("{env:?} cannot be used in resource names"),
            "use 1-16 lowercase letters, digits and '-', starting with a letter",
        ));
    }
    let region = p.project.region.as_str();
    if !is_region(region) {
        out.push(problem(
            "project.region",
            format!("{region:?} is not an AWS region name"),
            "use a region code such as \"us-east-1\" or \"eu-west-1\"",
        ));
    }

    let tv = p.project.terraform_version.as_str();
    match super::terraform_version::admits_a_supported_version(tv) {
        None => out.push(problem(
            "project.terraform_version",
            format!("{tv:?} is not a terraform version constraint"),
            "write operators and versions separated by commas, e.g. \">= 1.10\" or \"~> 1.11\"",
        )),
        Some(false) => out.push(problem(
            "project.terraform_version",
            format!(
                "{tv:?} excludes every terraform petgen supports ({})",
                super::terraform_version::SUPPORTED
            ),
            "allow at least one terraform 1.x release from 1.10 on, e.g. \">= 1.10\"",
        )),
        Some(true) => {}
    }

    // Tags.
    if p.tags.len() > 50 {
        out.push(problem(
            "tags",
            format!("{} tags given; AWS allows at most 50", p.tags.len()),
            "remove tags",
        ));
    }
    let tag_char = |c: char| c.is_alphanumeric() || " _.:/=+-@".contains(c);
    for (k, v) in &p.tags {
        let key = format!("tags.{k}");
        if k.is_empty() || k.chars().count() > 128 || !k.chars().all(tag_char) {
            out.push(problem(
                &key,
                format!("tag key {k:?} is not valid"),
                "tag keys are 1-128 characters of letters, digits, spaces and _ . : / = + - @",
            ));
        } else if k.to_ascii_lowercase().starts_with("aws:") {
            out.push(problem(
                &key,
                format!("tag key {k:?} uses the reserved prefix \"aws:\""),
                "rename the tag",
            ));
        }
        if v.chars().count() > 256 || !v.chars().all(tag_char) {
            out.push(problem(
                &key,
                format!("tag value {v:?} is not valid"),
                "tag values are 0-256 characters of letters, digits, spaces and _ . : / = + - @",
            ));
        }
    }

    // Network.
    let azs = &p.network.availability_zones;
    if azs.is_empty() {
        out.push(problem(
            "network.availability_zones",
            "at least one availability zone is required",
            format!("e.g. availability_zones = [\"{region}a\"]"),
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, az) in azs.iter().enumerate() {
        let key = format!("network.availability_zones[{i}]");
        let suffix = az.strip_prefix(region);
        let ok = suffix.is_some_and(|s| s.len() == 1 && s.chars().all(|c| c.is_ascii_lowercase()));
        if !ok {
            out.push(problem(
                &key,
                format!("{az:?} is not an availability zone of {region}"),
                format!("AZ names are the region plus a letter, e.g. \"{region}a\""),
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

    // Service.
    let s = &p.service;
    match s.image.as_deref() {
        Some("") => out.push(problem(
            "service.image",
            "the image reference is empty",
            "remove service.image to deploy the pet service petgen builds, or name an image",
        )),
        Some(image) if !is_image_reference(image) => out.push(problem(
            "service.image",
            format!("{image:?} is not a valid image reference"),
            "use [registry/]repository[:tag][@sha256:digest] with a lowercase repository",
        )),
        _ => {}
    }
    if !(1..=1000).contains(&s.keep_images) {
        out.push(problem(
            "service.keep_images",
            format!("{} is outside 1-1000", s.keep_images),
            "keep enough images to roll back, e.g. keep_images = 10",
        ));
    }
    for (i, arg) in s.health_check.iter().flatten().enumerate() {
        if arg.trim().is_empty() {
            out.push(problem(
                format!("service.health_check[{i}]"),
                "a health check argument is empty",
                "give the command and its arguments, e.g. [\"/petstore\", \"healthcheck\"]",
            ));
        }
    }
    let ecs_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if let Some(n) = &s.cluster_name {
        check_name(
            &mut out,
            "service.cluster_name",
            n,
            1,
            255,
            ecs_char,
            "letters, digits, '-' and '_'",
        );
    }
    if let Some(n) = &s.service_name {
        check_name(
            &mut out,
            "service.service_name",
            n,
            1,
            255,
            ecs_char,
            "letters, digits, '-' and '_'",
        );
    }
    if s.container_port == 0 || s.container_port > 65535 {
        out.push(problem(
            "service.container_port",
            format!("port {} is outside 1-65535", s.container_port),
            "use the port the container listens on, e.g. 8080",
        ));
    }
    match fargate_memory_options(s.cpu) {
        None => out.push(problem(
            "service.cpu",
            format!("{} is not a Fargate CPU value", s.cpu),
            "use 256, 512, 1024, 2048, 4096, 8192 or 16384",
        )),
        Some(options) if !options.contains(&s.memory) => out.push(problem(
            "service.memory",
            format!(
                "Fargate does not offer {} MiB with cpu = {}",
                s.memory, s.cpu
            ),
            format!(
                "with cpu = {} use memory between {} and {} MiB{}",
                s.cpu,
                options[0],
                options[options.len() - 1],
                if options.len() > 1 {
                    format!(" in steps of {}", options[1] - options[0])
                } else {
                    String::new()
                }
            ),
        )),
        Some(_) => {}
    }
    if s.max_count == 0 {
        out.push(problem(
            "service.max_count",
            "max_count must be at least 1",
            "set max_count >= 1",
        ));
    }
    if s.min_count > s.desired_count {
        out.push(problem(
            "service.desired_count",
            format!(
                "desired_count {} is below min_count {}",
                s.desired_count, s.min_count
            ),
            "keep min_count <= desired_count <= max_count",
        ));
    }
    if s.desired_count > s.max_count {
        out.push(problem(
            "service.desired_count",
            format!(
                "desired_count {} is above max_count {}",
                s.desired_count, s.max_count
            ),
            "keep min_count <= desired_count <= max_count",
        ));
    }
    if !(1..=100).contains(&s.cpu_target_percent) {
        out.push(problem(
            "service.cpu_target_percent",
            format!(
                "{} is not a percentage between 1 and 100",
                s.cpu_target_percent
            ),
            "e.g. cpu_target_percent = 70",
        ));
    }

    // Data.
    let d = &p.data;
    if let Some(n) = &d.table_name {
        check_name(
            &mut out,
            "data.table_name",
            n,
            3,
            255,
            |c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'),
            "letters, digits, '_', '-' and '.'",
        );
    }
    match d.billing_mode {
        BillingMode::Provisioned => {
            for (key, v) in [
                ("data.read_capacity", d.read_capacity),
                ("data.write_capacity", d.write_capacity),
            ] {
                match v {
                    None => out.push(problem(
                        key,
                        "required when billing_mode = \"PROVISIONED\"",
                        "set the capacity units, or use billing_mode = \"PAY_PER_REQUEST\"",
                    )),
                    Some(0) => out.push(problem(
                        key,
                        "capacity must be at least 1",
                        "set it to 1 or more",
                    )),
                    Some(_) => {}
                }
            }
            if !d.replica_regions.is_empty() {
                out.push(problem(
                    "data.replica_regions",
                    "replicas need billing_mode = \"PAY_PER_REQUEST\"",
                    "switch to PAY_PER_REQUEST or remove the replicas",
                ));
            }
        }
        BillingMode::PayPerRequest => {
            for (key, v) in [
                ("data.read_capacity", d.read_capacity),
                ("data.write_capacity", d.write_capacity),
            ] {
                if v.is_some() {
                    out.push(problem(
                        key,
                        "capacity is only used with billing_mode = \"PROVISIONED\"",
                        "remove it, or set billing_mode = \"PROVISIONED\"",
                    ));
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for (i, r) in d.replica_regions.iter().enumerate() {
        let key = format!("data.replica_regions[{i}]");
        if !is_region(r) {
            out.push(problem(
                &key,
                format!("{r:?} is not an AWS region name"),
                "use a region code such as \"us-west-2\"",
            ));
        } else if r == region {
            out.push(problem(
                &key,
                format!("{r} is the table's own region"),
                "list only other regions",
            ));
        } else if !seen.insert(r) {
            out.push(problem(
                &key,
                format!("{r} is listed twice"),
                "list each region once",
            ));
        }
    }

    // Discovery.
    if let Some(ns) = &p.discovery.namespace {
        if !is_dns_name(ns) {
            out.push(problem(
                "discovery.namespace",
                format!("{ns:?} is not a DNS name"),
                "use dot-separated labels of letters, digits and '-', e.g. \"petstore.local\"",
            ));
        }
    }
    if p.discovery.dns_ttl > 86_400 {
        out.push(problem(
            "discovery.dns_ttl",
            format!("a TTL of {} s is longer than a day", p.discovery.dns_ttl),
            "keep the TTL short (e.g. 10) so API Gateway sees task changes",
        ));
    }

    // API.
    let a = &p.api;
    if let Some(n) = &a.name {
        check_name(
            &mut out,
            "api.name",
            n,
            1,
            128,
            |c| c.is_ascii_alphanumeric() || "-_. ".contains(c),
            "letters, digits, spaces, '-', '_' and '.'",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, m) in a.protected_methods.iter().enumerate() {
        if !seen.insert(m) {
            out.push(problem(
                format!("api.protected_methods[{i}]"),
                format!("{} is listed twice", m.as_str()),
                "list each method once",
            ));
        }
    }
    let b = a.throttling_burst_limit;
    if b == 0 || b > 5000 {
        out.push(problem(
            "api.throttling_burst_limit",
            format!("{b} is outside 1-5000"),
            "API Gateway's account burst quota is 5000",
        ));
    }
    let r = a.throttling_rate_limit;
    if !(r > 0.0 && r <= 10_000.0) {
        out.push(problem(
            "api.throttling_rate_limit",
            format!("{r} is outside 0-10000"),
            "API Gateway's account rate quota is 10000 requests per second",
        ));
    }

    // Auth.
    let au = &p.auth;
    if let Some(n) = &au.user_pool_name {
        check_name(
            &mut out,
            "auth.user_pool_name",
            n,
            1,
            128,
            |c| c.is_alphanumeric() || c == '_' || c.is_whitespace() || "+=,.@-".contains(c),
            "letters, digits, spaces and _ + = , . @ -",
        );
    }
    if !(6..=99).contains(&au.password.minimum_length) {
        out.push(problem(
            "auth.password.minimum_length",
            format!("{} is outside 6-99", au.password.minimum_length),
            "Cognito accepts minimum lengths from 6 to 99",
        ));
    }
    if au.password.temporary_password_validity_days > 365 {
        out.push(problem(
            "auth.password.temporary_password_validity_days",
            format!(
                "{} is outside 0-365",
                au.password.temporary_password_validity_days
            ),
            "use at most 365 days",
        ));
    }
    if !(5..=1440).contains(&au.token_validity_minutes) {
        out.push(problem(
            "auth.token_validity_minutes",
            format!("{} is outside 5-1440", au.token_validity_minutes),
            "Cognito accepts access/ID token lifetimes from 5 minutes to 1 day",
        ));
    }
    if !(1..=3650).contains(&au.refresh_token_validity_days) {
        out.push(problem(
            "auth.refresh_token_validity_days",
            format!("{} is outside 1-3650", au.refresh_token_validity_days),
            "Cognito accepts refresh token lifetimes from 1 to 3650 days",
        ));
    }

    // Backend.
    let b = &p.backend;
    match b.kind {
        super::BackendKind::Local => {
            for (key, set) in [
                ("backend.bucket", b.bucket.is_some()),
                ("backend.key", b.key.is_some()),
                ("backend.region", b.region.is_some()),
                ("backend.dynamodb_table", b.dynamodb_table.is_some()),
            ] {
                if set {
                    out.push(problem(
                        key,
                        "only used with kind = \"s3\"",
                        "remove it, or set backend.kind = \"s3\"",
                    ));
                }
            }
        }
        super::BackendKind::S3 => {
            match &b.bucket {
                None => out.push(problem(
                    "backend",
                    "an s3 backend needs `bucket`",
                    "set backend.bucket to the state bucket's name",
                )),
                Some(name) => {
                    let ok = (3..=63).contains(&name.len())
                        && name.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                        })
                        && name
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric())
                        && name
                            .chars()
                            .last()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    if !ok {
                        out.push(problem(
                            "backend.bucket",
                            format!("{name:?} is not a valid S3 bucket name"),
                            "use 3-63 lowercase letters, digits, '-' and '.'",
                        ));
                    }
                }
            }
            if let Some(key) = &b.key {
                if key.trim().is_empty() || key.starts_with('/') || key.ends_with('/') {
                    out.push(problem(
                        "backend.key",
                        format!("{key:?} is not an object key for the state"),
                        "use a relative path that names a file, e.g. \"petstore/prod.tfstate\"",
                    ));
                }
            }
            if let Some(t) = &b.dynamodb_table {
                let ok = (3..=255).contains(&t.len())
                    && t.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
                if !ok {
                    out.push(problem(
                        "backend.dynamodb_table",
                        format!("{t:?} is not a DynamoDB table name"),
                        "use 3-255 letters, digits, '_', '-' and '.'",
                    ));
                }
            }
            if let Some(r) = &b.region {
                if !is_region(r) {
                    out.push(problem(
                        "backend.region",
                        format!("{r:?} is not an AWS region name"),
                        "e.g. \"us-east-1\"",
                    ));
                }
            }
            if !b.use_lockfile && b.dynamodb_table.is_none() {
                out.push(problem(
                    "backend.use_lockfile",
                    "the s3 backend would not lock the state",
                    "set use_lockfile = true or name a dynamodb_table",
                ));
            }
        }
    }

    // Usage and budget.
    let u = &p.usage;
    for (key, v) in [
        ("usage.monthly_requests", u.monthly_requests),
        ("usage.average_item_size_kb", u.average_item_size_kb),
        ("usage.storage_gb", u.storage_gb),
        (
            "usage.monthly_data_processed_gb",
            u.monthly_data_processed_gb,
        ),
        ("usage.service_log_ingested_gb", u.service_log_ingested_gb),
        ("usage.access_log_ingested_gb", u.access_log_ingested_gb),
        ("usage.flow_log_ingested_gb", u.flow_log_ingested_gb),
        ("usage.other_log_ingested_gb", u.other_log_ingested_gb),
        ("usage.monthly_active_users", u.monthly_active_users),
        ("usage.cpu_ms_per_request", u.cpu_ms_per_request),
        (
            "usage.endpoint_data_processed_gb",
            u.endpoint_data_processed_gb,
        ),
        ("usage.alb_lcu", u.alb_lcu),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            out.push(problem(
                key,
                format!("{v} is not a non-negative number"),
                "usage figures are monthly quantities, 0 or more",
            ));
        }
    }
    if let Some(v) = u.monthly_discovery_lookups {
        if !(v.is_finite() && v >= 0.0) {
            out.push(problem(
                "usage.monthly_discovery_lookups",
                format!("{v} is not a non-negative number"),
                "usage figures are monthly quantities, 0 or more",
            ));
        }
    }
    if !(0.0..=1.0).contains(&u.write_share) {
        out.push(problem(
            "usage.write_share",
            format!("{} is not a share between 0 and 1", u.write_share),
            "e.g. write_share = 0.1 for one write in ten requests",
        ));
    }
    if let Some(t) = u.average_task_count {
        let (lo, hi) = (s.min_count as f64, s.max_count as f64);
        if !(t >= lo && t <= hi) {
            out.push(problem(
                "usage.average_task_count",
                format!("{t} is outside service.min_count..max_count ({lo}..{hi})"),
                "give the average number of running tasks you expect",
            ));
        }
    }
    if let Some(b) = p.budget_usd_per_month {
        if !(b.is_finite() && b > 0.0) {
            out.push(problem(
                "budget_usd_per_month",
                format!("{b} is not a positive amount"),
                "e.g. budget_usd_per_month = 150",
            ));
        }
    }

    // Waivers.
    for (i, w) in p.waivers.iter().enumerate() {
        if w.reason.trim().is_empty() {
            out.push(problem(
                format!("waivers[{i}].reason"),
                "a waiver needs a reason",
                "say why this finding is accepted",
            ));
        }
    }

    // Logs.
    if !LOG_RETENTION_DAYS.contains(&p.logs.retention_days) {
        out.push(problem(
            "logs.retention_days",
            format!(
                "CloudWatch does not accept a retention of {} days",
                p.logs.retention_days
            ),
            format!("use one of {LOG_RETENTION_DAYS:?}"),
        ));
    }

    out
}
