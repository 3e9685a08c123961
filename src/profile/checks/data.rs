//! The pets table: name, capacity and replicas.

use super::aws_facts::*;
use super::{problem, Problem};
use crate::profile::{BillingMode, Profile};
use std::collections::BTreeSet;

pub(super) fn check(p: &Profile, out: &mut Vec<Problem>) {
    let region = p.project.region.as_str();
    let d = &p.data;
    if let Some(n) = &d.table_name {
        check_name(
            out,
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
}
