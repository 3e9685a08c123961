//! Whole-output snapshots (HCL and README) of fixture profiles that together set every
//! profile key: `every_profile_key_is_set_by_a_snapshot_fixture` holds them to that. Each test
//! also asserts the property its name states, so a change that breaks the property fails here
//! even when the snapshot is accepted with it.
//! The shipped profiles are pinned by generated/ and `render --check` instead.

mod common;

use hcl_edit::structure::Body;
use petgen::hcl::semantic::{blocks_named, Model, Res};
use petgen::hcl::{ConfigIndex, Memory};
use petgen::pipeline::root::render_profile;
use petgen::profile::{load_profile, LoadedProfile, Profile};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The fixtures the snapshot tests render, each by exactly one test below. `base` is read
/// through `child`'s `extends`.
const FIXTURES: &[&str] = &[
    "minimal",
    "multi-az-arm",
    "provisioned-open",
    "child",
    "alb-lean",
    "http-domain",
    "monitored",
    "named-tuned",
    "prod-costed",
    "config-own",
    "postgres-paused",
];

/// A fixture profile, rendered as `petgen render` renders it, and its HCL indexed.
struct Stack {
    loaded: LoadedProfile,
    files: Vec<(PathBuf, String)>,
    index: ConfigIndex,
}

fn stack(name: &str) -> Stack {
    let dir = common::repo().join("tests/fixtures/profiles");
    let loaded = load_profile(&dir, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    // As `petgen render` does it: the templates, then the README drawn from the HCL.
    let root = render_profile(&loaded, &Path::new("generated").join(name))
        .expect("renders")
        .root;
    let files: Vec<(PathBuf, String)> = root
        .files
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect();
    let at = Path::new("root");
    let memory = Memory(files.iter().map(|(p, c)| (at.join(p), c.clone())).collect());
    let index = ConfigIndex::load_from(at, &memory).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    Stack {
        loaded,
        files,
        index,
    }
}

impl Stack {
    fn snapshot(&self) -> String {
        let mut out = String::new();
        for (path, contents) in &self.files {
            out.push_str(&format!("=== {} ===\n{}\n", path.display(), contents));
        }
        out
    }

    fn model(&self) -> Model<'_> {
        Model::new(&self.index)
    }

    /// A rendered file's text with every run of spaces made one, so an assertion on
    /// `key = value` does not depend on how `terraform fmt` aligns the `=`.
    fn text(&self, file: &str) -> String {
        let (_, body) = self
            .files
            .iter()
            .find(|(p, _)| p == Path::new(file))
            .unwrap_or_else(|| panic!("{}: no {file}", self.loaded.name));
        squeeze(body)
    }

    /// Every rendered file, squeezed, joined.
    fn all_text(&self) -> String {
        self.files.iter().map(|(_, c)| squeeze(c)).collect()
    }
}

fn squeeze(s: &str) -> String {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
        .collect()
}

/// The one resource `ty.name` in any module.
fn res<'a>(model: &'a Model<'a>, ty: &'a str, name: &str) -> Res<'a> {
    let mut found: Vec<Res> = model.resources(ty).filter(|r| r.name() == name).collect();
    assert_eq!(found.len(), 1, "{ty}.{name}: {} found", found.len());
    found.remove(0)
}

/// An argument of `ty.name`, evaluated through the module's variables.
/// The task definition's `cpu` and `memory`.
fn task_size(m: &Model) -> (Value, Value) {
    let size = |name| arg(m, "aws_ecs_task_definition", "this", name);
    (size("cpu"), size("memory"))
}

fn arg(model: &Model, ty: &str, name: &str, attr: &str) -> Value {
    res(model, ty, name)
        .value(attr)
        .unwrap_or_else(|| panic!("{ty}.{name}.{attr} is not known"))
}

/// An argument of the first nested `block` of `ty.name`.
fn nested(model: &Model, ty: &str, name: &str, block: &str, attr: &str) -> Value {
    let r = res(model, ty, name);
    let b: &Body = r
        .blocks(block)
        .first()
        .copied()
        .unwrap_or_else(|| panic!("{ty}.{name} has no {block}"));
    r.value_in(b, attr)
        .unwrap_or_else(|| panic!("{ty}.{name}.{block}.{attr} is not known"))
}

fn count(model: &Model, ty: &str) -> usize {
    model.resources(ty).count()
}

/// What a `dynamic "block"` of `ty.name` iterates over.
fn dynamic_for_each(model: &Model, ty: &str, name: &str, block: &str) -> Value {
    let r = res(model, ty, name);
    let dynamic = r
        .body()
        .blocks()
        .find(|b| {
            b.ident.as_str() == "dynamic" && b.labels.first().map(|l| l.as_str()) == Some(block)
        })
        .unwrap_or_else(|| panic!("{ty}.{name} has no dynamic {block}"));
    let each = dynamic.body.get_attribute("for_each").expect("for_each");
    model
        .eval(r.module, &each.value)
        .unwrap_or_else(|| panic!("{ty}.{name}: dynamic {block}'s for_each is not known"))
}

