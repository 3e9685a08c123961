//! The ALB front door (`api.kind = "alb"`): what the shipped prod-alb root does with a request,
//! that the provider schema checks what it writes, the profile errors that guard it, and its
//! cost beside its API Gateway twin.

mod common;

use common::{petgen, project, repo};
use petgen::hcl::semantic::{blocks_named, Model};
use petgen::hcl::ConfigIndex;
use serde_json::Value;

fn rules_of(model: &Model) -> Vec<(String, Vec<String>, Vec<String>)> {
    // (rule name, methods, action types in order)
    let mut out = Vec::new();
    for rule in model.resources("aws_lb_listener_rule") {
        let mut methods = Vec::new();
        for c in rule.blocks("condition") {
            for m in blocks_named(c, "http_request_method") {
                if let Some(Value::Array(v)) = rule.value_in(m, "values") {
                    methods.extend(v.iter().filter_map(|x| x.as_str().map(str::to_string)));
                }
            }
        }
        let mut actions: Vec<(i64, String)> = rule
            .blocks("action")
            .iter()
            .map(|a| {
                let order = rule
                    .value_in(a, "order")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(i64::MAX);
                let ty = rule
                    .value_in(a, "type")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                (order, ty)
            })
            .collect();
        actions.sort();
        out.push((
            rule.name().to_string(),
            methods,
            actions.into_iter().map(|(_, t)| t).collect(),
        ));
    }
    out.sort();
    out
}

