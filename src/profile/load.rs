//! Reading a profile from disk: UTF-8 and TOML checks, the `extends` chain, and typed
//! deserialisation with every error pointed at its line and column.

use super::checks::validate;
use super::locate::{locate, locate_key, provenance, KeyPath, Provenance, SourceFile};
use super::stack::Stack;
use super::Profile;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use std::path::{Path, PathBuf};
use toml_edit::ImDocument;

/// A profile that parsed and passed semantic validation.
pub struct LoadedProfile {
    /// The profile's name: its file stem.
    pub name: String,
    /// `profiles/<name>.toml` as given.
    pub path: PathBuf,
    pub profile: Profile,
    /// The file and every file it extends, child first.
    pub sources: Vec<SourceFile>,
    /// The profile resolved, once its checks have passed.
    pub stack: Stack,
}

impl LoadedProfile {
    pub fn environment(&self) -> &str {
        self.profile.environment(&self.name)
    }

    /// Where a key is written (or would be written) in the profile.
    pub fn locate(&self, key: &str) -> Location {
        locate(&self.sources, &KeyPath::parse(key))
    }

    /// Where the value at `key` came from, in words, when it is not written in this profile's
    /// own file: an error about it then says why the user never wrote it.
    pub fn origin(&self, key: &str) -> Option<String> {
        origin(&self.path, &self.sources, key)
    }
}

fn origin(file: &Path, sources: &[SourceFile], key: &str) -> Option<String> {
    let own = file.display();
    // The first key with a value decides: `network.availability_zones[0]` is written
    // wherever `network.availability_zones` is.
    let path = KeyPath::parse(key);
    let mut whole = path.clone();
    while whole
        .0
        .last()
        .is_some_and(|s| matches!(s, super::locate::Seg::Index(_)))
    {
        whole.0.pop();
    }
    match provenance(sources, &whole) {
        Provenance::Own => None,
        // The location already names the parent's file.
        Provenance::Inherited(_) => Some(format!(
            "inherited by {own}; set {whole} there to override it"
        )),
        Provenance::Default => Some(format!(
            "the value is petgen's default, not written in {own}; set {whole} there"
        )),
    }
}

pub fn profile_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.toml"))
}

/// The names of the profiles in `dir`, sorted.
pub fn list_profiles(dir: &Path) -> Result<Vec<String>, Diagnostics> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::user_error(format!(
            "cannot read profile directory {}: {e}",
            dir.display()
        ))
        .hint("run petgen from the repository root, or pass --profiles DIR")
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    Ok(names)
}

pub fn valid_profile_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Read one file of the chain: bytes → UTF-8 → TOML document.
fn read_source(path: &Path) -> Result<(SourceFile, toml::Table), Diagnostics> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::user_error(format!("cannot read {}: {e}", path.display()))
            .hint("check the profile name; `petgen profiles` lists them")
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
            return Err(Diagnostic::user_error("file is not valid UTF-8")
                .at(Location::from_offset(path, &prefix, good))
                .hint("TOML files must be UTF-8; re-save the file with UTF-8 encoding")
                .into());
        }
    };
    let doc = ImDocument::parse(text.clone()).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let what = e.message().trim().lines().collect::<Vec<_>>().join("; ");
        Diagnostic::user_error(format!("TOML syntax error: {what}"))
            .at(Location::from_offset(path, &text, offset))
            .hint("fix the TOML syntax at this position (see https://toml.io)")
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        Diagnostic::user_error(format!(
            "TOML syntax error: {}",
            e.message().trim().lines().collect::<Vec<_>>().join("; ")
        ))
        .at(Location::from_offset(path, &text, offset))
        .hint("fix the TOML syntax at this position (see https://toml.io)")
    })?;
    if table.is_empty() {
        return Err(Diagnostic::user_error("profile is empty")
            .at(Location::start_of(path))
            .hint("a profile needs at least one setting, e.g. `[project]` with `name = \"petstore\"`; see profiles/dev.toml")
            .into());
    }
    Ok((
        SourceFile {
            path: path.to_path_buf(),
            text,
            doc,
        },
        table,
    ))
}

/// Keys that name one environment: its state, its identity and its resources. A profile
/// never inherits them through `extends`, so a copy of prod cannot plan against prod's state
/// or take over prod's resource names; it gets its own defaults, derived from its own name.
pub const IDENTITY_KEYS: &[(&str, &str)] = &[
    ("project", "environment"),
    ("backend", "key"),
    ("data", "table_name"),
    ("service", "cluster_name"),
    ("service", "service_name"),
    ("api", "name"),
    ("auth", "user_pool_name"),
    ("discovery", "namespace"),
];

