//! AWS Config: the resource types it records for the Terraform types petgen renders, and the
//! AWS managed rules that check after apply what a lint rule checks before it. One table holds
//! the pairing: render picks a stack's rules from it, `petgen rule ID` prints it, and cost reads
//! each rule's resource types from it.
//!
//! Sources: the rule pages under docs.aws.amazon.com/config/latest/developerguide/<name>.html
//! (identifier, resource types, trigger, parameters), and Config's `ResourceType` list for the
//! types it can record.

/// The Terraform types petgen renders that AWS Config can record, with Config's name for each.
/// Types missing here (log groups, routes, Cloud Map namespaces, alarms' dashboards, security
/// group rules) have no configuration item of their own: Config records them as part of their
/// parent, or not at all.
pub const RECORDABLE: &[(&str, &str)] = &[
    ("aws_acm_certificate", "AWS::ACM::Certificate"),
    ("aws_apigatewayv2_api", "AWS::ApiGatewayV2::Api"),
    (
        "aws_apigatewayv2_integration",
        "AWS::ApiGatewayV2::Integration",
    ),
    ("aws_apigatewayv2_stage", "AWS::ApiGatewayV2::Stage"),
    ("aws_cloudtrail", "AWS::CloudTrail::Trail"),
    ("aws_cloudwatch_metric_alarm", "AWS::CloudWatch::Alarm"),
    ("aws_cloudwatch_event_rule", "AWS::Events::Rule"),
    ("aws_cognito_user_pool", "AWS::Cognito::UserPool"),
    (
        "aws_cognito_user_pool_client",
        "AWS::Cognito::UserPoolClient",
    ),
    ("aws_db_instance", "AWS::RDS::DBInstance"),
    ("aws_db_subnet_group", "AWS::RDS::DBSubnetGroup"),
    ("aws_dynamodb_table", "AWS::DynamoDB::Table"),
    ("aws_ecr_repository", "AWS::ECR::Repository"),
    ("aws_ecs_cluster", "AWS::ECS::Cluster"),
    ("aws_ecs_service", "AWS::ECS::Service"),
    ("aws_ecs_task_definition", "AWS::ECS::TaskDefinition"),
    ("aws_eip", "AWS::EC2::EIP"),
    ("aws_flow_log", "AWS::EC2::FlowLog"),
    ("aws_iam_policy", "AWS::IAM::Policy"),
    // Global: recorded by the one recorder in the stack's region.
    ("aws_iam_role", "AWS::IAM::Role"),
    ("aws_internet_gateway", "AWS::EC2::InternetGateway"),
    ("aws_kms_alias", "AWS::KMS::Alias"),
    ("aws_kms_key", "AWS::KMS::Key"),
    ("aws_lb", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
    ("aws_lb_listener", "AWS::ElasticLoadBalancingV2::Listener"),
    (
        "aws_lb_target_group",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
    ),
    ("aws_nat_gateway", "AWS::EC2::NatGateway"),
    ("aws_rds_cluster", "AWS::RDS::DBCluster"),
    // Config records an Aurora cluster's instances as DB instances.
    ("aws_rds_cluster_instance", "AWS::RDS::DBInstance"),
    ("aws_route_table", "AWS::EC2::RouteTable"),
    (
        "aws_route_table_association",
        "AWS::EC2::SubnetRouteTableAssociation",
    ),
    ("aws_s3_bucket", "AWS::S3::Bucket"),
    ("aws_secretsmanager_secret", "AWS::SecretsManager::Secret"),
    // Config names the security group type after EC2, and records the default group too.
    ("aws_default_security_group", "AWS::EC2::SecurityGroup"),
    ("aws_security_group", "AWS::EC2::SecurityGroup"),
    (
        "aws_service_discovery_service",
        "AWS::ServiceDiscovery::Service",
    ),
    ("aws_sns_topic", "AWS::SNS::Topic"),
    ("aws_subnet", "AWS::EC2::Subnet"),
    ("aws_vpc", "AWS::EC2::VPC"),
    ("aws_vpc_endpoint", "AWS::EC2::VPCEndpoint"),
    ("aws_wafv2_web_acl", "AWS::WAFv2::WebACL"),
];

/// Not a resource: the compliance of each evaluated resource, recorded as a configuration item
/// whenever a rule's verdict on it changes. Recording it keeps the compliance timeline (what
/// was non-compliant, when, for how long) beside the configuration history.
pub const RESOURCE_COMPLIANCE: &str = "AWS::Config::ResourceCompliance";

/// Config's resource type for a Terraform type, when Config records it.
pub fn config_type(terraform_type: &str) -> Option<&'static str> {
    RECORDABLE
        .iter()
        .find(|(tf, _)| *tf == terraform_type)
        .map(|(_, config)| *config)
}

