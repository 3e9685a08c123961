//! Lint's rule table as the emitters see it: what each rule ID means, and the words
//! `petgen lint`'s JSON uses (`findings`, `rule`, `fix`, `address`).

use crate::diagnostic::emit::{Catalog, CodeInfo, Vocabulary};
use serde_json::json;

/// The rule table; `docs` is where the rule pages (`docs/rules/ID.md`) are published, if known.
#[derive(Debug, Default)]
pub struct LintCatalog {
    pub docs: Option<String>,
}

/// GitHub code scanning's rank of a security finding, by severity (it groups 9.0+ as critical,
/// 7.0+ high, 4.0+ medium, below that low).
fn security_severity(severity: crate::diagnostic::Severity) -> f64 {
    match severity {
        crate::diagnostic::Severity::Error => 8.0,
        crate::diagnostic::Severity::Warning => 5.5,
        crate::diagnostic::Severity::Info => 2.0,
    }
}

impl Catalog for LintCatalog {
    fn codes(&self) -> Vec<CodeInfo> {
        super::codes::all()
            .map(|m| {
                let mut properties = serde_json::Map::new();
                properties.insert("category".into(), m.category.as_str().into());
                properties.insert("checkov".into(), json!(m.checkov));
                CodeInfo {
                    id: m.id,
                    name: m.name,
                    severity: m.severity,
                    summary: m.summary(),
                    doc: m.doc(),
                    properties,
                    notes: if m.checkov.is_empty() {
                        Vec::new()
                    } else {
                        vec![format!("checkov: {}", m.checkov.join(", "))]
                    },
                    help_uri: self.docs.as_ref().map(|base| format!("{base}{}.md", m.id)),
                    tags: std::iter::once(m.category.as_str().to_string())
                        .chain(m.checkov.iter().map(|c| c.to_string()))
                        .collect(),
                    security_severity: (m.category == super::Category::Security)
                        .then(|| security_severity(m.severity)),
                }
            })
            .collect()
    }

    fn vocabulary(&self) -> Vocabulary {
        Vocabulary {
            list_key: "findings",
            code_key: "rule",
            fix_label: "fix",
            subject_label: "resource",
        }
    }
}
