//! The one diagnostic model, under every stage: profile errors, validation findings and lint
//! findings are all [`Diagnostic`]s, with one [`Severity`] and one [`Location`]. How they are
//! printed (text, JSON, SARIF, GitHub annotations) lives in [`emit`].

pub mod emit;
pub mod markdown;

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is. Ordered: `Error < Warning < Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
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

/// `--quiet`: progress lines are left out; results and problems are not.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// A position in a user's file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    /// In characters, not bytes.
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    pub fn from_offset(file: &Path, text: &str, offset: usize) -> Location {
        let (line, column) = line_col(text, offset);
        Location {
            file: file.to_path_buf(),
            line,
            column,
        }
    }

    pub fn start_of(file: &Path) -> Location {
        Location {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
        }
    }

    /// The file as shown to users and tools, with `/` separators.
    pub fn file_str(&self) -> String {
        self.file.display().to_string().replace('\\', "/")
    }
}

/// 1-based line and column (in characters) of byte `offset`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One problem, finding or note, from any stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Stable code from the stage's table: a lint rule ID (`DDB001`), a validation code
    /// (`unknown-argument`). Empty for plain input errors, whose message says it all.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// The source line the location points into.
    pub snippet: String,
    /// What it is about: a resource address for lint, a key path for profile errors.
    pub subject: Option<String>,
    /// How to fix it.
    pub fix: Option<String>,
    /// Further lines of explanation.
    pub notes: Vec<String>,
    /// Why it is accepted, when a waiver or inline comment suppresses it.
    pub suppressed: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            location: None,
            snippet: String::new(),
            subject: None,
            fix: None,
            notes: Vec::new(),
            suppressed: None,
        }
    }

    /// An error in the user's input (a profile, a flag, a file) that stops the command.
    pub fn user_error(message: impl Into<String>) -> Self {
        Self::new("", Severity::Error, message)
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// The key path (profile errors) or resource address (findings) it is about.
    pub fn key(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn hint(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub fn snippet(mut self, line: impl Into<String>) -> Self {
        self.snippet = line.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The location, or a placeholder for diagnostics about no file in particular.
    pub fn location_or_start(&self) -> Location {
        self.location
            .clone()
            .unwrap_or_else(|| Location::start_of(Path::new("")))
    }
}

/// The one-line form of an input error: `file:line:col: message (key)` and a hint.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(key) = &self.subject {
            write!(f, " ({key})")?;
        }
        if let Some(hint) = &self.fix {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Input errors reported together, each as `error: ...`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(e: Diagnostic) -> Self {
        Diagnostics(vec![e])
    }
}

/// The closest candidate to `name`, if it is close enough to be a likely typo (Jaro-Winkler
/// similarity above 0.8): validate's unknown arguments and the profile's unknown keys alike.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
