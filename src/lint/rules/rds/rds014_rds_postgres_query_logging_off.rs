//! # RDS014 rds-postgres-query-logging-off
//!
//! **What it does.** Flags Aurora PostgreSQL clusters whose cluster parameter group does not set both `log_statement` and `log_min_duration_statement` (or that use the engine's default group).
//!
//! **Why.** Without them the log says nothing of which statements changed the schema or ran slowly: after an incident there is no record of what the database was asked to do.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   engine = "aurora-postgresql"
//! }
//! ```
//!
//! **Fix.** Give the cluster an `aws_rds_cluster_parameter_group` with `log_statement` (e.g. `ddl`) and `log_min_duration_statement` (e.g. `1000` ms) parameters.
//!
//! checkov: CKV2_AWS_27.

use super::{cluster_parameters, is_aurora_postgres, Parameters};
use crate::lint::rules::prelude::*;

declare_rule!(QueryLoggingOff {
    id: "RDS014",
    name: "rds-postgres-query-logging-off",
    category: Security,
    severity: Warning,
    checkov: ["CKV2_AWS_27"],
    profile_fix: None,
    source: include_str!("rds014_rds_postgres_query_logging_off.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_rds_cluster").filter(is_aurora_postgres) {
        let missing: Vec<&str> = match cluster_parameters(ctx, &c) {
            None => continue,
            Some(Parameters::Default) => vec!["log_statement", "log_min_duration_statement"],
            Some(Parameters::Group(_, params)) => ["log_statement", "log_min_duration_statement"]
                .into_iter()
                .filter(|n| !params.iter().any(|(p, _)| p == n))
                .collect(),
        };
        if !missing.is_empty() {
            out.push(c.finding(
                &META,
                c.pos(),
                format!(
                    "{} leaves slow and schema-changing statements out of its log: its parameter group does not set {}",
                    c.address,
                    missing.join(" or ")
                ),
                "set log_statement and log_min_duration_statement in the cluster's parameter group",
            ));
        }
    }
}
