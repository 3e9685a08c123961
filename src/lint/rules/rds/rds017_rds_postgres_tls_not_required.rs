//! # RDS017 rds-postgres-tls-not-required
//!
//! **What it does.** Flags Aurora PostgreSQL clusters whose cluster parameter group does not set `rds.force_ssl` to `1` (or that use the engine's default group).
//!
//! **Why.** Aurora PostgreSQL accepts unencrypted connections unless `rds.force_ssl` is on (its default is off before version 17). A client that asks for no TLS, or is downgraded to none, then sends the password's exchange and every pet in clear inside the VPC.
//!
//! **Example.**
//!
//! ```hcl
//! resource "aws_rds_cluster_parameter_group" "this" {
//!   family = "aurora-postgresql16"
//! }
//! ```
//!
//! **Fix.** Add `parameter { name = "rds.force_ssl", value = "1" }` to the cluster's parameter group.
//!
//! checkov has no equivalent check.

use super::{cluster_parameters, is_aurora_postgres, Parameters};
use crate::lint::rules::prelude::*;

declare_rule!(TlsNotRequired {
    id: "RDS017",
    name: "rds-postgres-tls-not-required",
    category: Security,
    severity: Warning,
    checkov: [],
    profile_fix: None,
    source: include_str!("rds017_rds_postgres_tls_not_required.rs"),
});

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for c in ctx.resources("aws_rds_cluster").filter(is_aurora_postgres) {
        match cluster_parameters(ctx, &c) {
            None => {}
            Some(Parameters::Default) => out.push(c.finding(
                &META,
                c.pos(),
                format!(
                    "{} uses the default parameters, which accept connections without TLS",
                    c.address
                ),
                "give it a cluster parameter group with rds.force_ssl = 1",
            )),
            Some(Parameters::Group(g, params)) => {
                let forced = params.iter().find(|(n, _)| n == "rds.force_ssl");
                let on = match forced {
                    None => false,
                    // A value petgen cannot read may well be 1.
                    Some((_, None)) => true,
                    Some((_, Some(v))) => number(&Some(v.clone())) == Some(1.0),
                };
                if !on {
                    out.push(g.finding(
                        &META,
                        g.pos(),
                        format!(
                            "{} accepts connections without TLS to {}: rds.force_ssl is not 1",
                            g.address, c.address
                        ),
                        "add parameter { name = \"rds.force_ssl\", value = \"1\" }",
                    ));
                }
            }
        }
    }
}
