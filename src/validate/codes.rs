//! The single table of validation codes. Like lint's rule IDs, codes are stable: a removed
//! code is never reused.

use crate::diagnostic::emit::{Catalog, CodeInfo, Vocabulary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::hcl::{Module, Pos};

/// One validation code.
#[derive(Debug)]
pub struct Code {
    /// kebab-case, e.g. `unknown-argument`.
    pub id: &'static str,
    pub severity: Severity,
    /// What the check catches, for `--format sarif` and the docs.
    pub summary: &'static str,
}

impl Code {
    /// A diagnostic of this code at `pos` in `module`, with the source line.
    pub fn at(&'static self, module: &Module, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.id, self.severity, message)
            .at(module.location(pos))
            .snippet(module.line_of(pos))
    }
}

macro_rules! codes {
    ($($name:ident = $id:literal, $sev:ident, $summary:literal;)*) => {
        $(pub static $name: Code = Code { id: $id, severity: Severity::$sev, summary: $summary };)*
        /// Every code, in table order.
        pub static CODES: &[&Code] = &[$(&$name),*];
    };
}

codes! {
    UNKNOWN_TYPE = "unknown-type", Error, "A resource or data source type the provider schema does not have.";
    UNKNOWN_ARGUMENT = "unknown-argument", Error, "An argument the type's schema does not have.";
    UNKNOWN_BLOCK = "unknown-block", Error, "A nested block the type's schema does not have.";
    MISSING_ARGUMENT = "missing-argument", Error, "A required argument is not set.";
    MISSING_BLOCK = "missing-block", Error, "A required nested block is missing.";
    COMPUTED_ATTRIBUTE = "computed-attribute", Error, "An attribute only the provider sets is set in the configuration.";
    BLOCK_COUNT = "block-count", Error, "A nested block appears fewer or more times than the schema allows.";
    WRONG_TYPE = "wrong-type", Error, "A literal of a type the argument does not accept, after Terraform's conversions.";
    SCHEMA = "schema", Error, "Another disagreement between a block and its provider schema.";
    DEPRECATED = "deprecated", Warning, "A deprecated argument, block, resource type or attribute.";
    UNDECLARED_VARIABLE = "undeclared-variable", Error, "A `var.` reference to a variable the module does not declare.";
    UNDECLARED_LOCAL = "undeclared-local", Error, "A `local.` reference to a local value the module does not define.";
    UNDECLARED_MODULE = "undeclared-module", Error, "A `module.` reference to a module call the module does not have.";
    UNKNOWN_OUTPUT = "unknown-output", Error, "A reference to an output the called module does not declare.";
    UNDECLARED_REFERENCE = "undeclared-reference", Error, "A reference to a resource or data source the module does not declare.";
    UNKNOWN_REFERENCE = "unknown-reference", Error, "A reference whose root is not something Terraform knows.";
    UNKNOWN_ATTRIBUTE = "unknown-attribute", Error, "A reference to an attribute the resource or data source type does not have.";
    UNUSED_VARIABLE = "unused-variable", Warning, "A variable nothing in its module uses.";
    UNUSED_LOCAL = "unused-local", Warning, "A local value nothing in its module uses.";
    MODULE_UNKNOWN_ARGUMENT = "module-unknown-argument", Error, "A module call passes an argument the child module does not declare.";
    MODULE_MISSING_ARGUMENT = "module-missing-argument", Error, "A module call does not pass a variable the child module requires.";
    CYCLE = "cycle", Error, "Blocks that depend on each other in a loop, across modules.";
    DUPLICATE_DECLARATION = "duplicate-declaration", Error, "A resource, data source, variable, output, local value or module call declared twice in one module.";
    EMPTY_LABEL = "empty-label", Error, "A block whose label is empty.";
    INVALID_NAME = "invalid-name", Error, "A resource, data source, variable, output or module name that is not an identifier (a letter or underscore, then letters, digits, underscores and dashes).";
    INVALID_COUNT = "invalid-count", Error, "A `count` that is not a whole number of 0 or more, or a `count` or `for_each` of more instances than petgen models (10,000 per resource).";
    PROVIDER_VERSION = "provider-version", Warning, "The root's hashicorp/aws version constraint excludes the version of the schema petgen validates against, so schema findings may be version differences.";
    NOT_SCHEMA_CHECKED = "not-schema-checked", Info, "A type the embedded provider schema does not cover, so its arguments were not checked.";
}

/// Validation's codes, for the emitters.
pub struct ValidationCatalog;

impl Catalog for ValidationCatalog {
    fn codes(&self) -> Vec<CodeInfo> {
        CODES
            .iter()
            .map(|c| CodeInfo {
                id: c.id,
                name: c.id,
                severity: c.severity,
                summary: c.summary.to_string(),
                doc: c.summary.to_string(),
                properties: serde_json::Map::new(),
                notes: Vec::new(),
                help_uri: None,
                tags: vec!["validation".to_string()],
                security_severity: None,
            })
            .collect()
    }

    fn vocabulary(&self) -> Vocabulary {
        Vocabulary {
            list_key: "diagnostics",
            code_key: "code",
            fix_label: "hint",
            subject_label: "address",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let mut seen = std::collections::BTreeSet::new();
        for c in super::CODES {
            assert!(seen.insert(c.id), "duplicate code {}", c.id);
            assert!(
                c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'),
                "{} is not kebab-case",
                c.id
            );
            assert!(
                c.summary.ends_with('.'),
                "{} needs a summary sentence",
                c.id
            );
        }
    }
}
