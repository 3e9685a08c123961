//! Stage 5a: lint. Rules read the HCL index and report findings; waivers and inline
//! comments suppress them; emitters (in `emit`) turn findings into text, JSON, SARIF or
//! GitHub annotations.
//!
//! Every rule lives in its own file under `rules/<area>/`, starts with a `//!` doc comment
//! (What it does / Why / Example / Fix) that `petgen rule ID` prints, and is registered once
//! in [`codes::RULES`], the single table of stable IDs.

pub mod codes;
pub mod context;
pub mod emit;
pub mod policy;
pub mod rules;
pub mod waivers;

use crate::validate::{JsonLocation, Severity};
use context::Ctx;
use serde::Serialize;

/// What a rule protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Security,
    Reliability,
    Cost,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Security => "security",
            Category::Reliability => "reliability",
            Category::Cost => "cost",
        }
    }
}

/// A rule's fixed description.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// Stable ID, e.g. `NET001`. Never reused.
    pub id: &'static str,
    /// kebab-case name, e.g. `vpc-flow-logs`.
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// The checkov checks this rule is equivalent to; empty for rules checkov lacks.
    pub checkov: &'static [&'static str],
    /// The profile setting that fixes a finding in a petgen root, e.g.
    /// `data.point_in_time_recovery = true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_fix: Option<&'static str>,
    /// The rule file's source; its `//!` lines are the documentation.
    #[serde(skip)]
    pub source: &'static str,
}

impl RuleMeta {
    /// The rule's documentation: its file's `//!` comment.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if !out.is_empty() {
                    break;
                }
                continue;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out.trim_end().to_string()
    }

    /// The first paragraph of the doc, for one-line listings.
    pub fn summary(&self) -> String {
        let doc = self.doc();
        let body: Vec<&str> = doc
            .lines()
            .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty())
            .collect();
        body.join(" ")
    }
}

/// A rule: metadata and a check over the whole configuration.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Ctx, out: &mut Vec<Finding>);
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    /// Resource address, e.g. `module.data.aws_dynamodb_table.pets`.
    pub address: String,
    #[serde(flatten)]
    pub location: JsonLocation,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub snippet: String,
    /// What to change: the profile key for petgen roots, else the HCL fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    pub checkov: &'static [&'static str],
    /// Why the finding is waived, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
}

impl Finding {
    /// A finding that is about something other than a resource block: a profile setting, a
    /// waiver, the state backend.
    pub fn at(
        meta: &'static RuleMeta,
        location: JsonLocation,
        address: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: meta.id,
            name: meta.name,
            category: meta.category,
            severity: meta.severity,
            message: message.into(),
            address: address.into(),
            location,
            snippet: String::new(),
            fix: Some(fix.into()),
            checkov: meta.checkov,
            suppressed: None,
        }
    }
}

/// Selection by ID prefix: `--select NET,ECS0` and `--ignore IAM003`.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn includes(&self, id: &str) -> bool {
        let selected =
            self.select.is_empty() || self.select.iter().any(|p| id.starts_with(p.as_str()));
        selected && !self.ignore.iter().any(|p| id.starts_with(p.as_str()))
    }
}

/// Run every selected rule and apply waivers. Findings come back sorted by location;
/// suppressed ones carry their reason.
pub fn lint(ctx: &Ctx, selection: &Selection) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in codes::RULES {
        if selection.includes(rule.meta().id) {
            rule.check(ctx, &mut out);
        }
    }
    waivers::apply(ctx, &mut out, selection);
    out.sort_by(|a, b| (&a.location, a.rule).cmp(&(&b.location, b.rule)));
    out
}
