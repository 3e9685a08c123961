//! `README.md` of a rendered root: what the stack is (the diagram, drawn from the HCL), the
//! profile's key settings, the estimate, how to deploy it and call it, and its inputs and
//! outputs. It is rendered with the HCL, so `render --check` keeps it current.

use crate::cost::price_table::PriceTable;
use crate::cost::{estimate, Assumptions, Estimate};
use crate::graph::{diagram, mermaid};
use crate::hcl::semantic::Model as Semantic;
use crate::hcl::{BlockKind, ConfigIndex};
use crate::profile::stack::Stack;
use crate::profile::{placeholders, LoadedProfile};
use crate::render::{RenderedFile, MARKDOWN_HEADER_PREFIX};
use std::fmt::Write;
use std::path::PathBuf;

/// The root's README, from the profile and the rendered root's index.
pub fn readme(profile: &LoadedProfile, index: &ConfigIndex) -> RenderedFile {
    let m = &profile.stack;
    let semantic = Semantic::new(index);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{MARKDOWN_HEADER_PREFIX}{} (profile \"{}\"). Do not edit by hand: change the profile and run `petgen render --profile {}`. -->\n",
        m.profile_file, m.profile, m.profile
    );
    let _ = writeln!(out, "# {} ({})\n", m.name, m.environment);
    let _ = writeln!(
        out,
        "The petstore API in {}{}: {} → ECS Fargate → {}{}. Rendered by petgen from `{}`.\n",
        m.region,
        if m.production { ", production" } else { "" },
        if m.api.alb {
            format!(
                "an Application Load Balancer at https://{}{}",
                m.api.domain_name,
                if m.api.waf { " (with WAF)" } else { "" }
            )
        } else {
            "API Gateway → VPC link → Cloud Map".to_string()
        },
        if m.data.postgres.is_some() {
            "Aurora PostgreSQL"
        } else {
            "DynamoDB"
        },
        route_auth(m),
        m.profile_file
    );
    out.push_str("## Architecture\n\n");
    out.push_str("Drawn by `petgen graph` from this root's HCL: solid arrows follow a request, dashed ones are dependencies.\n\n");
    let _ = writeln!(
        out,
        "```mermaid\n{}```\n",
        mermaid::render(&diagram(&semantic))
    );
    settings(&mut out, m);
    let prices = PriceTable::current_or_embedded();
    let assumptions = Assumptions::for_profile(Some(profile));
    let e: Estimate = estimate(&semantic, &m.region, &assumptions, &prices);
    cost(&mut out, profile, &e, m);
    config(&mut out, &semantic, &e, m);
    usage(&mut out, profile, m);
    database(&mut out, m);
    interface(&mut out, index);
    RenderedFile {
        path: PathBuf::from("README.md"),
        contents: out.trim_end().to_string() + "\n",
    }
}

/// Which routes need a Cognito JWT, in words.
fn route_auth(m: &Stack) -> String {
    let protected: Vec<&str> = m
        .api
        .routes
        .iter()
        .filter(|r| r.protected)
        .map(|r| r.method)
        .collect();
    if protected.is_empty() {
        ", with every route public".to_string()
    } else {
        format!(
            ", with a Cognito JWT required on {}",
            protected.join(" and ")
        )
    }
}

/// Where the API's certificate comes from, and who makes its DNS record.
fn certificate_words(m: &Stack) -> String {
    let cert = if m.api.issue_certificate {
        "certificate issued by the stack, validated by DNS".to_string()
    } else {
        format!("certificate `{}`", md_text(&m.api.certificate_arn))
    };
    match &m.api.hosted_zone_id {
        Some(z) => format!("{cert}, alias record in zone `{}`", md_text(z)),
        None => cert,
    }
}

