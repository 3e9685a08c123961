//! Stage 1: typed profiles.
//!
//! A profile (`profiles/<name>.toml`) describes one environment of the petstore stack.
//! [`load`] reads it (following `extends`), [`validate`] checks the values against AWS rules,
//! and the result is a [`Profile`] that the render stage turns into Terraform.
//!
//! Every default lives in this file, next to the key it belongs to, and is documented in the
//! doc comment that also feeds `petgen schema profile` and the README's key reference.

pub mod checks;
pub mod load;
pub mod locate;
pub mod monitoring;
pub mod placeholders;
pub mod scaffold;
pub mod terraform_version;
pub mod words;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use load::{load_profile, profile_path, LoadedProfile};

/// One environment of the petstore stack.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Name of another profile in the same directory whose keys this one inherits.
    /// Tables merge key by key; any other value (including arrays) is replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Project-wide settings.
    #[serde(default)]
    pub project: Project,
    /// Tags applied to every resource through the provider's `default_tags`.
    /// Default: `{}`. Keys 1-128 characters, values 0-256, no `aws:` prefix, at most 50 tags.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// VPC, subnets, NAT gateways and security groups.
    #[serde(default)]
    pub network: Network,
    /// ECS cluster, Fargate task and service.
    #[serde(default)]
    pub service: Service,
    /// The DynamoDB pets table.
    #[serde(default)]
    pub data: Data,
    /// The Cloud Map namespace and service that API Gateway resolves tasks through.
    #[serde(default)]
    pub discovery: Discovery,
    /// The API Gateway HTTP API.
    #[serde(default)]
    pub api: Api,
    /// The Cognito user pool that issues the JWTs.
    #[serde(default)]
    pub auth: Auth,
    /// CloudWatch log groups.
    #[serde(default)]
    pub logs: Logs,
    /// Where terraform keeps the state of this environment.
    #[serde(default)]
    pub backend: Backend,
    /// CloudWatch alarms, the SNS topic they notify and the dashboard.
    #[serde(default)]
    pub monitoring: Monitoring,
    /// The CloudTrail trail of the pets table's item-level API calls.
    #[serde(default)]
    pub audit: Audit,
    /// Usage assumptions for `petgen cost`.
    #[serde(default)]
    pub usage: Usage,
    /// Monthly budget in USD; `petgen lint` and `petgen plan` fail when the estimate exceeds
    /// it. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_usd_per_month: Option<f64>,
    /// Refuse `petgen plan` and `apply` when the estimate is partial (some resource has no price
    /// in the region), because the budget cannot then be fully checked. Default: `false`: a
    /// partial estimate is reported, and only a priced part above the budget refuses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub budget_strict: bool,
    /// Accepted lint findings, each with its reason. Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

/// State storage kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BackendKind {
    /// `terraform.tfstate` beside the root (one person, one machine).
    Local,
    /// An S3 bucket, shared by a team, with state locking.
    S3,
}

/// Terraform state backend, rendered to `backend.tf`. The bucket and lock table live
/// outside this stack.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backend {
    /// `"local"` or `"s3"`. Default: `"local"`.
    #[serde(default = "default_backend_kind")]
    pub kind: BackendKind,
    /// S3 bucket holding the state (s3 only; required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    /// Object key of the state file (s3 only). Default: `"petstore/<environment>.tfstate"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Region of the bucket (s3 only). Default: `project.region`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Encrypt the state object at rest (s3 only). Default: `true`.
    #[serde(default = "default_true")]
    pub encrypt: bool,
    /// Lock the state with an S3 lock file (s3 only). Default: `true`.
    #[serde(default = "default_true")]
    pub use_lockfile: bool,
    /// Lock the state with this DynamoDB table instead of, or besides, the lock file (s3 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamodb_table: Option<String>,
}

impl Default for Backend {
    fn default() -> Self {
        Backend {
            kind: default_backend_kind(),
            bucket: None,
            key: None,
            region: None,
            encrypt: true,
            use_lockfile: true,
            dynamodb_table: None,
        }
    }
}

