//! The datastore: the pets table's name, capacity, replicas and key, or the Aurora cluster's
//! capacity, version and backups.

use super::{check_name, problem, Problem};
use crate::facts::aws::*;
use crate::profile::{BillingMode, Engine, Postgres, Profile, TableEncryption};
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
    check_engine(p, out);
}

/// Aurora Serverless v2's capacity: whole and half ACUs from 0 to 256.
fn is_acu(v: f64) -> bool {
    v.is_finite() && (0.0..=256.0).contains(&v) && (v * 2.0).fract() == 0.0
}

/// The Aurora PostgreSQL versions that scale to 0 ACUs (auto-pause), as the least minor of
/// each major: Aurora's guide, "Aurora Serverless v2 capacity".
const PAUSES: &[(u32, u32)] = &[(13, 15), (14, 12), (15, 7), (16, 3), (17, 4)];

/// The versions whose Serverless v2 clusters have the RDS Data API (the stack's way in for
/// operators), as the least minor of each major: Aurora's guide, "Region and version
/// availability" of the Data API.
const DATA_API: &[(u32, u32)] = &[(13, 12), (14, 9), (15, 4), (16, 1), (17, 4)];

/// `major.minor` is at least the least minor `table` gives its major; a major after the
/// table's has it, one before does not.
fn from_minor(major: u32, minor: u32, table: &[(u32, u32)]) -> bool {
    match table.iter().find(|(m, _)| *m == major) {
        Some((_, least)) => minor >= *least,
        None => table.last().is_some_and(|(last, _)| major > *last),
    }
}

/// `<major>.<minor>`, both plain decimal numbers without leading zeros.
fn version(v: &str) -> Option<(u32, u32)> {
    let (major, minor) = v.split_once('.')?;
    let plain = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    (plain(major) && plain(minor)).then_some((major.parse().ok()?, minor.parse().ok()?))
}

/// The datastore: DynamoDB's keys with DynamoDB, `[data.postgres]` with PostgreSQL.
fn check_engine(p: &Profile, out: &mut Vec<Problem>) {
    let d = &p.data;
    if d.engine == Engine::Dynamodb {
        if d.postgres.is_some() {
            out.push(problem(
                "data.postgres",
                "[data.postgres] configures an Aurora cluster, but data.engine is \"dynamodb\"",
                "set data.engine = \"postgres\", or remove [data.postgres]",
            ));
        }
        return;
    }
    // What only a DynamoDB table has.
    let dynamodb_only: [(&str, bool); 5] = [
        ("data.table_name", d.table_name.is_some()),
        (
            "data.billing_mode",
            d.billing_mode != BillingMode::PayPerRequest,
        ),
        ("data.read_capacity", d.read_capacity.is_some()),
        ("data.write_capacity", d.write_capacity.is_some()),
        ("data.replica_regions", !d.replica_regions.is_empty()),
    ];
    for (key, set) in dynamodb_only {
        if set {
            out.push(problem(
                key,
                format!(
                    "{} configures the DynamoDB table, but data.engine is \"postgres\"",
                    &key[5..]
                ),
                if key == "data.replica_regions" {
                    "set replica_regions = [], or set data.engine = \"dynamodb\""
                } else {
                    "remove it, or set data.engine = \"dynamodb\""
                },
            ));
        }
    }
    if p.audit.table_data_events {
        out.push(problem(
            "audit.table_data_events",
            "the trail records the DynamoDB table's item-level calls, and a postgres stack has no table",
            "set audit.table_data_events = false (data.postgres.log_exports keeps the database's log)",
        ));
    }
    // RDS refuses a DB subnet group in fewer than two zones (DBSubnetGroupDoesNotCoverEnoughAZs),
    // even for a single instance; production's reader needs the second zone too.
    if p.network.availability_zones.len() < 2 {
        out.push(problem(
            "network.availability_zones",
            "an Aurora cluster's subnet group must cover two availability zones, and one is listed",
            "list two or more zones (with a private subnet CIDR each)",
        ));
    }
    let pg = d.postgres.clone().unwrap_or_default();
    for (key, v, least) in [
        ("data.postgres.min_acu", pg.min_acu, 0.0),
        ("data.postgres.max_acu", pg.max_acu, 1.0),
    ] {
        if !is_acu(v) || v < least {
            out.push(problem(
                key,
                format!("{v} is not an Aurora Serverless v2 capacity"),
                format!("use {least} to 256 ACUs in steps of 0.5"),
            ));
        }
    }
    if pg.min_acu > pg.max_acu {
        out.push(problem(
            "data.postgres.min_acu",
            format!("min_acu {} is above max_acu {}", pg.min_acu, pg.max_acu),
            "set min_acu at or below max_acu",
        ));
    }
    check_version(&pg, out);
    if pg.min_acu > 0.0 && pg.auto_pause_seconds != Postgres::default().auto_pause_seconds {
        out.push(problem(
            "data.postgres.auto_pause_seconds",
            format!(
                "an instance pauses only with min_acu = 0, and min_acu is {}",
                pg.min_acu
            ),
            "remove auto_pause_seconds, or set min_acu = 0",
        ));
    }
    if !(300..=86_400).contains(&pg.auto_pause_seconds) {
        out.push(problem(
            "data.postgres.auto_pause_seconds",
            format!(
                "{} seconds is outside what Aurora accepts",
                pg.auto_pause_seconds
            ),
            "use 300 to 86400 seconds",
        ));
    }
    if !(1..=35).contains(&pg.backup_retention_days) {
        out.push(problem(
            "data.postgres.backup_retention_days",
            format!(
                "{} days of backups is outside what Aurora keeps",
                pg.backup_retention_days
            ),
            "use 1 to 35 days",
        ));
    }
    check_database_name(&pg, out);
}

