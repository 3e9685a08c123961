//! The attribute rules: for each resource of some types, one argument (at the top level, or in
//! a nested block) must be, or must not be, a literal. One row per rule; one check for all of
//! them.
//!
//! The check reads the argument as an [`Attr`]: absent, unknown or literal. An unknown value
//! (a variable without a value, a reference, a function petgen does not evaluate) never fires:
//! petgen cannot know it, and whatever decides it at plan time may well be right.
//!
//! A rule's documentation is its file `rules/<prefix>/<id>_<name>.rs`, which holds only that;
//! its fixtures are `tests/fixtures/lint/<ID>`. A rule that needs more than one argument of
//! one resource (another resource, a policy document, the cost estimate) keeps its own file.

use crate::hcl::semantic::{blocks_named, Res};
use crate::lint::context::{Attr, Ctx, ResFinding};
use crate::lint::{Finding, Rule, RuleMeta};
use hcl_edit::structure::Body;
use serde_json::Value;

/// A literal a row compares an argument with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lit {
    /// `true` or `false`, or the same as a string (Terraform converts `"true"`).
    Bool(bool),
    /// A number, or a string that parses as it.
    Num(f64),
    /// A string.
    Str(&'static str),
    /// A string in any case.
    NoCase(&'static str),
}

impl Lit {
    pub fn matches(self, v: &Value) -> bool {
        match self {
            Lit::Bool(b) => {
                *v == Value::Bool(b) || v.as_str() == Some(if b { "true" } else { "false" })
            }
            Lit::Num(n) => match v {
                Value::Number(x) => x.as_f64() == Some(n),
                Value::String(s) => s.parse::<f64>().ok() == Some(n),
                _ => false,
            },
            Lit::Str(s) => v.as_str() == Some(s),
            Lit::NoCase(s) => v.as_str().is_some_and(|x| x.eq_ignore_ascii_case(s)),
        }
    }

    /// The literal as HCL, e.g. for building test configurations from the table.
    pub fn hcl(self) -> String {
        match self {
            Lit::Bool(b) => b.to_string(),
            Lit::Num(n) => n.to_string(),
            Lit::Str(s) | Lit::NoCase(s) => format!("{s:?}"),
        }
    }
}

/// Which literals are fine.
#[derive(Debug, Clone, Copy)]
pub enum Allowed {
    Any,
    OneOf(&'static [Lit]),
    NoneOf(&'static [Lit]),
}

/// What a row asks of its argument.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    /// The argument must be written: its absence fires (the provider's default is the bad
    /// setting). Then some block must satisfy the row; otherwise every block that writes the
    /// argument must.
    pub required: bool,
    /// The literals that are fine.
    pub allowed: Allowed,
}

/// Written, and one of these.
pub const fn must_be(lits: &'static [Lit]) -> Expect {
    Expect {
        required: true,
        allowed: Allowed::OneOf(lits),
    }
}

/// Written, to anything.
pub const fn present() -> Expect {
    Expect {
        required: true,
        allowed: Allowed::Any,
    }
}

/// Written, and none of these.
pub const fn set_and_never(lits: &'static [Lit]) -> Expect {
    Expect {
        required: true,
        allowed: Allowed::NoneOf(lits),
    }
}

/// None of these when written; absence is fine.
pub const fn never(lits: &'static [Lit]) -> Expect {
    Expect {
        required: false,
        allowed: Allowed::NoneOf(lits),
    }
}

/// One of these when written; absence is fine.
pub const fn if_set_one_of(lits: &'static [Lit]) -> Expect {
    Expect {
        required: false,
        allowed: Allowed::OneOf(lits),
    }
}

impl Expect {
    /// Does this reading of the argument break the row? Unknown never does.
    pub fn fires(&self, attr: &Attr) -> bool {
        match attr {
            Attr::Absent => self.required,
            Attr::Unknown => false,
            Attr::Literal(v) => match self.allowed {
                Allowed::Any => false,
                Allowed::OneOf(lits) => !lits.iter().any(|l| l.matches(v)),
                Allowed::NoneOf(lits) => lits.iter().any(|l| l.matches(v)),
            },
        }
    }
}

/// A condition on another top-level argument for the row to apply, e.g. only to application
/// load balancers.
#[derive(Debug, Clone, Copy)]
pub struct When {
    pub argument: &'static str,
    /// The row applies when the argument is one of these.
    pub is: &'static [Lit],
    /// Whether it applies when the argument is absent (the provider's default is one of `is`).
    /// An unknown argument: the row does not apply, as petgen cannot know it should.
    pub absent: bool,
}

impl When {
    fn holds(&self, res: &Res) -> bool {
        match Attr::of(res, self.argument) {
            Attr::Absent => self.absent,
            Attr::Unknown => false,
            Attr::Literal(v) => self.is.iter().any(|l| l.matches(&v)),
        }
    }
}

/// Where a finding points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The argument, where it is written; else the resource.
    Argument,
    /// The resource.
    Resource,
}

/// One attribute rule.
#[derive(Debug)]
pub struct AttributeRule {
    pub meta: RuleMeta,
    /// The resource types it reads.
    pub types: &'static [&'static str],
    /// The argument: `name`, or `block.name` (`block.inner.name`) for one in nested blocks
    /// (`dynamic` blocks included).
    pub attribute: &'static str,
    pub expect: Expect,
    pub when: Option<When>,
    /// Only with production rules on (a production profile, or `--production`).
    pub production_only: bool,
    pub at: At,
    /// The finding's message: `{address}` is the resource's address, `{value}` the literal
    /// that fired.
    pub message: &'static str,
    /// The HCL change that fixes it.
    pub fix: &'static str,
}