fn default_backend_kind() -> BackendKind {
    BackendKind::Local
}

/// Usage assumptions for the cost estimate. Names follow infracost's usage keys where
/// infracost has one.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// API requests per month (infracost: `monthly_requests`). Default: `1000000`.
    #[serde(default = "default_requests")]
    pub monthly_requests: f64,
    /// Share of requests that write a pet (POST), 0-1. Default: `0.1`.
    #[serde(default = "default_write_share")]
    pub write_share: f64,
    /// Average pet item size in KB. Default: `1`.
    #[serde(default = "default_one_f")]
    pub average_item_size_kb: f64,
    /// DynamoDB table size in GB (infracost: `storage_gb`). Default: `1`.
    #[serde(default = "default_one_f")]
    pub storage_gb: f64,
    /// GB per month through all NAT gateways (infracost: `monthly_data_processed_gb`).
    /// Default: `10`.
    #[serde(default = "default_nat_gb")]
    pub monthly_data_processed_gb: f64,
    /// GB per month the service writes to its log group (infracost:
    /// `monthly_data_ingested_gb`). Default: `2`.
    #[serde(default = "default_service_logs")]
    pub service_log_ingested_gb: f64,
    /// GB per month of API access logs. Default: `1`.
    #[serde(default = "default_one_f")]
    pub access_log_ingested_gb: f64,
    /// GB per month of VPC flow logs. Default: `5`.
    #[serde(default = "default_flow_logs")]
    pub flow_log_ingested_gb: f64,
    /// GB per month ingested by any other log group. Default: `1`.
    #[serde(default = "default_one_f")]
    pub other_log_ingested_gb: f64,
    /// Cognito monthly active users. Default: `1000`.
    #[serde(default = "default_mau")]
    pub monthly_active_users: f64,
    /// Expected average number of running tasks; with autoscaling, between min_count and
    /// max_count. Default: `service.desired_count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_task_count: Option<f64>,
    /// Cloud Map DiscoverInstances calls per month. Default: one per API request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_discovery_lookups: Option<f64>,
    /// CPU milliseconds the service spends per request, for the task-size rule. Default: `10`.
    #[serde(default = "default_cpu_ms")]
    pub cpu_ms_per_request: f64,
    /// GB per month through interface VPC endpoints (infracost:
    /// `monthly_data_processed_gb`). Default: `0`.
    #[serde(default)]
    pub endpoint_data_processed_gb: f64,
    /// Load balancer capacity units an ALB uses on average. Default: derived from the request
    /// volume, `alb_new_connections_per_request` and `average_transfer_kb` (an LCU-hour is
    /// 25 new connections a second or 1 GB processed, whichever is more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alb_lcu: Option<f64>,
    /// New TCP connections per request at an ALB: 1 without keep-alive, less with it.
    /// Default: `1`.
    #[serde(default = "default_one_f")]
    pub alb_new_connections_per_request: f64,
    /// Bytes per request at an ALB, request and response together, in KB. Default: `2`.
    #[serde(default = "default_transfer_kb")]
    pub average_transfer_kb: f64,
    /// GB a month of DynamoDB and S3 traffic that gateway endpoints, where the root has them,
    /// take off the NAT gateways. Default: the table traffic, `monthly_requests` ×
    /// `average_item_size_kb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway_endpoint_gb: Option<f64>,
    /// GB of ALB access logs stored in S3 (about 0.5 KB a request, gzip-compressed). Default:
    /// `1`.
    #[serde(default = "default_one_f")]
    pub load_balancer_log_stored_gb: f64,
}

