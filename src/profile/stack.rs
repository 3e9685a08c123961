//! The stack: a checked profile with every default applied, every name derived and every AWS
//! word mapped, resolved once. Render, the generated README, cost's assumptions and the alarm
//! model read it; none of them re-derives a value from the profile.

use crate::facts::aws::{is_az_id, vpc_link_az_ids};
use crate::profile::checks::default_subnets;
use crate::profile::monitoring::MonitoringStack;
use crate::profile::{
    AccountRecovery, ApiKind, Architecture, AuroraStorage, BillingMode, ConfigBucket, Engine,
    Method, Mfa, NatGateways, PasswordPolicy, Profile, TableEncryption, ThreatProtection,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The pets table's key schema, shared with the pet service (which reads the same file).
#[derive(Debug, Deserialize)]
pub struct TableContract {
    pub hash_key: String,
    pub hash_key_type: String,
}

const TABLE_CONTRACT_JSON: &str = include_str!("../../contracts/pets-table.json");

/// Compiled in, not user input: a broken file is a build defect that every render test shows.
pub static TABLE_CONTRACT: LazyLock<TableContract> = LazyLock::new(|| {
    serde_json::from_str(TABLE_CONTRACT_JSON).expect("contracts/pets-table.json is valid")
});

#[derive(Debug, Clone, Serialize)]
pub struct Stack {
    /// The profile name (`dev`).
    pub profile: String,
    /// Where the profile lives, as shown in file headers.
    pub profile_file: String,
    pub environment: String,
    /// `<project>-<environment>`: the prefix of every resource name.
    pub name: String,
    pub region: String,
    pub production: bool,
    pub terraform_version: String,
    pub tags: BTreeMap<String, String>,
    pub network: NetworkModel,
    pub service: ServiceModel,
    pub data: DataModel,
    pub discovery: DiscoveryModel,
    pub api: ApiModel,
    pub auth: AuthModel,
    pub log_retention_days: u32,
    pub backend: BackendModel,
    /// The alarms' switches and every alarm's settings after the profile's overrides. The
    /// render stage turns them into CloudWatch resources (`render::monitoring`).
    #[serde(skip)]
    pub monitoring: MonitoringStack,
    /// The monthly budget the estimate must fit, if the profile sets one.
    #[serde(skip)]
    pub budget: Option<Budget>,
    pub audit: AuditModel,
}

/// `budget_usd_per_month` and `budget_strict`: what the estimate is held to. CST005, `petgen
/// cost` and the plan gate all ask these two questions, and only here.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub usd_per_month: f64,
    /// A partial estimate (some resource has no price) refuses too.
    pub strict: bool,
}

impl Budget {
    /// The estimate, or its priced part when partial, is over the budget.
    pub fn exceeded_by(&self, total_usd: f64) -> bool {
        total_usd > self.usd_per_month
    }

