//! The pets table: name, capacity and replicas.

use super::{check_name, problem, Problem};
use crate::facts::aws::*;
use crate::profile::{BillingMode, Profile, TableEncryption};
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
    check_encryption(p, out);
}

fn check_encryption(p: &Profile, out: &mut Vec<Problem>) {
    let d = &p.data;
    match (d.encryption, &d.kms_key_arn) {
        (TableEncryption::CustomerManaged, Some(arn)) => {
            let ok = arn.starts_with("arn:aws")
                && arn.split(':').nth(2) == Some("kms")
                && arn.split(':').nth(3) == Some(p.project.region.as_str())
                && arn
                    .split(':')
                    .nth(5)
                    .is_some_and(|r| r.starts_with("key/") || r.starts_with("alias/"));
            if !ok {
                out.push(problem(
                    "data.kms_key_arn",
                    format!("{arn:?} is not a KMS key ARN in {}", p.project.region),
                    format!("arn:aws:kms:{}:ACCOUNT:key/ID, or leave it out and the stack creates a key", p.project.region),
                ));
            }
        }
        (TableEncryption::CustomerManaged, None) if !d.replica_regions.is_empty() => {
            out.push(problem(
                "data.encryption",
                "a customer-managed key for a replicated table needs a key in each replica region, which petgen does not create",
                "use encryption = \"aws_managed\", or drop replica_regions",
            ));
        }
        (TableEncryption::CustomerManaged, None) => {}
        (_, Some(_)) => out.push(problem(
            "data.kms_key_arn",
            "kms_key_arn applies only with encryption = \"customer_managed\"",
            "set data.encryption = \"customer_managed\", or remove kms_key_arn",
        )),
        (_, None) => {}
    }
    if d.encryption == TableEncryption::CustomerManaged
        && d.kms_key_arn.is_some()
        && !d.replica_regions.is_empty()
    {
        out.push(problem(
            "data.replica_regions",
            "a replica cannot use a key from the table's region",
            "use encryption = \"aws_managed\" for a replicated table",
        ));
    }
}