impl Default for Usage {
    fn default() -> Self {
        Usage {
            monthly_requests: default_requests(),
            write_share: default_write_share(),
            average_item_size_kb: 1.0,
            storage_gb: 1.0,
            monthly_data_processed_gb: default_nat_gb(),
            service_log_ingested_gb: default_service_logs(),
            access_log_ingested_gb: 1.0,
            flow_log_ingested_gb: default_flow_logs(),
            other_log_ingested_gb: 1.0,
            monthly_active_users: default_mau(),
            average_task_count: None,
            monthly_discovery_lookups: None,
            cpu_ms_per_request: default_cpu_ms(),
            endpoint_data_processed_gb: 0.0,
            alb_lcu: None,
            alb_new_connections_per_request: 1.0,
            average_transfer_kb: default_transfer_kb(),
            load_balancer_log_stored_gb: 1.0,
            gateway_endpoint_gb: None,
        }
    }
}

fn default_requests() -> f64 {
    1_000_000.0
}
fn default_transfer_kb() -> f64 {
    2.0
}
fn default_write_share() -> f64 {
    0.1
}
fn default_one_f() -> f64 {
    1.0
}
fn default_nat_gb() -> f64 {
    10.0
}
fn default_service_logs() -> f64 {
    2.0
}
fn default_flow_logs() -> f64 {
    5.0
}
fn default_mau() -> f64 {
    1000.0
}
fn default_cpu_ms() -> f64 {
    10.0
}

/// CloudWatch alarms, the SNS topic they notify and the dashboard. The alarms and their
/// default thresholds are listed in the README's "Monitoring" section.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    /// Render the CloudWatch alarms and the SNS topic they notify. Default:
    /// `project.production`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alarms: Option<bool>,
    /// Render a CloudWatch dashboard of the same signals the alarms watch. Default: the value
    /// of `monitoring.alarms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dashboard: Option<bool>,
    /// E-mail addresses subscribed to the alarm topic. AWS mails each address a confirmation
    /// link, and nothing is delivered to it until its owner clicks that link. Default: `[]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Notify this existing SNS topic (`arn:aws:sns:<region>:<account>:<name>`, in
    /// `project.region`) instead of a topic the stack creates. Its access policy must let
    /// `cloudwatch.amazonaws.com` publish, and its KMS key, if any, must let CloudWatch use it.
    /// Default: none; the stack creates a topic encrypted with its own KMS key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_arn: Option<String>,
    /// Per-alarm overrides, keyed by alarm (`[monitoring.overrides.api-5xx-rate]`): any of
    /// `threshold`, `period` (seconds, a multiple of 60), `evaluation_periods` and
    /// `datapoints_to_alarm`. Default: none; the defaults are in the README.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, AlarmOverride>,
}

/// Overrides of one alarm's defaults.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlarmOverride {
    /// The value the alarm compares against, in the metric's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Seconds per datapoint, a multiple of 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<u32>,
    /// How many recent periods the alarm looks at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_periods: Option<u32>,
    /// How many of those periods must breach to alarm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datapoints_to_alarm: Option<u32>,
}

impl Monitoring {
    /// Whether the alarms are rendered.
    pub fn alarms_on(&self, production: bool) -> bool {
        self.alarms.unwrap_or(production)
    }

    /// Whether the dashboard is rendered.
    pub fn dashboard_on(&self, production: bool) -> bool {
        self.dashboard.unwrap_or(self.alarms_on(production))
    }
}

/// CloudTrail data events of the pets table, delivered to an S3 bucket the stack creates.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// Record every item-level call on the pets table (GetItem, PutItem, ...) with a CloudTrail
    /// trail. Billed per event. Default: `false`.
    #[serde(default)]
    pub table_data_events: bool,
    /// Record reads as well as writes. Reads are most of the traffic, so turning this off cuts
    /// the events (and their price) to the write share. Default: `true`.
    #[serde(default = "default_true")]
    pub read_events: bool,
    /// Days the trail's log files are kept in the bucket before they expire. Default: `365`.
    #[serde(default = "default_audit_expiry")]
    pub log_expiry_days: u32,
}

impl Default for Audit {
    fn default() -> Self {
        Audit {
            table_data_events: false,
            read_events: true,
            log_expiry_days: default_audit_expiry(),
        }
    }
}

fn default_audit_expiry() -> u32 {
    365
}

