//! The cost estimate: hand-checked totals for the shipped profiles, one test per priced type,
//! an exact diff, and errors for regions without prices.

mod common;

use common::{petgen, repo};
use petgen::cost::compare::compare;
use petgen::cost::price_table::PriceTable;
use petgen::cost::{cents, estimate, Assumptions, Estimate};
use petgen::hcl::semantic::Model;
use petgen::hcl::ConfigIndex;
use petgen::profile::{load_profile, Usage};
use predicates::prelude::*;

fn shipped(name: &str) -> Estimate {
    let profile = load_profile(&repo().join("profiles"), name).unwrap();
    let index = ConfigIndex::load(&repo().join("generated").join(name)).unwrap();
    estimate(
        &Model::new(&index),
        "us-east-1",
        &Assumptions::for_profile(Some(&profile)),
        &PriceTable::embedded(),
    )
}

fn resource(e: &Estimate, address: &str) -> f64 {
    e.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("{address} not priced: {e:#?}"))
        .monthly_usd
}

/// dev: 1 AZ, one NAT, one 0.25 vCPU / 0.5 GB x86 task, on-demand table, 7-day logs;
/// usage: 100,000 requests, 10% writes, 1 KB items, 1 GB table, 5 GB through NAT, 50 MAU,
/// 2 GB service logs and 1 GB access logs.
#[test]
fn dev_total_matches_the_hand_calculation() {
    let e = shipped("dev");
    let retained_months = 7.0 * 12.0 / 365.0;
    let lines = [
        ("NAT gateway hours: 730 h × $0.045", cents(730.0 * 0.045)),
        (
            "NAT data: 5 GB less 0.1 GB of table traffic (100,000 × 1 KB) through the DynamoDB gateway endpoint, × $0.045",
            cents(4.9 * 0.045),
        ),
        ("NAT EIP public IPv4: 730 h × $0.005", cents(730.0 * 0.005)),
        (
            "Fargate vCPU: 1 task × 0.25 vCPU × 730 h × $0.04048",
            cents(0.25 * 730.0 * 0.04048),
        ),
        (
            "Fargate memory: 1 task × 0.5 GB × 730 h × $0.004445",
            cents(0.5 * 730.0 * 0.004445),
        ),
        (
            "DynamoDB writes: 100,000 × 10% = 0.01 M WRU × $0.625",
            cents(0.01 * 0.625),
        ),
        (
            "DynamoDB reads: 100,000 × 90% = 0.09 M RRU × $0.125",
            cents(0.09 * 0.125),
        ),
        ("DynamoDB storage: 1 GB, first 25 GB free", 0.0),
        ("API requests: 0.1 M × $1.00", cents(0.1 * 1.00)),
        ("Cloud Map instances: 1 × $0.10", cents(1.0 * 0.10)),
        ("Cloud Map lookups: 0.1 M × $1.00", cents(0.1 * 1.00)),
        ("Cognito Essentials: 50 MAU, first 10,000 free", 0.0),
        ("service logs ingestion: 2 GB × $0.50", cents(2.0 * 0.50)),
        (
            "service logs storage: 2 GB × 7/365×12 months × $0.03",
            cents(2.0 * retained_months * 0.03),
        ),
        ("access logs ingestion: 1 GB × $0.50", cents(1.0 * 0.50)),
        (
            "access logs storage: 1 GB × 7/365×12 months × $0.03",
            cents(1.0 * retained_months * 0.03),
        ),
    ];
    let total: f64 = lines.iter().map(|(_, usd)| usd).sum();
    assert_eq!(e.total_monthly_usd, cents(total), "{lines:#?}");
    assert_eq!(e.total_monthly_usd, 47.57);
    assert_eq!(
        resource(&e, "module.network.aws_nat_gateway.this[\"use1-az1\"]"),
        cents(32.85 + 0.22)
    );
    assert_eq!(
        resource(&e, "module.service.aws_ecs_service.this"),
        7.39 + 1.62
    );
}

