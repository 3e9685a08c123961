//! # RDS013 rds-cluster-without-backup-plan
//!
//! **What it does.** Flags RDS clusters that no AWS Backup selection (`aws_backup_selection`) names.
//!
//! **Why.** Automated backups live and die with the cluster's account and region, and last at most 35 days. An AWS Backup plan keeps copies on its own schedule and retention, in a vault that can be locked or copied to another account or region.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   backup_retention_period = 7
//! }
//! ```
//!
//! **Fix.** Add an `aws_backup_plan` and an `aws_backup_selection` whose `resources` include the cluster's ARN, or waive it where the automated backups are enough.
//!
//! checkov: CKV2_AWS_8.

use crate::lint::rules::prelude::*;

declare_rule!(WithoutBackupPlan {
    id: "RDS013",
    name: "rds-cluster-without-backup-plan",
    category: Reliability,
    severity: Info,
    checkov: ["CKV2_AWS_8"],
    profile_fix: None,
    source: include_str!("rds013_rds_cluster_without_backup_plan.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_rds_cluster") {
        if !referenced_by(ctx, &c, &["aws_backup_selection"], &["resources"]) {
            out.push(c.finding(
                &META,
                c.pos(),
                format!("{} is in no AWS Backup plan", c.address),
                "add an aws_backup_selection naming the cluster's ARN",
            ));
        }
    }
}