/// An accepted lint finding: `[[waivers]]` in a profile.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule ID, e.g. `"DDB001"` (see `petgen rules`).
    pub rule: String,
    /// The resource address the finding names, e.g.
    /// `"module.data.aws_dynamodb_table.pets"`.
    pub resource: String,
    /// Why the finding is accepted. Required.
    pub reason: String,
    /// Last day (`YYYY-MM-DD`) the waiver applies; after it, the waiver is itself a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// Project-wide settings.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Name prefix for every resource. Default: `"petstore"`.
    #[serde(default = "default_project_name")]
    pub name: String,
    /// Environment name used in resource names.
    /// Default: the profile's file name (`dev` for `profiles/dev.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// AWS region, e.g. `us-east-1`. Default: `"us-east-1"`.
    #[serde(default = "default_region")]
    pub region: String,
    /// Whether this profile is a production environment. Stricter lint rules apply.
    /// Default: `false`.
    #[serde(default)]
    pub production: bool,
    /// Terraform version constraint written to `required_version`. Default: `">= 1.10"`.
    #[serde(default = "default_terraform_version")]
    pub terraform_version: String,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            name: default_project_name(),
            environment: None,
            region: default_region(),
            production: false,
            terraform_version: default_terraform_version(),
        }
    }
}

/// How many NAT gateways to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NatGateways {
    /// One NAT gateway in the first AZ, shared by every private subnet (cheapest).
    Single,
    /// One NAT gateway per AZ, so losing an AZ does not cut the others off.
    PerAz,
}

/// VPC, subnets, NAT gateways and security groups.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// VPC CIDR block. Default: `"10.0.0.0/16"`.
    #[serde(default = "default_vpc_cidr")]
    pub vpc_cidr: String,
    /// Availability zones, each in the profile's region. At least one.
    /// Default: one zone of the region: the first zone ID where API Gateway VPC links run
    /// (`["use1-az1"]` in us-east-1), else the region's first zone name (`["<region>a"]`).
    #[serde(default = "default_azs")]
    pub availability_zones: Vec<String>,
    /// One public subnet CIDR per AZ, in AZ order. Default: the `/24`s at
    /// index 0, 1, ... of the VPC CIDR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_subnet_cidrs: Option<Vec<String>>,
    /// One private subnet CIDR per AZ, in AZ order. Default: the `/24`s at
    /// index 100, 101, ... of the VPC CIDR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_subnet_cidrs: Option<Vec<String>>,
    /// `"single"` or `"per_az"`. Default: `"single"`.
    #[serde(default = "default_nat_gateways")]
    pub nat_gateways: NatGateways,
    /// Send VPC flow logs (all traffic) to a CloudWatch log group. Default: `false`.
    #[serde(default)]
    pub flow_logs: bool,
}

impl Default for Network {
    fn default() -> Self {
        Network {
            vpc_cidr: default_vpc_cidr(),
            availability_zones: default_azs(),
            public_subnet_cidrs: None,
            private_subnet_cidrs: None,
            nat_gateways: default_nat_gateways(),
            flow_logs: false,
        }
    }
}

/// CPU architecture of the Fargate task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Architecture {
    /// Intel/AMD.
    #[serde(rename = "X86_64")]
    X86_64,
    /// Graviton: about 20% cheaper per vCPU-hour; the image must be built for arm64.
    #[serde(rename = "ARM64")]
    Arm64,
}