/// prod: 3 AZs with a NAT each, 3 average ARM tasks of 0.5 vCPU / 1 GB, PITR, Plus tier;
/// usage: 50 M requests, 5% writes, 20 GB table, 200 GB through NAT, 20,000 MAU,
/// 20/15/40 GB of service/access/flow logs kept 365 days.
#[test]
fn prod_total_matches_the_hand_calculation() {
    let e = shipped("prod");
    let year = 365.0 * 12.0 / 365.0;
    // 50 GB of table traffic (50 M × 1 KB) goes through the DynamoDB gateway endpoint.
    let nat_gb = (200.0 - 50.0) / 3.0;
    let lines = [
        (
            "NAT gateway hours: 3 × 730 h × $0.045",
            3.0 * cents(730.0 * 0.045),
        ),
        ("NAT data: 3 × 50 GB × $0.045", 3.0 * cents(nat_gb * 0.045)),
        (
            "NAT EIP public IPv4: 3 × 730 h × $0.005",
            3.0 * cents(730.0 * 0.005),
        ),
        (
            "Fargate ARM vCPU: 3 tasks × 0.5 vCPU × 730 h × $0.03238",
            cents(3.0 * 0.5 * 730.0 * 0.03238),
        ),
        (
            "Fargate ARM memory: 3 tasks × 1 GB × 730 h × $0.00356",
            cents(3.0 * 1.0 * 730.0 * 0.00356),
        ),
        (
            "DynamoDB writes: 50 M × 5% = 2.5 M WRU × $0.625",
            cents(2.5 * 0.625),
        ),
        (
            "DynamoDB reads: 50 M × 95% = 47.5 M RRU × $0.125",
            cents(47.5 * 0.125),
        ),
        ("DynamoDB storage: 20 GB, first 25 GB free", 0.0),
        ("DynamoDB PITR: 20 GB × $0.20", cents(20.0 * 0.20)),
        (
            "API requests: 50 M × $1.00 (under the 300 M tier)",
            cents(50.0 * 1.00),
        ),
        ("Cloud Map instances: 3 × $0.10", cents(3.0 * 0.10)),
        ("Cloud Map lookups: 50 M × $1.00", cents(50.0 * 1.00)),
        ("Cognito Plus: 20,000 MAU × $0.020", cents(20_000.0 * 0.020)),
        (
            "service logs: 20 GB × $0.50 + 20 GB × 12 months × $0.03",
            cents(20.0 * 0.50) + cents(20.0 * year * 0.03),
        ),
        (
            "access logs: 15 GB × $0.50 + 15 GB × 12 months × $0.03",
            cents(15.0 * 0.50) + cents(15.0 * year * 0.03),
        ),
        (
            "flow logs: 40 GB × $0.50 + 40 GB × 12 months × $0.03",
            cents(40.0 * 0.50) + cents(40.0 * year * 0.03),
        ),
        (
            "alarm metrics: API 2 + 2 + 1, ECS 1 + 1 + 1, DynamoDB 2 + 2, NAT 3 × (1 + 1), \
             error lines 1, Config findings' delivery 1 = 20 × $0.10",
            cents(20.0 * 0.10),
        ),
        ("error-line custom metric: 1 × $0.30", cents(0.30)),
        ("dashboard: 1 × $3.00", cents(3.00)),
        (
            "KMS keys (alarm topic, trail): 2 × $1.00",
            cents(2.0 * 1.00),
        ),
        ("alarm e-mails: within the 1,000 free", 0.0),
        (
            "trail data events (writes only): 50 M × 5% = 2.5 M / 100,000 × $0.10",
            cents(25.0 * 0.10),
        ),
        (
            "trail log files: 2.5 M × 0.15 KB = 0.375 GB × 12 months × $0.023",
            cents(0.375 * 12.0 * 0.023),
        ),
        ("Config items: 500 × $0.003", cents(500.0 * 0.003)),
        // Each rule evaluates the items of its types: the 500 items spread over the 68
        // recorded resources (3 security groups, 6 subnets, one of each other checked type).
        // The three security group rules that also run daily add 3 groups × 730 / 24 days.
        (
            "Config rules on one resource (2 table, 3 task definition, 3 user pool, cluster, \
             service, stage): 11 × 500 / 68 × $0.001",
            11.0 * cents(500.0 / 68.0 * 0.001),
        ),
        (
            "Config rules on the 3 security groups, daily too: 3 × (500 × 3 / 68 + 3 × 730 / 24) \
             × $0.001",
            3.0 * cents((500.0 * 3.0 / 68.0 + 3.0 * 730.0 / 24.0) * 0.001),
        ),
        (
            "Config rule on the 3 security groups (the default group's): 500 × 3 / 68 × $0.001",
            cents(500.0 * 3.0 / 68.0 * 0.001),
        ),
        (
            "Config rule on the 6 subnets: 500 × 6 / 68 × $0.001",
            cents(500.0 * 6.0 / 68.0 * 0.001),
        ),
    ];
    let total: f64 = lines.iter().map(|(_, usd)| usd).sum();
    assert_eq!(e.total_monthly_usd, cents(total), "{lines:#?}");
    assert_eq!(e.total_monthly_usd, 747.71);
    assert!(
        e.not_priced
            .iter()
            .any(|n| n.contains("replica in us-west-2")),
        "{:?}",
        e.not_priced
    );
    assert!(e.not_priced.iter().any(
        |n| n.starts_with("module.discovery.aws_service_discovery_private_dns_namespace.this")
    ));
    assert!(e.free.contains(&"module.network.aws_vpc.this".to_string()));
}

/// Estimate a hand-written root.
fn estimate_hcl(hcl: &str, usage: Usage) -> Estimate {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), hcl).unwrap();
    let index = ConfigIndex::load(dir.path()).unwrap();
    let a = Assumptions {
        usage,
        default_task_count: 1.0,
    };
    estimate(
        &Model::new(&index),
        "us-east-1",
        &a,
        &PriceTable::embedded(),
    )
}

fn components(e: &Estimate) -> Vec<(String, f64, f64)> {
    e.resources
        .iter()
        .flat_map(|r| {
            r.components
                .iter()
                .map(|c| (c.name.clone(), c.quantity, c.monthly_usd))
        })
        .collect()
}