/// The tag every resource of a stack with Config carries (the provider's default tags): the
/// rules' scope, so they evaluate this stack's resources and no one else's.
pub const STACK_TAG: &str = "petgen:stack";

/// What the stack must do for a mirror to start compliant. A rule the stack does not meet
/// (point-in-time recovery off, say) would notify the alarm topic from the first evaluation,
/// so it is not rendered: lint reports that choice before apply instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// petgen always renders the resource compliant.
    Always,
    PointInTimeRecovery,
    TableDeletionProtection,
    TableCustomerManagedKey,
    ClusterDeletionProtection,
    ContainerInsights,
    ApiAccessLogs,
    LoadBalancerDeletionProtection,
    LoadBalancerWaf,
    MfaRequired,
    UserPoolDeletionProtection,
    ThreatProtection,
}

/// Which resources may trigger a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Resources carrying the stack tag ([`STACK_TAG`]).
    StackTag,
    /// The stack's user pool, by type and ID: Config's user pool items may not carry tags, and
    /// a tag scope that never matches would evaluate nothing, silently.
    UserPool,
}

/// A rule parameter whose value comes from the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    Fixed(&'static str, &'static str),
    /// The load balancer's listener ports, the only ones open to the internet.
    ListenerTcpPorts(&'static str),
    /// The user pool's threat protection mode (`AUDIT` or `ENFORCED`).
    ThreatProtectionMode(&'static str),
}

/// One AWS managed rule and the lint rule it mirrors. All are triggered by configuration
/// changes, so a scope keeps them to the stack's resources; three security group rules also
/// run daily ([`Mirror::periodic_too`]). Periodic-only rules (VPC flow logs, log group
/// retention and encryption, key rotation, the CloudTrail rules) are left out: they evaluate
/// every resource of their type in the account and region whatever the scope, so their
/// findings would be about resources the stack does not own.
#[derive(Debug, Clone, Copy)]
pub struct Mirror {
    /// The lint rule, e.g. `DDB001`.
    pub lint: &'static str,
    /// The managed rule's name in AWS's documentation, e.g. `dynamodb-pitr-enabled`.
    pub name: &'static str,
    /// Its `SourceIdentifier`, e.g. `DYNAMODB_PITR_ENABLED`.
    pub identifier: &'static str,
    /// The Config resource types it evaluates.
    pub types: &'static [&'static str],
    pub when: When,
    pub scope: Scope,
    /// The managed rule also runs every 24 hours, besides on changes. A scope need not hold
    /// for that run: it may evaluate every resource of its types in the account and region.
    pub periodic_too: bool,
    pub params: &'static [Param],
    /// What it checks, in one line.
    pub checks: &'static str,
}

impl Mirror {
    /// The rule's page in AWS Config's developer guide.
    pub fn doc_url(&self) -> String {
        format!(
            "https://docs.aws.amazon.com/config/latest/developerguide/{}.html",
            self.name
        )
    }
}

const TABLE: &[&str] = &["AWS::DynamoDB::Table"];
const SECURITY_GROUP: &[&str] = &["AWS::EC2::SecurityGroup"];
const TASK_DEFINITION: &[&str] = &["AWS::ECS::TaskDefinition"];
const LOAD_BALANCER: &[&str] = &["AWS::ElasticLoadBalancingV2::LoadBalancer"];
const USER_POOL: &[&str] = &["AWS::Cognito::UserPool"];
const DB_CLUSTER: &[&str] = &["AWS::RDS::DBCluster"];
// Config records an Aurora cluster's instances as DB instances.
const DB_INSTANCE: &[&str] = &["AWS::RDS::DBInstance"];

