//! AWS Config's part of a render: the resource types the recorder lists and the managed rules
//! the config module renders. Both follow from what the rest of the root renders, so the
//! config module is rendered last, from the other files' resource types.

use crate::facts::config::{
    config_type, Mirror, Param, Scope, When, MIRRORS, RESOURCE_COMPLIANCE, STACK_TAG,
};
use crate::profile::stack::{ConfigModel, Stack};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the config module's templates see as `config`.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigRender {
    /// Config resource types, sorted: every type the root renders that Config records.
    pub recorded_types: Vec<&'static str>,
    pub rules: Vec<RuleRender>,
    /// The tag the rules are scoped by.
    pub stack_tag: &'static str,
    /// Some rule is scoped to the user pool by its ID, which the root passes in.
    pub needs_user_pool_id: bool,
}

/// One `aws_config_config_rule`.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRender {
    /// The block's label: the managed rule's name with `_` for `-`.
    pub resource: String,
    /// The managed rule's name in AWS's documentation; the rule is `<stack>-<name>`.
    pub name: &'static str,
    pub identifier: &'static str,
    pub description: String,
    pub lint: &'static str,
    /// `input_parameters`, when the rule takes any.
    pub parameters: Option<BTreeMap<&'static str, String>>,
    /// Scoped to the user pool by type and ID rather than by the stack tag.
    pub user_pool_scope: Option<&'static str>,
}

/// Terraform types the config module itself renders, which the recorder records too.
fn own_types(stack: &Stack, config: &ConfigModel) -> Vec<&'static str> {
    let mut out = vec!["aws_iam_role"];
    if config.own_bucket {
        out.push("aws_s3_bucket");
    }
    if stack.monitoring.alarms {
        out.push("aws_cloudwatch_event_rule");
    }
    out
}

/// The Terraform resource types of rendered HCL: the first label of every top-level
/// `resource` block (the files are canonical, so blocks start at the line's start).
pub fn resource_types<'a>(files: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    files
        .into_iter()
        .flat_map(str::lines)
        .filter_map(|line| line.strip_prefix("resource \"")?.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The recorder's types and the rules for `stack`, whose other modules render `rendered`.
pub fn plan(stack: &Stack, config: &ConfigModel, rendered: &BTreeSet<String>) -> ConfigRender {
    let mut recorded: BTreeSet<&'static str> = rendered
        .iter()
        .map(String::as_str)
        .chain(own_types(stack, config))
        .filter_map(config_type)
        .collect();
    let rules: Vec<RuleRender> = MIRRORS
        .iter()
        .filter(|m| m.types.iter().all(|t| recorded.contains(t)))
        .filter(|m| wanted(stack, config, m))
        .map(|m| rule(stack, m))
        .collect();
    recorded.insert(RESOURCE_COMPLIANCE);
    ConfigRender {
        recorded_types: recorded.into_iter().collect(),
        needs_user_pool_id: rules.iter().any(|r| r.user_pool_scope.is_some()),
        rules,
        stack_tag: STACK_TAG,
    }
}

/// The mirror is for this stack: the stack starts compliant with it and the profile does not
/// waive its lint rule.
fn wanted(stack: &Stack, config: &ConfigModel, m: &Mirror) -> bool {
    holds(stack, m.when) && !config.waived_rules.iter().any(|w| w == m.lint)
}

/// Some rule will be scoped to the user pool by its ID: the root passes the ID to the module.
/// Decided before the other modules render (the root calls the module), from the same test as
/// [`plan`]; the user pool is in every stack, so its type is always recorded.
pub fn scoped_to_user_pool(stack: &Stack, config: &ConfigModel) -> bool {
    MIRRORS
        .iter()
        .any(|m| m.scope == Scope::UserPool && wanted(stack, config, m))
}

/// The stack renders what the mirror checks for, so its first evaluation is compliant.
fn holds(stack: &Stack, when: When) -> bool {
    match when {
        When::Always => true,
        When::PointInTimeRecovery => stack.data.point_in_time_recovery,
        When::TableDeletionProtection => stack.data.deletion_protection,
        When::TableCustomerManagedKey => stack.data.encryption == "customer_managed",
        When::ClusterDeletionProtection => stack
            .data
            .postgres
            .as_ref()
            .is_some_and(|pg| pg.deletion_protection),
        When::ContainerInsights => stack.service.container_insights,
        When::ApiAccessLogs => !stack.api.alb && stack.api.access_logs,
        When::LoadBalancerDeletionProtection => stack.api.alb && stack.api.deletion_protection,
        When::LoadBalancerWaf => stack.api.alb && stack.api.waf,
        When::MfaRequired => stack.auth.mfa_configuration == "ON",
        When::UserPoolDeletionProtection => stack.auth.deletion_protection == "ACTIVE",
        When::ThreatProtection => stack.auth.advanced_security_mode.is_some(),
    }
}

fn rule(stack: &Stack, m: &'static Mirror) -> RuleRender {
    let parameters: BTreeMap<&'static str, String> = m
        .params
        .iter()
        .filter_map(|p| match *p {
            Param::Fixed(key, value) => Some((key, value.to_string())),
            Param::ListenerTcpPorts(key) => stack.api.alb.then(|| {
                let mut ports = vec!["443"];
                if stack.api.http_redirect {
                    ports.insert(0, "80");
                }
                (key, ports.join(","))
            }),
            Param::ThreatProtectionMode(key) => stack
                .auth
                .advanced_security_mode
                .map(|mode| (key, mode.to_string())),
        })
        .collect();
    RuleRender {
        resource: m.name.replace('-', "_"),
        name: m.name,
        identifier: m.identifier,
        description: format!(
            "Mirrors petgen lint rule {}: {}. {}",
            m.lint,
            m.checks,
            m.doc_url()
        ),
        lint: m.lint,
        parameters: (!parameters.is_empty()).then_some(parameters),
        user_pool_scope: match m.scope {
            Scope::StackTag => None,
            Scope::UserPool => m.types.first().copied(),
        },
    }
}