#[test]
fn nat_gateway_hours_and_data() {
    let e = estimate_hcl(
        "resource \"aws_nat_gateway\" \"a\" {\n  subnet_id = \"s\"\n}\n",
        Usage {
            monthly_data_processed_gb: 100.0,
            ..Usage::default()
        },
    );
    assert_eq!(
        components(&e),
        vec![
            ("NAT gateway".into(), 730.0, 32.85),
            ("Data processed".into(), 100.0, 4.5)
        ]
    );
}

#[test]
fn every_public_ipv4_address_is_billed() {
    let e = estimate_hcl(
        "resource \"aws_eip\" \"a\" {\n  count  = 2\n  domain = \"vpc\"\n}\n",
        Usage::default(),
    );
    assert_eq!(e.resources.len(), 2);
    assert_eq!(e.resources[0].address, "aws_eip.a[0]");
    assert_eq!(e.total_monthly_usd, 7.3);
}

#[test]
fn fargate_x86_and_arm() {
    let hcl = |arch: &str| {
        format!(
        "resource \"aws_ecs_task_definition\" \"t\" {{\n  family = \"t\"\n  cpu = 1024\n  memory = 2048\n  container_definitions = \"[]\"\n  runtime_platform {{\n    cpu_architecture = \"{arch}\"\n  }}\n}}\nresource \"aws_ecs_service\" \"s\" {{\n  name = \"s\"\n  launch_type = \"FARGATE\"\n  desired_count = 2\n  task_definition = aws_ecs_task_definition.t.arn\n}}\n"
    )
    };
    let x86 = estimate_hcl(&hcl("X86_64"), Usage::default());
    assert_eq!(
        x86.total_monthly_usd,
        cents(2.0 * 730.0 * 0.04048) + cents(2.0 * 2.0 * 730.0 * 0.004445)
    );
    let arm = estimate_hcl(&hcl("ARM64"), Usage::default());
    assert_eq!(
        arm.total_monthly_usd,
        cents(2.0 * 730.0 * 0.03238) + cents(2.0 * 2.0 * 730.0 * 0.00356)
    );
    let avg = estimate_hcl(
        &hcl("ARM64"),
        Usage {
            average_task_count: Some(3.5),
            ..Usage::default()
        },
    );
    assert_eq!(
        avg.total_monthly_usd,
        cents(3.5 * 730.0 * 0.03238) + cents(3.5 * 2.0 * 730.0 * 0.00356)
    );
}

#[test]
fn dynamodb_on_demand_provisioned_storage_and_pitr() {
    let usage = Usage {
        monthly_requests: 10e6,
        write_share: 0.2,
        average_item_size_kb: 3.0,
        storage_gb: 125.0,
        ..Usage::default()
    };
    let od = estimate_hcl("resource \"aws_dynamodb_table\" \"t\" {\n  name = \"t\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key = \"id\"\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n", usage.clone());
    // 2 M writes × 3 WRU (3 KB) = 6 M WRU; 8 M reads × 1 RRU (3 KB ≤ 4 KB) = 8 M RRU.
    assert_eq!(
        components(&od),
        vec![
            ("Write request units".into(), 6.0, cents(6.0 * 0.625)),
            ("Read request units".into(), 8.0, cents(8.0 * 0.125)),
            ("Storage (first 25 GB free)".into(), 100.0, 25.0),
            ("Point-in-time recovery".into(), 125.0, 25.0),
        ]
    );
    let prov = estimate_hcl("resource \"aws_dynamodb_table\" \"t\" {\n  name = \"t\"\n  billing_mode = \"PROVISIONED\"\n  read_capacity = 10\n  write_capacity = 5\n  hash_key = \"id\"\n}\n", usage);
    assert_eq!(
        prov.total_monthly_usd,
        cents(5.0 * 730.0 * 0.00065) + cents(10.0 * 730.0 * 0.00013) + 25.0
    );
}

/// An Aurora PostgreSQL Serverless v2 cluster with a writer and a tier-0 reader.
fn aurora(storage_type: &str, retention_days: u32) -> String {
    format!(
        r#"resource "aws_rds_cluster" "c" {{
  cluster_identifier          = "c"
  engine                      = "aurora-postgresql"
  storage_type                = "{storage_type}"
  backup_retention_period     = {retention_days}
  manage_master_user_password = true
  serverlessv2_scaling_configuration {{
    min_capacity = 0.5
    max_capacity = 4
  }}
}}
resource "aws_rds_cluster_instance" "i" {{
  count              = 2
  cluster_identifier = aws_rds_cluster.c.id
  engine             = aws_rds_cluster.c.engine
  instance_class     = "db.serverless"
  promotion_tier     = 0
}}
"#
    )
}

fn instance_acu_hours(e: &Estimate) -> Vec<f64> {
    e.resources
        .iter()
        .filter(|r| r.ty == "aws_rds_cluster_instance")
        .map(|r| r.components[0].quantity)
        .collect()
}