#[test]
fn only_post_needs_a_jwt_and_everything_else_is_a_404() {
    let index = ConfigIndex::load(&repo().join("generated/prod-alb")).expect("parses");
    let model = Model::new(&index);
    assert_eq!(
        rules_of(&model),
        vec![
            (
                "get_pet".to_string(),
                vec!["GET".to_string()],
                vec!["forward".to_string()]
            ),
            (
                "post_pet".to_string(),
                vec!["POST".to_string()],
                vec!["jwt-validation".to_string(), "forward".to_string()]
            ),
        ]
    );
    // The JWT check names the user pool's issuer and keys, and accepts only this client's
    // access tokens.
    let post = model
        .resources("aws_lb_listener_rule")
        .find(|r| r.name() == "post_pet")
        .unwrap();
    let jwt = post
        .blocks("action")
        .into_iter()
        .flat_map(|a| blocks_named(a, "jwt_validation"))
        .next()
        .expect("a jwt_validation block");
    let text = |attr: &str| {
        jwt.get_attribute(attr)
            .map(|a| a.value.to_string())
            .unwrap_or_default()
    };
    assert!(text("issuer").contains("https://${var.user_pool_endpoint}"));
    assert!(text("jwks_endpoint").contains("/.well-known/jwks.json"));
    let claims: Vec<String> = blocks_named(jwt, "additional_claim")
        .iter()
        .map(|c| {
            format!(
                "{}={}",
                post.value_in(c, "name")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                c.get_attribute("values")
                    .map(|a| a.value.to_string().trim().to_string())
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        claims,
        vec![
            "token_use=[\"access\"]".to_string(),
            "client_id=[var.user_pool_client_id]".to_string()
        ]
    );
    // The module call hands the pool's client to it.
    let main = std::fs::read_to_string(repo().join("generated/prod-alb/main.tf")).unwrap();
    assert!(main.lines().any(|l| {
        l.split_whitespace().collect::<Vec<_>>()
            == ["user_pool_client_id", "=", "module.auth.client_id"]
    }));

    // The HTTPS listener answers anything else with a 404, and has a modern TLS policy.
    let https = model
        .resources("aws_lb_listener")
        .find(|l| l.name() == "https")
        .unwrap();
    assert_eq!(https.value("protocol"), Some(Value::from("HTTPS")));
    assert_eq!(
        https.value("ssl_policy"),
        Some(Value::from("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"))
    );
    let default = https.blocks("default_action");
    assert_eq!(
        https.value_in(default[0], "type"),
        Some(Value::from("fixed-response"))
    );
    let fixed = blocks_named(default[0], "fixed_response");
    assert_eq!(
        https.value_in(fixed[0], "status_code"),
        Some(Value::from("404"))
    );
    // Port 80 only redirects.
    let http = model
        .resources("aws_lb_listener")
        .find(|l| l.name() == "http")
        .unwrap();
    let redirect = http.blocks("default_action");
    assert_eq!(
        http.value_in(redirect[0], "type"),
        Some(Value::from("redirect"))
    );
}

#[test]
fn the_alb_variant_drops_api_gateway_the_vpc_link_and_cloud_map() {
    let index = ConfigIndex::load(&repo().join("generated/prod-alb")).expect("parses");
    let model = Model::new(&index);
    for ty in [
        "aws_apigatewayv2_api",
        "aws_apigatewayv2_vpc_link",
        "aws_service_discovery_service",
        "aws_service_discovery_private_dns_namespace",
    ] {
        assert_eq!(model.resources(ty).count(), 0, "{ty} is still rendered");
    }
    // One module per front door: the ALB's own, and no HTTP API module beside it.
    assert!(repo()
        .join("generated/prod-alb/modules/alb/main.tf")
        .exists());
    for gone in ["discovery", "http_api", "api"] {
        assert!(
            !repo()
                .join("generated/prod-alb/modules")
                .join(gone)
                .exists(),
            "{gone}"
        );
    }
    // The tasks admit only the load balancer's security group, on the container port.
    let ingress: Vec<_> = model
        .resources("aws_vpc_security_group_ingress_rule")
        .filter(|r| r.name().starts_with("tasks"))
        .collect();
    assert_eq!(ingress.len(), 1);
    let rule = &ingress[0];
    assert_eq!(rule.value("from_port"), rule.value("to_port"));
    let sources = rule.trace("referenced_security_group_id");
    assert!(
        sources.iter().any(|t| t.target == "aws_security_group.alb"),
        "{sources:?}"
    );
    assert!(rule.attr("cidr_ipv4").is_none());
    // The service registers its tasks as IP targets of the load balancer's target group.
    let service = model.resources("aws_ecs_service").next().unwrap();
    assert_eq!(service.blocks("load_balancer").len(), 1);
    assert!(service.blocks("service_registries").is_empty());
    let tg = model.resources("aws_lb_target_group").next().unwrap();
    assert_eq!(tg.value("target_type"), Some(Value::from("ip")));
    let hc = tg.blocks("health_check");
    assert_eq!(tg.value_in(hc[0], "path"), Some(Value::from("/health")));
    // Production: the load balancer cannot be deleted, drops invalid headers, logs to S3.
    let lb = model.resources("aws_lb").next().unwrap();
    assert_eq!(
        lb.value("drop_invalid_header_fields"),
        Some(Value::Bool(true))
    );
    assert_eq!(
        lb.value("enable_deletion_protection"),
        Some(Value::Bool(true))
    );
    assert_eq!(lb.blocks("access_logs").len(), 1);
}

#[test]
fn a_jwt_validation_argument_the_schema_does_not_know_fails_validation() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo().join("generated/prod-alb");
    for f in common::tree(&src) {
        let path = dir.path().join(&f.0);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.1).unwrap();
    }
    let api = dir.path().join("modules/alb/main.tf");
    let body = std::fs::read_to_string(&api).unwrap();
    // `audience` is API Gateway's word; an ALB's jwt_validation has no such argument.
    let broken = body.replacen(
        "      jwks_endpoint = ",
        "      audience      = [var.user_pool_client_id]\n      jwks_endpoint = ",
        1,
    );
    assert_ne!(broken, body);
    std::fs::write(&api, broken).unwrap();
    let out = petgen(dir.path())
        .args(["validate", ".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = v["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["code"] == "unknown-argument" && d["message"].as_str().unwrap_or("").contains("audience")
    });
    assert!(found, "{v:#}");
}

const ALB: &str = "[project]\nname = \"petstore\"\nregion = \"us-east-1\"\n[network]\navailability_zones = [\"us-east-1a\", \"us-east-1b\"]\n";