/// ECS cluster, Fargate task definition and service.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Bring your own image: run this image reference (e.g.
    /// `"registry.example.com/petstore:1.4.0"`) instead of the pet service petgen builds.
    /// Default: none, and then the stack gets an ECR repository and `petgen plan`/`apply`
    /// build `service/` for `architecture`, push it there and deploy it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Images the stack's ECR repository keeps; older ones expire (only when petgen builds the
    /// image). Default: `10`.
    #[serde(default = "default_keep_images")]
    pub keep_images: u32,
    /// The container health check command, run in the container without a shell; an empty
    /// list renders none. Default: `["/petstore", "healthcheck"]` (the pet service's own probe
    /// of `/health`) when petgen builds the image; none for an image you bring, since only
    /// you know its probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<Vec<String>>,
    /// ECS cluster name. Default: `"<project.name>-<environment>"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// ECS service name (also the container and task family name).
    /// Default: `"<project.name>-<environment>"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// Port the container listens on (1-65535). Default: `8080`.
    #[serde(default = "default_container_port")]
    pub container_port: u32,
    /// Task CPU units (256 = 0.25 vCPU). Must pair with `memory` as Fargate allows.
    /// Default: `256`.
    #[serde(default = "default_cpu")]
    pub cpu: u32,
    /// Task memory in MiB. Default: `512`.
    #[serde(default = "default_memory")]
    pub memory: u32,
    /// `"X86_64"` or `"ARM64"`. Default: `"X86_64"`.
    #[serde(default = "default_architecture")]
    pub architecture: Architecture,
    /// Tasks to run at deploy time. Default: `1`.
    #[serde(default = "default_one")]
    pub desired_count: u32,
    /// Autoscaling floor. Autoscaling is rendered only when `min_count < max_count`.
    /// Default: `1`.
    #[serde(default = "default_one")]
    pub min_count: u32,
    /// Autoscaling ceiling. Default: `1`.
    #[serde(default = "default_one")]
    pub max_count: u32,
    /// Target average CPU utilisation (percent) for target-tracking autoscaling.
    /// Default: `70`.
    #[serde(default = "default_cpu_target")]
    pub cpu_target_percent: u32,
    /// Enable CloudWatch Container Insights on the cluster. Default: `false`.
    #[serde(default)]
    pub container_insights: bool,
}

impl Default for Service {
    fn default() -> Self {
        Service {
            image: None,
            keep_images: default_keep_images(),
            health_check: None,
            cluster_name: None,
            service_name: None,
            container_port: default_container_port(),
            cpu: default_cpu(),
            memory: default_memory(),
            architecture: default_architecture(),
            desired_count: 1,
            min_count: 1,
            max_count: 1,
            cpu_target_percent: default_cpu_target(),
            container_insights: false,
        }
    }
}

/// DynamoDB billing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum BillingMode {
    /// On demand: pay per request.
    #[serde(rename = "PAY_PER_REQUEST")]
    PayPerRequest,
    /// Fixed read and write capacity units.
    #[serde(rename = "PROVISIONED")]
    Provisioned,
}

/// The DynamoDB pets table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// Table name. Default: `"<project.name>-<environment>-pets"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_name: Option<String>,
    /// `"PAY_PER_REQUEST"` or `"PROVISIONED"`. Default: `"PAY_PER_REQUEST"`.
    #[serde(default = "default_billing_mode")]
    pub billing_mode: BillingMode,
    /// Read capacity units; required with `PROVISIONED`, not allowed otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_capacity: Option<u32>,
    /// Write capacity units; required with `PROVISIONED`, not allowed otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_capacity: Option<u32>,
    /// Continuous backups (point-in-time recovery). Default: `false`.
    #[serde(default)]
    pub point_in_time_recovery: bool,
    /// Refuse `DeleteTable` until this is turned off. Default: `false`.
    #[serde(default)]
    pub deletion_protection: bool,
    /// Regions to replicate the table to (global table). Needs `PAY_PER_REQUEST`.
    /// Default: `[]`.
    #[serde(default)]
    pub replica_regions: Vec<String>,
    /// Which key encrypts the table at rest: `"aws_owned"` (DynamoDB's own key, free),
    /// `"aws_managed"` (the `aws/dynamodb` KMS key in the account, billed per request), or
    /// `"customer_managed"` (`kms_key_arn`, else a key the stack creates). Default:
    /// `"aws_owned"`.
    #[serde(default)]
    pub encryption: TableEncryption,
    /// With `encryption = "customer_managed"`: the KMS key to use. Default: a key the stack
    /// creates, with rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
}