/// 2,628 M requests a month is 1,000 a second: 1 ACU at the default 1,000 requests a second
/// per ACU, on top of the 0.5 minimum, on the writer and on the reader that follows it.
#[test]
fn aurora_capacity_storage_io_backups_and_secret() {
    let usage = Usage {
        monthly_requests: 2628e6,
        storage_gb: 10.0,
        ..Usage::default()
    };
    let e = estimate_hcl(&aurora("aurora", 7), usage.clone());
    assert!(e.not_priced.is_empty(), "{:?}", e.not_priced);
    assert_eq!(instance_acu_hours(&e), vec![1.5 * 730.0; 2]);
    assert_eq!(
        resource(&e, "aws_rds_cluster_instance.i[1]"),
        cents(1.5 * 730.0 * 0.12)
    );
    // 262.8 GB written a month (10% writes of 1 KB), 7 days of it kept beyond the volume.
    let backup_gb = 262.8 * 7.0 / (730.0 / 24.0);
    let cluster: Vec<(String, f64, f64)> = components(&e)
        .into_iter()
        .filter(|(n, _, _)| !n.starts_with("Serverless v2"))
        .collect();
    assert_eq!(
        cluster,
        vec![
            ("Storage".into(), 10.0, 1.0),
            (
                "I/O (0.2 per request: commits' log writes, reads missing the cache)".into(),
                525.6,
                cents(525.6 * 0.2)
            ),
            (
                "Backups: 7 days of writes (up to the volume's size is free)".into(),
                backup_gb,
                cents(backup_gb * 0.021)
            ),
            (
                "RDS-managed master secret (Secrets Manager)".into(),
                1.0,
                0.4
            ),
        ]
    );

    // Held to the cluster's range: the minimum with no requests, the maximum beyond it.
    let idle = estimate_hcl(
        &aurora("aurora", 7),
        Usage {
            monthly_requests: 0.0,
            ..usage.clone()
        },
    );
    assert_eq!(instance_acu_hours(&idle), vec![0.5 * 730.0; 2]);
    let flooded = estimate_hcl(
        &aurora("aurora", 7),
        Usage {
            monthly_requests: 1e11,
            ..usage.clone()
        },
    );
    assert_eq!(instance_acu_hours(&flooded), vec![4.0 * 730.0; 2]);
    // A measured average replaces the derived one, and no longer follows the requests.
    let measured = estimate_hcl(
        &aurora("aurora", 7),
        Usage {
            monthly_requests: 1e11,
            database_average_acu: Some(2.0),
            ..usage.clone()
        },
    );
    assert_eq!(instance_acu_hours(&measured), vec![2.0 * 730.0; 2]);
}

/// I/O-Optimized: its own capacity and storage prices, and no I/O line; a day's retention of
/// backups is free.
#[test]
fn aurora_io_optimized_has_no_io_charge_and_one_day_of_backups_is_free() {
    let usage = Usage {
        monthly_requests: 2628e6,
        storage_gb: 10.0,
        ..Usage::default()
    };
    let e = estimate_hcl(&aurora("aurora-iopt1", 1), usage);
    let names: Vec<String> = components(&e).into_iter().map(|(n, _, _)| n).collect();
    assert!(!names.iter().any(|n| n.starts_with("I/O")), "{names:?}");
    assert_eq!(
        resource(&e, "aws_rds_cluster_instance.i[0]"),
        cents(1.5 * 730.0 * 0.16)
    );
    let c = &components(&e);
    assert!(c.contains(&(
        "Storage (I/O-Optimized: no I/O charge)".into(),
        10.0,
        cents(10.0 * 0.225)
    )));
    assert!(c.contains(&("Backups (1 day retained: free)".into(), 0.0, 0.0)));
}

#[test]
fn http_api_requests_are_tiered() {
    let e = estimate_hcl("resource \"aws_apigatewayv2_api\" \"a\" {\n  name = \"a\"\n  protocol_type = \"HTTP\"\n}\n", Usage { monthly_requests: 400e6, ..Usage::default() });
    assert_eq!(
        components(&e),
        vec![
            ("Requests (first 300M)".into(), 300.0, 300.0),
            ("Requests (over 300M)".into(), 100.0, 90.0)
        ]
    );
}

#[test]
fn cloud_map_instances_and_lookups() {
    let e = estimate_hcl(
        "resource \"aws_service_discovery_service\" \"s\" {\n  name = \"s\"\n}\n",
        Usage {
            monthly_requests: 5e6,
            average_task_count: Some(4.0),
            ..Usage::default()
        },
    );
    assert_eq!(e.total_monthly_usd, cents(4.0 * 0.10) + cents(5.0 * 1.00));
}

#[test]
fn cognito_tiers() {
    let pool = |tier: &str| {
        format!("resource \"aws_cognito_user_pool\" \"p\" {{\n  name = \"p\"\n  user_pool_tier = \"{tier}\"\n}}\n")
    };
    let mau = Usage {
        monthly_active_users: 150_000.0,
        ..Usage::default()
    };
    assert_eq!(
        estimate_hcl(&pool("ESSENTIALS"), mau.clone()).total_monthly_usd,
        cents(140_000.0 * 0.015)
    );
    assert_eq!(
        estimate_hcl(&pool("PLUS"), mau.clone()).total_monthly_usd,
        cents(150_000.0 * 0.020)
    );
    assert_eq!(
        estimate_hcl(&pool("LITE"), mau).total_monthly_usd,
        cents(90_000.0 * 0.0055) + cents(50_000.0 * 0.0046)
    );
}

