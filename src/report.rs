//! Human-readable rendering of located diagnostics: a header, the location, and the source
//! line with a caret, in the style of rustc and ruff.

use std::fmt::Write;

/// One located message to print.
pub struct Entry<'a> {
    pub severity: &'a str,
    pub code: &'a str,
    pub message: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub snippet: &'a str,
    pub hints: Vec<String>,
}

pub fn human(e: &Entry) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}[{}]: {}", e.severity, e.code, e.message);
    let _ = writeln!(s, "  --> {}:{}:{}", e.file, e.line, e.column);
    if !e.snippet.is_empty() {
        let gutter = e.line.to_string().len();
        let pad = " ".repeat(gutter);
        let caret_at: String = e
            .snippet
            .chars()
            .take(e.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(s, "{pad} |");
        let _ = writeln!(s, "{} | {}", e.line, e.snippet);
        let _ = writeln!(s, "{pad} | {caret_at}^");
    }
    for h in &e.hints {
        let _ = writeln!(s, "  = {h}");
    }
    s
}
