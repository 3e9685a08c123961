//! Map a key path inside a profile (e.g. `network.availability_zones[1]`) back to the line and
//! column where it is written, across the `extends` chain.

use crate::diagnostic::Location;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use toml_edit::{ImDocument, Item, TableLike, Value};

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A key path inside a profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    pub fn parse(dotted: &str) -> KeyPath {
        let mut segs = Vec::new();
        for part in dotted.split('.').filter(|p| !p.is_empty()) {
            let mut rest = part;
            if let Some(open) = rest.find('[') {
                segs.push(Seg::Key(rest[..open].to_string()));
                rest = &rest[open..];
                while let Some(stripped) = rest.strip_prefix('[') {
                    let close = stripped.find(']').unwrap_or(stripped.len());
                    if let Ok(i) = stripped[..close].parse() {
                        segs.push(Seg::Index(i));
                    }
                    rest = stripped.get(close + 1..).unwrap_or("");
                }
            } else {
                segs.push(Seg::Key(rest.to_string()));
            }
        }
        KeyPath(segs)
    }

    pub fn from_serde(path: &serde_path_to_error::Path) -> KeyPath {
        use serde_path_to_error::Segment;
        KeyPath(
            path.iter()
                .filter_map(|s| match s {
                    Segment::Seq { index } => Some(Seg::Index(*index)),
                    Segment::Map { key } => Some(Seg::Key(key.clone())),
                    Segment::Enum { .. } | Segment::Unknown => None,
                })
                .collect(),
        )
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A parsed profile file, kept with its spans for error reporting.
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub doc: ImDocument<String>,
}

impl SourceFile {
    /// How many leading segments of `path` this file defines, and the span of the deepest one.
    /// With `value`, a path that ends on a value points at the value rather than its key.
    fn find(&self, path: &KeyPath, value_span: bool) -> (usize, Option<Range<usize>>) {
        /// Where the walk is: a table-like (root, table, inline table) or an array value.
        enum At<'a> {
            Table(&'a dyn TableLike),
            Item(&'a Item),
            Value(&'a Value),
        }
        let pick = |key: &toml_edit::Key, it: &Item| match it {
            Item::Value(v) if value_span => v.span().or_else(|| key.span()),
            _ => key.span().or_else(|| it.span()),
        };
        let mut depth = 0;
        let mut span = None;
        let mut at = At::Table(self.doc.as_table());
        for seg in &path.0 {
            let next: Option<(Option<Range<usize>>, At)> = match (seg, &at) {
                (Seg::Key(k), At::Table(t)) => t
                    .get_key_value(k)
                    .map(|(key, it)| (pick(key, it), At::Item(it))),
                (Seg::Key(k), At::Item(it)) => it
                    .as_table_like()
                    .and_then(|t| t.get_key_value(k))
                    .map(|(key, it)| (pick(key, it), At::Item(it))),
                (Seg::Key(k), At::Value(v)) => v
                    .as_inline_table()
                    .and_then(|t| t.get_key_value(k))
                    .map(|(key, it)| (pick(key, it), At::Item(it))),
                (Seg::Index(i), At::Item(it)) => {
                    if let Some(arr) = it.as_array() {
                        arr.get(*i).map(|v| (v.span(), At::Value(v)))
                    } else {
                        it.as_array_of_tables()
                            .and_then(|a| a.get(*i))
                            .map(|t| (t.span(), At::Table(t as &dyn TableLike)))
                    }
                }
                (Seg::Index(i), At::Value(v)) => v
                    .as_array()
                    .and_then(|a| a.get(*i))
                    .map(|v| (v.span(), At::Value(v))),
                (Seg::Index(_), At::Table(_)) => None,
            };
            match next {
                Some((s, next_at)) => {
                    depth += 1;
                    if s.is_some() {
                        span = s;
                    }
                    at = next_at;
                }
                None => break,
            }
        }
        (depth, span)
    }
}

/// Where a value came from: the profile's own file, a profile it extends, or petgen's default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    Own,
    Inherited(PathBuf),
    Default,
}

/// Which file writes `path` whole, child first; petgen's default when none does.
pub fn provenance(sources: &[SourceFile], path: &KeyPath) -> Provenance {
    for (i, source) in sources.iter().enumerate() {
        let (depth, span) = source.find(path, true);
        if span.is_some() && depth == path.0.len() {
            return if i == 0 {
                Provenance::Own
            } else {
                Provenance::Inherited(source.path.clone())
            };
        }
    }
    Provenance::Default
}

/// Where `path` is written: the file (child first) that defines most of it.
/// Falls back to the start of the profile that was asked for.
pub fn locate(sources: &[SourceFile], path: &KeyPath) -> Location {
    locate_span(sources, path, true)
}

/// Like [`locate`], but points at the key itself (for "unknown key" errors).
pub fn locate_key(sources: &[SourceFile], path: &KeyPath) -> Location {
    locate_span(sources, path, false)
}

fn locate_span(sources: &[SourceFile], path: &KeyPath, value_span: bool) -> Location {
    let mut best: Option<(usize, &SourceFile, Range<usize>)> = None;
    for source in sources {
        let (depth, span) = source.find(path, value_span);
        if let Some(span) = span {
            if best.as_ref().is_none_or(|(d, _, _)| depth > *d) {
                best = Some((depth, source, span));
            }
            if depth == path.0.len() {
                break;
            }
        }
    }
    match best {
        Some((_, source, span)) => Location::from_offset(&source.path, &source.text, span.start),
        None => match sources.first() {
            Some(s) => Location::start_of(&s.path),
            None => Location::start_of(std::path::Path::new("<profile>")),
        },
    }
}