#[test]
fn log_groups_ingestion_and_retained_storage() {
    let e = estimate_hcl("resource \"aws_cloudwatch_log_group\" \"service\" {\n  name = \"/ecs/x\"\n  retention_in_days = 30\n}\nresource \"aws_cloudwatch_log_group\" \"other\" {\n  name = \"/x\"\n}\n", Usage { service_log_ingested_gb: 10.0, other_log_ingested_gb: 4.0, ..Usage::default() });
    let service = cents(10.0 * 0.5) + cents(10.0 * (30.0 * 12.0 / 365.0) * 0.03);
    let other_forever_as_a_year = cents(4.0 * 0.5) + cents(4.0 * 12.0 * 0.03);
    assert_eq!(
        e.total_monthly_usd,
        cents(service + other_forever_as_a_year)
    );
    assert_eq!(e.assumptions["log_retention_without_expiry_months"], 12);
}

#[test]
fn interface_endpoints_kms_alb_and_waf() {
    let hcl = "resource \"aws_vpc_endpoint\" \"ecr\" {\n  vpc_id = \"v\"\n  service_name = \"com.amazonaws.us-east-1.ecr.api\"\n  vpc_endpoint_type = \"Interface\"\n  subnet_ids = [\"a\", \"b\"]\n}\n\
resource \"aws_vpc_endpoint\" \"s3\" {\n  vpc_id = \"v\"\n  service_name = \"com.amazonaws.us-east-1.s3\"\n}\n\
resource \"aws_kms_key\" \"k\" {}\n\
resource \"aws_lb\" \"alb\" {\n  load_balancer_type = \"application\"\n}\n\
resource \"aws_wafv2_web_acl\" \"w\" {\n  name = \"w\"\n  scope = \"REGIONAL\"\n  rule {\n    name = \"a\"\n  }\n  rule {\n    name = \"b\"\n  }\n}\n";
    let e = estimate_hcl(
        hcl,
        Usage {
            endpoint_data_processed_gb: 50.0,
            monthly_requests: 2e6,
            alb_lcu: Some(2.0),
            ..Usage::default()
        },
    );
    assert_eq!(
        resource(&e, "aws_vpc_endpoint.ecr"),
        cents(2.0 * 730.0 * 0.01) + cents(50.0 * 0.01)
    );
    assert!(e.free.contains(&"aws_vpc_endpoint.s3".to_string()));
    assert_eq!(resource(&e, "aws_kms_key.k"), 1.0);
    assert_eq!(
        resource(&e, "aws_lb.alb"),
        // Hours, LCUs, and a public IPv4 address in each of the two AZs an ALB needs at least.
        cents(730.0 * 0.0225) + cents(2.0 * 730.0 * 0.008) + cents(2.0 * 730.0 * 0.005)
    );
    assert_eq!(
        resource(&e, "aws_wafv2_web_acl.w"),
        5.0 + 2.0 + cents(2.0 * 0.60)
    );
}

#[test]
fn unknown_types_are_listed_as_not_priced() {
    let e = estimate_hcl(
        "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n",
        Usage::default(),
    );
    assert_eq!(
        e.not_priced,
        vec!["aws_sqs_queue.q: petgen has no price model for this type".to_string()]
    );
    assert_eq!(e.total_monthly_usd, 0.0);
}

/// Numbers no AWS resource can have are not priced, each with why, instead of becoming $inf,
/// negative gigabytes, one instance, or a billion materialised instances.
#[test]
fn absurd_numbers_are_not_priced_and_say_why() {
    let e = estimate_hcl(
        r#"
resource "aws_nat_gateway" "huge" {
  count         = 1e9
  allocation_id = "eipalloc-1"
  subnet_id     = "subnet-1"
}
resource "aws_eip" "negative" {
  count = -3
}
resource "aws_eip" "fraction" {
  count = 1.5
}
resource "aws_dynamodb_table" "t" {
  name           = "t"
  hash_key       = "id"
  read_capacity  = 1e308
  write_capacity = 5
}
resource "aws_ecs_task_definition" "td" {
  family                   = "x"
  cpu                      = 256
  memory                   = -1
  requires_compatibilities = ["FARGATE"]
  container_definitions    = "[]"
}
resource "aws_ecs_service" "s" {
  name            = "s"
  launch_type     = "FARGATE"
  task_definition = aws_ecs_task_definition.td.arn
}
resource "aws_nat_gateway" "ten" {
  count         = 10
  allocation_id = "eipalloc-1"
  subnet_id     = "subnet-1"
}
"#,
        Usage::default(),
    );
    assert_eq!(
        e.not_priced,
        vec![
            "aws_dynamodb_table.t: read_capacity = 1e308 is outside what AWS accepts (0 to 1000000)".to_string(),
            "aws_ecs_service.s: the task's memory = -1 is outside what AWS accepts (0 to 122880)".into(),
            "aws_eip.fraction: count = 1.5 is not a whole number of 0 or more".into(),
            "aws_eip.negative: count = -3 is not a whole number of 0 or more".into(),
            "aws_nat_gateway.huge: count = 1000000000 is more than the 10000 instances of one resource petgen models".into(),
        ]
    );
    assert!(e.total_monthly_usd.is_finite() && e.total_monthly_usd > 0.0);
    // The ten NAT gateways are priced one by one, once each.
    let ten: Vec<_> = e
        .resources
        .iter()
        .filter(|r| r.address.starts_with("aws_nat_gateway.ten["))
        .collect();
    assert_eq!(ten.len(), 10);
    assert!(ten
        .iter()
        .all(|r| r.monthly_usd == ten[0].monthly_usd && r.monthly_usd > 0.0));
}