fn sorted_strings(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .unwrap_or_else(|| panic!("{v} is not a list"))
        .iter()
        .map(|x| x.as_str().expect("a string").to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn minimal_profile_uses_every_default() {
    let s = stack("minimal");
    insta::assert_snapshot!(s.snapshot());
    // The profile petgen loads is the one an empty file gives: every value is a default.
    let mut defaults: Profile = toml::from_str("").expect("an empty profile is valid");
    defaults.network.availability_zones =
        petgen::profile::default_azs_for(&defaults.project.region);
    assert_eq!(
        serde_json::to_value(&s.loaded.profile).unwrap(),
        serde_json::to_value(&defaults).unwrap()
    );
    // And those are the defaults the profile schema documents.
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("profiles/profile.schema.json")).unwrap(),
    )
    .unwrap();
    let loaded = serde_json::to_value(&s.loaded.profile).unwrap();
    let mut compared = 0;
    for (group, spec) in schema["properties"].as_object().unwrap() {
        let Some(Value::Object(documented)) = spec.get("default") else {
            continue;
        };
        for (key, want) in documented {
            assert_eq!(
                loaded[group][key]
                    .as_f64()
                    .map(Value::from)
                    .unwrap_or(loaded[group][key].clone()),
                want.as_f64().map(Value::from).unwrap_or(want.clone()),
                "{group}.{key}"
            );
            compared += 1;
        }
    }
    assert!(
        compared > 50,
        "only {compared} documented defaults compared"
    );
    // The defaults reach the resources.
    let m = s.model();
    assert_eq!(task_size(&m), (json!(256), json!(512)));
    assert_eq!(
        nested(
            &m,
            "aws_ecs_task_definition",
            "this",
            "runtime_platform",
            "cpu_architecture"
        ),
        json!("X86_64")
    );
    assert_eq!(
        arg(&m, "aws_dynamodb_table", "pets", "billing_mode"),
        json!("PAY_PER_REQUEST")
    );
    assert_eq!(
        arg(
            &m,
            "aws_cloudwatch_log_group",
            "service",
            "retention_in_days"
        ),
        json!(7)
    );
    assert_eq!(
        arg(&m, "aws_cognito_user_pool", "this", "mfa_configuration"),
        json!("OFF")
    );
    assert_eq!(res(&m, "aws_nat_gateway", "this").instances(), Some(1));
    assert_eq!(
        count(&m, "aws_cloudwatch_metric_alarm"),
        0,
        "alarms default to production"
    );
}

#[test]
fn two_azs_arm_autoscaling_replicas_optional_mfa() {
    let s = stack("multi-az-arm");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    assert_eq!(res(&m, "aws_subnet", "private").instances(), Some(2));
    assert_eq!(res(&m, "aws_nat_gateway", "this").instances(), Some(2));
    assert_eq!(
        nested(
            &m,
            "aws_ecs_task_definition",
            "this",
            "runtime_platform",
            "cpu_architecture"
        ),
        json!("ARM64")
    );
    assert_eq!(
        arg(&m, "aws_appautoscaling_target", "this", "min_capacity"),
        json!(1)
    );
    assert_eq!(
        arg(&m, "aws_appautoscaling_target", "this", "max_capacity"),
        json!(4)
    );
    assert_eq!(count(&m, "aws_appautoscaling_policy"), 1);
    assert_eq!(
        sorted_strings(&dynamic_for_each(
            &m,
            "aws_dynamodb_table",
            "pets",
            "replica"
        )),
        ["eu-central-1", "us-east-1"]
    );
    assert_eq!(
        arg(&m, "aws_cognito_user_pool", "this", "mfa_configuration"),
        json!("OPTIONAL")
    );
}

#[test]
fn provisioned_single_nat_no_logs_no_authorizer_mfa_on() {
    let s = stack("provisioned-open");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    assert_eq!(
        arg(&m, "aws_dynamodb_table", "pets", "billing_mode"),
        json!("PROVISIONED")
    );
    assert_eq!(
        arg(&m, "aws_dynamodb_table", "pets", "read_capacity"),
        json!(5)
    );
    assert_eq!(
        arg(&m, "aws_dynamodb_table", "pets", "write_capacity"),
        json!(2)
    );
    // One NAT gateway for three private subnets.
    assert_eq!(res(&m, "aws_subnet", "private").instances(), Some(3));
    assert_eq!(res(&m, "aws_nat_gateway", "this").instances(), Some(1));
    // No access log group, and the stage writes no access log.
    assert!(model_has(&m, "aws_cloudwatch_log_group", "access").is_none());
    assert!(res(&m, "aws_apigatewayv2_stage", "default")
        .blocks("access_log_settings")
        .is_empty());
    // No authorizer, and neither route asks for one.
    assert_eq!(count(&m, "aws_apigatewayv2_authorizer"), 0);
    for route in m.resources("aws_apigatewayv2_route") {
        let kind = route.value("authorization_type");
        assert!(
            kind.is_none() || kind == Some(json!("NONE")),
            "{}: {kind:?}",
            route.address
        );
    }
    assert_eq!(
        arg(&m, "aws_cognito_user_pool", "this", "mfa_configuration"),
        json!("ON")
    );
}

fn model_has<'a>(model: &'a Model<'a>, ty: &'a str, name: &str) -> Option<Res<'a>> {
    model.resources(ty).find(|r| r.name() == name)
}

