//! # RDS005 rds-backup-retention
//!
//! **What it does.** Flags RDS clusters and DB instances whose `backup_retention_period` is outside 1 to 35 days. Absent is fine: the default is 1 day.
//!
//! **Why.** With 0 days a DB instance keeps no automated backups and cannot be restored to a point in time; RDS refuses more than 35.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_db_instance" "this" {
//!   backup_retention_period = 0
//! }
//! ```
//!
//! **Fix.** Set `backup_retention_period` to 1 to 35 days.
//!
//! In a petgen profile: `data.postgres.backup_retention_days` (1 to 35).
//!
//! checkov: CKV_AWS_133.

use crate::lint::rules::prelude::*;

declare_rule!(BackupRetention {
    id: "RDS005",
    name: "rds-backup-retention",
    category: Reliability,
    severity: Error,
    checkov: ["CKV_AWS_133"],
    profile_fix: None,
    source: include_str!("rds005_rds_backup_retention.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for ty in ["aws_rds_cluster", "aws_db_instance"] {
        for r in ctx.resources(ty) {
            let Attr::Literal(v) = Attr::of(&r, "backup_retention_period") else {
                continue;
            };
            let days = number(&Some(v.clone()));
            if !days.is_some_and(|d| (1.0..=35.0).contains(&d) && d.fract() == 0.0) {
                out.push(r.finding(
                    &META,
                    r.pos_of("backup_retention_period"),
                    format!("{} keeps {v} days of automated backups", r.address),
                    "set backup_retention_period to 1 to 35 days",
                ));
            }
        }
    }
}
