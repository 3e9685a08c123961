//! Lint's rule table as the emitters see it: what each rule ID means, and the words
//! `petgen lint`'s JSON uses (`findings`, `rule`, `fix`, `address`).

use super::codes::RULES;
use crate::diagnostic::emit::{Catalog, CodeInfo, Vocabulary};
use serde_json::json;

pub struct LintCatalog;

impl Catalog for LintCatalog {
    fn codes(&self) -> Vec<CodeInfo> {
        RULES
            .iter()
            .map(|r| {
                let m = r.meta();
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