#[test]
fn an_alb_profile_without_what_https_needs_is_a_profile_error() {
    let cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    for (body, says) in [
        (format!("{ALB}[api]\nkind = \"alb\"\ncertificate_arn = \"{cert}\"\n"), "an ALB needs api.domain_name"),
        (format!("{ALB}[api]\nkind = \"alb\"\ndomain_name = \"pets.example.com\"\n"), "a custom domain needs a certificate"),
        (
            format!("{ALB}[api]\nkind = \"alb\"\ndomain_name = \"pets.example.com\"\ncertificate_arn = \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\"\n"),
            "is in eu-west-1, and the stack is in us-east-1",
        ),
        (
            format!("{ALB}[api]\nkind = \"alb\"\ndomain_name = \"pets.example.com\"\ncertificate_arn = \"arn:aws:iam::123456789012:server-certificate/x\"\n"),
            "not an ACM certificate",
        ),
        (
            format!("{ALB}[api]\nkind = \"alb\"\ndomain_name = \"pets\"\ncertificate_arn = \"{cert}\"\n"),
            "is not a fully qualified host name",
        ),
        (
            format!("[project]\nname = \"petstore\"\n[api]\nkind = \"alb\"\ndomain_name = \"pets.example.com\"\ncertificate_arn = \"{cert}\"\n"),
            "at least two availability zones",
        ),
        (format!("{ALB}[api]\ndomain_name = \"pets.example.com\"\n"), "a custom domain needs a certificate"),
        (format!("{ALB}[api]\nhosted_zone_id = \"Z0123456789ABCDEFGHIJ\"\n"), "api.hosted_zone_id is for a custom domain, and api.domain_name is not set"),
        (format!("{ALB}[api]\nkind = \"nlb\"\n"), "unknown value \"nlb\": expected one of \"http_api\", \"alb\""),
    ] {
        let p = project(&[("x.toml", body.as_bytes())]);
        let out = petgen(p.path()).args(["render", "--profile", "x"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{body}\n{stderr}");
        assert!(stderr.contains(says), "{body}\nwanted {says:?} in:\n{stderr}");
        assert!(stderr.contains("profiles/x.toml:"), "{stderr}");
        assert!(stderr.contains("hint: "), "{stderr}");
        assert!(!p.path().join("generated").exists());
    }
}

#[test]
fn cost_compares_the_alb_with_its_api_gateway_twin_and_names_the_break_even() {
    let out = petgen(&repo())
        .args([
            "cost",
            "--profile",
            "prod-alb",
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
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let b = &v["diff"]["break_even"];
    let at = b["monthly_requests"].as_f64().expect("a break-even volume");
    // Below it the HTTP API is cheaper; prod's 50M requests are above it.
    assert_eq!(b["cheaper_below"], "prod");
    assert_eq!(b["cheaper_above"], "prod-alb");
    assert!(at > 1e6 && at < 50e6, "{at}");
    assert!(v["head"]["total_monthly_usd"].as_f64() < v["base"]["total_monthly_usd"].as_f64());
    // The ALB is priced by the hour, per public IPv4 address in each of prod's three AZs, and
    // by LCU from the request volume.
    let lb = v["head"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == "module.api.aws_lb.this")
        .expect("the ALB is priced");
    let parts: Vec<(String, f64)> = lb["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["quantity"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(parts.contains(&("Application load balancer".to_string(), 730.0)));
    assert!(parts.contains(&("Public IPv4 addresses (3 AZs)".to_string(), 3.0 * 730.0)));
    // 50M requests, one new connection each: 50e6 / 90,000 LCU-hours.
    let lcu = parts
        .iter()
        .find(|(n, _)| n == "Load balancer capacity units")
        .unwrap()
        .1;
    assert!((lcu - 50e6 / 90_000.0).abs() < 1e-6, "{lcu}");

    // The text form says it in words.
    let text = petgen(&repo())
        .args(["cost", "--profile", "prod-alb", "--compare", "prod"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Break-even: prod and prod-alb cost the same at"),
        "{text}"
    );
}

#[test]
fn cst004_names_the_cheaper_front_door_in_either_direction() {
    // prod's HTTP API at 50M requests a month: an ALB would be cheaper.
    let out = petgen(&repo())
        .args([
            "lint",
            "--profile",
            "prod",
            "--select",
            "CST004",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["findings"][0];
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .starts_with("an ALB would be cheaper"),
        "{v:#}"
    );
    // prod-alb's ALB at the same volume: quiet, it is the cheaper one.
    let out = petgen(&repo())
        .args([
            "lint",
            "--profile",
            "prod-alb",
            "--select",
            "CST004",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v:#}");
    // dev's HTTP API at 1M requests: quiet, so --fail-on info can pass.
    let out = petgen(&repo())
        .args([
            "lint",
            "--profile",
            "dev",
            "--select",
            "CST004",
            "--fail-on",
            "info",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