fn settings(out: &mut String, m: &Stack) {
    let mut rows: Vec<(&str, String)> = vec![
        ("region", m.region.clone()),
        ("availability zones", m.network.azs.join(", ")),
        (
            "NAT gateways",
            format!(
                "{} ({})",
                m.network.nat_gateway_azs.len(),
                m.network.nat_gateway_azs.join(", ")
            ),
        ),
        (
            "tasks",
            format!(
                "{} CPU units ({} vCPU), {} MiB, {}; {}",
                m.service.cpu,
                f64::from(m.service.cpu) / 1024.0,
                m.service.memory,
                m.service.cpu_architecture,
                if m.service.autoscaling {
                    format!(
                        "{} to {} tasks at {}% CPU",
                        m.service.min_count, m.service.max_count, m.service.cpu_target_percent
                    )
                } else {
                    format!("{} task(s)", m.service.desired_count)
                }
            ),
        ),
        (
            "image",
            if m.service.build {
                "built from service/ and pushed to ECR by `petgen apply`".to_string()
            } else {
                format!("`{}`", m.service.image)
            },
        ),
        datastore(m),
        (
            "sign-in",
            format!(
                "MFA {}, {} tier{}, {}",
                m.auth.mfa_configuration,
                m.auth.user_pool_tier,
                m.auth
                    .advanced_security_mode
                    .map(|s| format!(", threat protection {s}"))
                    .unwrap_or_default(),
                if m.auth.admin_create_user_only {
                    "users created by an administrator"
                } else {
                    "self sign-up open"
                }
            ),
        ),
        (
            "API",
            if m.api.alb {
                format!(
                    "load balancer at https://{} ({}), TLS 1.3/1.2 policy, {}WAF {}, access logs in S3, {}",
                    md_text(&m.api.domain_name),
                    certificate_words(m),
                    if m.api.http_redirect { "HTTP redirected to HTTPS, " } else { "" },
                    if m.api.waf { "on" } else { "off" },
                    if m.api.deletion_protection { "deletion protection" } else { "no deletion protection" },
                )
            } else {
                format!(
                    "{}{}{}",
                    if m.api.custom_domain {
                        format!(
                            "on https://{} ({}, TLS 1.2), ",
                            md_text(&m.api.domain_name),
                            certificate_words(m)
                        )
                    } else {
                        String::new()
                    },
                    if m.api.throttling {
                        format!(
                            "throttled at {} req/s (burst {})",
                            m.api.throttling_rate_limit, m.api.throttling_burst_limit
                        )
                    } else {
                        "not throttled".to_string()
                    },
                    if m.api.access_logs {
                        ", access logs on"
                    } else {
                        ""
                    }
                )
            },
        ),
        ("log retention", format!("{} days", m.log_retention_days)),
        (
            "state",
            if m.backend.s3 {
                format!(
                    "s3://{}/{}",
                    md_text(&m.backend.bucket),
                    md_text(&m.backend.key)
                )
            } else {
                "local (terraform.tfstate in this directory)".to_string()
            },
        ),
    ];
    if let Some(b) = m.budget {
        rows.push(("budget", format!("${:.2} a month", b.usd_per_month)));
    }
    out.push_str("## Key settings\n\n| setting | value |\n|---|---|\n");
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {} |", v.replace('|', "\\|"));
    }
    out.push('\n');
}

fn cost(out: &mut String, profile: &LoadedProfile, e: &Estimate, m: &Stack) {
    out.push_str("## Estimated monthly cost\n\n");
    let _ = writeln!(
        out,
        "**${:.2} a month** at the profile's usage assumptions{}. The largest items:\n",
        e.total_monthly_usd,
        profile
            .profile
            .budget_usd_per_month
            .map(|b| format!(" (budget ${b:.2})"))
            .unwrap_or_default()
    );
    let mut lines: Vec<(&str, &str, f64)> = e
        .resources
        .iter()
        .flat_map(|r| {
            r.components
                .iter()
                .map(move |c| (r.address.as_str(), c.name.as_str(), c.monthly_usd))
        })
        .filter(|(_, _, usd)| *usd > 0.0)
        .collect();
    lines.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(b.0)).then(a.1.cmp(b.1)));
    out.push_str("| resource | component | USD a month |\n|---|---|---:|\n");
    for (address, component, usd) in lines.iter().take(6) {
        let _ = writeln!(out, "| `{address}` | {component} | {usd:.2} |");
    }
    if e.is_partial() {
        let _ = writeln!(
            out,
            "\nThis covers only what is priced: {} has no price for {}; `petgen prices fetch --region {}` imports AWS's prices.",
            e.region,
            e.missing_prices.join(", "),
            e.region
        );
    }
    let _ = writeln!(
        out,
        "\n`petgen cost --profile {}` prints every line, the free resources and the assumptions.\n",
        m.profile
    );
}