impl AttributeRule {
    /// The bodies that may hold the argument, and its name: the resource's own body, or the
    /// nested blocks the path names (none when they are missing).
    pub fn sites<'a>(&self, res: &Res<'a>) -> (Vec<&'a Body>, &'static str) {
        let mut parts: Vec<&'static str> = self.attribute.split('.').collect();
        let name = parts.pop().unwrap_or(self.attribute);
        let mut bodies = vec![res.body()];
        for block in parts {
            bodies = bodies
                .into_iter()
                .flat_map(|b| blocks_named(b, block))
                .collect();
        }
        (bodies, name)
    }

    fn finding(
        &self,
        res: &Res,
        body: Option<&Body>,
        name: &str,
        value: Option<&Value>,
    ) -> Finding {
        let pos = match (self.at, body) {
            (At::Argument, Some(b)) => res.pos_in(b, name),
            _ => res.pos(),
        };
        let value = match value {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        let message = self
            .message
            .replace("{address}", &res.address)
            .replace("{value}", &value);
        res.finding(&self.meta, pos, message, self.fix)
    }

    fn check_resource(&self, res: &Res, out: &mut Vec<Finding>) {
        if self.when.is_some_and(|w| !w.holds(res)) {
            return;
        }
        let (bodies, name) = self.sites(res);
        let read: Vec<(&Body, Attr)> = bodies
            .iter()
            .map(|b| (*b, Attr::in_body(res, b, name)))
            .collect();
        if self.expect.required {
            // Some block must satisfy the row: a missing block is an absent argument.
            if read.is_empty() && self.expect.fires(&Attr::Absent) {
                out.push(self.finding(res, None, name, None));
            } else if !read.is_empty() && read.iter().all(|(_, a)| self.expect.fires(a)) {
                let (body, attr) = &read[0];
                out.push(self.finding(res, Some(body), name, attr.literal()));
            }
            return;
        }
        for (body, attr) in &read {
            if self.expect.fires(attr) {
                out.push(self.finding(res, Some(body), name, attr.literal()));
            }
        }
    }
}

impl Rule for AttributeRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>) {
        if self.production_only && !ctx.production() {
            return;
        }
        for ty in self.types {
            for res in ctx.resources(ty) {
                self.check_resource(&res, out);
            }
        }
    }
}