/// A resource with no instances costs nothing and needs no price: nothing of it is priced,
/// assumed or reported missing.
#[test]
fn a_resource_with_count_zero_is_not_priced_at_all() {
    let e = estimate_hcl(
        "resource \"aws_cloudtrail\" \"t\" {\n  count          = 0\n  name           = \"t\"\n  s3_bucket_name = \"b\"\n}\n",
        Usage::default(),
    );
    assert!(e.resources.is_empty() && e.not_priced.is_empty(), "{e:?}");
    assert!(e.missing_prices.is_empty() && !e.is_partial(), "{e:?}");
}

#[test]
fn nat_per_az_diff_is_exact() {
    let nat = |azs: &str| {
        format!("resource \"aws_eip\" \"nat\" {{\n  for_each = toset({azs})\n  domain = \"vpc\"\n}}\nresource \"aws_nat_gateway\" \"this\" {{\n  for_each = toset({azs})\n  allocation_id = aws_eip.nat[each.key].id\n  subnet_id = \"s\"\n}}\n")
    };
    let usage = Usage {
        monthly_data_processed_gb: 90.0,
        ..Usage::default()
    };
    let single = estimate_hcl(&nat("[\"a\"]"), usage.clone());
    let per_az = estimate_hcl(&nat("[\"a\", \"b\", \"c\"]"), usage);
    let c = compare("single", &single, "per_az", &per_az);
    // Two more NATs with their addresses: 2 × ($32.85 + $3.65); the 90 GB are only split three ways.
    let want = cents(2.0 * (32.85 + 3.65) + 3.0 * cents(30.0 * 0.045) - cents(90.0 * 0.045));
    assert_eq!(c.delta, want);
    assert_eq!(c.delta, 73.0);
    let added: Vec<&str> = c
        .resources
        .iter()
        .filter(|r| r.marker() == "+")
        .map(|r| r.address.as_str())
        .collect();
    assert_eq!(added.len(), 4, "{added:?}");
}

/// A region without prices is costed as far as it goes: everything is listed as not priced,
/// with how to import the prices, and the exit code is still 0.
#[test]
fn a_region_without_prices_is_a_partial_estimate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), "provider \"aws\" {\n  region = \"eu-west-3\"\n}\nresource \"aws_eip\" \"a\" {\n  domain = \"vpc\"\n}\n").unwrap();
    petgen(dir.path())
        .args(["cost", "."])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "aws_eip.a: no price for public_ipv4_hour in eu-west-3",
        ))
        .stdout(predicate::str::contains(
            "Total: $0.00 per month (eu-west-3",
        ))
        .stderr(predicate::str::contains(
            "petgen prices fetch --region eu-west-3",
        ));
}

#[test]
fn cost_json_has_the_documented_shape() {
    let out = petgen(&repo())
        .args(["cost", "--profile", "dev", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["region"], "us-east-1");
    assert_eq!(v["total_monthly_usd"], 47.57);
    let nat = v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "aws_nat_gateway")
        .unwrap();
    assert_eq!(
        nat["address"],
        "module.network.aws_nat_gateway.this[\"use1-az1\"]"
    );
    assert_eq!(
        nat["components"][0],
        serde_json::json!({"name": "NAT gateway", "quantity": 730.0, "unit": "NAT-gateway-hour", "unit_price_usd": 0.045, "monthly_usd": 32.85})
    );
    assert!(v["free"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "module.network.aws_vpc.this"));
    assert!(!v["not_priced"].as_array().unwrap().is_empty());
    assert_eq!(v["assumptions"]["monthly_requests"], 100000.0);
}

#[test]
fn compare_prints_per_resource_deltas_and_markdown() {
    petgen(&repo())
        .args(["cost", "--profile", "prod", "--compare", "dev"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Monthly cost: dev $47.57 → prod $747.71 (+$700.14)",
        ))
        .stdout(predicate::str::contains(
            "+ module.network.aws_nat_gateway.this[\"use1-az2\"]",
        ));
    petgen(&repo())
        .args([
            "cost",
            "--profile",
            "prod",
            "--compare",
            "dev",
            "--format",
            "markdown",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "| resource | dev | prod | change |",
        ))
        .stdout(predicate::str::contains(
            "Monthly cost **dev $47.57 → prod $747.71**",
        ));
    petgen(&repo())
        .args(["cost", "--profile", "dev", "--compare-dir", "generated/dev"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Monthly cost: generated/dev $47.57 → dev $47.57 (+$0.00)",
        ));
}