/// Every lint rule with an AWS managed rule equivalent, and that rule.
pub const MIRRORS: &[Mirror] = &[
    Mirror {
        lint: "RDS001",
        name: "rds-cluster-encrypted-at-rest",
        identifier: "RDS_CLUSTER_ENCRYPTED_AT_REST",
        types: DB_CLUSTER,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "the cluster's storage is encrypted",
    },
    Mirror {
        lint: "RDS002",
        name: "rds-cluster-deletion-protection-enabled",
        identifier: "RDS_CLUSTER_DELETION_PROTECTION_ENABLED",
        types: DB_CLUSTER,
        when: When::ClusterDeletionProtection,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "deletion protection is on for the cluster",
    },
    Mirror {
        lint: "RDS003",
        name: "rds-cluster-iam-authentication-enabled",
        identifier: "RDS_CLUSTER_IAM_AUTHENTICATION_ENABLED",
        types: DB_CLUSTER,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "IAM database authentication is on for the cluster",
    },
    Mirror {
        lint: "RDS007",
        name: "rds-automatic-minor-version-upgrade-enabled",
        identifier: "RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED",
        types: DB_INSTANCE,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "each instance takes minor engine versions automatically",
    },
    Mirror {
        lint: "RDS008",
        name: "rds-instance-public-access-check",
        identifier: "RDS_INSTANCE_PUBLIC_ACCESS_CHECK",
        types: DB_INSTANCE,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "no instance is publicly accessible",
    },
    Mirror {
        lint: "DDB001",
        name: "dynamodb-pitr-enabled",
        identifier: "DYNAMODB_PITR_ENABLED",
        types: TABLE,
        when: When::PointInTimeRecovery,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "point-in-time recovery is on for the table",
    },
    Mirror {
        lint: "DDB002",
        name: "dynamodb-table-encrypted-kms",
        identifier: "DYNAMODB_TABLE_ENCRYPTED_KMS",
        types: TABLE,
        when: When::TableCustomerManagedKey,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "the table is encrypted with a KMS key",
    },
    Mirror {
        lint: "DDB004",
        name: "dynamodb-table-deletion-protection-enabled",
        identifier: "DYNAMODB_TABLE_DELETION_PROTECTION_ENABLED",
        types: TABLE,
        when: When::TableDeletionProtection,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "deletion protection is on for the table",
    },
    Mirror {
        lint: "SG002",
        name: "restricted-ssh",
        identifier: "INCOMING_SSH_DISABLED",
        types: SECURITY_GROUP,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: true,
        params: &[],
        checks: "no security group admits SSH (port 22) from anywhere",
    },
    Mirror {
        lint: "SG002",
        name: "restricted-common-ports",
        identifier: "RESTRICTED_INCOMING_TRAFFIC",
        types: SECURITY_GROUP,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: true,
        params: &[],
        checks: "no security group admits the common admin and database ports (20, 21, 3389, 3306, 4333) from anywhere",
    },
    Mirror {
        lint: "SG004",
        name: "vpc-sg-open-only-to-authorized-ports",
        identifier: "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
        types: SECURITY_GROUP,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: true,
        params: &[Param::ListenerTcpPorts("authorizedTcpPorts")],
        checks: "a security group open to 0.0.0.0/0 is open only on authorized ports: the load balancer's listener ports, where there is one, and none otherwise",
    },
    Mirror {
        lint: "NET002",
        name: "vpc-default-security-group-closed",
        identifier: "VPC_DEFAULT_SECURITY_GROUP_CLOSED",
        types: SECURITY_GROUP,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "the VPC's default security group has no rules",
    },
    Mirror {
        lint: "NET003",
        name: "subnet-auto-assign-public-ip-disabled",
        identifier: "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED",
        types: &["AWS::EC2::Subnet"],
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "no subnet gives instances a public IP on launch",
    },
    Mirror {
        lint: "ECS001",
        name: "ecs-container-insights-enabled",
        identifier: "ECS_CONTAINER_INSIGHTS_ENABLED",
        types: &["AWS::ECS::Cluster"],
        when: When::ContainerInsights,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "Container Insights is on for the cluster",
    },
    Mirror {
        lint: "ECS004",
        name: "ecs-fargate-latest-platform-version",
        identifier: "ECS_FARGATE_LATEST_PLATFORM_VERSION",
        types: &["AWS::ECS::Service"],
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[Param::Fixed("latestLinuxVersion", "1.4.0")],
        checks: "the service runs on the latest Fargate platform version",
    },
    Mirror {
        lint: "ECS005",
        name: "ecs-containers-nonprivileged",
        identifier: "ECS_CONTAINERS_NONPRIVILEGED",
        types: TASK_DEFINITION,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "no container of the task definition is privileged",
    },
    Mirror {
        lint: "ECS006",
        name: "ecs-containers-readonly-access",
        identifier: "ECS_CONTAINERS_READONLY_ACCESS",
        types: TASK_DEFINITION,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "every container's root file system is read-only",
    },
    Mirror {
        lint: "ECS007",
        name: "ecs-task-definition-pid-mode-check",
        identifier: "ECS_TASK_DEFINITION_PID_MODE_CHECK",
        types: TASK_DEFINITION,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "no task definition shares the host's process namespace",
    },
    Mirror {
        lint: "API003",
        name: "api-gwv2-access-logs-enabled",
        identifier: "API_GWV2_ACCESS_LOGS_ENABLED",
        types: &["AWS::ApiGatewayV2::Stage"],
        when: When::ApiAccessLogs,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "the HTTP API stage writes access logs",
    },
    Mirror {
        lint: "LB004",
        name: "alb-http-drop-invalid-header-enabled",
        identifier: "ALB_HTTP_DROP_INVALID_HEADER_ENABLED",
        types: LOAD_BALANCER,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "the load balancer drops invalid HTTP headers",
    },
    Mirror {
        lint: "LB005",
        name: "elb-deletion-protection-enabled",
        identifier: "ELB_DELETION_PROTECTION_ENABLED",
        types: LOAD_BALANCER,
        when: When::LoadBalancerDeletionProtection,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "deletion protection is on for the load balancer",
    },
    Mirror {
        lint: "LB007",
        name: "alb-desync-mode-check",
        identifier: "ALB_DESYNC_MODE_CHECK",
        types: LOAD_BALANCER,
        when: When::Always,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[Param::Fixed("desyncMode", "defensive,strictest")],
        checks: "the load balancer's desync mitigation mode is defensive or strictest",
    },
    Mirror {
        lint: "LB008",
        name: "alb-waf-enabled",
        identifier: "ALB_WAF_ENABLED",
        types: LOAD_BALANCER,
        when: When::LoadBalancerWaf,
        scope: Scope::StackTag,
        periodic_too: false,
        params: &[],
        checks: "a WAF web ACL protects the load balancer",
    },
    Mirror {
        lint: "COG002",
        name: "cognito-user-pool-mfa-enabled",
        identifier: "COGNITO_USER_POOL_MFA_ENABLED",
        types: USER_POOL,
        when: When::MfaRequired,
        scope: Scope::UserPool,
        periodic_too: false,
        params: &[],
        checks: "the user pool requires MFA",
    },
    Mirror {
        lint: "COG003",
        name: "cognito-user-pool-advanced-security-enabled",
        identifier: "COGNITO_USER_POOL_ADVANCED_SECURITY_ENABLED",
        types: USER_POOL,
        when: When::ThreatProtection,
        scope: Scope::UserPool,
        periodic_too: false,
        params: &[Param::ThreatProtectionMode("SecurityMode")],
        checks: "the user pool's threat protection is in the profile's mode",
    },
    Mirror {
        lint: "COG007",
        name: "cognito-user-pool-deletion-protection-enabled",
        identifier: "COGNITO_USER_POOL_DELETION_PROTECTION_ENABLED",
        types: USER_POOL,
        when: When::UserPoolDeletionProtection,
        scope: Scope::UserPool,
        periodic_too: false,
        params: &[],
        checks: "deletion protection is on for the user pool",
    },
];

