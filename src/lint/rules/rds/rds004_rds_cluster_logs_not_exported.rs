//! # RDS004 rds-cluster-logs-not-exported
//!
//! **What it does.** Flags RDS clusters that export none of their logs to CloudWatch Logs: `enabled_cloudwatch_logs_exports` absent or empty.
//!
//! **Why.** The database's own log (connection failures, errors, slow statements) otherwise stays inside RDS, where it rotates away within days and no alarm or metric filter can read it.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster" "this" {
//!   engine = "aurora-postgresql"
//! }
//! ```
//!
//! **Fix.** Set `enabled_cloudwatch_logs_exports = ["postgresql"]`.
//!
//! In a petgen profile: `data.postgres.log_exports = true`.
//!
//! checkov: CKV_AWS_324.

use crate::lint::rules::prelude::*;

declare_rule!(LogsNotExported {
    id: "RDS004",
    name: "rds-cluster-logs-not-exported",
    category: Security,
    severity: Warning,
    checkov: ["CKV_AWS_324"],
    profile_fix: Some("data.postgres.log_exports = true"),
    source: include_str!("rds004_rds_cluster_logs_not_exported.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_rds_cluster") {
        let exported = match Attr::of(&c, "enabled_cloudwatch_logs_exports") {
            Attr::Absent => false,
            Attr::Unknown => true,
            Attr::Literal(Value::Array(a)) => !a.is_empty(),
            Attr::Literal(_) => true,
        };
        if !exported {
            out.push(c.finding(
                &META,
                c.pos_of("enabled_cloudwatch_logs_exports"),
                format!("{} exports no log to CloudWatch Logs", c.address),
                "set enabled_cloudwatch_logs_exports = [\"postgresql\"]",
            ));
        }
    }
}
