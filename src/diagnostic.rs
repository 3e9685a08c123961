//! Errors a user can cause: each names the file, line and column, what is wrong, the key it
//! concerns and how to fix it. `main` maps them to exit code 2.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a user's file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    pub fn from_offset(file: &Path, text: &str, offset: usize) -> Location {
        let (line, col) = line_col(text, offset);
        Location {
            file: file.to_path_buf(),
            line,
            col,
        }
    }

    pub fn start_of(file: &Path) -> Location {
        Location {
            file: file.to_path_buf(),
            line: 1,
            col: 1,
        }
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
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
    }
}

/// One problem in the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserError {
    pub location: Option<Location>,
    pub message: String,
    /// Dotted key path inside the profile, e.g. `service.cpu`.
    pub key: Option<String>,
    pub hint: Option<String>,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> Self {
        UserError {
            location: None,
            message: message.into(),
            key: None,
            hint: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(key) = &self.key {
            write!(f, " ({key})")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// One or more user errors, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserErrors(pub Vec<UserError>);

impl fmt::Display for UserErrors {
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

impl std::error::Error for UserErrors {}

impl From<UserError> for UserErrors {
    fn from(e: UserError) -> Self {
        UserErrors(vec![e])
    }
}
