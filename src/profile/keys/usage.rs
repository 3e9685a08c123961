//! `[usage]`: the cost estimate's usage assumptions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Usage assumptions for the cost estimate. Names follow infracost's usage keys where
/// infracost has one.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Usage {
    /// API requests per month (infracost: `monthly_requests`). Default: `1000000`.
    pub monthly_requests: f64,
    /// Share of requests that write a pet (POST), 0-1. Default: `0.1`.
    pub write_share: f64,
    /// Average pet item size in KB. Default: `1`.
    pub average_item_size_kb: f64,
    /// Size of the pets' data in GB: the DynamoDB table, or the Aurora cluster volume
    /// (infracost: `storage_gb`). Default: `1`.
    pub storage_gb: f64,
    /// GB per month through all NAT gateways (infracost: `monthly_data_processed_gb`).
    /// Default: `10`.
    pub monthly_data_processed_gb: f64,
    /// GB per month the service writes to its log group (infracost:
    /// `monthly_data_ingested_gb`). Default: `2`.
    pub service_log_ingested_gb: f64,
    /// GB per month of API access logs. Default: `1`.
    pub access_log_ingested_gb: f64,
    /// GB per month of VPC flow logs. Default: `5`.
    pub flow_log_ingested_gb: f64,
    /// GB per month ingested by any other log group. Default: `1`.
    pub other_log_ingested_gb: f64,
    /// Cognito monthly active users. Default: `1000`.
    pub monthly_active_users: f64,
    /// Expected average number of running tasks; with autoscaling, between min_count and
    /// max_count. Default: `service.desired_count`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_task_count: Option<f64>,
    /// Cloud Map DiscoverInstances calls per month. Default: one per API request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_discovery_lookups: Option<f64>,
    /// CPU milliseconds the service spends per request, for the task-size rule. Default: `10`.
    pub cpu_ms_per_request: f64,
    /// GB per month through interface VPC endpoints (infracost:
    /// `monthly_data_processed_gb`). Default: `0`.
    pub endpoint_data_processed_gb: f64,
    /// Load balancer capacity units an ALB uses on average. Default: derived from the request
    /// volume, `alb_new_connections_per_request` and `average_transfer_kb` (an LCU-hour is
    /// 25 new connections a second or 1 GB processed, whichever is more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alb_lcu: Option<f64>,
    /// New TCP connections per request at an ALB: 1 without keep-alive, less with it.
    /// Default: `1`.
    pub alb_new_connections_per_request: f64,
    /// Bytes per request at an ALB, request and response together, in KB. Default: `2`.
    pub average_transfer_kb: f64,
    /// GB a month of DynamoDB and S3 traffic that gateway endpoints, where the root has them,
    /// take off the NAT gateways. Default: the table traffic, `monthly_requests` ×
    /// `average_item_size_kb`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_endpoint_gb: Option<f64>,
    /// GB of ALB access logs stored in S3 (about 0.5 KB a request, gzip-compressed). Default:
    /// `1`.
    pub load_balancer_log_stored_gb: f64,
    /// Configuration items AWS Config records a month, when `audit.config` is on: one per
    /// change to a recorded resource (a deployment changes the service and its task
    /// definition; each scaling step changes the service). Default: `500`.
    pub config_items_per_month: f64,
    /// Requests a second one Aurora Serverless v2 ACU serves, above the instance's minimum
    /// capacity: each instance is priced at `min_capacity` + requests a second / this, within
    /// its `max_capacity`. AWS publishes no CPU figure for an ACU (about 2 GiB of memory "with
    /// corresponding CPU"); the default assumes a pet lookup or insert costs PostgreSQL about
    /// 0.1 ms of CPU (the service's own statement runs at 8,000-8,900 a second on one
    /// connection, BENCHMARKS.md), an ACU about a quarter of a vCPU, and scaling well before
    /// the CPU is full. Measure `ServerlessDatabaseCapacity` and set it. 1 to 1,000,000.
    /// Default: `1000`.
    pub database_requests_per_second_per_acu: f64,
    /// Average ACUs of each Aurora Serverless v2 instance, measured
    /// (`ServerlessDatabaseCapacity`): replaces the figure derived from the request volume, and
    /// so no longer grows with it. Default: derived from `monthly_requests` and
    /// `database_requests_per_second_per_acu`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_average_acu: Option<f64>,
    /// Billed Aurora I/O operations per request (Aurora Standard; I/O-Optimized has no I/O
    /// charge). A write's commit sends its log records to storage (one write I/O); a read is
    /// billed only when its page is not in the buffer cache. Default: `0.2` (one in ten
    /// requests a write, and about one read in ten missing the cache). At most 1,000.
    pub database_io_per_request: f64,
}

impl Default for Usage {
    fn default() -> Self {
        Usage {
            monthly_requests: 1_000_000.0,
            write_share: 0.1,
            average_item_size_kb: 1.0,
            storage_gb: 1.0,
            monthly_data_processed_gb: 10.0,
            service_log_ingested_gb: 2.0,
            access_log_ingested_gb: 1.0,
            flow_log_ingested_gb: 5.0,
            other_log_ingested_gb: 1.0,
            monthly_active_users: 1000.0,
            average_task_count: None,
            monthly_discovery_lookups: None,
            cpu_ms_per_request: 10.0,
            endpoint_data_processed_gb: 0.0,
            alb_lcu: None,
            alb_new_connections_per_request: 1.0,
            average_transfer_kb: 2.0,
            load_balancer_log_stored_gb: 1.0,
            config_items_per_month: 500.0,
            database_requests_per_second_per_acu: 1000.0,
            database_average_acu: None,
            database_io_per_request: 0.2,
            gateway_endpoint_gb: None,
        }
    }
}