/// The key that encrypts the pets table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableEncryption {
    /// DynamoDB's AWS-owned key: no KMS charge, no key in the account.
    #[default]
    AwsOwned,
    /// The account's `aws/dynamodb` AWS-managed KMS key.
    AwsManaged,
    /// A customer-managed KMS key.
    CustomerManaged,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            table_name: None,
            billing_mode: default_billing_mode(),
            read_capacity: None,
            write_capacity: None,
            point_in_time_recovery: false,
            deletion_protection: false,
            replica_regions: Vec::new(),
            encryption: TableEncryption::AwsOwned,
            kms_key_arn: None,
        }
    }
}

/// The Cloud Map namespace and service.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discovery {
    /// Private DNS namespace. Default: `"<project.name>.<environment>.local"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// TTL in seconds of the SRV records. Default: `10`.
    #[serde(default = "default_dns_ttl")]
    pub dns_ttl: u32,
}

impl Default for Discovery {
    fn default() -> Self {
        Discovery {
            namespace: None,
            dns_ttl: default_dns_ttl(),
        }
    }
}

/// HTTP methods of the pets route.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
pub enum Method {
    /// `GET /petstore/pets/{petId}`.
    #[serde(rename = "GET")]
    Get,
    /// `POST /petstore/pets/{petId}`.
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// What serves the API to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiKind {
    /// An API Gateway HTTP API reaching the tasks through a VPC link and Cloud Map.
    #[default]
    HttpApi,
    /// An internet-facing Application Load Balancer: HTTPS on the profile's domain,
    /// JWT validation on POST, WAF, and the tasks registered as IP targets.
    Alb,
}

/// The front door: an API Gateway HTTP API (the default) or an Application Load Balancer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// `"http_api"` or `"alb"`. Default: `"http_api"`.
    #[serde(default)]
    pub kind: ApiKind,
    /// The host name clients call, e.g. `"pets.example.com"`. Required with `kind = "alb"`;
    /// with the HTTP API it adds a custom domain (regional, TLS 1.2) mapped to the stage.
    /// Default: none (the HTTP API answers on its execute-api host name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    /// ARN of an issued ACM certificate covering `domain_name`, in the stack's region. Give
    /// this or `hosted_zone_id`. Default: none (issued by the stack when `hosted_zone_id` is
    /// given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_arn: Option<String>,
    /// A Route 53 public hosted zone ID of `domain_name`'s domain. The stack then creates the
    /// alias record `domain_name` → the API and, without `certificate_arn`, issues the
    /// certificate with DNS validation in this zone. Default: none (point the name at the API
    /// yourself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosted_zone_id: Option<String>,
    /// `alb` only: answer HTTP on port 80 with a permanent redirect to HTTPS. Default: `true`.
    #[serde(default = "default_true")]
    pub http_redirect: bool,
    /// `alb` only: attach a WAF web ACL with AWS's Known Bad Inputs rules (blocking) and
    /// Anonymous IP list (counting). Default: `true`.
    #[serde(default = "default_true")]
    pub waf: bool,
    /// API name. Default: `"<project.name>-<environment>"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Methods that need a Cognito JWT. Default: `["POST"]` (GET stays public).
    #[serde(default = "default_protected_methods")]
    pub protected_methods: Vec<Method>,
    /// Throttle the stage's default route. Default: `true`.
    #[serde(default = "default_true")]
    pub throttling: bool,
    /// Default-route burst limit (requests), 1-5000. Default: `100`.
    #[serde(default = "default_burst")]
    pub throttling_burst_limit: u32,
    /// Default-route steady rate limit (requests per second), up to 10000. Default: `50`.
    #[serde(default = "default_rate")]
    pub throttling_rate_limit: f64,
    /// Write stage access logs to a CloudWatch log group. Default: `true`.
    #[serde(default = "default_true")]
    pub access_logs: bool,
}

impl Default for Api {
    fn default() -> Self {
        Api {
            kind: ApiKind::HttpApi,
            domain_name: None,
            certificate_arn: None,
            hosted_zone_id: None,
            http_redirect: true,
            waf: true,
            name: None,
            protected_methods: default_protected_methods(),
            throttling: true,
            throttling_burst_limit: default_burst(),
            throttling_rate_limit: default_rate(),
            access_logs: true,
        }
    }
}

