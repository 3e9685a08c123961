//! The Cloud Map namespace.

use super::{problem, Problem};
use crate::facts::aws::*;
use crate::profile::Profile;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
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
}
