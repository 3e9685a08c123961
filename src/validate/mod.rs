//! Stage 4: validate a configuration offline — block bodies against the provider schema (via
//! JSON Schema), and references, module calls and dependency cycles against the configuration
//! itself.

pub mod json_schema;
pub mod provider_schema;
pub mod references;
pub mod schema_checks;

use crate::diagnostic::Location;
use crate::hcl::{ConfigIndex, Module, Pos};
use provider_schema::ProviderSchema;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding of the validator.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `unknown-argument`.
    pub code: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub location: JsonLocation,
    /// The source line the location points into.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub snippet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A location with named fields, for JSON output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct JsonLocation {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl From<Location> for JsonLocation {
    fn from(l: Location) -> Self {
        JsonLocation {
            file: l.file.display().to_string(),
            line: l.line,
            column: l.col,
        }
    }
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        module: &Module,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            location: module.location(pos).into(),
            snippet: module.line_of(pos).to_string(),
            hint: None,
        }
    }

    pub fn error(
        code: &'static str,
        module: &Module,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, module, pos, message)
    }

    pub fn warning(
        code: &'static str,
        module: &Module,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, module, pos, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Everything `validate` found, and whether the provider-schema checks ran.
#[derive(Debug, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Where the provider schema came from, when the schema checks ran.
    pub schema: Option<String>,
    /// Why the schema checks were skipped, when they were.
    pub schema_skipped: Option<String>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

/// Run every check. Without a schema, only the structural checks run.
pub fn validate(index: &ConfigIndex, schema: Option<&ProviderSchema>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(schema) = schema {
        schema_checks::check(index, schema, &mut out);
    }
    references::check(index, schema, &mut out);
    out.sort_by(|a, b| (&a.location, a.severity, a.code).cmp(&(&b.location, b.severity, b.code)));
    out.dedup_by(|a, b| a.location == b.location && a.code == b.code && a.message == b.message);
    out
}

/// The closest candidate to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