/// Cognito MFA setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Mfa {
    /// No MFA.
    #[serde(rename = "OFF")]
    Off,
    /// Users may enrol a TOTP authenticator.
    #[serde(rename = "OPTIONAL")]
    Optional,
    /// Every user must use a TOTP authenticator.
    #[serde(rename = "ON")]
    On,
}

/// How users recover their account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountRecovery {
    /// A code sent to the verified email address.
    VerifiedEmail,
    /// Only an administrator can reset the password.
    AdminOnly,
}

/// Cognito threat protection (advanced security); anything but `OFF` needs the PLUS tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ThreatProtection {
    /// Off (LITE/ESSENTIALS pricing).
    #[serde(rename = "OFF")]
    Off,
    /// Detect and log risky sign-ins without blocking.
    #[serde(rename = "AUDIT")]
    Audit,
    /// Detect and block risky sign-ins.
    #[serde(rename = "ENFORCED")]
    Enforced,
}

/// Password policy of the user pool.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordPolicy {
    /// Minimum length, 6-99. Default: `12`.
    #[serde(default = "default_password_length")]
    pub minimum_length: u32,
    /// Require a lowercase letter. Default: `true`.
    #[serde(default = "default_true")]
    pub require_lowercase: bool,
    /// Require an uppercase letter. Default: `true`.
    #[serde(default = "default_true")]
    pub require_uppercase: bool,
    /// Require a digit. Default: `true`.
    #[serde(default = "default_true")]
    pub require_numbers: bool,
    /// Require a symbol. Default: `true`.
    #[serde(default = "default_true")]
    pub require_symbols: bool,
    /// Days an admin-issued temporary password stays valid, 0-365. Default: `7`.
    #[serde(default = "default_temp_password_days")]
    pub temporary_password_validity_days: u32,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            minimum_length: default_password_length(),
            require_lowercase: true,
            require_uppercase: true,
            require_numbers: true,
            require_symbols: true,
            temporary_password_validity_days: default_temp_password_days(),
        }
    }
}

/// The Cognito user pool and its app client.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// User pool name. Default: `"<project.name>-<environment>-users"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_name: Option<String>,
    /// `"OFF"`, `"OPTIONAL"` or `"ON"` (TOTP). Default: `"OFF"`.
    #[serde(default = "default_mfa")]
    pub mfa: Mfa,
    /// `"verified_email"` or `"admin_only"`.
    /// Default: `"verified_email"`.
    #[serde(default = "default_account_recovery")]
    pub account_recovery: AccountRecovery,
    /// `"OFF"`, `"AUDIT"` or `"ENFORCED"`. Default: `"OFF"`.
    #[serde(default = "default_threat_protection")]
    pub threat_protection: ThreatProtection,
    /// Access and ID token lifetime in minutes, 5-1440. Default: `60`.
    #[serde(default = "default_token_minutes")]
    pub token_validity_minutes: u32,
    /// Refresh token lifetime in days, 1-3650. Default: `30`.
    #[serde(default = "default_refresh_days")]
    pub refresh_token_validity_days: u32,
    /// Let anyone create an account from the app client. Tokens authorize `POST`, so leave
    /// this off unless the product wants public accounts; operators create users with
    /// `aws cognito-idp admin-create-user`. Default: `false`.
    #[serde(default)]
    pub self_sign_up: bool,
    /// Allow `ADMIN_USER_PASSWORD_AUTH` on the app client, so an operator with AWS credentials
    /// (`cognito-idp:AdminInitiateAuth`) can get tokens with
    /// `aws cognito-idp admin-initiate-auth`. The flow is server-side: it needs IAM
    /// credentials, never a client secret, and is not open to the public. Default: `false`.
    #[serde(default)]
    pub admin_password_auth: bool,
    /// Password policy.
    #[serde(default)]
    pub password: PasswordPolicy,
    /// Send Cognito's email (invitations, codes) through SES from this verified identity's
    /// ARN instead of Cognito's built-in sender, which allows 50 messages a day. Default:
    /// none (the built-in sender).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ses_identity_arn: Option<String>,
    /// With `ses_identity_arn`: the From address, e.g. `"Petstore <no-reply@example.com>"`.
    /// Default: the identity's own address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_email_address: Option<String>,
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            user_pool_name: None,
            mfa: default_mfa(),
            account_recovery: default_account_recovery(),
            threat_protection: default_threat_protection(),
            token_validity_minutes: default_token_minutes(),
            refresh_token_validity_days: default_refresh_days(),
            self_sign_up: false,
            admin_password_auth: false,
            password: PasswordPolicy::default(),
            ses_identity_arn: None,
            from_email_address: None,
        }
    }
}

