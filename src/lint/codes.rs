//! The single table of rule IDs. IDs are stable: a removed rule's ID is never reused.

use super::rules;
use super::{Rule, RuleMeta};

/// Every rule, in ID order.
pub static RULES: &[&dyn Rule] = &[
    &rules::apigw::route_authorization::RouteAuthorization,
    &rules::apigw::mutating_route_public::MutatingRoutePublic,
    &rules::apigw::stage_access_logs::StageAccessLogs,
    &rules::apigw::stage_throttling::StageThrottling,
    &rules::apigw::jwt_issuer::JwtIssuer,
    &rules::backend::s3_unencrypted::S3Unencrypted,
    &rules::cognito::weak_password::WeakPassword,
    &rules::cognito::mfa_production::MfaProduction,
    &rules::cognito::threat_protection::ThreatProtection,
    &rules::cognito::token_validity::TokenValidity,
    &rules::cognito::client_flows::ClientFlows,
    &rules::cognito::identity_pool_unauthenticated::IdentityPoolUnauthenticated,
    &rules::cost::nat_per_az_non_production::NatPerAzNonProduction,
    &rules::cost::task_oversized::TaskOversized,
    &rules::cost::endpoint_not_worth_it::EndpointNotWorthIt,
    &rules::cost::apigw_vs_alb::ApigwVsAlb,
    &rules::cost::budget::Budget,
    &rules::dynamodb::pitr::Pitr,
    &rules::dynamodb::cmk::Cmk,
    &rules::dynamodb::provisioned_autoscaling::ProvisionedAutoscaling,
    &rules::dynamodb::deletion_protection::DeletionProtection,
    &rules::ecs::container_insights::ContainerInsights,
    &rules::ecs::exec_logging::ExecLogging,
    &rules::ecs::public_ip::PublicIp,
    &rules::ecs::platform_version::PlatformVersion,
    &rules::ecs::privileged::Privileged,
    &rules::ecs::readonly_root::ReadonlyRoot,
    &rules::ecs::pid_host::PidHost,
    &rules::ecs::distinct_roles::DistinctRoles,
    &rules::ecs::efs_transit_encryption::EfsTransitEncryption,
    &rules::ecs::task_role_wildcard::TaskRoleWildcard,
    &rules::ecs::task_ingress::TaskIngress,
    &rules::iam::admin_policy::AdminPolicy,
    &rules::iam::wildcard_action::WildcardAction,
    &rules::iam::write_all_resources::WriteAllResources,
    &rules::iam::privilege_escalation::PrivilegeEscalation,
    &rules::iam::credential_exposure::CredentialExposure,
    &rules::iam::full_iam::FullIam,
    &rules::iam::trust_any_principal::TrustAnyPrincipal,
    &rules::iam::admin_managed_policy::AdminManagedPolicy,
    &rules::iam::policy_on_user::PolicyOnUser,
    &rules::iam::oidc_trust_unpinned::OidcTrustUnpinned,
    &rules::iam::user::User,
    &rules::iam::account_password_policy::AccountPasswordPolicy,
    &rules::iam::root_access_key::RootAccessKey,
    &rules::iam::user_console_login::UserConsoleLogin,
    &rules::iam::group_membership::GroupMembership,
    &rules::kms::rotation::Rotation,
    &rules::kms::wildcard_principal::WildcardPrincipal,
    &rules::kms::disabled::Disabled,
    &rules::kms::no_policy::NoPolicy,
    &rules::lb::listener_https::ListenerHttps,
    &rules::lb::target_group_http::TargetGroupHttp,
    &rules::lb::tls_policy::TlsPolicy,
    &rules::lb::drop_invalid_headers::DropInvalidHeaders,
    &rules::lb::deletion_protection::DeletionProtection,
    &rules::lb::access_logs::AccessLogs,
    &rules::lb::desync_mitigation::DesyncMitigation,
    &rules::lb::waf::Waf,
    &rules::lb::health_check::HealthCheck,
    &rules::lb::cross_zone::CrossZone,
    &rules::lb::waf_known_bad_inputs::WafKnownBadInputs,
    &rules::logs::retention_unset::RetentionUnset,
    &rules::logs::retention_year::RetentionYear,
    &rules::logs::kms::Kms,
    &rules::network::vpc_flow_logs::VpcFlowLogs,
    &rules::network::default_security_group::DefaultSecurityGroup,
    &rules::network::subnet_public_ip::SubnetPublicIp,
    &rules::network::nat_per_az::NatPerAz,
    &rules::network::eip_attached::EipAttached,
    &rules::network::vpc_endpoint_policy::VpcEndpointPolicy,
    &rules::network::nacl_open_ports::NaclOpenPorts,
    &rules::network::default_vpc::DefaultVpc,
    &rules::network::nacl_unattached::NaclUnattached,
    &rules::network::default_route_target::DefaultRouteTarget,
    &rules::network::availability_zones_filter::AvailabilityZonesFilter,
    &rules::network::endpoint_service_acceptance::EndpointServiceAcceptance,
    &rules::meta::expired_waiver::ExpiredWaiver,
    &rules::meta::unused_waiver::UnusedWaiver,
    &rules::meta::inline_without_reason::InlineWithoutReason,
    &rules::provider::static_credentials::StaticCredentials,
    &rules::security_groups::description::Description,
    &rules::security_groups::open_admin_ports::OpenAdminPorts,
    &rules::security_groups::open_http::OpenHttp,
    &rules::security_groups::open_all_ingress::OpenAllIngress,
    &rules::security_groups::open_all_egress::OpenAllEgress,
    &rules::security_groups::unattached::Unattached,
];

pub static EXPIRED_WAIVER: &RuleMeta = &rules::meta::expired_waiver::META;
pub static UNUSED_WAIVER: &RuleMeta = &rules::meta::unused_waiver::META;
pub static INLINE_WITHOUT_REASON: &RuleMeta = &rules::meta::inline_without_reason::META;

/// The rule with this ID.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.meta().id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::RULES;
    use std::collections::BTreeSet;

    #[test]
    fn ids_and_names_are_unique_and_documented() {
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for r in RULES {
            let m = r.meta();
            assert!(ids.insert(m.id), "duplicate id {}", m.id);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            let doc = m.doc();
            for section in ["**What it does.**", "**Why.**", "**Example.**", "**Fix.**"] {
                assert!(doc.contains(section), "{} lacks {section}", m.id);
            }
        }
    }
}