/// Tag keys that hold the environment's name: inherited ones take the child's environment.
fn is_environment_tag(key: &str) -> bool {
    key.eq_ignore_ascii_case("environment") || key.eq_ignore_ascii_case("env")
}

/// Remove what a parent must not pass on to a child.
fn strip_identity(parent: &mut toml::Table) {
    for (table, key) in IDENTITY_KEYS {
        if let Some(toml::Value::Table(t)) = parent.get_mut(*table) {
            t.remove(*key);
        }
    }
}

/// Merge `child` over `parent`: tables merge key by key, anything else is replaced.
fn merge(parent: &mut toml::Table, child: toml::Table) {
    for (key, value) in child {
        match (parent.get_mut(&key), value) {
            (Some(toml::Value::Table(p)), toml::Value::Table(c)) => merge(p, c),
            (_, v) => {
                parent.insert(key, v);
            }
        }
    }
}

/// The profile file and every file it extends, child first, parsed.
fn read_chain(
    dir: &Path,
    name: &str,
    path: &Path,
) -> Result<(Vec<SourceFile>, Vec<toml::Table>), Diagnostics> {
    let mut sources: Vec<SourceFile> = Vec::new();
    let mut tables: Vec<toml::Table> = Vec::new();
    let mut chain: Vec<String> = vec![name.to_string()];
    let mut next = Some(path.to_path_buf());
    while let Some(file) = next.take() {
        let (source, table) = read_source(&file)?;
        if let Some(parent) = table.get("extends") {
            let here = || locate(std::slice::from_ref(&source), &KeyPath::parse("extends"));
            let Some(parent) = parent.as_str() else {
                return Err(
                    Diagnostic::user_error("`extends` must be a profile name (a string)")
                        .at(here())
                        .key("extends")
                        .hint("write e.g. extends = \"dev\"")
                        .into(),
                );
            };
            if !valid_profile_name(parent) || !profile_path(dir, parent).is_file() {
                return Err(Diagnostic::user_error(format!(
                    "extends an unknown profile {parent:?}"
                ))
                .at(here())
                .key("extends")
                .hint(format!(
                    "available profiles: {}",
                    list_profiles(dir).unwrap_or_default().join(", ")
                ))
                .into());
            }
            if chain.iter().any(|c| c == parent) {
                chain.push(parent.to_string());
                return Err(Diagnostic::user_error(format!(
                    "`extends` forms a cycle: {}",
                    chain.join(" -> ")
                ))
                .at(here())
                .key("extends")
                .hint("remove `extends` from one of these profiles")
                .into());
            }
            chain.push(parent.to_string());
            next = Some(profile_path(dir, parent));
        }
        sources.push(source);
        tables.push(table);
    }

    Ok((sources, tables))
}

