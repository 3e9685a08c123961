//! Every code petgen lint reports, and what reports it. IDs are stable: a removed rule's ID is
//! never reused.

use super::rules;
use super::{Rule, RuleMeta};
use std::sync::LazyLock;

/// The rules with a check of their own, in ID order. The attribute rules are the rows of
/// [`rules::attribute_table::TABLE`]; the waiver codes are [`WAIVER_CODES`].
static OWN_CHECK: &[&dyn Rule] = &[
    &rules::acm::acm003_acm_certificate_wildcard::Wildcard,
    &rules::api::api001_apigw_route_without_authorization::RouteAuthorization,
    &rules::api::api002_apigw_mutating_route_public::MutatingRoutePublic,
    &rules::api::api004_apigw_stage_throttling::StageThrottling,
    &rules::api::api005_apigw_jwt_foreign_issuer::JwtIssuer,
    &rules::api::api006_apigw_vpc_link_unsupported_az::VpcLinkUnsupportedAz,
    &rules::bkd::bkd001_s3_backend_unencrypted::S3Unencrypted,
    &rules::bkd::bkd002_s3_backend_generic_bucket_name::GenericBucketName,
    &rules::bkt::bkt001_s3_bucket_without_access_logging::BucketAccessLogging,
    &rules::bkt::bkt002_s3_bucket_without_kms_default_encryption::BucketKmsEncryption,
    &rules::bkt::bkt003_s3_bucket_without_replication::BucketReplication,
    &rules::bkt::bkt004_s3_event_notifications::EventNotifications,
    &rules::cfg::cfg001_config_recorder_incomplete::RecorderIncomplete,
    &rules::cfg::cfg002_config_recorder_scoped::RecorderScoped,
    &rules::cfg::cfg003_config_recorder_without_global_types::RecorderWithoutGlobalTypes,
    &rules::cog::cog001_cognito_weak_password_policy::WeakPassword,
    &rules::cog::cog004_cognito_long_token_validity::TokenValidity,
    &rules::cog::cog005_cognito_client_not_public::ClientFlows,
    &rules::cog::cog009_cognito_self_signup_with_jwt_writes::SelfSignUpWithJwtWrites,
    &rules::cst::cst001_nat_gateway_per_az_outside_production::NatPerAzNonProduction,
    &rules::cst::cst002_fargate_task_oversized::TaskOversized,
    &rules::cst::cst003_interface_endpoint_costs_more_than_nat::EndpointNotWorthIt,
    &rules::cst::cst004_front_door_break_even::FrontDoorBreakEven,
    &rules::cst::cst005_budget_exceeded::Budget,
    &rules::cst::cst006_cognito_plus_for_threat_protection::PlusForThreatProtection,
    &rules::ddb::ddb002_dynamodb_cmk::Cmk,
    &rules::ddb::ddb003_dynamodb_provisioned_without_autoscaling::ProvisionedAutoscaling,
    &rules::ddb::ddb005_dynamodb_sse_without_key::SseWithoutKey,
    &rules::ddb::ddb006_dynamodb_replica_less_protected::ReplicaLessProtected,
    &rules::ecs::ecs001_ecs_container_insights::ContainerInsights,
    &rules::ecs::ecs002_ecs_exec_logging::ExecLogging,
    &rules::ecs::ecs005_ecs_privileged_container::Privileged,
    &rules::ecs::ecs006_ecs_writable_root_filesystem::ReadonlyRoot,
    &rules::ecs::ecs008_ecs_shared_execution_role::DistinctRoles,
    &rules::ecs::ecs009_ecs_efs_transit_encryption::EfsTransitEncryption,
    &rules::ecs::ecs010_ecs_task_role_wildcard::TaskRoleWildcard,
    &rules::ecs::ecs011_ecs_task_ingress_not_vpc_link::TaskIngress,
    &rules::ecs::ecs012_ecs_service_before_role_policies::ServiceBeforeRolePolicies,
    &rules::ecs::ecs013_ecs_service_before_network_path::ServiceBeforeNetworkPath,
    &rules::ecs::ecs014_ecs_execution_role_unscoped::ExecutionRoleUnscoped,
    &rules::iam::iam001_iam_admin_policy::AdminPolicy,
    &rules::iam::iam002_iam_wildcard_action::WildcardAction,
    &rules::iam::iam003_iam_write_on_all_resources::WriteAllResources,
    &rules::iam::iam004_iam_privilege_escalation::PrivilegeEscalation,
    &rules::iam::iam005_iam_credential_exposure::CredentialExposure,
    &rules::iam::iam006_iam_full_iam_access::FullIam,
    &rules::iam::iam007_iam_trust_any_principal::TrustAnyPrincipal,
    &rules::iam::iam008_iam_admin_managed_policy::AdminManagedPolicy,
    &rules::iam::iam009_iam_policy_on_user::PolicyOnUser,
    &rules::iam::iam010_iam_oidc_trust_unpinned::OidcTrustUnpinned,
    &rules::iam::iam011_iam_user::User,
    &rules::iam::iam012_iam_weak_account_password_policy::AccountPasswordPolicy,
    &rules::iam::iam014_iam_user_console_login::UserConsoleLogin,
    &rules::iam::iam015_iam_group_membership::GroupMembership,
    &rules::iam::iam016_iam_trust_without_source_condition::TrustWithoutSourceCondition,
    &rules::kms::kms002_kms_key_wildcard_principal::WildcardPrincipal,
    &rules::kms::kms004_kms_key_default_policy::NoPolicy,
    &rules::lb::lb001_lb_listener_plain_http::ListenerHttps,
    &rules::lb::lb003_lb_weak_tls_policy::TlsPolicy,
    &rules::lb::lb006_lb_access_logs::AccessLogs,
    &rules::lb::lb008_lb_without_waf::Waf,
    &rules::lb::lb009_lb_target_group_health_check::HealthCheck,
    &rules::lb::lb011_waf_without_known_bad_inputs::WafKnownBadInputs,
    &rules::lb::lb012_lb_authentication_without_idp_egress::AuthenticationWithoutIdpEgress,
    &rules::lb::lb013_lb_write_rule_without_authentication::WriteRuleWithoutAuthentication,
    &rules::log::log002_log_retention_under_a_year::RetentionYear,
    &rules::mon::mon001_production_without_alarms::ProductionWithoutAlarms,
    &rules::mon::mon002_alarm_without_action::AlarmWithoutAction,
    &rules::net::net001_vpc_flow_logs::VpcFlowLogs,
    &rules::net::net002_default_security_group_open::DefaultSecurityGroup,
    &rules::net::net004_nat_gateway_per_az::NatPerAz,
    &rules::net::net005_eip_unattached::EipAttached,
    &rules::net::net006_vpc_endpoint_open_policy::VpcEndpointPolicy,
    &rules::net::net007_nacl_open_admin_ports::NaclOpenPorts,
    &rules::net::net008_default_vpc_managed::DefaultVpc,
    &rules::net::net009_nacl_unattached::NaclUnattached,
    &rules::net::net010_default_route_target::DefaultRouteTarget,
    &rules::net::net011_availability_zones_unfiltered::AvailabilityZonesFilter,
    &rules::prv::prv001_provider_static_credentials::StaticCredentials,
    &rules::rds::rds004_rds_cluster_logs_not_exported::LogsNotExported,
    &rules::rds::rds005_rds_backup_retention::BackupRetention,
    &rules::rds::rds013_rds_cluster_without_backup_plan::WithoutBackupPlan,
    &rules::rds::rds014_rds_postgres_query_logging_off::QueryLoggingOff,
    &rules::rds::rds015_rds_reachable_beyond_tasks::ReachableBeyondTasks,
    &rules::rds::rds017_rds_postgres_tls_not_required::TlsNotRequired,
    &rules::sg::sg001_security_group_description::Description,
    &rules::sg::sg002_security_group_open_admin_ports::OpenAdminPorts,
    &rules::sg::sg003_security_group_open_http::OpenHttp,
    &rules::sg::sg004_security_group_open_all_ingress::OpenAllIngress,
    &rules::sg::sg005_security_group_open_all_egress::OpenAllEgress,
    &rules::sg::sg006_security_group_unattached::Unattached,
];