/// AWS Config, when the profile turns it on: what it records, the rules and the lint rules
/// they mirror, where findings go, what it costs, and how it divides the work with lint.
fn config(out: &mut String, semantic: &Semantic, e: &Estimate, m: &Stack) {
    if m.audit.config.is_none() {
        return;
    }
    let recorded: Vec<String> = semantic
        .resources("aws_config_configuration_recorder")
        .filter_map(|rec| {
            let group = *rec.blocks("recording_group").first()?;
            let types = rec.value_in(group, "resource_types")?;
            Some(
                types
                    .as_array()?
                    .iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect::<Vec<_>>(),
            )
        })
        .next()
        .unwrap_or_default();
    let resource_types: Vec<&String> = recorded
        .iter()
        .filter(|t| *t != crate::facts::config::RESOURCE_COMPLIANCE)
        .collect();
    let rules: Vec<(&'static crate::facts::config::Mirror, String)> = semantic
        .resources("aws_config_config_rule")
        .filter_map(|r| {
            let source = *r.blocks("source").first()?;
            let id = r.value_in(source, "source_identifier")?;
            let mirror = crate::facts::config::mirror_by_identifier(id.as_str()?)?;
            Some((mirror, format!("{}-{}", m.name, mirror.name)))
        })
        .collect();
    let (items, evaluations, usd) = e
        .resources
        .iter()
        .filter(|r| r.address.starts_with("module.config."))
        .flat_map(|r| r.components.iter())
        .fold((0.0, 0.0, 0.0), |(i, v, usd), c| {
            if c.name.starts_with("Configuration items") {
                (i + c.quantity, v, usd + c.monthly_usd)
            } else {
                (i, v + c.quantity, usd + c.monthly_usd)
            }
        });
    out.push_str("## AWS Config: drift after apply\n\n");
    let _ = writeln!(
        out,
        "Lint checks this root before apply. AWS Config checks the deployed resources after it, so a change made in the console or by another tool (point-in-time recovery turned off, a security group opened, deletion protection removed) is reported within minutes. Remediation is left to people.\n"
    );
    let _ = writeln!(
        out,
        "- **Recorder** `{}`: records the {} resource types this root renders, and nothing else ({}), plus `{}`, the timeline of each resource's compliance. IAM roles are global; this recorder, in {}, is the one that records them. An account holds one customer-managed recorder per region: where one already exists (AWS Control Tower, an organization-wide setup), set `audit.config = false` and the apply does not conflict with it.",
        m.name,
        resource_types.len(),
        resource_types
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", "),
        crate::facts::config::RESOURCE_COMPLIANCE,
        m.region
    );
    let _ = writeln!(
        out,
        "- **Delivery**: snapshots and history go to {}, under `AWSLogs/<account>/Config/`, daily.",
        if m.audit.config.as_ref().is_some_and(|c| c.own_bucket) {
            "a bucket of Config's own (`terraform output config_bucket_name`)"
        } else {
            "the audit trail's bucket (`terraform output audit_bucket_name`), encrypted with the trail's key"
        }
    );
    let _ = writeln!(
        out,
        "- **Findings**: {}\n",
        if m.monitoring.alarms {
            format!(
                "a resource turning non-compliant publishes to the alarm topic through the EventBridge rule `{}-config-compliance`, so the on-call gets it with the alarms.{}",
                m.name,
                if m.monitoring.create_topic {
                    " The topic's policy and its key admit that rule only."
                } else {
                    " The topic is `monitoring.topic_arn`'s, so its policy is its owner's: it must let `events.amazonaws.com` publish (and its KMS key, if any, let it encrypt), or the findings are dropped."
                }
            )
        } else {
            "alarms are off in this profile, so findings stay in the Config console (`aws configservice describe-compliance-by-config-rule`).".to_string()
        }
    );
    let by_pool = rules
        .iter()
        .any(|(r, _)| r.scope == crate::facts::config::Scope::UserPool);
    let daily: Vec<String> = rules
        .iter()
        .filter(|(r, _)| r.periodic_too)
        .map(|(r, _)| format!("`{}`", r.name))
        .collect();
    let _ = writeln!(
        out,
        "Each rule is the AWS managed rule that mirrors a petgen lint rule (`petgen rule ID` prints the pairing). The rules are scoped by the tag `{}` = `{}`, which every resource of this stack carries{}, so changes to other resources do not trigger them.{}\n",
        crate::facts::config::STACK_TAG,
        m.name,
        if by_pool {
            ", and the user pool's rules by the pool's ID"
        } else {
            ""
        },
        match daily.split_last() {
            None => String::new(),
            Some((last, [])) => format!(" {last} also runs daily, a run that may report security groups outside this stack."),
            Some((last, rest)) => format!(
                " {} and {last} also run daily, a run that may report security groups outside this stack.",
                rest.join(", ")
            ),
        }
    );
    out.push_str("| lint rule | Config rule | checks that |\n|---|---|---|\n");
    for (mirror, name) in &rules {
        let _ = writeln!(
            out,
            "| {} | [`{name}`]({}) | {} |",
            mirror.lint,
            mirror.doc_url(),
            mirror.checks
        );
    }
    let _ = writeln!(
        out,
        "\nLint and Config divide the work: lint runs every rule on the plan, including the many without a managed equivalent (IAM policy contents, JWT issuers, costs); Config re-checks the {} above on the live resources. A lint rule this profile waives has no Config rule (the waived resource would be non-compliant forever), nor has a rule the profile's choices do not meet (point-in-time recovery off, say): lint reports those before apply.\n",
        rules.len()
    );
    let _ = writeln!(
        out,
        "**Cost**: about ${usd:.2} a month at this profile's assumptions: {items:.0} configuration items (`usage.config_items_per_month`; a deployment changes the service and its task definition, each scaling step the service) at $0.003, and {evaluations:.0} rule evaluations at $0.001. Turn it on for a stack people can change outside Terraform; leave it off for short-lived stacks, where every create and destroy is billed as configuration items.\n"
    );
}

