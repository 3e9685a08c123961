//! The HTTP API: name, protected methods and throttling.

use super::aws_facts::*;
use super::{problem, Problem};
use crate::profile::Profile;
use std::collections::BTreeSet;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
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
}