/// Merge the chain into one table, parents first; the child's identity is its own.
fn merge_chain(mut tables: Vec<toml::Table>, name: &str) -> toml::Table {
    // An inherited Environment tag would name the parent's environment.
    let own_env_tags: Vec<String> = tables
        .first()
        .and_then(|t| t.get("tags"))
        .and_then(|t| t.as_table())
        .map(|t| {
            t.keys()
                .filter(|k| is_environment_tag(k))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let own_environment = tables
        .first()
        .and_then(|t| t.get("project"))
        .and_then(|p| p.get("environment"))
        .and_then(|e| e.as_str())
        .unwrap_or(name)
        .to_string();
    for parent in tables.iter_mut().skip(1) {
        strip_identity(parent);
    }
    // Parents first, so children override them.
    let mut merged = toml::Table::new();
    for table in tables.into_iter().rev() {
        merge(&mut merged, table);
    }
    merged.remove("extends");
    if let Some(toml::Value::Table(tags)) = merged.get_mut("tags") {
        for (key, value) in tags.iter_mut() {
            if is_environment_tag(key) && !own_env_tags.contains(key) {
                *value = toml::Value::String(own_environment.clone());
            }
        }
    }

    merged
}

/// The merged table as a typed profile, with type errors pointed at their line.
fn deserialize(merged: toml::Table, sources: &[SourceFile]) -> Result<Profile, Diagnostics> {
    let profile: Profile =
        serde_path_to_error::deserialize(toml::Value::Table(merged)).map_err(|e| {
            let key = KeyPath::from_serde(e.path());
            let message = e.inner().to_string();
            let message = message.lines().next().unwrap_or("").to_string();
            let at = if message.starts_with("unknown field") {
                locate_key(sources, &key)
            } else {
                locate(sources, &key)
            };
            let segments: Vec<String> = e
                .path()
                .iter()
                .map(|s| match s {
                    serde_path_to_error::Segment::Seq { index } => index.to_string(),
                    serde_path_to_error::Segment::Map { key } => key.clone(),
                    other => other.to_string(),
                })
                .collect();
            let (words, hint) = super::words::reword(&message, &segments);
            let mut err = Diagnostic::user_error(words).at(at);
            if !key.0.is_empty() {
                err = err.key(key.to_string());
            }
            err.hint(hint)
        })?;

    Ok(profile)
}

/// Load `<dir>/<name>.toml`, follow `extends`, deserialise and validate.
pub fn load_profile(dir: &Path, name: &str) -> Result<LoadedProfile, Diagnostics> {
    if !valid_profile_name(name) {
        return Err(
            Diagnostic::user_error(format!("invalid profile name {name:?}"))
                .hint("profile names use lowercase letters, digits, '-' and '_'")
                .into(),
        );
    }
    let path = profile_path(dir, name);
    if !path.is_file() {
        let known = list_profiles(dir).unwrap_or_default();
        return Err(Diagnostic::user_error(format!(
            "no profile named {name:?} ({})",
            path.display()
        ))
        .hint(if known.is_empty() {
            format!("create {}", path.display())
        } else {
            format!("available profiles: {}", known.join(", "))
        })
        .into());
    }

    let (sources, tables) = read_chain(dir, name, &path)?;
    let merged = merge_chain(tables, name);
    let zones_given = merged
        .get("network")
        .and_then(|n| n.get("availability_zones"))
        .is_some();
    let mut profile = deserialize(merged, &sources)?;
    if !zones_given {
        // The default zone belongs to the profile's region, whatever the region is.
        profile.network.availability_zones = super::keys::default_azs_for(&profile.project.region);
    }

    // Only the profile's own `extends` is meaningful; parents' were followed above.
    profile.extends = sources
        .first()
        .and_then(|s| s.doc.get("extends"))
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let problems = validate(&profile, name);
    if !problems.is_empty() {
        return Err(Diagnostics(
            problems
                .into_iter()
                .map(|p| {
                    let message = match origin(&path, &sources, &p.key) {
                        Some(origin) => format!("{} ({origin})", p.message),
                        None => p.message,
                    };
                    Diagnostic::user_error(message)
                        .at(locate(&sources, &KeyPath::parse(&p.key)))
                        .key(p.key)
                        .hint(p.hint)
                })
                .collect(),
        ));
    }
    // Resolved once, after the checks: every later stage reads this.
    let stack = Stack::resolve(name, &profile);
    Ok(LoadedProfile {
        name: name.to_string(),
        path,
        profile,
        sources,
        stack,
    })
}

/// Where a profile keeps its terraform state, for spotting two profiles that share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateLocation {
    S3 {
        bucket: String,
        key: String,
    },
    /// The local backend: `terraform.tfstate` in the profile's own rendered root.
    Local,
}

impl std::fmt::Display for StateLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateLocation::S3 { bucket, key } => write!(f, "s3://{bucket}/{key}"),
            StateLocation::Local => write!(f, "its own root"),
        }
    }
}

impl LoadedProfile {
    pub fn state_location(&self) -> StateLocation {
        let b = &self.stack.backend;
        if b.s3 {
            StateLocation::S3 {
                bucket: b.bucket.clone(),
                key: b.key.clone(),
            }
        } else {
            StateLocation::Local
        }
    }
}

/// Errors for every profile in `checked` whose state location another profile in `dir` also
/// uses. Profiles that do not load are skipped here (they report their own errors).
pub fn shared_state(dir: &Path, checked: &[&LoadedProfile]) -> Vec<Diagnostic> {
    let others: Vec<LoadedProfile> = list_profiles(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| !checked.iter().any(|c| &c.name == n))
        .filter_map(|n| load_profile(dir, &n).ok())
        .collect();
    let mut all: Vec<&LoadedProfile> = checked.to_vec();
    all.extend(others.iter());
    let mut errors = Vec::new();
    for (i, p) in checked.iter().enumerate() {
        let here = p.state_location();
        // Local state lives in each profile's own root, which no other profile renders to.
        if here == StateLocation::Local {
            continue;
        }
        for (j, q) in all.iter().enumerate() {
            // A pair that is checked on both sides is reported once.
            if i == j || (j < checked.len() && j < i) || q.state_location() != here {
                continue;
            }
            let key = if p.profile.backend.key.is_some() {
                "backend.key"
            } else {
                "project.environment"
            };
            errors.push(
                Diagnostic::user_error(format!(
                    "profiles {} and {} both keep their terraform state at {here}; planning one would change the other's resources",
                    p.name, q.name
                ))
                .at(p.locate(key))
                .key(key)
                .hint(format!(
                    "give each profile its own backend.key, e.g. key = \"{}/{}.tfstate\"",
                    p.profile.project.name, p.name
                )),
            );
        }
    }
    errors
}