/// CloudWatch log groups.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logs {
    /// Retention in days for every log group; one of the values CloudWatch accepts
    /// (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
    /// 2192, 2557, 2922, 3288, 3653). Default: `7`.
    #[serde(default = "default_retention")]
    pub retention_days: u32,
}

impl Default for Logs {
    fn default() -> Self {
        Logs {
            retention_days: default_retention(),
        }
    }
}

fn default_project_name() -> String {
    "petstore".into()
}
fn default_region() -> String {
    "us-east-1".into()
}
fn default_terraform_version() -> String {
    ">= 1.10".into()
}
fn default_vpc_cidr() -> String {
    "10.0.0.0/16".into()
}
fn default_azs() -> Vec<String> {
    default_azs_for(&default_region())
}

/// The default zone of `region`: where the HTTP API's VPC link can use it.
pub fn default_azs_for(region: &str) -> Vec<String> {
    let id = checks::aws_facts::vpc_link_az_ids(region)
        .and_then(|ids| ids.first())
        .map(|id| id.to_string());
    vec![id.unwrap_or_else(|| format!("{region}a"))]
}
fn default_nat_gateways() -> NatGateways {
    NatGateways::Single
}
fn default_container_port() -> u32 {
    8080
}
fn default_cpu() -> u32 {
    256
}
fn default_memory() -> u32 {
    512
}
fn default_architecture() -> Architecture {
    Architecture::X86_64
}
fn default_one() -> u32 {
    1
}
fn default_keep_images() -> u32 {
    10
}
fn default_cpu_target() -> u32 {
    70
}
fn default_billing_mode() -> BillingMode {
    BillingMode::PayPerRequest
}
fn default_dns_ttl() -> u32 {
    10
}
fn default_protected_methods() -> Vec<Method> {
    vec![Method::Post]
}
fn default_burst() -> u32 {
    100
}
fn default_rate() -> f64 {
    50.0
}
fn default_true() -> bool {
    true
}
fn default_mfa() -> Mfa {
    Mfa::Off
}
fn default_account_recovery() -> AccountRecovery {
    AccountRecovery::VerifiedEmail
}
fn default_threat_protection() -> ThreatProtection {
    ThreatProtection::Off
}
fn default_token_minutes() -> u32 {
    60
}
fn default_refresh_days() -> u32 {
    30
}
fn default_password_length() -> u32 {
    12
}
fn default_temp_password_days() -> u32 {
    7
}
fn default_retention() -> u32 {
    7
}

impl Service {
    /// The health check command to render: the profile's, else the pet service's own probe
    /// when petgen builds the image.
    pub fn health_check_command(&self) -> Vec<String> {
        match (&self.health_check, &self.image) {
            (Some(cmd), _) => cmd.clone(),
            (None, None) => vec!["/petstore".into(), "healthcheck".into()],
            (None, Some(_)) => Vec::new(),
        }
    }
}

impl Profile {
    /// The environment name: `project.environment`, else the profile's own name.
    pub fn environment<'a>(&'a self, profile_name: &'a str) -> &'a str {
        self.project.environment.as_deref().unwrap_or(profile_name)
    }
}
