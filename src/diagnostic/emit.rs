//! Emitters: diagnostics to human text, JSON, SARIF 2.1.0 and GitHub workflow annotations,
//! behind one [`Emitter`] trait. Stages produce data only; everything about presentation is
//! here. A [`Catalog`] (lint's rule table, validate's code table) supplies what each code
//! means, and the words its command uses in its published JSON.

use super::{Diagnostic, Severity};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What one code means.
#[derive(Debug, Clone)]
pub struct CodeInfo {
    pub id: &'static str,
    /// kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// One plain-text sentence or paragraph.
    pub summary: String,
    /// The full documentation, Markdown.
    pub doc: String,
    /// Extra fields every diagnostic of this code carries in JSON (e.g. `category`,
    /// `checkov`), and the SARIF rule's properties.
    pub properties: Map<String, Value>,
    /// Lines every diagnostic of this code shows in human output (e.g. `checkov: ...`).
    pub notes: Vec<String>,
    /// Where the code's documentation is published, when that is known.
    pub help_uri: Option<String>,
    /// SARIF tags: the category, the equivalent checkov IDs.
    pub tags: Vec<String>,
    /// GitHub code scanning's 0.0–10.0 rank, for codes about security.
    pub security_severity: Option<f64>,
}

/// The words a command's published output uses.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    /// The JSON key of the list of diagnostics: `findings` (lint), `diagnostics` (validate).
    pub list_key: &'static str,
    /// The JSON key of a diagnostic's code: `rule` (lint), `code` (validate).
    pub code_key: &'static str,
    /// How the fix is labelled, in JSON and in text: `fix` (lint), `hint` (validate).
    pub fix_label: &'static str,
    /// How the subject is labelled: `resource` (lint); `address` is its JSON key.
    pub subject_label: &'static str,
}

/// The codes of one stage.
pub trait Catalog {
    /// Every code, in table order (SARIF lists them as the tool's rules).
    fn codes(&self) -> Vec<CodeInfo>;
    fn vocabulary(&self) -> Vocabulary;
}

/// One run of a command, as emitters see it.
pub struct Run<'a> {
    /// What was checked: a root directory.
    pub root: &'a str,
    pub diagnostics: &'a [Diagnostic],
    pub catalog: &'a dyn Catalog,
    /// Command-specific top-level JSON fields (e.g. which provider schema was used).
    pub extra: Map<String, Value>,
}

impl Run<'_> {
    fn info(&self) -> BTreeMap<&'static str, CodeInfo> {
        self.catalog
            .codes()
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    }

    fn active(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.suppressed.is_none())
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.active().filter(|d| d.severity == severity).count()
    }

    pub fn suppressed(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.suppressed.is_some())
            .count()
    }
}

/// Turns a run into text for stdout or stderr.
pub trait Emitter {
    fn emit(&self, run: &Run) -> String;
}

/// rustc/ruff-style text: grouped by file, each with its source line and a caret. Suppressed
/// diagnostics are left out; the caller prints its own summary line.
pub struct Human;
/// One JSON document: the diagnostics, the suppressed ones with their reasons, and counts.
pub struct Json;
/// SARIF 2.1.0, one `reportingDescriptor` per code, suppressions included.
pub struct Sarif;
/// GitHub workflow commands, one per unsuppressed diagnostic.
pub struct Github;