#[test]
fn extends_merges_parent_keys() {
    let s = stack("child");
    insta::assert_snapshot!(s.snapshot());
    let p = &s.loaded.profile;
    // From base: the name, the tag, the image, Container Insights and the log retention.
    assert_eq!(p.project.name, "petshop");
    assert_eq!(p.tags.get("Owner").map(String::as_str), Some("qa-team"));
    assert_eq!(
        p.service.image.as_deref(),
        Some("docker.io/library/nginx:1.27-alpine")
    );
    assert!(p.service.container_insights);
    assert_eq!(p.logs.retention_days, 14);
    // From child: the environment and the task size.
    assert_eq!(p.project.environment.as_deref(), Some("qa"));
    assert_eq!((p.service.cpu, p.service.memory), (512, 2048));
    // Both reach the output.
    let m = s.model();
    assert_eq!(task_size(&m), (json!(512), json!(2048)));
    assert_eq!(
        arg(
            &m,
            "aws_cloudwatch_log_group",
            "service",
            "retention_in_days"
        ),
        json!(14)
    );
    assert_eq!(
        arg(&m, "aws_ecs_cluster", "this", "name"),
        json!("petshop-qa")
    );
    assert!(s.all_text().contains("Owner = \"qa-team\""));
}

#[test]
fn alb_without_redirect_or_waf_with_an_alias_record_and_both_methods_protected() {
    let s = stack("alb-lean");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    // One listener, on 443: nothing listens on port 80 to redirect.
    let listeners: Vec<Res> = m.resources("aws_lb_listener").collect();
    assert_eq!(listeners.len(), 1);
    assert_eq!(listeners[0].value("port"), Some(json!(443)));
    assert_eq!(count(&m, "aws_wafv2_web_acl"), 0);
    assert_eq!(count(&m, "aws_wafv2_web_acl_association"), 0);
    // An alias A record for the domain, pointing at the load balancer.
    let record = res(&m, "aws_route53_record", "this");
    assert_eq!(record.value("type"), Some(json!("A")));
    assert_eq!(record.value("name"), Some(json!("pets.example.org")));
    let alias = record.blocks("alias");
    assert_eq!(alias.len(), 1);
    let target = m.trace(
        record.module,
        &alias[0].get_attribute("name").unwrap().value,
    );
    assert_eq!(target[0].target, "aws_lb.this");
    // Both methods' rules validate the JWT before they forward.
    let mut methods = BTreeSet::new();
    for rule in m.resources("aws_lb_listener_rule") {
        let mut actions: Vec<(i64, String)> = rule
            .blocks("action")
            .iter()
            .map(|a| {
                (
                    rule.value_in(a, "order").unwrap().as_i64().unwrap(),
                    rule.value_in(a, "type")
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect();
        actions.sort();
        let kinds: Vec<&str> = actions.iter().map(|(_, k)| k.as_str()).collect();
        assert_eq!(kinds, ["jwt-validation", "forward"], "{}", rule.address);
        for cond in rule.blocks("condition") {
            for m_block in blocks_named(cond, "http_request_method") {
                for v in rule
                    .value_in(m_block, "values")
                    .unwrap()
                    .as_array()
                    .unwrap()
                {
                    methods.insert(v.as_str().unwrap().to_string());
                }
            }
        }
    }
    assert_eq!(
        methods,
        BTreeSet::from(["GET".to_string(), "POST".to_string()])
    );
}

#[test]
fn http_api_on_a_custom_domain_with_an_issued_certificate() {
    let s = stack("http-domain");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    let cert = res(&m, "aws_acm_certificate", "this");
    assert_eq!(cert.value("domain_name"), Some(json!("pets.acme.io")));
    assert_eq!(cert.value("validation_method"), Some(json!("DNS")));
    assert_eq!(count(&m, "aws_acm_certificate_validation"), 1);
    assert_eq!(
        arg(&m, "aws_route53_record", "validation", "zone_id"),
        json!("Z0123456789ABCDEFGHIJ")
    );
    let domain = res(&m, "aws_apigatewayv2_domain_name", "this");
    assert_eq!(domain.value("domain_name"), Some(json!("pets.acme.io")));
    // The domain uses the validated certificate, not the bare request.
    let config = domain.blocks("domain_name_configuration");
    let uses = m.trace(
        domain.module,
        &config[0].get_attribute("certificate_arn").unwrap().value,
    );
    assert_eq!(
        uses[0].target, "aws_acm_certificate_validation.this",
        "{uses:?}"
    );
    // Mapped to the $default stage, and an alias record in the zone.
    let mapping = res(&m, "aws_apigatewayv2_api_mapping", "this");
    let stage = m.trace(mapping.module, &mapping.attr("stage").unwrap().value);
    assert_eq!(stage[0].target, "aws_apigatewayv2_stage.default");
    assert_eq!(
        arg(&m, "aws_apigatewayv2_stage", "default", "name"),
        json!("$default")
    );
    let record = res(&m, "aws_route53_record", "this");
    assert_eq!(
        record.value("zone_id"),
        Some(json!("Z0123456789ABCDEFGHIJ"))
    );
    assert_eq!(record.blocks("alias").len(), 1);
}

/// The shipped ALB profile, beside generated/prod-alb: its listener rules are the product.
#[test]
fn shipped_prod_alb() {
    let loaded = load_profile(&common::repo().join("profiles"), "prod-alb").expect("loads");
    let root = render_profile(&loaded, std::path::Path::new("generated/prod-alb"))
        .expect("renders")
        .root;
    let api = root
        .files
        .iter()
        .find(|f| f.path == std::path::Path::new("modules/alb/main.tf"))
        .expect("an alb module");
    insta::assert_snapshot!(api.contents);
}

#[test]
fn alarms_on_an_existing_topic_provisioned_no_insights_trail_with_reads() {
    let s = stack("monitored");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    // Alarms outside production, all notifying the given topic; the stack makes none.
    let topic = "arn:aws:sns:eu-west-1:123456789012:platform-alerts";
    let alarms: Vec<Res> = m.resources("aws_cloudwatch_metric_alarm").collect();
    assert!(alarms.len() > 5, "{} alarms", alarms.len());
    for a in &alarms {
        assert_eq!(
            a.value("alarm_actions"),
            Some(json!([topic])),
            "{}",
            a.address
        );
    }
    assert_eq!(count(&m, "aws_sns_topic"), 0);
    // Provisioned capacity: its alarms are there. No Container Insights: the running-task
    // alarm reads AWS/ECS instead.
    for name in [
        "ddb_read_capacity",
        "ddb_write_capacity",
        "ecs_no_running_tasks",
    ] {
        assert!(
            model_has(&m, "aws_cloudwatch_metric_alarm", name).is_some(),
            "{name}"
        );
    }
    assert!(model_has(&m, "aws_cloudwatch_metric_alarm", "ecs_running_tasks").is_none());
    assert_eq!(
        arg(&m, "aws_dynamodb_table", "pets", "billing_mode"),
        json!("PROVISIONED")
    );
    // The trail records reads too: no readOnly selector narrows it.
    let trail = res(&m, "aws_cloudtrail", "table");
    let selectors = trail.blocks("advanced_event_selector");
    assert_eq!(selectors.len(), 1);
    let fields: Vec<Value> = blocks_named(selectors[0], "field_selector")
        .iter()
        .map(|f| trail.value_in(f, "field").unwrap())
        .collect();
    assert!(fields.contains(&json!("eventCategory")), "{fields:?}");
    assert!(!fields.contains(&json!("readOnly")), "{fields:?}");
    // Config delivers to the trail's bucket under its key, and its findings go to the given
    // topic, whose policy is its owner's: the stack adds no statement to a topic it lacks.
    records_what_the_root_renders(&s);
    let channel = res(&m, "aws_config_delivery_channel", "this");
    assert!(
        s.text("modules/config/main.tf")
            .contains("s3_bucket_name = var.bucket_name"),
        "{}",
        channel.address
    );
    assert!(s
        .text("main.tf")
        .contains("bucket_name = module.audit.bucket_name"));
    assert!(s
        .text("main.tf")
        .contains("kms_key_arn = module.audit.kms_key_arn"));
    assert_eq!(count(&m, "aws_s3_bucket"), 1, "the trail's bucket only");
    // The target is the alarm topic, which is the given one.
    assert!(s
        .text("modules/config/main.tf")
        .contains("arn = var.alarm_topic_arn"));
    assert!(s
        .text("main.tf")
        .contains("alarm_topic_arn = module.monitoring.topic_arn"));
    assert!(s
        .text("main.tf")
        .contains(&format!("topic_arn = \"{topic}\"")));
    assert!(!s.all_text().contains("ConfigFindingsPublish"));
}

/// The Config recorder lists exactly the recordable types of every resource the root renders
/// (the config module's own included), its status turns it on after the delivery channel,
/// and every rule is scoped by the stack tag that the provider puts on every resource.
fn records_what_the_root_renders(s: &Stack) {
    let m = s.model();
    let rendered: BTreeSet<&str> = m
        .index
        .iter()
        .flat_map(|(_, module)| module.resources())
        .filter_map(|b| b.labels.first().copied())
        .filter_map(petgen::facts::config::config_type)
        .chain([petgen::facts::config::RESOURCE_COMPLIANCE])
        .collect();
    let recorded = nested(
        &m,
        "aws_config_configuration_recorder",
        "this",
        "recording_group",
        "resource_types",
    );
    let recorded: BTreeSet<String> = sorted_strings(&recorded).into_iter().collect();
    assert_eq!(
        recorded,
        rendered
            .iter()
            .map(|t| t.to_string())
            .collect::<BTreeSet<_>>()
    );
    assert_eq!(
        nested(
            &m,
            "aws_config_configuration_recorder",
            "this",
            "recording_group",
            "all_supported"
        ),
        json!(false)
    );
    assert_eq!(
        arg(
            &m,
            "aws_config_configuration_recorder_status",
            "this",
            "is_enabled"
        ),
        json!(true)
    );
    let name = s.loaded.stack.name.clone();
    assert!(
        s.text("providers.tf")
            .contains(&format!("\"petgen:stack\" = \"{name}\"")),
        "{}",
        s.text("providers.tf")
    );
    let rules: Vec<Res> = m.resources("aws_config_config_rule").collect();
    assert!(rules.len() >= 8, "{} rules", rules.len());
    for r in &rules {
        let scope = r.blocks("scope");
        assert_eq!(scope.len(), 1, "{}", r.address);
        // The user pool's rules name it by type and ID; every other rule takes the stack tag.
        let source = r.blocks("source")[0];
        let identifier = r.value_in(source, "source_identifier").unwrap();
        if identifier.as_str().unwrap().starts_with("COGNITO_") {
            assert_eq!(
                r.value_in(scope[0], "compliance_resource_types"),
                Some(json!(["AWS::Cognito::UserPool"]))
            );
            assert!(s
                .text("modules/config/main.tf")
                .contains("compliance_resource_id = var.user_pool_id"));
            assert!(s
                .text("main.tf")
                .contains("user_pool_id = module.auth.user_pool_id"));
        } else {
            assert_eq!(r.value_in(scope[0], "tag_key"), Some(json!("petgen:stack")));
            assert_eq!(r.value_in(scope[0], "tag_value"), Some(json!(name)));
        }
        // Every rule is one of the mirrors, for a lint rule the profile does not waive.
        let source = r.blocks("source")[0];
        let id = r.value_in(source, "source_identifier").unwrap();
        let mirror = petgen::facts::config::mirror_by_identifier(id.as_str().unwrap())
            .unwrap_or_else(|| panic!("{id} mirrors no lint rule"));
        assert!(
            !s.loaded
                .profile
                .waivers
                .iter()
                .any(|w| w.rule == mirror.lint),
            "{id}"
        );
    }
}

/// Config without the trail: a bucket of its own, private, versioned, TLS-only and expiring,
/// findings to the topic the stack creates, whose policy and key admit the EventBridge rule.
#[test]
fn config_without_a_trail_delivers_to_its_own_bucket_and_notifies_the_stacks_topic() {
    let s = stack("config-own");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    records_what_the_root_renders(&s);
    assert_eq!(count(&m, "aws_cloudtrail"), 0);
    let config = s.text("modules/config/main.tf");
    assert!(config.contains("s3_bucket_name = aws_s3_bucket.config.id"));
    assert!(!config.contains("s3_kms_key_arn"));
    assert!(config.contains("\"aws:SecureTransport\" = \"false\""));
    assert_eq!(
        nested(
            &m,
            "aws_s3_bucket_versioning",
            "config",
            "versioning_configuration",
            "status"
        ),
        json!("Enabled")
    );
    assert_eq!(
        arg(
            &m,
            "aws_s3_bucket_public_access_block",
            "config",
            "restrict_public_buckets"
        ),
        json!(true)
    );
    // The topic and its key admit events.amazonaws.com for the compliance rule only.
    let monitoring = s.text("modules/monitoring/main.tf");
    assert_eq!(
        monitoring
            .matches("Sid = \"ConfigFindingsPublish\"")
            .count(),
        2
    );
    assert!(monitoring.contains("rule/${var.name}-config-compliance"));
    assert_eq!(
        arg(&m, "aws_cloudwatch_event_rule", "compliance", "name"),
        json!("petstore-config-own-config-compliance")
    );
    // Config's usage assumption prices its items.
    let loaded = &s.loaded;
    assert_eq!(loaded.profile.usage.config_items_per_month, 2000.0);
}

/// The pets in Aurora PostgreSQL outside production: no table, one instance that pauses, the
/// tasks the only clients, the secret readable by the execution role only, and the database's
/// alarms instead of the table's.
#[test]
fn postgres_outside_production_pauses_one_instance_and_admits_only_the_tasks() {
    let s = stack("postgres-paused");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    for ty in ["aws_dynamodb_table", "aws_dynamodb_table_replica"] {
        assert_eq!(count(&m, ty), 0, "{ty}");
    }
    // The S3 gateway endpoint stays (image layers); DynamoDB's goes with the table.
    let network = s.text("modules/network/main.tf");
    assert!(network.contains(".s3\""), "{network}");
    assert!(!network.contains("dynamodb"), "{network}");
    let cluster = |attr: &str| arg(&m, "aws_rds_cluster", "this", attr);
    assert_eq!(cluster("engine"), json!("aurora-postgresql"));
    assert_eq!(cluster("storage_encrypted"), json!(true));
    // customer_managed: a key of the stack's own, with rotation, for the cluster.
    let aurora_text = s.text("modules/aurora/main.tf");
    assert!(squeeze(&aurora_text).contains("kms_key_id = aws_kms_key.cluster.arn"));
    assert_eq!(
        arg(&m, "aws_kms_key", "cluster", "enable_key_rotation"),
        json!(true)
    );
    assert_eq!(cluster("storage_type"), json!("aurora-iopt1"));
    assert_eq!(cluster("backup_retention_period"), json!(3));
    assert_eq!(cluster("database_name"), json!("pets"));
    assert_eq!(cluster("manage_master_user_password"), json!(true));
    assert_eq!(cluster("deletion_protection"), json!(false));
    assert_eq!(cluster("skip_final_snapshot"), json!(true));
    let scaling = |attr: &str| {
        nested(
            &m,
            "aws_rds_cluster",
            "this",
            "serverlessv2_scaling_configuration",
            attr,
        )
    };
    assert_eq!(scaling("min_capacity").as_f64(), Some(0.0));
    assert_eq!(scaling("max_capacity").as_f64(), Some(2.0));
    assert_eq!(scaling("seconds_until_auto_pause"), json!(600));
    // One instance outside production, in the first zone.
    let main = s.text("main.tf");
    assert!(
        main.contains("writer_zone_id = \"euw1-az1\"") && !main.contains("reader_zone_id"),
        "{main}"
    );
    assert!(res(&m, "aws_rds_cluster", "this")
        .attr("enabled_cloudwatch_logs_exports")
        .is_none());
    // TLS only, and the cluster admits the tasks' group and nothing else.
    let aurora = s.text("modules/aurora/main.tf");
    assert!(squeeze(&aurora).contains(&squeeze("name = \"rds.force_ssl\"\nvalue = \"1\"")));
    assert_eq!(
        count(&m, "aws_vpc_security_group_ingress_rule"),
        1 + count_front_door_ingress(&m)
    );
    assert!(aurora.contains("referenced_security_group_id = var.tasks_security_group_id"));
    // The service: STORE=postgres and the secret's two keys, read by the execution role from
    // exactly that secret.
    let service = s.text("modules/service/main.tf");
    for needle in [
        "{ name = \"STORE\", value = \"postgres\" }",
        "{ name = \"PGSSLMODE\", value = \"require\" }",
        "valueFrom = \"${var.db_secret_arn}:password::\"",
        "Resource = var.db_secret_arn",
    ] {
        assert!(service.contains(needle), "{needle}\n{service}");
    }
    // The database's alarms, without a reader's lag; none of the table's.
    let monitoring = s.text("modules/monitoring/main.tf");
    for key in [
        "db-acu-utilization",
        "db-cpu-high",
        "db-freeable-memory",
        "db-connections",
    ] {
        assert!(
            monitoring.contains(&format!("${{var.name}}-{key}")),
            "{key}"
        );
    }
    assert!(!monitoring.contains("db-replica-lag"));
    assert!(!monitoring.contains("ddb-"));
}

/// Ingress rules the front door renders (the VPC link's group into the tasks), beside the
/// database's one.
fn count_front_door_ingress(m: &Model) -> usize {
    m.resources("aws_vpc_security_group_ingress_rule")
        .filter(|r| r.module.address != "module.data")
        .count()
}

/// Every name and tuning knob written out lands on the resource it names.
#[test]
fn names_and_tuning_written_out_reach_their_resources() {
    let s = stack("named-tuned");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    assert_eq!(
        arg(&m, "aws_ecs_cluster", "this", "name"),
        json!("pets-uat")
    );
    assert_eq!(
        arg(&m, "aws_ecs_service", "this", "name"),
        json!("pets-api")
    );
    assert_eq!(
        arg(&m, "aws_apigatewayv2_api", "this", "name"),
        json!("pets-uat-api")
    );
    assert_eq!(
        arg(&m, "aws_cognito_user_pool", "this", "name"),
        json!("pets-uat-people")
    );
    assert_eq!(
        arg(
            &m,
            "aws_service_discovery_private_dns_namespace",
            "this",
            "name"
        ),
        json!("pets.uat.internal")
    );
    assert!(s
        .text("modules/discovery/main.tf")
        .contains("ttl = var.dns_ttl"));
    assert!(s.text("main.tf").contains("dns_ttl = 30\n"));
    // Subnets in the given ranges, by zone.
    let network = s.text("main.tf");
    assert!(network.contains(r#"public_subnet_cidrs = ["10.30.0.0/24", "10.30.1.0/24"]"#));
    assert!(network.contains(r#"private_subnet_cidrs = ["10.30.64.0/20", "10.30.80.0/20"]"#));
    // Autoscaling target, image retention, no health check.
    assert_eq!(
        nested(
            &m,
            "aws_appautoscaling_policy",
            "cpu",
            "target_tracking_scaling_policy_configuration",
            "target_value"
        ),
        json!(55)
    );
    assert!(network.contains("keep_images = 3\n"));
    assert!(!s.text("modules/service/main.tf").contains("healthCheck"));
    // Throttling limits on the stage's default route.
    assert_eq!(
        nested(
            &m,
            "aws_apigatewayv2_stage",
            "default",
            "default_route_settings",
            "throttling_burst_limit"
        ),
        json!(200)
    );
    assert_eq!(
        nested(
            &m,
            "aws_apigatewayv2_stage",
            "default",
            "default_route_settings",
            "throttling_rate_limit"
        ),
        json!(75.5)
    );
    // The user pool: password policy, token lifetimes, SES email, operator sign-in.
    let policy = |k: &str| nested(&m, "aws_cognito_user_pool", "this", "password_policy", k);
    assert_eq!(policy("minimum_length"), json!(16));
    assert_eq!(policy("require_numbers"), json!(false));
    assert_eq!(policy("require_symbols"), json!(false));
    assert_eq!(policy("require_uppercase"), json!(true));
    assert_eq!(policy("require_lowercase"), json!(true));
    assert_eq!(policy("temporary_password_validity_days"), json!(3));
    assert_eq!(
        arg(
            &m,
            "aws_cognito_user_pool_client",
            "this",
            "access_token_validity"
        ),
        json!(30)
    );
    assert_eq!(
        arg(
            &m,
            "aws_cognito_user_pool_client",
            "this",
            "refresh_token_validity"
        ),
        json!(7)
    );
    let flows = sorted_strings(&arg(
        &m,
        "aws_cognito_user_pool_client",
        "this",
        "explicit_auth_flows",
    ));
    assert!(
        flows.contains(&"ALLOW_ADMIN_USER_PASSWORD_AUTH".to_string()),
        "{flows:?}"
    );
    let email = |k: &str| {
        nested(
            &m,
            "aws_cognito_user_pool",
            "this",
            "email_configuration",
            k,
        )
    };
    assert_eq!(email("email_sending_account"), json!("DEVELOPER"));
    assert_eq!(
        email("source_arn"),
        json!("arn:aws:ses:eu-west-1:123456789012:identity/example.com")
    );
    assert_eq!(
        email("from_email_address"),
        json!("Petstore <no-reply@example.com>")
    );
    // The state's location and encryption, and the version constraint.
    let backend = s.text("backend.tf");
    for line in [
        "backend \"s3\" {",
        "key = \"pets/uat/terraform.tfstate\"",
        "region = \"eu-central-1\"",
        "encrypt = false",
    ] {
        assert!(backend.contains(line), "{line} in\n{backend}");
    }
    assert!(s
        .text("versions.tf")
        .contains("required_version = \">= 1.11, < 2.0\""));
}

/// Production with its cost and audit settings: what renders (alarms mailed without a
/// dashboard, the 3-of-5 override, flow logs, the protected table under the given key, a
/// write-only trail, the brought image's probe), and what does not render but is the
/// profile's (the budget, the usage assumptions and the waivers, which cost and lint read).
#[test]
fn production_with_a_budget_usage_waivers_and_a_write_only_trail() {
    let s = stack("prod-costed");
    insta::assert_snapshot!(s.snapshot());
    let m = s.model();
    let p = &s.loaded.profile;
    assert!(p.project.production);
    assert_eq!(p.budget_usd_per_month, Some(900.5));
    assert!(p.budget_strict);
    assert_eq!(p.usage.monthly_requests, 25_000_000.0);
    assert_eq!(p.usage.alb_lcu, Some(2.5));
    assert_eq!(p.usage.database_requests_per_second_per_acu, 800.0);
    assert_eq!(p.usage.database_io_per_request, 0.3);
    assert_eq!(p.usage.database_average_acu, Some(1.5));
    assert_eq!(p.waivers.len(), 2);
    assert_eq!(p.waivers[0].expires.as_deref(), Some("2027-12-31"));
    // Alarms (production's default) mailed to both addresses, and no dashboard.
    assert!(count(&m, "aws_cloudwatch_metric_alarm") > 5);
    assert_eq!(count(&m, "aws_cloudwatch_dashboard"), 0);
    assert!(s
        .all_text()
        .contains(r#"alarm_emails = ["oncall@example.com", "pets-team@example.com"]"#));
    assert_eq!(count(&m, "aws_sns_topic_subscription"), 1);
    let cpu = res(&m, "aws_cloudwatch_metric_alarm", "ecs_cpu_high");
    assert_eq!(cpu.value("threshold"), Some(json!(90)));
    assert_eq!(cpu.value("period"), Some(json!(300)));
    assert_eq!(cpu.value("evaluation_periods"), Some(json!(5)));
    assert_eq!(cpu.value("datapoints_to_alarm"), Some(json!(3)));
    // Flow logs; the table protected and encrypted with the given key.
    assert_eq!(count(&m, "aws_flow_log"), 1);
    assert_eq!(
        arg(
            &m,
            "aws_dynamodb_table",
            "pets",
            "deletion_protection_enabled"
        ),
        json!(true)
    );
    assert_eq!(
        nested(
            &m,
            "aws_dynamodb_table",
            "pets",
            "server_side_encryption",
            "kms_key_arn"
        ),
        json!("arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")
    );
    assert!(
        model_has(&m, "aws_kms_key", "table").is_none(),
        "the given key, not a new one"
    );
    // A trail of writes only.
    let trail = res(&m, "aws_cloudtrail", "table");
    let selector = trail.blocks("advanced_event_selector")[0];
    let read_only: Vec<Value> = blocks_named(selector, "field_selector")
        .iter()
        .filter(|f| trail.value_in(f, "field") == Some(json!("readOnly")))
        .map(|f| trail.value_in(f, "equals").unwrap())
        .collect();
    assert_eq!(read_only, [json!(["false"])]);
    // The brought image, probed by its own command.
    assert!(s.text("main.tf").contains(
        r#"health_check_command = ["/usr/local/bin/probe", "--port", "8080", "/health"]"#
    ));
    assert_eq!(count(&m, "aws_ecr_repository"), 0);
}

/// Every leaf key of the profile schema, as a dotted path. A map's keys are `*`
/// (`tags.*`, `monitoring.overrides.*.threshold`) and a list of tables' items `[]`
/// (`waivers[].rule`).
fn schema_keys(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    schema_leaves(schema, schema, String::new(), &mut out);
    out
}

/// A schema node with `$ref` and single-entry `allOf` followed.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    loop {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap();
            node = &root["definitions"][name];
        } else if let Some([only]) = node
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            node = only;
        } else {
            return node;
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn schema_leaves(root: &Value, node: &Value, path: String, out: &mut BTreeSet<String>) {
    let node = resolve(root, node);
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            schema_leaves(root, v, join(&path, k), out);
        }
    } else if let Some(values @ Value::Object(_)) = node.get("additionalProperties") {
        let values = resolve(root, values);
        if values.get("properties").is_some() {
            schema_leaves(root, values, join(&path, "*"), out);
        } else {
            out.insert(join(&path, "*"));
        }
    } else if let Some(items) = node.get("items") {
        let items = resolve(root, items);
        if items.get("properties").is_some() {
            schema_leaves(root, items, format!("{path}[]"), out);
        } else {
            out.insert(path);
        }
    } else {
        out.insert(path);
    }
}

/// The schema keys a TOML table sets, walked beside the schema.
fn keys_set(
    root: &Value,
    node: &Value,
    value: &toml::Value,
    path: String,
    out: &mut BTreeSet<String>,
) {
    let node = resolve(root, node);
    match value {
        toml::Value::Table(t) if node.get("properties").is_some() => {
            for (k, v) in t {
                let Some(child) = node["properties"].get(k) else {
                    panic!("{}: the schema has no such key", join(&path, k));
                };
                keys_set(root, child, v, join(&path, k), out);
            }
        }
        toml::Value::Table(t)
            if node
                .get("additionalProperties")
                .is_some_and(Value::is_object) =>
        {
            for v in t.values() {
                keys_set(
                    root,
                    &node["additionalProperties"],
                    v,
                    join(&path, "*"),
                    out,
                );
            }
        }
        toml::Value::Array(items) if items.iter().any(toml::Value::is_table) => {
            for item in items {
                keys_set(root, &node["items"], item, format!("{path}[]"), out);
            }
        }
        _ => {
            out.insert(path);
        }
    }
}

/// The claim at the top of this file, checked: every key a profile can set is set by at
/// least one snapshot fixture (itself or through `extends`), so every option is in a
/// snapshot. A new profile key fails this until a fixture sets it.
#[test]
fn every_profile_key_is_set_by_a_snapshot_fixture() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("profiles/profile.schema.json")).unwrap(),
    )
    .unwrap();
    let all = schema_keys(&schema);
    // The walk reaches nested tables, maps of tables and lists of tables.
    for key in [
        "api.waf",
        "auth.password.minimum_length",
        "monitoring.overrides.*.threshold",
        "tags.*",
        "waivers[].rule",
        "budget_usd_per_month",
    ] {
        assert!(all.contains(key), "the schema walk misses {key}: {all:?}");
    }

    // Each fixture has its test: the list above is what this file renders.
    let source = include_str!("render_snapshots.rs");
    for name in FIXTURES {
        assert_eq!(
            source.matches(&format!("stack(\"{name}\")")).count(),
            1,
            "{name} needs exactly one snapshot test"
        );
    }

    let dir = common::repo().join("tests/fixtures/profiles");
    let mut set: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for name in FIXTURES {
        let loaded = load_profile(&dir, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The fixture's own file and every file it extends, as petgen read them.
        for source in &loaded.sources {
            let table: toml::Value = toml::from_str(&source.text).expect("parsed once already");
            let mut keys = BTreeSet::new();
            keys_set(&schema, &schema, &table, String::new(), &mut keys);
            for k in keys {
                set.entry(k).or_default().insert(name);
            }
        }
    }
    let unset: Vec<&String> = all.iter().filter(|k| !set.contains_key(*k)).collect();
    assert!(
        unset.is_empty(),
        "no snapshot fixture sets these profile keys; set each in a fixture (tests/fixtures/profiles) and assert what it renders: {unset:?}"
    );
}

/// The shipped prod-postgres: the writer is created alone, then a reader in the second zone
/// at promotion tier 1 (it keeps the writer's capacity), with deletion protection, a final
/// snapshot and the exported log in a group the stack owns.
#[test]
fn shipped_prod_postgres_creates_the_writer_then_a_reader_in_another_zone() {
    let loaded = load_profile(&common::repo().join("profiles"), "prod-postgres").expect("loads");
    let root = render_profile(&loaded, Path::new("generated/prod-postgres"))
        .expect("renders")
        .root;
    let text = |file: &str| {
        root.files
            .iter()
            .find(|f| f.path == Path::new(file))
            .map(|f| f.contents.clone())
            .unwrap_or_else(|| panic!("{file}"))
    };
    let main = squeeze(&text("main.tf"));
    assert!(main.contains("writer_zone_id = \"use1-az1\""), "{main}");
    assert!(main.contains("reader_zone_id = \"use1-az2\""), "{main}");
    let aurora = squeeze(&text("modules/aurora/main.tf"));
    let reader = aurora
        .split("resource \"aws_rds_cluster_instance\" \"reader\" {")
        .nth(1)
        .expect("a reader");
    assert!(reader.contains("promotion_tier = 1"), "{reader}");
    assert!(
        reader.contains("depends_on = [aws_rds_cluster_instance.writer]"),
        "{reader}"
    );
    let writer = aurora
        .split("resource \"aws_rds_cluster_instance\" \"writer\" {")
        .nth(1)
        .expect("a writer");
    assert!(writer.contains("promotion_tier = 0"), "{writer}");
    for needle in [
        "deletion_protection = true",
        "skip_final_snapshot = false",
        "enabled_cloudwatch_logs_exports = [\"postgresql\"]",
        "depends_on = [aws_cloudwatch_log_group.postgresql]",
        "name = \"/aws/rds/cluster/${var.cluster_identifier}/postgresql\"",
    ] {
        assert!(aurora.contains(&squeeze(needle)), "{needle}");
    }
}