/// The way from an empty account to a checked API: what to replace, bootstrap, plan, apply,
/// a user, a token, the smoke test, the calls, and teardown.
fn usage(out: &mut String, profile: &LoadedProfile, m: &Stack) {
    let p = &m.profile;
    out.push_str("## From zero to curl\n\n");
    let _ = writeln!(
        out,
        "You need AWS credentials allowed to create the stack (`AWS_PROFILE`, or `aws sso login`), terraform {}{}, and the aws CLI. Expect 15 to 30 minutes, most of it terraform waiting for AWS{}.\n",
        md_text(&m.terraform_version),
        if m.service.build { ", docker or podman (for the pet service image)" } else { "" },
        if m.api.issue_certificate { " (the certificate's DNS validation among it)" } else { "" }
    );
    let found = placeholders::find(profile);
    if !found.is_empty() {
        // Key paths hold no backticks, so they sit in a code span as they are. Each is named
        // with the file that sets it: an inherited value is replaced in the parent.
        let keys: Vec<String> = found
            .iter()
            .map(|f| {
                let at = profile.locate(&f.key);
                // Named as the header names the profile: by its place in the project, not
                // by where this machine keeps it.
                let file = at
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                format!("`{}` (`profiles/{file}:{}`)", f.key, at.line)
            })
            .collect();
        let _ = writeln!(
            out,
            "First replace the example values: {}. `petgen plan` and `apply` refuse them.\n",
            keys.join(", ")
        );
    }
    out.push_str("From the repository root:\n\n```\n");
    if m.backend.s3 {
        let _ = writeln!(
            out,
            "petgen bootstrap --profile {p}   # the S3 state bucket terraform init needs"
        );
    }
    let _ = writeln!(
        out,
        "petgen plan --profile {p}        # checks, {}init, plan\npetgen apply --profile {p}       # {}applies the saved plan",
        if super::live::preflight_for(profile).is_empty() {
            ""
        } else {
            "preflight with your credentials, "
        },
        if m.service.build { "builds and pushes the image, then " } else { "" }
    );
    out.push_str("```\n\n");
    if m.api.alb && m.api.hosted_zone_id.is_none() {
        let _ = writeln!(
            out,
            "Then point `{}` at the load balancer (an alias or CNAME record for `terraform output -raw load_balancer_dns_name`): the certificate is for that name, and the API answers only on HTTPS.\n",
            md_text(&m.api.domain_name)
        );
    } else if m.api.custom_domain && !m.api.alb && m.api.hosted_zone_id.is_none() {
        let _ = writeln!(
            out,
            "Then point `{}` at API Gateway (a CNAME record for `terraform output -raw domain_target`); until then, `terraform output -raw default_endpoint_url` answers.\n",
            md_text(&m.api.domain_name)
        );
    }
    if m.api.authorizer {
        out.push_str("Then a user, a token, and the smoke test (GET of a missing pet is 404, POST without a token 401, with one 201, and the pet reads back):\n\n```\n");
        let _ = writeln!(
            out,
            "POOL=$(terraform -chdir=generated/{p} output -raw user_pool_id)"
        );
        if m.auth.admin_create_user_only {
            out.push_str("aws cognito-idp admin-create-user --user-pool-id \"$POOL\" --username alice@example.com \\\n  --user-attributes Name=email,Value=alice@example.com Name=email_verified,Value=true \\\n  --message-action SUPPRESS\naws cognito-idp admin-set-user-password --user-pool-id \"$POOL\" --username alice@example.com \\\n  --password 'Correct-Horse-Battery-9!' --permanent\n\n");
        }
        let _ = writeln!(
            out,
            "# Signs in by SRP (the password is proven, never sent){}; prints the token only.\nTOKEN=$(petgen token --profile {p} --username alice@example.com)\nprintf '%s' \"$TOKEN\" | petgen smoke --profile {p} --token-file -",
            match m.auth.mfa_configuration {
                "ON" => ", enrols an authenticator on the first sign-in and asks for its code",
                "OPTIONAL" => ", and asks for the authenticator's code when the user has one",
                _ => "",
            }
        );
        out.push_str("```\n\n");
    } else {
        let _ = writeln!(
            out,
            "Then the smoke test:\n\n```\npetgen smoke --profile {p}\n```\n"
        );
    }
    out.push_str("## Call the API\n\n```\n");
    let _ = writeln!(
        out,
        "API=$(terraform -chdir=generated/{p} output -raw invoke_url)\nPET=$(date +%s)   # a new pet each time: a second POST of the same ID is 409\n"
    );
    // A write first, so the read finds a pet.
    let mut routes: Vec<_> = m.api.routes.iter().collect();
    routes.sort_by_key(|r| r.method == "GET");
    for r in routes {
        let _ = match (r.method, r.protected) {
            ("GET", false) => writeln!(out, "curl -i \"$API/petstore/pets/$PET\"                                   # GET is public"),
            ("GET", true) => writeln!(out, "curl -i \"$API/petstore/pets/$PET\" -H \"Authorization: Bearer $TOKEN\"   # GET needs the token"),
            (_, true) => writeln!(out, "curl -i -X {} \"$API/petstore/pets/$PET\" -H \"Authorization: Bearer $TOKEN\" \\\n  -H 'Content-Type: application/json' -d '{{\"name\": \"Spot\"}}'     # {} needs the token", r.method, r.method),
            (_, false) => writeln!(out, "curl -i -X {} \"$API/petstore/pets/$PET\" \\\n  -H 'Content-Type: application/json' -d '{{\"name\": \"Spot\"}}'     # {} is public", r.method, r.method),
        };
    }
    out.push_str("```\n\n## Tear down\n\n```\n");
    let _ = writeln!(
        out,
        "petgen destroy --profile {p}   # asks for the profile's name; names any protection that stops it first\n```\n"
    );
    if m.production {
        let _ = write!(
            out,
            "Production keeps its data: deletion protection on the {}, the user pool{} stops the destroy until it is turned off, and `petgen destroy` says where.",
            if m.data.postgres.is_some() {
                "database cluster (which leaves a final snapshot when it goes)"
            } else {
                "table"
            },
            if m.api.alb { " and the load balancer" } else { "" }
        );
        if m.backend.s3 {
            out.push_str(
                " The state bucket stays: it holds the state of every profile that uses it.",
            );
        }
        out.push_str("\n\n");
    } else if m.backend.s3 {
        out.push_str(
            "The state bucket stays: it holds the state of every profile that uses it.\n\n",
        );
    }
}

