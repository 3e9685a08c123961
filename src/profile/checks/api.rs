//! The HTTP API: name, protected methods and throttling.

use super::{check_name, problem, Problem};
use crate::facts::aws::*;
use crate::profile::{ApiKind, Profile};
use std::collections::BTreeSet;

pub(super) fn check(p: &Profile, profile_name: &str, out: &mut Vec<Problem>) {
    let a = &p.api;
    if let Some(n) = &a.name {
        check_name(
            out,
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
    check_alb(p, profile_name, out);
}

/// The custom domain: the host name, and a certificate given or issued in the profile's zone.
fn check_domain(p: &Profile, out: &mut Vec<Problem>) {
    let a = &p.api;
    let alb = a.kind == ApiKind::Alb;
    match &a.domain_name {
        None if alb => out.push(problem(
            "api.kind",
            "an ALB needs api.domain_name: the host name clients call over HTTPS",
            "add domain_name = \"pets.example.com\" (a name you control) under [api]",
        )),
        None => {
            for (key, set) in [
                ("api.certificate_arn", a.certificate_arn.is_some()),
                ("api.hosted_zone_id", a.hosted_zone_id.is_some()),
            ] {
                if set {
                    out.push(problem(
                        key,
                        format!("{key} is for a custom domain, and api.domain_name is not set"),
                        "add domain_name = \"pets.example.com\" (a name you control) under [api], or remove the key",
                    ));
                }
            }
        }
        Some(d) if !is_dns_name(d) || !d.contains('.') => out.push(problem(
            "api.domain_name",
            format!("{d:?} is not a fully qualified host name"),
            "e.g. \"pets.example.com\": lowercase labels of letters, digits and '-', joined by dots",
        )),
        Some(_) if a.certificate_arn.is_none() && a.hosted_zone_id.is_none() => out.push(problem(
            "api.domain_name",
            "a custom domain needs a certificate: the stack issues one in the domain's Route 53 zone, or you give one",
            format!(
                "add hosted_zone_id = \"Z...\" (aws route53 list-hosted-zones) under [api], or certificate_arn = \"arn:aws:acm:{}:ACCOUNT:certificate/ID\"",
                p.project.region
            ),
        )),
        Some(_) => {}
    }
    if let Some(arn) = &a.certificate_arn {
        if let Some(problem_text) = certificate_arn_problem(arn, &p.project.region) {
            out.push(problem(
                "api.certificate_arn",
                format!("{arn:?} {problem_text}"),
                format!(
                    "{} takes an ACM certificate from its own region: arn:aws:acm:{}:ACCOUNT:certificate/ID",
                    if alb { "an ALB" } else { "a regional custom domain" },
                    p.project.region
                ),
            ));
        }
    }
    if let Some(z) = &a.hosted_zone_id {
        // AWS's IDs start with Z in practice, but nothing documents it: letters and digits.
        let ok = !z.is_empty()
            && z.len() <= 32
            && z.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !ok {
            out.push(problem(
                "api.hosted_zone_id",
                format!("{z:?} is not a Route 53 hosted zone ID"),
                "hosted zone IDs look like Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones)",
            ));
        }
    }
}

/// The ALB's own keys: required with `kind = "alb"`, meaningless without it.
fn check_alb(p: &Profile, profile_name: &str, out: &mut Vec<Problem>) {
    check_domain(p, out);
    let a = &p.api;
    if a.kind != ApiKind::Alb {
        return;
    }
    // The load balancer and its target group take the API's name, and AWS allows 32
    // characters of letters, digits and '-' there.
    let name = a
        .name
        .clone()
        .unwrap_or_else(|| crate::profile::stack::Stack::base_name(profile_name, p));
    if name.len() > 32
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        || name.starts_with('-')
        || name.ends_with('-')
        || name.starts_with("internal-")
    {
        out.push(problem(
            if a.name.is_some() { "api.name" } else { "api.kind" },
            format!("{name:?} cannot name a load balancer: at most 32 letters, digits and '-', not starting or ending with '-'"),
            "set a shorter api.name, e.g. \"petstore-prod\"",
        ));
    }
    if p.network.availability_zones.len() < 2 {
        out.push(problem(
            "api.kind",
            format!(
                "an ALB needs subnets in at least two availability zones, and network.availability_zones lists {}",
                p.network.availability_zones.len()
            ),
            "list a second zone in network.availability_zones, or keep api.kind = \"http_api\"",
        ));
    }
}

/// Why `arn` is not an ACM certificate ARN in `region`, if it is not.
fn certificate_arn_problem(arn: &str, region: &str) -> Option<String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [arn_prefix, partition, service, cert_region, account, resource] = parts[..] else {
        return Some("is not an ARN".into());
    };
    if arn_prefix != "arn" || !partition.starts_with("aws") {
        return Some("is not an ARN".into());
    }
    if service != "acm" {
        return Some(format!("is an {service} ARN, not an ACM certificate"));
    }
    if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) {
        return Some("does not name a 12-digit account".into());
    }
    let Some(id) = resource.strip_prefix("certificate/") else {
        return Some("is not a certificate ARN (certificate/ID)".into());
    };
    if id.is_empty() {
        return Some("names no certificate".into());
    }
    if cert_region != region {
        return Some(format!("is in {cert_region}, and the stack is in {region}"));
    }
    None
}
