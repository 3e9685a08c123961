//! Stage 5a: lint. Rules read the semantic model of a configuration and report findings;
//! waivers and inline comments suppress them. Findings are [`Diagnostic`]s, printed by the
//! emitters in [`crate::diagnostic::emit`] with this stage's [`catalog`].
//!
//! Every rule lives in its own file under `rules/<area>/`, starts with a `//!` doc comment
//! (What it does / Why / Example / Fix) that `petgen rule ID` prints, and is registered once
//! in [`codes::RULES`], the single table of stable IDs.

pub mod catalog;
pub mod codes;
pub mod context;
pub mod iam_policy;
pub mod rules;
pub mod waivers;

use crate::diagnostic::{Diagnostic, Location, Severity};
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
    /// The rule's file, relative to the crate: `src/lint/rules/ecs/ecs006_....rs`.
    #[serde(skip)]
    pub path: &'static str,
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

/// A lint finding: a [`Diagnostic`] whose code is a rule ID and whose subject is the resource
/// address (or the profile entry) it is about.
pub type Finding = Diagnostic;

/// A finding of rule `meta` at `location`, about `address`.
pub fn finding_at(
    meta: &'static RuleMeta,
    location: Location,
    address: impl Into<String>,
    message: impl Into<String>,
    fix: impl Into<String>,
) -> Finding {
    let mut d = Diagnostic::new(meta.id, meta.severity, message).at(location);
    d.subject = Some(address.into());
    d.fix = Some(fix.into());
    d
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
    // In a petgen root the fix is a profile setting, not an HCL edit. Findings that point
    // into the profile itself already say what to change there.
    if let Some(p) = ctx.profile {
        for f in &mut out {
            let in_profile = f.location.as_ref().is_some_and(|l| l.file == p.path);
            if in_profile {
                continue;
            }
            if let Some(key) = codes::find(f.code).and_then(|r| r.meta().profile_fix) {
                f.fix = Some(format!("set {key} in {}", p.path.display()));
            }
        }
    }
    waivers::apply(ctx, &mut out, selection);
    out.sort_by(|a, b| (&a.location, a.code).cmp(&(&b.location, b.code)));
    out
}