/// Root variables and outputs, as terraform-docs lists them.
fn interface(out: &mut String, index: &ConfigIndex) {
    let Some(root) = index.root_module() else {
        return;
    };
    let text = |b: &crate::hcl::TopBlock, name: &str| {
        b.attr(name)
            .map(|a| a.value.to_string().trim().to_string())
            .unwrap_or_default()
    };
    let cell = |s: String| s.replace('|', "\\|").replace('\n', " ");
    out.push_str("## Inputs\n\n");
    let vars: Vec<_> = root.blocks_of(BlockKind::Variable).collect();
    if vars.is_empty() {
        out.push_str("None: every value comes from the profile.\n\n");
    } else {
        out.push_str("| name | type | default | description |\n|---|---|---|---|\n");
        for v in vars {
            let default = match v.attr("default") {
                Some(a) => format!("`{}`", cell(a.value.to_string().trim().to_string())),
                None => "required".to_string(),
            };
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {default} | {} |",
                v.labels.first().copied().unwrap_or_default(),
                cell(text(&v, "type")),
                cell(text(&v, "description").trim_matches('"').to_string())
            );
        }
        out.push('\n');
    }
    out.push_str("## Outputs\n\n| name | description |\n|---|---|\n");
    for o in root.blocks_of(BlockKind::Output) {
        let _ = writeln!(
            out,
            "| `{}` | {} |",
            o.labels.first().copied().unwrap_or_default(),
            cell(text(&o, "description").trim_matches('"').to_string())
        );
    }
}

