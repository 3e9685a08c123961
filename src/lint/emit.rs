//! Emitters: findings to human text, JSON, SARIF 2.1.0 and GitHub workflow annotations.
//! Rules produce data only; everything about presentation lives here.

use super::codes::RULES;
use super::Finding;
use crate::report::{human as render_entry, Entry};
use crate::validate::Severity;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Human output: unsuppressed findings grouped by file, with snippets, then a summary.
pub fn human(findings: &[Finding]) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        by_file.entry(&f.location.file).or_default().push(f);
    }
    let mut out = String::new();
    for (file, list) in by_file {
        out.push_str(&format!("── {file} ──\n"));
        for f in list {
            let mut hints = vec![format!("resource: {}", f.address)];
            if let Some(fix) = &f.fix {
                hints.push(format!("fix: {fix}"));
            }
            if !f.checkov.is_empty() {
                hints.push(format!("checkov: {}", f.checkov.join(", ")));
            }
            out.push_str(&render_entry(&Entry {
                severity: f.severity.as_str(),
                code: f.rule,
                message: &f.message,
                file: &f.location.file,
                line: f.location.line,
                column: f.location.column,
                snippet: &f.snippet,
                hints,
            }));
            out.push('\n');
        }
    }
    let count = |s: Severity| {
        findings
            .iter()
            .filter(|f| f.suppressed.is_none() && f.severity == s)
            .count()
    };
    let suppressed = findings.iter().filter(|f| f.suppressed.is_some()).count();
    out.push_str(&format!(
        "{} error(s), {} warning(s), {} info; {} waived\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        suppressed
    ));
    out
}

/// JSON: every finding, suppressed ones included with their reason.
pub fn json(findings: &[Finding], root: &str) -> Value {
    let active: Vec<&Finding> = findings.iter().filter(|f| f.suppressed.is_none()).collect();
    let suppressed: Vec<&Finding> = findings.iter().filter(|f| f.suppressed.is_some()).collect();
    json!({
        "root": root,
        "findings": active,
        "suppressed": suppressed,
        "summary": {
            "errors": active.iter().filter(|f| f.severity == Severity::Error).count(),
            "warnings": active.iter().filter(|f| f.severity == Severity::Warning).count(),
            "info": active.iter().filter(|f| f.severity == Severity::Info).count(),
            "suppressed": suppressed.len(),
        }
    })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0, with one `reportingDescriptor` per rule (help text from the rule's doc) and
/// waived findings carried as suppressed results.
pub fn sarif(findings: &[Finding]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.id,
                "name": m.name,
                "shortDescription": { "text": m.summary() },
                "fullDescription": { "text": m.summary() },
                "help": { "text": m.doc(), "markdown": m.doc() },
                "defaultConfiguration": { "level": sarif_level(m.severity) },
                "properties": { "category": m.category.as_str(), "checkov": m.checkov },
            })
        })
        .collect();
    let index_of = |id: &str| RULES.iter().position(|r| r.meta().id == id).unwrap_or(0);
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut r = json!({
                "ruleId": f.rule,
                "ruleIndex": index_of(f.rule),
                "level": sarif_level(f.severity),
                "message": { "text": format!("{}{}", f.message, f.fix.as_ref().map(|x| format!(" (fix: {x})")).unwrap_or_default()) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.location.file.replace('\\', "/") },
                        "region": { "startLine": f.location.line, "startColumn": f.location.column }
                    },
                    "logicalLocations": [{ "fullyQualifiedName": f.address, "kind": "resource" }]
                }],
            });
            if let Some(reason) = &f.suppressed {
                r["suppressions"] = json!([{ "kind": "external", "justification": reason }]);
            }
            r
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "petgen",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/petgen/petgen",
                "rules": rules,
            }},
            "results": results,
        }]
    })
}

/// GitHub workflow commands, one per unsuppressed finding.
pub fn github(findings: &[Finding]) -> String {
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_prop = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{level} file={},line={},col={},title={}::{}\n",
            escape_prop(&f.location.file),
            f.location.line,
            f.location.column,
            escape_prop(&format!("{} {}", f.rule, f.name)),
            escape(&format!("{} [{}]", f.message, f.address))
        ));
    }
    out
}