    /// A partial estimate cannot be held to this budget, and the profile refuses that.
    pub fn refuses(&self, partial: bool) -> bool {
        partial && self.strict
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditModel {
    /// Render the audit module: the trail of the table's data events and its bucket.
    pub enabled: bool,
    pub read_events: bool,
    pub log_expiry_days: u32,
    /// AWS Config, when the profile turns it on (`audit.config`).
    pub config: Option<ConfigModel>,
}

/// AWS Config's recorder, delivery and rules, as far as the profile decides them. The types it
/// records and the rules it renders follow from what the rest of the stack renders
/// (`render::config`).
#[derive(Debug, Clone, Serialize)]
pub struct ConfigModel {
    /// Deliver to a bucket of Config's own rather than the trail's.
    pub own_bucket: bool,
    /// Lint rules the profile waives somewhere: their Config mirrors are left out, since the
    /// waived resource would stay non-compliant and notify the alarm topic forever.
    pub waived_rules: Vec<String>,
    /// Days Config's own bucket keeps snapshots and history (the trail's expiry).
    pub log_expiry_days: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct BackendModel {
    pub s3: bool,
    pub bucket: String,
    pub key: String,
    pub region: String,
    pub encrypt: bool,
    pub use_lockfile: bool,
    pub dynamodb_table: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkModel {
    pub vpc_cidr: String,
    pub azs: Vec<String>,
    pub public_subnet_cidrs: Vec<String>,
    pub private_subnet_cidrs: Vec<String>,
    pub nat_gateway_azs: Vec<String>,
    pub flow_logs: bool,
    /// `azs` are AZ IDs (`use1-az1`): subnets are placed by `availability_zone_id`.
    pub by_zone_id: bool,
    /// AZ IDs where a VPC link cannot attach: its subnets leave them out.
    /// The region's zone IDs where API Gateway VPC links run (the guide's allow-list).
    /// Empty when the front door has no VPC link: the network then offers no VPC link subnets.
    pub vpc_link_az_ids: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceModel {
    pub cluster_name: String,
    pub service_name: String,
    /// petgen builds `service/` and pushes it to the stack's ECR repository.
    pub build: bool,
    /// The image to run when the profile brings its own (empty when `build`).
    pub image: String,
    /// The ECR repository's name, when `build`.
    pub repository_name: String,
    /// The execution role pulls from ECR: the stack's repository, or the one a brought image
    /// names.
    pub pulls_from_ecr: bool,
    /// The ECR repository of a brought image (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME`).
    pub image_repository_arn: Option<String>,
    pub keep_images: u32,
    /// The container health check command; empty for none.
    pub health_check: Vec<String>,
    pub container_port: u32,
    pub cpu: u32,
    pub memory: u32,
    pub cpu_architecture: &'static str,
    pub desired_count: u32,
    pub autoscaling: bool,
    pub min_count: u32,
    pub max_count: u32,
    pub cpu_target_percent: u32,
    pub container_insights: bool,
    /// The tasks register as IP targets of a load balancer's target group, rather than in a
    /// Cloud Map service: the root wires in whichever its front door uses.
    pub load_balanced: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataModel {
    pub table_name: String,
    /// The partition key and its type, from `contracts/pets-table.json`.
    pub hash_key: String,
    pub hash_key_type: String,
    pub billing_mode: &'static str,
    pub provisioned: bool,
    pub read_capacity: u32,
    pub write_capacity: u32,
    pub point_in_time_recovery: bool,
    pub deletion_protection: bool,
    pub replica_regions: Vec<String>,
    /// `aws_owned` renders no `server_side_encryption` block; `aws_managed` enables it with
    /// no key; `customer_managed` names `kms_key_arn`, or the stack's own key when empty.
    pub encryption: &'static str,
    pub kms_key_arn: String,
    /// The Aurora cluster, when `data.engine = "postgres"`: then nothing of the table renders.
    pub postgres: Option<PostgresModel>,
}

/// The Aurora PostgreSQL Serverless v2 cluster, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct PostgresModel {
    /// The cluster identifier, `<name>-pets`.
    pub cluster_identifier: String,
    pub database_name: String,
    pub engine_version: String,
    /// The cluster parameter group family, `aurora-postgresql<major>`.
    pub family: String,
    pub min_acu: f64,
    pub max_acu: f64,
    /// Set only with `min_acu = 0`: Aurora accepts it only then.
    pub auto_pause_seconds: Option<u32>,
    pub backup_retention_days: u32,
    pub performance_insights: bool,
    pub log_exports: bool,
    /// `aurora-iopt1` for I/O-Optimized; empty for Standard.
    pub storage_type: &'static str,
    /// Production: a final snapshot when the cluster is deleted, and a reader in a second zone.
    pub production: bool,
    /// `data.deletion_protection`, as for the table.
    pub deletion_protection: bool,
    /// The writer's zone ID: the first private subnet's.
    pub writer_zone_id: String,
    /// In production, a reader's zone ID: the second private subnet's.
    pub reader_zone_id: Option<String>,
    /// `PG_POOL_MAX` of each task.
    pub pool_max: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiscoveryModel {
    pub namespace: String,
    pub service_name: String,
    pub dns_ttl: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteModel {
    pub method: &'static str,
    /// Terraform resource name: `get_pet`, `post_pet`.
    pub resource: String,
    pub protected: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApiModel {
    /// An Application Load Balancer instead of the HTTP API, VPC link and Cloud Map.
    pub alb: bool,
    pub name: String,
    /// The host name clients call (always with an ALB; optional for the HTTP API), its
    /// certificate when the profile gives one, and the Route 53 zone of its alias record.
    pub domain_name: String,
    pub certificate_arn: String,
    pub hosted_zone_id: Option<String>,
    /// The API answers on `domain_name`: an ALB always, the HTTP API through a custom domain.
    pub custom_domain: bool,
    /// The stack issues the certificate itself: a domain and a zone, and no certificate given.
    pub issue_certificate: bool,
    pub http_redirect: bool,
    pub waf: bool,
    /// The ALB cannot be deleted while this is set (production).
    pub deletion_protection: bool,
    pub routes: Vec<RouteModel>,
    /// True when at least one route needs the JWT authorizer.
    pub authorizer: bool,
    pub throttling: bool,
    pub throttling_burst_limit: u32,
    pub throttling_rate_limit: f64,
    pub access_logs: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthModel {
    pub user_pool_name: String,
    pub mfa_configuration: &'static str,
    pub totp: bool,
    pub recovery_mechanism: &'static str,
    pub advanced_security_mode: Option<&'static str>,
    pub user_pool_tier: &'static str,
    pub token_validity_minutes: u32,
    pub refresh_token_validity_days: u32,
    /// Only administrators create users (no self sign-up).
    pub admin_create_user_only: bool,
    /// The app client's `explicit_auth_flows`.
    pub explicit_auth_flows: Vec<&'static str>,
    pub password: PasswordPolicy,
    /// `ACTIVE` in production: the pool, and every user in it, cannot be deleted by accident.
    pub deletion_protection: &'static str,
    pub ses_identity_arn: String,
    pub from_email_address: String,
}

impl Stack {
    /// `<project>-<environment>`: the prefix of every resource name, and the default of the
    /// names a profile may set. The checks ask it before a stack exists.
    pub fn base_name(profile_name: &str, p: &Profile) -> String {
        format!("{}-{}", p.project.name, p.environment(profile_name))
    }

    /// The stack of profile `name`, which has passed its checks.
    pub fn resolve(profile_name: &str, p: &Profile) -> Stack {
        let environment = p.environment(profile_name).to_string();
        let name = Stack::base_name(profile_name, p);
        let azs = p.network.availability_zones.clone();
        // Validation has already proven the defaults exist when a list is not given.
        let subnets = |given: &Option<Vec<String>>, base| {
            given
                .clone()
                .or_else(|| default_subnets(&p.network.vpc_cidr, azs.len(), base))
                .unwrap_or_default()
        };
        let nat_gateway_azs = match p.network.nat_gateways {
            NatGateways::Single => azs.iter().take(1).cloned().collect(),
            NatGateways::PerAz => azs.clone(),
        };
        let s = &p.service;
        let service_name = s.service_name.clone().unwrap_or_else(|| name.clone());
        let mut routes: Vec<RouteModel> = [Method::Get, Method::Post]
            .into_iter()
            .map(|m| RouteModel {
                method: m.as_str(),
                resource: format!("{}_pet", m.as_str().to_ascii_lowercase()),
                protected: p.api.protected_methods.contains(&m),
            })
            .collect();
        routes.sort_by_key(|r| r.method);
        let authorizer = routes.iter().any(|r| r.protected);

        Stack {
            profile: profile_name.to_string(),
            profile_file: format!("profiles/{profile_name}.toml"),
            environment: environment.clone(),
            name: name.clone(),
            region: p.project.region.clone(),
            production: p.project.production,
            terraform_version: p.project.terraform_version.clone(),
            tags: {
                let mut tags = p.tags.clone();
                if p.audit.config {
                    tags.insert(crate::facts::config::STACK_TAG.to_string(), name.clone());
                }
                tags
            },
            network: NetworkModel {
                vpc_cidr: p.network.vpc_cidr.clone(),
                public_subnet_cidrs: subnets(&p.network.public_subnet_cidrs, 0),
                private_subnet_cidrs: subnets(&p.network.private_subnet_cidrs, 100),
                azs,
                nat_gateway_azs,
                flow_logs: p.network.flow_logs,
                by_zone_id: p
                    .network
                    .availability_zones
                    .first()
                    .is_some_and(|a| is_az_id(a)),
                vpc_link_az_ids: vpc_link_az_ids(&p.project.region)
                    .filter(|_| p.api.kind == ApiKind::HttpApi)
                    .unwrap_or_default()
                    .to_vec(),
            },
            service: ServiceModel {
                cluster_name: s.cluster_name.clone().unwrap_or_else(|| name.clone()),
                service_name: service_name.clone(),
                build: s.image.is_none(),
                image: s.image.clone().unwrap_or_default(),
                repository_name: name.clone(),
                pulls_from_ecr: s.image.is_none()
                    || s.image.as_deref().and_then(ecr_repository_arn).is_some(),
                image_repository_arn: s.image.as_deref().and_then(ecr_repository_arn),
                keep_images: s.keep_images,
                health_check: s.health_check_command(),
                container_port: s.container_port,
                cpu: s.cpu,
                memory: s.memory,
                cpu_architecture: match s.architecture {
                    Architecture::X86_64 => "X86_64",
                    Architecture::Arm64 => "ARM64",
                },
                desired_count: s.desired_count,
                autoscaling: s.min_count < s.max_count,
                min_count: s.min_count,
                max_count: s.max_count,
                cpu_target_percent: s.cpu_target_percent,
                container_insights: s.container_insights,
                load_balanced: p.api.kind == ApiKind::Alb,
            },
            data: DataModel::from_profile(p, &name),
            discovery: DiscoveryModel {
                namespace: p
                    .discovery
                    .namespace
                    .clone()
                    .unwrap_or_else(|| format!("{}.{}.local", p.project.name, environment)),
                service_name: service_name.clone(),
                dns_ttl: p.discovery.dns_ttl,
            },
            api: ApiModel {
                alb: p.api.kind == ApiKind::Alb,
                name: p.api.name.clone().unwrap_or_else(|| name.clone()),
                domain_name: p.api.domain_name.clone().unwrap_or_default(),
                certificate_arn: p.api.certificate_arn.clone().unwrap_or_default(),
                hosted_zone_id: p.api.hosted_zone_id.clone(),
                custom_domain: p.api.domain_name.is_some(),
                issue_certificate: p.api.domain_name.is_some()
                    && p.api.hosted_zone_id.is_some()
                    && p.api.certificate_arn.is_none(),
                http_redirect: p.api.http_redirect,
                waf: p.api.waf,
                deletion_protection: p.project.production,
                routes,
                authorizer,
                throttling: p.api.throttling,
                throttling_burst_limit: p.api.throttling_burst_limit,
                throttling_rate_limit: p.api.throttling_rate_limit,
                access_logs: p.api.access_logs,
            },
            auth: AuthModel::from_profile(p, &name),
            log_retention_days: p.logs.retention_days,
            backend: BackendModel::from_profile(p, &environment),
            monitoring: MonitoringStack::resolve(p),
            budget: p.budget_usd_per_month.map(|usd_per_month| Budget {
                usd_per_month,
                strict: p.budget_strict,
            }),
            audit: AuditModel {
                enabled: p.audit.table_data_events,
                read_events: p.audit.read_events,
                log_expiry_days: p.audit.log_expiry_days,
                config: p.audit.config.then(|| ConfigModel {
                    own_bucket: match p.audit.config_bucket {
                        Some(ConfigBucket::Own) => true,
                        Some(ConfigBucket::Audit) => false,
                        None => !p.audit.table_data_events,
                    },
                    waived_rules: p
                        .waivers
                        .iter()
                        .map(|w| w.rule.clone())
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    log_expiry_days: p.audit.log_expiry_days,
                }),
            },
        }
    }
}

impl DataModel {
    fn from_profile(p: &Profile, name: &str) -> DataModel {
        DataModel {
            table_name: p
                .data
                .table_name
                .clone()
                .unwrap_or_else(|| format!("{name}-pets")),
            hash_key: TABLE_CONTRACT.hash_key.clone(),
            hash_key_type: TABLE_CONTRACT.hash_key_type.clone(),
            billing_mode: match p.data.billing_mode {
                BillingMode::PayPerRequest => "PAY_PER_REQUEST",
                BillingMode::Provisioned => "PROVISIONED",
            },
            provisioned: p.data.billing_mode == BillingMode::Provisioned,
            read_capacity: p.data.read_capacity.unwrap_or(0),
            write_capacity: p.data.write_capacity.unwrap_or(0),
            point_in_time_recovery: p.data.point_in_time_recovery,
            deletion_protection: p.data.deletion_protection,
            replica_regions: p.data.replica_regions.clone(),
            encryption: match p.data.encryption {
                TableEncryption::AwsOwned => "aws_owned",
                TableEncryption::AwsManaged => "aws_managed",
                TableEncryption::CustomerManaged => "customer_managed",
            },
            kms_key_arn: p.data.kms_key_arn.clone().unwrap_or_default(),
            postgres: (p.data.engine == Engine::Postgres).then(|| {
                let pg = p.data.postgres.clone().unwrap_or_default();
                let major = pg
                    .engine_version
                    .split('.')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                PostgresModel {
                    cluster_identifier: format!("{name}-pets"),
                    database_name: pg.database_name,
                    family: format!("aurora-postgresql{major}"),
                    engine_version: pg.engine_version,
                    // `-0` is accepted as 0 and rendered as `0`.
                    min_acu: pg.min_acu + 0.0,
                    max_acu: pg.max_acu,
                    auto_pause_seconds: (pg.min_acu == 0.0).then_some(pg.auto_pause_seconds),
                    backup_retention_days: pg.backup_retention_days,
                    performance_insights: pg.performance_insights,
                    log_exports: pg.log_exports,
                    storage_type: match pg.storage {
                        AuroraStorage::Standard => "",
                        AuroraStorage::IoOptimized => "aurora-iopt1",
                    },
                    production: p.project.production,
                    deletion_protection: p.data.deletion_protection,
                    writer_zone_id: p
                        .network
                        .availability_zones
                        .first()
                        .cloned()
                        .unwrap_or_default(),
                    reader_zone_id: p
                        .network
                        .availability_zones
                        .get(1)
                        .filter(|_| p.project.production)
                        .cloned(),
                    pool_max: crate::facts::service::PG_POOL_MAX,
                }
            }),
        }
    }
}

impl AuthModel {
    fn from_profile(p: &Profile, name: &str) -> AuthModel {
        let a = &p.auth;
        AuthModel {
            user_pool_name: a
                .user_pool_name
                .clone()
                .unwrap_or_else(|| format!("{name}-users")),
            mfa_configuration: match a.mfa {
                Mfa::Off => "OFF",
                Mfa::Optional => "OPTIONAL",
                Mfa::On => "ON",
            },
            totp: a.mfa != Mfa::Off,
            recovery_mechanism: match a.account_recovery {
                AccountRecovery::VerifiedEmail => "verified_email",
                AccountRecovery::AdminOnly => "admin_only",
            },
            advanced_security_mode: match a.threat_protection {
                ThreatProtection::Off => None,
                ThreatProtection::Audit => Some("AUDIT"),
                ThreatProtection::Enforced => Some("ENFORCED"),
            },
            user_pool_tier: match a.threat_protection {
                ThreatProtection::Off => "ESSENTIALS",
                _ => "PLUS",
            },
            token_validity_minutes: a.token_validity_minutes,
            refresh_token_validity_days: a.refresh_token_validity_days,
            admin_create_user_only: !a.self_sign_up,
            explicit_auth_flows: {
                let mut flows = vec!["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
                if a.admin_password_auth {
                    flows.push("ALLOW_ADMIN_USER_PASSWORD_AUTH");
                }
                flows
            },
            password: a.password.clone(),
            deletion_protection: if p.project.production {
                "ACTIVE"
            } else {
                "INACTIVE"
            },
            ses_identity_arn: a.ses_identity_arn.clone().unwrap_or_default(),
            from_email_address: a.from_email_address.clone().unwrap_or_default(),
        }
    }
}

impl BackendModel {
    fn from_profile(p: &Profile, environment: &str) -> BackendModel {
        BackendModel {
            s3: p.backend.kind == crate::profile::BackendKind::S3,
            bucket: p.backend.bucket.clone().unwrap_or_default(),
            key: p
                .backend
                .key
                .clone()
                .unwrap_or_else(|| format!("{}/{}.tfstate", p.project.name, environment)),
            region: p
                .backend
                .region
                .clone()
                .unwrap_or_else(|| p.project.region.clone()),
            encrypt: p.backend.encrypt,
            use_lockfile: p.backend.use_lockfile,
            dynamodb_table: p.backend.dynamodb_table.clone(),
        }
    }
}

/// The repository ARN of an image in a private ECR registry
/// (`ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/NAME[:TAG|@DIGEST]`); `None` for any other
/// registry, which the execution role needs no IAM permission to pull from.
pub fn ecr_repository_arn(image: &str) -> Option<String> {
    let (host, path) = image.split_once('/')?;
    let labels: Vec<&str> = host.split('.').collect();
    // ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn], or ACCOUNT.dkr-ecr.REGION.on.aws
    // (dual-stack).
    let (account, region) = match labels.as_slice() {
        [account, "dkr", "ecr" | "ecr-fips", region, "amazonaws", "com"]
        | [account, "dkr", "ecr", region, "amazonaws", "com", "cn"]
        | [account, "dkr-ecr", region, "on", "aws"] => (*account, *region),
        _ => return None,
    };
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let partition = if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    };
    let name = path.split(['@']).next()?;
    // A tag follows the last `:`, which never appears in a repository name.
    let name = name.rsplit_once(':').map_or(name, |(n, _)| n);
    (!name.is_empty()).then(|| format!("arn:{partition}:ecr:{region}:{account}:repository/{name}"))
}

#[cfg(test)]
mod tests {
    use super::ecr_repository_arn;

    #[test]
    fn ecr_images_name_their_repository() {
        assert_eq!(
            ecr_repository_arn("111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/petstore:1.4.0")
                .as_deref(),
            Some("arn:aws:ecr:eu-west-1:111122223333:repository/team/petstore")
        );
        assert_eq!(
            ecr_repository_arn("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/p@sha256:ab")
                .as_deref(),
            Some("arn:aws-cn:ecr:cn-north-1:111122223333:repository/p")
        );
        assert_eq!(
            ecr_repository_arn("111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/p:1").as_deref(),
            Some("arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/p")
        );
        assert_eq!(
            ecr_repository_arn("111122223333.dkr.ecr-fips.us-east-1.amazonaws.com/p:1").as_deref(),
            Some("arn:aws:ecr:us-east-1:111122223333:repository/p")
        );
        assert_eq!(
            ecr_repository_arn("111122223333.dkr-ecr.eu-west-1.on.aws/p:1").as_deref(),
            Some("arn:aws:ecr:eu-west-1:111122223333:repository/p")
        );
        assert_eq!(ecr_repository_arn("nginx:1.27"), None);
        assert_eq!(ecr_repository_arn("public.ecr.aws/nginx/nginx:1"), None);
        assert_eq!(
            ecr_repository_arn("registry.example.com/petstore:1.4.0"),
            None
        );
    }
}