/// The managed rules that mirror lint rule `lint`.
pub fn mirrors_of(lint: &str) -> impl Iterator<Item = &'static Mirror> + '_ {
    MIRRORS.iter().filter(move |m| m.lint == lint)
}

/// The mirror with this `SourceIdentifier`.
pub fn mirror_by_identifier(identifier: &str) -> Option<&'static Mirror> {
    MIRRORS.iter().find(|m| m.identifier == identifier)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn each_managed_rule_and_terraform_type_is_listed_once() {
        let mut names = BTreeSet::new();
        for m in MIRRORS {
            assert!(names.insert(m.name), "{} is listed twice", m.name);
            assert_eq!(
                m.identifier,
                m.identifier.to_ascii_uppercase(),
                "{}: identifiers are upper case",
                m.name
            );
            assert!(!m.types.is_empty(), "{}: no resource type", m.name);
        }
        let mut types = BTreeSet::new();
        for (tf, _) in RECORDABLE {
            assert!(types.insert(tf), "{tf} is listed twice");
        }
    }

    #[test]
    fn every_rule_evaluates_a_type_petgen_can_record() {
        let recordable: BTreeSet<&str> = RECORDABLE.iter().map(|(_, c)| *c).collect();
        for m in MIRRORS {
            for ty in m.types {
                assert!(
                    recordable.contains(ty),
                    "{}: {ty} is never recorded",
                    m.name
                );
            }
        }
    }
}