/// A row's [`RuleMeta`]; `doc` is its documentation file under `src/lint/rules/`, without
/// `.rs`.
macro_rules! meta {
    ($id:literal, $name:literal, $cat:ident, $sev:ident, [$($ck:literal),*], $fix:expr, $doc:literal) => {
        RuleMeta {
            id: $id,
            name: $name,
            category: crate::lint::Category::$cat,
            severity: crate::diagnostic::Severity::$sev,
            checkov: &[$($ck),*],
            profile_fix: $fix,
            reported_by: crate::lint::ReportedBy::Rule,
            path: concat!("src/lint/rules/", $doc, ".rs"),
            source: include_str!(concat!($doc, ".rs")),
        }
    };
}

const TRUE: Lit = Lit::Bool(true);
const FALSE: Lit = Lit::Bool(false);
const LOAD_BALANCERS: &[&str] = &["aws_lb", "aws_alb"];

/// Every attribute rule, in ID order.
pub static TABLE: &[AttributeRule] = &[
    AttributeRule {
        meta: meta!("ACM001", "acm-certificate-without-create-before-destroy", Reliability, Warning, ["CKV_AWS_233"], None, "acm/acm001_acm_certificate_without_create_before_destroy"),
        types: &["aws_acm_certificate"],
        attribute: "lifecycle.create_before_destroy",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} is deleted before its replacement exists, which ACM refuses while it is in use",
        fix: "add lifecycle { create_before_destroy = true }",
    },
    AttributeRule {
        meta: meta!("ACM002", "acm-certificate-transparency-logging-off", Security, Warning, ["CKV_AWS_234"], None, "acm/acm002_acm_certificate_transparency_logging_off"),
        types: &["aws_acm_certificate"],
        attribute: "options.certificate_transparency_logging_preference",
        expect: never(&[Lit::NoCase("DISABLED")]),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} is kept out of the Certificate Transparency logs",
        fix: "set certificate_transparency_logging_preference = \"ENABLED\"",
    },
    AttributeRule {
        meta: meta!("API003", "apigw-stage-access-logs", Security, Warning, ["CKV_AWS_76"], Some("api.access_logs = true"), "api/api003_apigw_stage_access_logs"),
        types: &["aws_apigatewayv2_stage", "aws_api_gateway_stage"],
        attribute: "access_log_settings.destination_arn",
        expect: present(),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} writes no access logs",
        fix: "add access_log_settings",
    },
    AttributeRule {
        meta: meta!("COG002", "cognito-mfa-off-in-production", Security, Error, [], Some("auth.mfa = \"ON\""), "cog/cog002_cognito_mfa_off_in_production"),
        types: &["aws_cognito_user_pool"],
        attribute: "mfa_configuration",
        expect: set_and_never(&[Lit::Str("OFF")]),
        when: None,
        production_only: true,
        at: At::Argument,
        message: "{address} has MFA off in production",
        fix: "set mfa_configuration = \"ON\"",
    },
    AttributeRule {
        meta: meta!("COG003", "cognito-threat-protection-off", Security, Warning, [], Some("auth.threat_protection = \"ENFORCED\""), "cog/cog003_cognito_threat_protection_off"),
        types: &["aws_cognito_user_pool"],
        attribute: "user_pool_add_ons.advanced_security_mode",
        expect: must_be(&[Lit::Str("AUDIT"), Lit::Str("ENFORCED")]),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} has threat protection off",
        fix: "set user_pool_add_ons.advanced_security_mode",
    },
    AttributeRule {
        meta: meta!("COG006", "cognito-identity-pool-unauthenticated", Security, Error, ["CKV_AWS_366"], None, "cog/cog006_cognito_identity_pool_unauthenticated"),
        types: &["aws_cognito_identity_pool"],
        attribute: "allow_unauthenticated_identities",
        expect: never(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} hands credentials to unauthenticated users",
        fix: "set allow_unauthenticated_identities = false",
    },
    AttributeRule {
        meta: meta!("COG007", "cognito-production-without-deletion-protection", Reliability, Warning, [], Some("project.production = true"), "cog/cog007_cognito_production_without_deletion_protection"),
        types: &["aws_cognito_user_pool"],
        attribute: "deletion_protection",
        expect: must_be(&[Lit::Str("ACTIVE")]),
        when: None,
        production_only: true,
        at: At::Argument,
        message: "{address} can be deleted, with every user in it",
        fix: "set deletion_protection = \"ACTIVE\"",
    },
    AttributeRule {
        meta: meta!("COG008", "cognito-production-default-email", Reliability, Warning, [], Some("auth.ses_identity_arn = \"arn:aws:ses:REGION:ACCOUNT:identity/ADDRESS\""), "cog/cog008_cognito_production_default_email"),
        types: &["aws_cognito_user_pool"],
        attribute: "email_configuration.email_sending_account",
        expect: must_be(&[Lit::Str("DEVELOPER")]),
        when: None,
        production_only: true,
        at: At::Resource,
        message: "{address} sends email through Cognito's built-in sender, which allows 50 messages a day",
        fix: "add email_configuration with email_sending_account = \"DEVELOPER\" and an SES source_arn",
    },
    AttributeRule {
        meta: meta!("DDB001", "dynamodb-pitr", Reliability, Warning, ["CKV_AWS_28", "CKV_AWS_165"], Some("data.point_in_time_recovery = true"), "ddb/ddb001_dynamodb_pitr"),
        types: &["aws_dynamodb_table", "aws_dynamodb_global_table"],
        attribute: "point_in_time_recovery.enabled",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} has point-in-time recovery off",
        fix: "enable point_in_time_recovery",
    },
    AttributeRule {
        meta: meta!("DDB004", "dynamodb-deletion-protection", Reliability, Warning, [], Some("data.deletion_protection = true"), "ddb/ddb004_dynamodb_deletion_protection"),
        types: &["aws_dynamodb_table"],
        attribute: "deletion_protection_enabled",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: true,
        at: At::Argument,
        message: "{address} can be deleted",
        fix: "set deletion_protection_enabled = true",
    },
    AttributeRule {
        meta: meta!("ECS003", "ecs-public-ip", Security, Error, ["CKV_AWS_333"], None, "ecs/ecs003_ecs_public_ip"),
        types: &["aws_ecs_service"],
        attribute: "network_configuration.assign_public_ip",
        expect: never(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} gives its tasks public IPs",
        fix: "set assign_public_ip = false",
    },
    AttributeRule {
        meta: meta!("ECS004", "ecs-platform-version", Security, Info, ["CKV_AWS_332"], None, "ecs/ecs004_ecs_platform_version"),
        types: &["aws_ecs_service"],
        attribute: "platform_version",
        expect: if_set_one_of(&[Lit::Str("LATEST")]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} pins Fargate platform {value}",
        fix: "use LATEST",
    },
    AttributeRule {
        meta: meta!("ECS007", "ecs-host-pid-namespace", Security, Error, ["CKV_AWS_335"], None, "ecs/ecs007_ecs_host_pid_namespace"),
        types: &["aws_ecs_task_definition"],
        attribute: "pid_mode",
        expect: never(&[Lit::Str("host")]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} shares the host PID namespace",
        fix: "remove pid_mode = \"host\"",
    },
    AttributeRule {
        meta: meta!("IAM013", "iam-root-access-key", Security, Error, ["CKV_AWS_348"], None, "iam/iam013_iam_root_access_key"),
        types: &["aws_iam_access_key"],
        attribute: "user",
        expect: never(&[Lit::Str("root")]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} is an access key for the root user",
        fix: "remove it",
    },
    AttributeRule {
        meta: meta!("KMS001", "kms-key-rotation", Security, Warning, ["CKV_AWS_7"], None, "kms/kms001_kms_key_rotation"),
        types: &["aws_kms_key"],
        attribute: "enable_key_rotation",
        expect: must_be(&[TRUE]),
        // Only symmetric keys rotate automatically.
        when: Some(When {
            argument: "customer_master_key_spec",
            is: &[Lit::Str("SYMMETRIC_DEFAULT")],
            absent: true,
        }),
        production_only: false,
        at: At::Argument,
        message: "{address} does not rotate",
        fix: "set enable_key_rotation = true",
    },
    AttributeRule {
        meta: meta!("KMS003", "kms-key-disabled", Reliability, Warning, ["CKV_AWS_227"], None, "kms/kms003_kms_key_disabled"),
        types: &["aws_kms_key"],
        attribute: "is_enabled",
        expect: never(&[FALSE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} is disabled",
        fix: "enable it or remove it",
    },
    AttributeRule {
        meta: meta!("LB002", "lb-target-group-plain-http", Security, Info, ["CKV_AWS_378"], None, "lb/lb002_lb_target_group_plain_http"),
        types: &["aws_lb_target_group", "aws_alb_target_group"],
        attribute: "protocol",
        expect: never(&[Lit::Str("HTTP")]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} speaks plain HTTP to its targets",
        fix: "use HTTPS",
    },
    AttributeRule {
        meta: meta!("LB004", "lb-keeps-invalid-headers", Security, Warning, ["CKV_AWS_131"], None, "lb/lb004_lb_keeps_invalid_headers"),
        types: LOAD_BALANCERS,
        attribute: "drop_invalid_header_fields",
        expect: must_be(&[TRUE]),
        // Only application load balancers parse HTTP headers.
        when: Some(When {
            argument: "load_balancer_type",
            is: &[Lit::Str("application")],
            absent: true,
        }),
        production_only: false,
        at: At::Argument,
        message: "{address} forwards invalid header fields",
        fix: "set drop_invalid_header_fields = true",
    },
    AttributeRule {
        meta: meta!("LB005", "lb-deletion-protection", Reliability, Warning, ["CKV_AWS_150"], None, "lb/lb005_lb_deletion_protection"),
        types: LOAD_BALANCERS,
        attribute: "enable_deletion_protection",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} can be deleted",
        fix: "set enable_deletion_protection = true",
    },
    AttributeRule {
        meta: meta!("LB007", "lb-desync-monitor-only", Security, Warning, ["CKV_AWS_328"], None, "lb/lb007_lb_desync_monitor_only"),
        types: LOAD_BALANCERS,
        attribute: "desync_mitigation_mode",
        expect: never(&[Lit::Str("monitor")]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} only monitors HTTP desync",
        fix: "use defensive or strictest",
    },
    AttributeRule {
        meta: meta!("LB010", "lb-cross-zone-off", Reliability, Info, ["CKV_AWS_152"], None, "lb/lb010_lb_cross_zone_off"),
        types: LOAD_BALANCERS,
        attribute: "enable_cross_zone_load_balancing",
        expect: must_be(&[TRUE]),
        // Application load balancers always balance across zones.
        when: Some(When {
            argument: "load_balancer_type",
            is: &[Lit::Str("network"), Lit::Str("gateway")],
            absent: false,
        }),
        production_only: false,
        at: At::Resource,
        message: "{address} balances only within each AZ",
        fix: "set enable_cross_zone_load_balancing = true",
    },
    AttributeRule {
        meta: meta!("LOG001", "log-group-no-expiry", Cost, Warning, ["CKV_AWS_66"], Some("logs.retention_days = 30"), "log/log001_log_group_no_expiry"),
        types: &["aws_cloudwatch_log_group"],
        attribute: "retention_in_days",
        expect: set_and_never(&[Lit::Num(0.0)]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} keeps logs forever",
        fix: "set retention_in_days",
    },
    AttributeRule {
        meta: meta!("LOG003", "log-group-cmk", Security, Warning, ["CKV_AWS_158"], None, "log/log003_log_group_cmk"),
        types: &["aws_cloudwatch_log_group"],
        attribute: "kms_key_id",
        expect: present(),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} uses an AWS-managed key",
        fix: "set kms_key_id to a customer-managed key",
    },
    AttributeRule {
        meta: meta!("NET003", "subnet-public-ip", Security, Warning, ["CKV_AWS_130"], None, "net/net003_subnet_public_ip"),
        types: &["aws_subnet"],
        attribute: "map_public_ip_on_launch",
        expect: never(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} gives every interface a public IP",
        fix: "set map_public_ip_on_launch = false",
    },
    AttributeRule {
        meta: meta!("NET012", "endpoint-service-auto-accept", Security, Warning, ["CKV_AWS_123"], None, "net/net012_endpoint_service_auto_accept"),
        types: &["aws_vpc_endpoint_service"],
        attribute: "acceptance_required",
        expect: never(&[FALSE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} accepts connections without review",
        fix: "set acceptance_required = true",
    },
    AttributeRule {
        meta: meta!("RDS001", "rds-cluster-unencrypted", Security, Error, ["CKV_AWS_96"], None, "rds/rds001_rds_cluster_unencrypted"),
        types: &["aws_rds_cluster"],
        attribute: "storage_encrypted",
        expect: must_be(&[TRUE]),
        // Aurora Serverless v1 is always encrypted; every other mode defaults to unencrypted.
        when: Some(When {
            argument: "engine_mode",
            is: &[Lit::Str("provisioned"), Lit::Str("global"), Lit::Str("parallelquery"), Lit::Str("multimaster"), Lit::Str("")],
            absent: true,
        }),
        production_only: false,
        at: At::Argument,
        message: "{address} keeps its storage, backups and snapshots unencrypted",
        fix: "set storage_encrypted = true (an existing cluster is encrypted by restoring a snapshot into a new one)",
    },
    AttributeRule {
        meta: meta!("RDS002", "rds-cluster-deletion-protection", Reliability, Warning, ["CKV_AWS_139"], Some("project.production = true"), "rds/rds002_rds_cluster_deletion_protection"),
        types: &["aws_rds_cluster"],
        attribute: "deletion_protection",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: true,
        at: At::Argument,
        message: "{address} can be deleted, and every pet with it",
        fix: "set deletion_protection = true",
    },
    AttributeRule {
        meta: meta!("RDS003", "rds-cluster-iam-auth-off", Security, Warning, ["CKV_AWS_162"], None, "rds/rds003_rds_cluster_iam_auth_off"),
        types: &["aws_rds_cluster"],
        attribute: "iam_database_authentication_enabled",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} accepts passwords only: no IAM database authentication",
        fix: "set iam_database_authentication_enabled = true",
    },
    AttributeRule {
        meta: meta!("RDS006", "rds-cluster-snapshot-tags", Reliability, Info, ["CKV_AWS_313"], None, "rds/rds006_rds_cluster_snapshot_tags"),
        types: &["aws_rds_cluster"],
        attribute: "copy_tags_to_snapshot",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} takes snapshots without its tags: their owner and cost center are lost",
        fix: "set copy_tags_to_snapshot = true",
    },
    AttributeRule {
        meta: meta!("RDS007", "rds-instance-minor-upgrades-off", Security, Warning, ["CKV_AWS_226"], None, "rds/rds007_rds_instance_minor_upgrades_off"),
        types: &["aws_rds_cluster_instance", "aws_db_instance"],
        attribute: "auto_minor_version_upgrade",
        // The provider's default is true: only an explicit false turns upgrades off.
        expect: if_set_one_of(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} never gets the engine's minor versions, which carry its security fixes",
        fix: "set auto_minor_version_upgrade = true",
    },
    AttributeRule {
        meta: meta!("RDS008", "rds-instance-public", Security, Error, ["CKV_AWS_17"], None, "rds/rds008_rds_instance_public"),
        types: &["aws_rds_cluster_instance", "aws_db_instance"],
        attribute: "publicly_accessible",
        expect: never(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} gets a public DNS name and address: the database answers from the internet wherever its security group lets it",
        fix: "set publicly_accessible = false",
    },
    AttributeRule {
        meta: meta!("RDS009", "rds-performance-insights-off", Reliability, Info, ["CKV_AWS_353"], Some("data.postgres.performance_insights = true"), "rds/rds009_rds_performance_insights_off"),
        types: &["aws_rds_cluster_instance", "aws_db_instance"],
        attribute: "performance_insights_enabled",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} keeps no Performance Insights: a slow query leaves no trace of where the time went",
        fix: "set performance_insights_enabled = true (7 days' retention is free)",
    },
    AttributeRule {
        meta: meta!("RDS010", "rds-performance-insights-cmk", Security, Warning, ["CKV_AWS_354"], None, "rds/rds010_rds_performance_insights_cmk"),
        types: &["aws_rds_cluster_instance", "aws_db_instance"],
        attribute: "performance_insights_kms_key_id",
        expect: present(),
        when: Some(When {
            argument: "performance_insights_enabled",
            is: &[TRUE],
            absent: false,
        }),
        production_only: false,
        at: At::Resource,
        message: "{address} encrypts its Performance Insights data (query text included) with the AWS-managed aws/rds key, not a customer-managed one",
        fix: "set performance_insights_kms_key_id to a customer-managed key",
    },
    AttributeRule {
        meta: meta!("RDS011", "rds-cluster-cmk", Security, Warning, ["CKV_AWS_327"], None, "rds/rds011_rds_cluster_cmk"),
        types: &["aws_rds_cluster"],
        attribute: "kms_key_id",
        expect: present(),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} is encrypted with the AWS-managed aws/rds key, not a customer-managed one",
        fix: "set kms_key_id to a customer-managed key (at creation: an existing cluster's key cannot change)",
    },
    AttributeRule {
        meta: meta!("RDS012", "rds-enhanced-monitoring-off", Reliability, Info, ["CKV_AWS_118"], None, "rds/rds012_rds_enhanced_monitoring_off"),
        types: &["aws_rds_cluster_instance", "aws_db_instance"],
        attribute: "monitoring_interval",
        expect: must_be(&[Lit::Num(1.0), Lit::Num(5.0), Lit::Num(10.0), Lit::Num(15.0), Lit::Num(30.0), Lit::Num(60.0)]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} has no enhanced monitoring: the operating system's per-process metrics are not collected",
        fix: "set monitoring_interval (1 to 60 seconds) and monitoring_role_arn",
    },
    AttributeRule {
        meta: meta!("RDS016", "rds-writer-pauses-in-production", Reliability, Warning, [], Some("data.postgres.min_acu = 0.5"), "rds/rds016_rds_writer_pauses_in_production"),
        types: &["aws_rds_cluster"],
        attribute: "serverlessv2_scaling_configuration.min_capacity",
        expect: never(&[Lit::Num(0.0)]),
        when: None,
        production_only: true,
        at: At::Argument,
        message: "{address} pauses when idle: the first request after a pause waits for the instance to resume, about 15 seconds",
        fix: "set min_capacity = 0.5 or more",
    },
    AttributeRule {
        meta: meta!("TRL001", "cloudtrail-log-file-validation", Security, Warning, ["CKV_AWS_36"], None, "trl/trl001_cloudtrail_log_file_validation"),
        types: &["aws_cloudtrail"],
        attribute: "enable_log_file_validation",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} does not validate its log files",
        fix: "set enable_log_file_validation = true",
    },
    AttributeRule {
        meta: meta!("TRL002", "cloudtrail-not-encrypted", Security, Warning, ["CKV_AWS_35"], None, "trl/trl002_cloudtrail_not_encrypted"),
        types: &["aws_cloudtrail"],
        attribute: "kms_key_id",
        expect: present(),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} writes log files without a KMS key",
        fix: "set kms_key_id",
    },
    AttributeRule {
        meta: meta!("TRL003", "cloudtrail-single-region", Security, Info, ["CKV_AWS_67"], None, "trl/trl003_cloudtrail_single_region"),
        types: &["aws_cloudtrail"],
        attribute: "is_multi_region_trail",
        expect: must_be(&[TRUE]),
        when: None,
        production_only: false,
        at: At::Argument,
        message: "{address} records one region only",
        fix: "set is_multi_region_trail = true",
    },
    AttributeRule {
        meta: meta!("TRL004", "cloudtrail-without-sns", Security, Info, ["CKV_AWS_252"], None, "trl/trl004_cloudtrail_without_sns"),
        types: &["aws_cloudtrail"],
        attribute: "sns_topic_name",
        expect: present(),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} notifies no SNS topic of new log files",
        fix: "set sns_topic_name",
    },
    AttributeRule {
        meta: meta!("TRL005", "cloudtrail-without-cloudwatch-logs", Security, Info, ["CKV2_AWS_10"], None, "trl/trl005_cloudtrail_without_cloudwatch_logs"),
        types: &["aws_cloudtrail"],
        attribute: "cloud_watch_logs_group_arn",
        expect: present(),
        when: None,
        production_only: false,
        at: At::Resource,
        message: "{address} sends no events to CloudWatch Logs",
        fix: "set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn",
    },
];