/// The datastore's row: the Aurora cluster, or the DynamoDB table.
fn datastore(m: &Stack) -> (&'static str, String) {
    let Some(pg) = &m.data.postgres else {
        return (
            "table",
            format!(
                "`{}`, {}{}{}{}",
                m.data.table_name,
                m.data.billing_mode,
                if m.data.point_in_time_recovery {
                    ", point-in-time recovery"
                } else {
                    ""
                },
                if m.data.deletion_protection {
                    ", deletion protection"
                } else {
                    ""
                },
                if m.data.replica_regions.is_empty() {
                    String::new()
                } else {
                    format!(", replicas in {}", m.data.replica_regions.join(", "))
                }
            ),
        );
    };
    let pauses = if pg.auto_pause_seconds.is_some() {
        " (pauses when idle)"
    } else {
        ""
    };
    let protected = match (pg.deletion_protection, pg.production) {
        (true, true) => ", deletion protection and a final snapshot",
        (true, false) => ", deletion protection",
        (false, true) => ", a final snapshot",
        (false, false) => "",
    };
    let storage = if pg.storage_type.is_empty() {
        ""
    } else {
        ", I/O-Optimized"
    };
    (
        "database",
        format!(
            "Aurora PostgreSQL {} Serverless v2, `{}`: {} to {} ACUs{pauses}, {} instance(s) ({}), {} days of backups{protected}{storage}",
            pg.engine_version,
            pg.cluster_identifier,
            pg.min_acu,
            pg.max_acu,
            1 + usize::from(pg.reader_zone_id.is_some()),
            std::iter::once(&pg.writer_zone_id)
                .chain(&pg.reader_zone_id)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            pg.backup_retention_days,
        ),
    )
}

/// How an operator reaches the pets database: the Data API, which needs no network path (the
/// cluster admits the tasks only) and no password in hand.
fn database(out: &mut String, m: &Stack) {
    let Some(pg) = &m.data.postgres else {
        return;
    };
    let p = &m.profile;
    out.push_str(
        "## The database, for operations

",
    );
    let _ = writeln!(
        out,
        "The service connects with TLS to the writer's endpoint, as the master user whose password RDS keeps (and rotates) in Secrets Manager. The cluster's security group admits the tasks and nothing else, so operators do not connect over the network: they run SQL through the RDS Data API, over HTTPS, authorised by IAM (`rds-data:ExecuteStatement` on the cluster and `secretsmanager:GetSecretValue` on its secret). Data API calls are CloudTrail data events: a trail records them only with a data event selector for `AWS::RDS::DBCluster`, which this stack does not render.\n"
    );
    let _ = writeln!(
        out,
        "```
TF=\"terraform -chdir=generated/{p}\"
aws rds-data execute-statement \\
  --resource-arn \"$($TF output -raw database_cluster_arn)\" \\
  --secret-arn \"$($TF output -raw database_secret_arn)\" \\
  --database {} --sql 'SELECT count(*) FROM pets'
```
",
        pg.database_name
    );
    out.push_str("The service creates its table at start (a migration under an advisory lock, safe when several tasks start at once). Backups restore the cluster to any second of the retention window into a new cluster (`aws rds restore-db-cluster-to-point-in-time`), which the profile cannot express: restore, check, then point the service at it by hand or copy the rows back.\n\n");
    if pg.auto_pause_seconds.is_some() {
        out.push_str("The writer pauses after its idle time with `min_acu = 0`: the first request after a pause waits about 15 seconds while it resumes.\n\n");
    }
}

/// A profile value as inert Markdown text: no HTML, no emphasis, links, code spans or table
/// cells of its own, on one line. The profile checks keep these values plain already; this
/// keeps the README plain whatever reaches it.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' => out.push('\''),
            // `|` is left to the table cell that holds the value.
            '\\' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod md_tests {
    use super::md_text;

    #[test]
    fn profile_values_cannot_carry_markup_into_the_readme() {
        assert_eq!(
            md_text("k<script>x</script>\n# h [a](b) `c` | d"),
            "k&lt;script&gt;x&lt;/script&gt; \\# h \\[a\\]\\(b\\) 'c' | d"
        );
        assert_eq!(md_text("petstore/prod.tfstate"), "petstore/prod.tfstate");
    }
}