/// One diagnostic in the text form: header, location, snippet with caret, `= ...` lines.
pub fn human_entry(d: &Diagnostic, extra_notes: &[String], voc: &Vocabulary) -> String {
    let mut s = String::new();
    if d.code.is_empty() {
        let _ = writeln!(s, "{}: {}", d.severity.as_str(), d.message);
    } else {
        let _ = writeln!(s, "{}[{}]: {}", d.severity.as_str(), d.code, d.message);
    }
    if let Some(loc) = &d.location {
        let _ = writeln!(
            s,
            "  --> {}:{}:{}",
            loc.file.display(),
            loc.line,
            loc.column
        );
        if !d.snippet.is_empty() {
            let gutter = loc.line.to_string().len();
            let pad = " ".repeat(gutter);
            let caret_at: String = d
                .snippet
                .chars()
                .take(loc.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(s, "{pad} |");
            let _ = writeln!(s, "{} | {}", loc.line, d.snippet);
            let _ = writeln!(s, "{pad} | {caret_at}^");
        }
    }
    if let Some(subject) = &d.subject {
        let _ = writeln!(s, "  = {}: {subject}", voc.subject_label);
    }
    if let Some(fix) = &d.fix {
        let _ = writeln!(s, "  = {}: {fix}", voc.fix_label);
    }
    for n in d.notes.iter().chain(extra_notes) {
        let _ = writeln!(s, "  = {n}");
    }
    s
}

impl Emitter for Human {
    fn emit(&self, run: &Run) -> String {
        let info = run.info();
        let voc = run.catalog.vocabulary();
        let mut by_file: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
        for d in run.active() {
            let file = d
                .location
                .as_ref()
                .map(|l| l.file_str())
                .unwrap_or_default();
            by_file.entry(file).or_default().push(d);
        }
        let mut out = String::new();
        for (file, list) in by_file {
            if !file.is_empty() {
                out.push_str(&format!("── {file} ──\n"));
            }
            for d in list {
                let notes = info
                    .get(d.code)
                    .map(|i| i.notes.clone())
                    .unwrap_or_default();
                out.push_str(&human_entry(d, &notes, &voc));
                out.push('\n');
            }
        }
        out
    }
}

impl Emitter for Json {
    fn emit(&self, run: &Run) -> String {
        let info = run.info();
        let voc = run.catalog.vocabulary();
        let object = |d: &Diagnostic| -> Value {
            let mut o = Map::new();
            o.insert(voc.code_key.into(), d.code.into());
            if let Some(i) = info.get(d.code) {
                o.insert("name".into(), i.name.into());
                for (k, v) in &i.properties {
                    o.insert(k.clone(), v.clone());
                }
            }
            o.insert("severity".into(), d.severity.as_str().into());
            o.insert("message".into(), d.message.clone().into());
            if let Some(s) = &d.subject {
                o.insert("address".into(), s.clone().into());
            }
            if let Some(l) = &d.location {
                o.insert("file".into(), l.file_str().into());
                o.insert("line".into(), l.line.into());
                o.insert("column".into(), l.column.into());
            }
            if !d.snippet.is_empty() {
                o.insert("snippet".into(), d.snippet.clone().into());
            }
            if let Some(f) = &d.fix {
                o.insert(voc.fix_label.into(), f.clone().into());
            }
            if !d.notes.is_empty() {
                o.insert("notes".into(), d.notes.clone().into());
            }
            if let Some(r) = &d.suppressed {
                o.insert("suppressed".into(), r.clone().into());
            }
            Value::Object(o)
        };
        let mut doc = Map::new();
        doc.insert("root".into(), run.root.into());
        for (k, v) in &run.extra {
            doc.insert(k.clone(), v.clone());
        }
        doc.insert("errors".into(), run.count(Severity::Error).into());
        doc.insert("warnings".into(), run.count(Severity::Warning).into());
        doc.insert(
            voc.list_key.into(),
            run.active().map(object).collect::<Vec<_>>().into(),
        );
        doc.insert(
            "suppressed".into(),
            run.diagnostics
                .iter()
                .filter(|d| d.suppressed.is_some())
                .map(object)
                .collect::<Vec<_>>()
                .into(),
        );
        doc.insert(
            "summary".into(),
            json!({
                "errors": run.count(Severity::Error),
                "warnings": run.count(Severity::Warning),
                "info": run.count(Severity::Info),
                "suppressed": run.suppressed(),
            }),
        );
        serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default() + "\n"
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Emitter for Sarif {
    fn emit(&self, run: &Run) -> String {
        let codes = run.catalog.codes();
        let rules: Vec<Value> = codes
            .iter()
            .map(|c| {
                // GitHub shows the descriptions and help.text as plain text and renders
                // help.markdown: Markdown goes only where it is rendered.
                let mut properties = c.properties.clone();
                if !c.tags.is_empty() {
                    properties.insert("tags".into(), json!(c.tags));
                }
                if let Some(s) = c.security_severity {
                    properties.insert("security-severity".into(), json!(format!("{s:.1}")));
                }
                let mut rule = json!({
                    "id": c.id,
                    "name": c.name,
                    "shortDescription": { "text": super::markdown::plain(&c.summary) },
                    "fullDescription": { "text": super::markdown::paragraphs(&c.doc, 2) },
                    "help": { "text": super::markdown::plain(&c.doc), "markdown": c.doc },
                    "defaultConfiguration": { "level": sarif_level(c.severity) },
                    "properties": properties,
                });
                if let Some(uri) = &c.help_uri {
                    rule["helpUri"] = json!(uri);
                }
                rule
            })
            .collect();
        let index_of = |id: &str| codes.iter().position(|c| c.id == id);
        let voc = run.catalog.vocabulary();
        let results: Vec<Value> = run
            .diagnostics
            .iter()
            .map(|d| {
                let text = match &d.fix {
                    Some(f) => format!("{} ({}: {f})", d.message, voc.fix_label),
                    None => d.message.clone(),
                };
                let loc = d.location_or_start();
                let mut location = json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": loc.file_str() },
                        "region": { "startLine": loc.line, "startColumn": loc.column }
                    }
                });
                if let Some(s) = &d.subject {
                    location["logicalLocations"] =
                        json!([{ "fullyQualifiedName": s, "kind": "resource" }]);
                }
                let mut r = json!({
                    "ruleId": d.code,
                    "level": sarif_level(d.severity),
                    "message": { "text": text },
                    "locations": [location],
                });
                if let Some(i) = index_of(d.code) {
                    r["ruleIndex"] = i.into();
                }
                if let Some(reason) = &d.suppressed {
                    r["suppressions"] = json!([{ "kind": "external", "justification": reason }]);
                }
                r
            })
            .collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "petgen",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "results": results,
            }]
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    }
}

impl Emitter for Github {
    fn emit(&self, run: &Run) -> String {
        let info = run.info();
        let escape = |s: &str| {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let escape_prop = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
        let mut out = String::new();
        for d in run.active() {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let loc = d.location_or_start();
            let title = match info.get(d.code) {
                Some(i) if i.name != d.code => format!("{} {}", d.code, i.name),
                _ => d.code.to_string(),
            };
            let message = match &d.subject {
                Some(s) => format!("{} [{s}]", d.message),
                None => d.message.clone(),
            };
            out.push_str(&format!(
                "::{level} file={},line={},col={},title={}::{}\n",
                escape_prop(&loc.file_str()),
                loc.line,
                loc.column,
                escape_prop(&title),
                escape(&message)
            ));
        }
        out
    }
}
