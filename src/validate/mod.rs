//! Stage 4: validate a configuration offline — block bodies against the provider schema (via
//! JSON Schema), and references, module calls and dependency cycles against the configuration
//! itself, and declarations (duplicates, empty labels) against terraform's own rules.

pub mod codes;
pub mod declarations;
pub mod json_schema;
pub mod provider_schema;
pub mod provider_version;
pub mod references;
pub mod schema_checks;

use crate::diagnostic::{Diagnostic, Severity};
use crate::hcl::ConfigIndex;
use provider_schema::ProviderSchema;

/// What `validate` found, and whether the provider-schema checks ran.
#[derive(Debug)]
pub struct Validation {
    pub diagnostics: Vec<Diagnostic>,
    /// Where the provider schema came from, when the schema checks ran.
    pub schema: Option<String>,
    /// Why the root's own schema was passed over for the embedded one, when it was.
    pub schema_skipped: Option<String>,
}

impl Validation {
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
    declarations::check(index, &mut out);
    references::check(index, schema, &mut out);
    if let Some(schema) = schema {
        provider_version::check(index, schema, &mut out);
    }
    out.sort_by(|a, b| (&a.location, a.severity, a.code).cmp(&(&b.location, b.severity, b.code)));
    out.dedup_by(|a, b| a.location == b.location && a.code == b.code && a.message == b.message);
    out
}

pub use crate::diagnostic::did_you_mean;