/// Codes the waiver engine reports while it applies waivers: not rules over the configuration.
pub static WAIVER_CODES: &[&RuleMeta] = &[EXPIRED_WAIVER, UNUSED_WAIVER, INLINE_WITHOUT_REASON];

pub static EXPIRED_WAIVER: &RuleMeta = &rules::pg::EXPIRED_WAIVER;
pub static UNUSED_WAIVER: &RuleMeta = &rules::pg::UNUSED_WAIVER;
pub static INLINE_WITHOUT_REASON: &RuleMeta = &rules::pg::INLINE_WITHOUT_REASON;

/// Every rule that checks the configuration, in ID order.
static RULES: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static dyn Rule> = OWN_CHECK
        .iter()
        .copied()
        .chain(rules::attribute_table::TABLE.iter().map(|r| r as &dyn Rule))
        .collect();
    all.sort_by_key(|r| r.meta().id);
    all
});

/// Every code, rules and waiver codes, in ID order: what `petgen rules` lists.
static CODES: LazyLock<Vec<&'static RuleMeta>> = LazyLock::new(|| {
    let mut all: Vec<&'static RuleMeta> = RULES
        .iter()
        .map(|r| r.meta())
        .chain(WAIVER_CODES.iter().copied())
        .collect();
    all.sort_by_key(|m| m.id);
    all
});

/// The rules that check the configuration, in ID order.
pub fn rules() -> impl Iterator<Item = &'static dyn Rule> {
    RULES.iter().copied()
}

/// Every code, in ID order.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    CODES.iter().copied()
}

/// The code with this ID.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::all;
    use std::collections::BTreeSet;

    #[test]
    fn ids_and_names_are_unique_and_documented() {
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for m in all() {
            assert!(ids.insert(m.id), "duplicate id {}", m.id);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            let doc = m.doc();
            for section in ["**What it does.**", "**Why.**", "**Example.**", "**Fix.**"] {
                assert!(doc.contains(section), "{} lacks {section}", m.id);
            }
        }
    }
}