/// prod-postgres against prod: Aurora's floor (two instances at 0.5 ACU) costs more than the
/// table at prod's 50M requests, and grows more slowly with requests, so the two meet at a
/// volume the cluster can serve within its 4 ACUs; no part of the cluster goes unpriced.
#[test]
fn prod_postgres_against_prod_names_the_break_even() {
    let out = petgen(&repo())
        .args([
            "cost",
            "--profile",
            "prod-postgres",
            "--compare",
            "prod",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let not_priced: Vec<&str> = v["head"]["not_priced"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .filter(|n| n.starts_with("module.data."))
        .collect();
    assert!(not_priced.is_empty(), "{not_priced:?}");
    let priced: Vec<&str> = v["head"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["address"].as_str())
        .filter(|a| a.starts_with("module.data."))
        .collect();
    assert_eq!(
        priced,
        [
            "module.data.aws_cloudwatch_log_group.postgresql",
            "module.data.aws_rds_cluster.this",
            "module.data.aws_rds_cluster_instance.reader",
            "module.data.aws_rds_cluster_instance.writer",
        ]
    );
    let b = &v["diff"]["break_even"];
    let at = b["monthly_requests"].as_f64().expect("a break-even volume");
    assert_eq!(b["cheaper_below"], "prod");
    assert_eq!(b["cheaper_above"], "prod-postgres");
    // Above prod's 50M; below the 4-ACU ceiling of the default 1,000 requests a second per
    // ACU (3,500 a second above the 0.5 minimum: about 9.2 billion a month).
    assert!(at > 50e6 && at < 3500.0 * 730.0 * 3600.0, "{at}");
    let text = petgen(&repo())
        .args(["cost", "--profile", "prod-postgres", "--compare", "prod"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Break-even: prod and prod-postgres cost the same at"),
        "{text}"
    );
    assert!(
        text.contains("below that prod is cheaper, above it prod-postgres"),
        "{text}"
    );
}

#[test]
fn over_budget_exits_1() {
    let p = common::project(&[(
        "x.toml",
        b"budget_usd_per_month = 10\n[service]\nimage = \"nginx\"\n",
    )]);
    petgen(p.path())
        .args(["render", "--profile", "x"])
        .assert()
        .success();
    petgen(p.path())
        .args(["cost", "--profile", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "exceeds budget_usd_per_month = 10 in profiles/x.toml",
        ));
    petgen(p.path())
        .args([
            "lint",
            "--profile",
            "x",
            "--select",
            "CST005",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"rule\": \"CST005\""));
}

#[test]
fn compare_ref_prices_the_root_as_committed() {
    let p = common::project(&[("dev.toml", b"[service]\nimage = \"nginx\"\n")]);
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(p.path())
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "base"]);
    // Two more NAT gateways (per AZ over three AZs): exactly 2 × ($32.85 + $3.65) more,
    // with the default 10 GB of NAT traffic now split three ways.
    std::fs::write(
        p.path().join("profiles/dev.toml"),
        b"[service]\nimage = \"nginx\"\n[network]\navailability_zones = [\"us-east-1a\", \"us-east-1b\", \"us-east-1c\"]\nnat_gateways = \"per_az\"\n",
    )
    .unwrap();
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    // The default million requests of 1 KB leave 1 GB of the 10 GB through the gateway endpoint.
    let delta = cents(2.0 * (32.85 + 3.65) + 3.0 * cents(9.0 / 3.0 * 0.045) - cents(9.0 * 0.045));
    petgen(p.path())
        .args(["cost", "--profile", "dev", "--compare-ref", "HEAD"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("(+${delta:.2})")))
        .stdout(predicate::str::contains(
            "+ module.network.aws_nat_gateway.this[\"us-east-1c\"]",
        ));

    // A profile added since the ref: compared with $0, everything in it new.
    std::fs::write(
        p.path().join("profiles/qa.toml"),
        b"[service]\nimage = \"nginx\"\n",
    )
    .unwrap();
    petgen(p.path())
        .args(["render", "--profile", "qa"])
        .assert()
        .success();
    let out = petgen(p.path())
        .args([
            "cost",
            "--profile",
            "qa",
            "--compare-ref",
            "HEAD",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["base"]["total_monthly_usd"], 0.0);
    assert_eq!(v["diff"]["delta"], v["head"]["total_monthly_usd"]);
    assert!(v["diff"]["base_name"]
        .as_str()
        .unwrap()
        .starts_with("HEAD (no "));
    // A ref that does not exist is still an error.
    petgen(p.path())
        .args(["cost", "--profile", "qa", "--compare-ref", "no-such-ref"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-ref is not a commit"));
}

#[test]
fn cost_output_fits_100_columns_and_says_integers_as_integers() {
    let out = petgen(&repo())
        .args(["cost", "--profile", "prod"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    assert!(text.contains("  monthly_active_users = 20000\n"), "{text}");
    assert!(
        text.contains("Free (") && text.contains("aws_subnet ×6"),
        "{text}"
    );
    assert!(text.contains("Budget: $800.00 a month"), "{text}");
    // Markdown carries what is not priced, the assumptions and the budget; JSON the budget.
    let md = petgen(&repo())
        .args(["cost", "--profile", "prod", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("**Not priced (") && md.contains("replica in us-west-2"),
        "{md}"
    );
    assert!(md.contains("`monthly_requests = 50000000`"), "{md}");
    assert!(md.contains("Budget: $800.00 a month"), "{md}");
    let json = petgen(&repo())
        .args(["cost", "--profile", "prod", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["budget_usd_per_month"], 800.0);
    assert_eq!(v["within_budget"], true);
}

/// `profiles/dev.toml` moved to `region`, rendered in a temporary project.
fn dev_in(region: &str) -> (tempfile::TempDir, Estimate) {
    // dev in another region: its zone too.
    let dev = std::fs::read_to_string(repo().join("profiles/dev.toml"))
        .unwrap()
        .replace("us-east-1", region)
        .replace("[\"use1-az1\"]", &format!("[\"{region}a\"]"));
    let p = common::project(&[("dev.toml", dev.as_bytes())]);
    petgen(p.path())
        .args(["render", "--profile", "dev"])
        .assert()
        .success();
    let profile = load_profile(&p.path().join("profiles"), "dev").unwrap();
    let index = ConfigIndex::load(&p.path().join("generated/dev")).unwrap();
    let e = estimate(
        &Model::new(&index),
        region,
        &Assumptions::for_profile(Some(&profile)),
        &PriceTable::embedded(),
    );
    (p, e)
}

/// Every shipped region prices every part of the dev stack except the Cognito plans, which
/// are sourced for us-east-1 only; `petgen cost` and `petgen check` work there.
#[test]
fn a_profile_in_each_shipped_region_is_costed() {
    let regions = [
        "us-east-1",
        "us-east-2",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "eu-west-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-northeast-1",
    ];
    assert_eq!(
        PriceTable::embedded().regions().collect::<Vec<_>>().len(),
        regions.len()
    );
    for region in regions {
        let (p, e) = dev_in(region);
        let want: Vec<String> = if region == "us-east-1" {
            Vec::new()
        } else {
            vec!["cognito_essentials_mau".into()]
        };
        assert_eq!(e.missing_prices, want, "{region}");
        assert!(e.total_monthly_usd > 40.0, "{region}: {e:#?}");
        // The user pool is the one priced resource of us-east-1 the others lack.
        assert_eq!(e.resources.len(), 9 - want.len(), "{region}");
        petgen(p.path())
            .args(["cost", "--profile", "dev"])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "Total: ${:.2} per month ({region}",
                e.total_monthly_usd
            )));
        petgen(p.path())
            .args(["check", "--profile", "dev"])
            .assert()
            .success();
    }
}

/// dev in eu-west-1 (EU- prices: NAT $0.048, HTTP API $1.11/M, DynamoDB $0.705/$0.1415 per
/// M, Logs $0.57/GB ingested); the user pool has no sourced eu-west-1 price and is listed.
#[test]
fn dev_in_eu_west_1_matches_the_hand_calculation() {
    let (_p, e) = dev_in("eu-west-1");
    let retained_months = 7.0 * 12.0 / 365.0;
    let lines = [
        ("NAT gateway hours: 730 h × $0.048", cents(730.0 * 0.048)),
        ("NAT data: 5 GB × $0.048", cents(5.0 * 0.048)),
        ("NAT EIP public IPv4: 730 h × $0.005", cents(730.0 * 0.005)),
        (
            "Fargate vCPU: 1 task × 0.25 vCPU × 730 h × $0.04048",
            cents(0.25 * 730.0 * 0.04048),
        ),
        (
            "Fargate memory: 1 task × 0.5 GB × 730 h × $0.004445",
            cents(0.5 * 730.0 * 0.004445),
        ),
        ("DynamoDB writes: 0.01 M WRU × $0.705", cents(0.01 * 0.705)),
        ("DynamoDB reads: 0.09 M RRU × $0.1415", cents(0.09 * 0.1415)),
        ("DynamoDB storage: 1 GB, first 25 GB free", 0.0),
        ("API requests: 0.1 M × $1.11", cents(0.1 * 1.11)),
        ("Cloud Map instances: 1 × $0.10", cents(1.0 * 0.10)),
        ("Cloud Map lookups: 0.1 M × $1.00", cents(0.1 * 1.00)),
        ("service logs ingestion: 2 GB × $0.57", cents(2.0 * 0.57)),
        (
            "service logs storage: 2 GB × 7/365×12 months × $0.03",
            cents(2.0 * retained_months * 0.03),
        ),
        ("access logs ingestion: 1 GB × $0.57", cents(1.0 * 0.57)),
        (
            "access logs storage: 1 GB × 7/365×12 months × $0.03",
            cents(1.0 * retained_months * 0.03),
        ),
    ];
    let total: f64 = lines.iter().map(|(_, usd)| usd).sum();
    assert_eq!(e.total_monthly_usd, cents(total), "{lines:#?}");
    assert_eq!(e.total_monthly_usd, 50.0);
    assert_eq!(
        resource(&e, "module.network.aws_nat_gateway.this[\"eu-west-1a\"]"),
        cents(35.04 + 0.24)
    );
    assert!(e.not_priced.contains(
        &"module.auth.aws_cognito_user_pool.this: no price for cognito_essentials_mau in eu-west-1"
            .to_string()
    ));
}
