//! RDS and Aurora rules.

pub mod rds001_rds_cluster_unencrypted;
pub mod rds002_rds_cluster_deletion_protection;
pub mod rds003_rds_cluster_iam_auth_off;
pub mod rds004_rds_cluster_logs_not_exported;
pub mod rds005_rds_backup_retention;
pub mod rds006_rds_cluster_snapshot_tags;
pub mod rds007_rds_instance_minor_upgrades_off;
pub mod rds008_rds_instance_public;
pub mod rds009_rds_performance_insights_off;
pub mod rds010_rds_performance_insights_cmk;
pub mod rds011_rds_cluster_cmk;
pub mod rds012_rds_enhanced_monitoring_off;
pub mod rds013_rds_cluster_without_backup_plan;
pub mod rds014_rds_postgres_query_logging_off;
pub mod rds015_rds_reachable_beyond_tasks;
pub mod rds016_rds_writer_pauses_in_production;
pub mod rds017_rds_postgres_tls_not_required;

use crate::lint::rules::prelude::*;

/// What a cluster's parameter group says: `None` when the cluster names none, or one petgen
/// cannot follow (a variable, a group outside the configuration), so rules stay quiet.
pub(crate) enum Parameters<'a> {
    /// The cluster names no group: the engine's default parameters apply.
    Default,
    /// The group, and its `parameter` blocks' names and values (lowercase names).
    Group(Res<'a>, Vec<(String, Option<Value>)>),
}

pub(crate) fn cluster_parameters<'a>(ctx: &'a Ctx, cluster: &Res) -> Option<Parameters<'a>> {
    if cluster.attr("db_cluster_parameter_group_name").is_none() {
        return Some(Parameters::Default);
    }
    let traced = cluster.trace("db_cluster_parameter_group_name");
    let group = ctx
        .resources("aws_rds_cluster_parameter_group")
        .find(|g| traced.iter().any(|t| g.is(t)))?;
    let params = group
        .blocks("parameter")
        .into_iter()
        .filter_map(|b| {
            let name = string(&group.value_in(b, "name"))?;
            Some((name.to_ascii_lowercase(), group.value_in(b, "value")))
        })
        .collect();
    Some(Parameters::Group(group, params))
}

/// An Aurora PostgreSQL cluster (the only engine the PostgreSQL rules read).
pub(crate) fn is_aurora_postgres(cluster: &Res) -> bool {
    string(&cluster.value("engine")).as_deref() == Some("aurora-postgresql")
}