/// The engine version: well formed, with the Data API, and pausing when `min_acu` is 0.
fn check_version(pg: &Postgres, out: &mut Vec<Problem>) {
    match version(&pg.engine_version) {
        None => out.push(problem(
            "data.postgres.engine_version",
            format!("{:?} is not an Aurora PostgreSQL version", pg.engine_version),
            "write <major>.<minor> without leading zeros, such as \"16.6\"",
        )),
        Some((major, minor)) if !from_minor(major, minor, DATA_API) => out.push(problem(
            "data.postgres.engine_version",
            format!(
                "Aurora PostgreSQL {} has no Data API on Serverless v2, which the stack turns on for operators",
                pg.engine_version
            ),
            "use 16.1 or later (13.12, 14.9, 15.4 in older majors; 17.4 in 17)",
        )),
        Some((major, minor)) if pg.min_acu == 0.0 && !from_minor(major, minor, PAUSES) => {
            out.push(problem(
            "data.postgres.min_acu",
            format!("Aurora PostgreSQL {} cannot scale to 0 ACUs", pg.engine_version),
            "use min_acu = 0.5, or engine_version 16.3 or later (13.15, 14.12, 15.7 in older majors; 17.4 in 17)",
        ))
        }
        _ => {}
    }
}

/// The database's name: PostgreSQL's identifier rules, and not one the engine keeps.
fn check_database_name(pg: &Postgres, out: &mut Vec<Problem>) {
    check_name(
        out,
        "data.postgres.database_name",
        &pg.database_name,
        1,
        63,
        |c| c.is_ascii_alphanumeric() || c == '_',
        "letters, digits and '_', starting with a letter",
    );
    if pg
        .database_name
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_alphabetic())
    {
        out.push(problem(
            "data.postgres.database_name",
            format!("{:?} does not start with a letter", pg.database_name),
            "start the name with a letter, such as \"petstore\"",
        ));
    }
    // Names the engine keeps for itself: `postgres` and the templates exist in every cluster,
    // `rdsadmin` is RDS's own.
    if ["postgres", "template0", "template1", "rdsadmin"].contains(&pg.database_name.as_str()) {
        out.push(problem(
            "data.postgres.database_name",
            format!(
                "{:?} is a database the engine or RDS keeps for itself",
                pg.database_name
            ),
            "use a name of the stack's own, such as \"petstore\"",
        ));
    }
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
