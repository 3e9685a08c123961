//! Stage 3: the HCL index. Every `.tf` file of a root and of the local child modules it calls,
//! parsed with hcl-edit so that every block, attribute and expression keeps its position.
//!
//! The validator, the linter and the cost estimator all read this index; none of them parse
//! HCL themselves.

pub mod eval;
pub mod refs;
pub mod semantic;

use crate::diagnostic::Location;
use hcl_edit::structure::{Attribute, Body};
use hcl_edit::Span;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A parsed `.tf` file.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to the user (relative to where petgen was pointed).
    pub path: PathBuf,
    pub text: String,
    pub body: Body,
    /// Byte offset of the start of every line, so that a position becomes line:column by a
    /// binary search rather than a scan from the top of the file for every diagnostic.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String, body: Body) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path,
            text,
            body,
            line_starts,
        }
    }

    /// The user-facing location of byte `offset`.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start)
            + 1;
        Location {
            file: self.path.clone(),
            line,
            column,
        }
    }

    /// The full source line holding byte `offset`.
    pub fn line_at(&self, offset: usize) -> &str {
        self.line(self.line_index(offset))
    }

    /// The 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&s| s <= offset).max(1) - 1
    }

    /// Line `i` (0-based), without its line break; empty past the end.
    pub fn line(&self, i: usize) -> &str {
        let Some(&start) = self.line_starts.get(i) else {
            return "";
        };
        let end = self
            .line_starts
            .get(i + 1)
            .map(|next| next - 1)
            .unwrap_or(self.text.len());
        let line = self.text.get(start..end).unwrap_or("");
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// How many lines the file has.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Where a top-level block sits: its kind, its file, and its index among the file's body
/// structures.
#[derive(Debug, Clone, Copy)]
struct Entry {
    kind: BlockKind,
    file: usize,
    index: usize,
}

/// A place in the configuration: a file of a module and a byte offset in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub file: usize,
    pub offset: usize,
}

/// What a top-level block declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockKind {
    Resource,
    Data,
    Variable,
    Output,
    Locals,
    Module,
    Provider,
    Terraform,
    Other,
}

impl BlockKind {
    fn from_ident(ident: &str) -> BlockKind {
        match ident {
            "resource" => BlockKind::Resource,
            "data" => BlockKind::Data,
            "variable" => BlockKind::Variable,
            "output" => BlockKind::Output,
            "locals" => BlockKind::Locals,
            "module" => BlockKind::Module,
            "provider" => BlockKind::Provider,
            "terraform" => BlockKind::Terraform,
            _ => BlockKind::Other,
        }
    }
}

/// A top-level block of a module.
#[derive(Debug, Clone)]
pub struct TopBlock<'a> {
    pub kind: BlockKind,
    pub ident: &'a str,
    pub labels: Vec<&'a str>,
    pub body: &'a Body,
    pub pos: Pos,
    /// Byte offset just past the block's closing brace.
    pub end: usize,
}

impl<'a> TopBlock<'a> {
    /// `aws_vpc.this`, `data.aws_region.current`, `var.x`, `module.network`, `output.x`.
    pub fn address(&self) -> String {
        match (self.kind, self.labels.as_slice()) {
            (BlockKind::Resource, [t, n]) => format!("{t}.{n}"),
            (BlockKind::Data, [t, n]) => format!("data.{t}.{n}"),
            (BlockKind::Variable, [n]) => format!("var.{n}"),
            (BlockKind::Module, [n]) => format!("module.{n}"),
            (BlockKind::Output, [n]) => format!("output.{n}"),
            _ => std::iter::once(self.ident)
                .chain(self.labels.iter().copied())
                .collect::<Vec<_>>()
                .join("."),
        }
    }

    pub fn attr(&self, name: &str) -> Option<&'a Attribute> {
        self.body.get_attribute(name)
    }
}

/// One module (the root or a local child), with its files.
#[derive(Debug)]
pub struct Module {
    /// `""` for the root, `module.network` for a child, `module.a.module.b` deeper.
    pub address: String,
    pub dir: PathBuf,
    /// The directory's files and tables, parsed once and shared by every call of it.
    parsed: std::sync::Arc<Parsed>,
}

/// A module directory, parsed.
#[derive(Debug)]
pub struct Parsed {
    pub files: Vec<SourceFile>,
    /// Every top-level block, in file order, and the first of each kind and labels: lookups
    /// by name are hash lookups, so a rule that looks up every reference of a 10,000-block
    /// module stays linear.
    entries: Vec<Entry>,
    by_name: std::collections::HashMap<(BlockKind, String), usize>,
    /// Entries of each resource and data source type, in file order: rules ask "every
    /// `aws_flow_log`" once per VPC, which must not scan every block each time.
    by_type: std::collections::HashMap<(BlockKind, String), Vec<usize>>,
    /// Every local value: its `locals` entry, and its index among that block's structures.
    locals: std::collections::HashMap<String, (usize, usize)>,
}

impl Parsed {
    pub fn new(files: Vec<SourceFile>) -> Parsed {
        let mut entries = Vec::new();
        let mut by_name = std::collections::HashMap::new();
        let mut locals = std::collections::HashMap::new();
        let mut by_type: std::collections::HashMap<(BlockKind, String), Vec<usize>> =
            std::collections::HashMap::new();
        for (file, f) in files.iter().enumerate() {
            for (index, structure) in f.body.iter().enumerate() {
                let Some(b) = structure.as_block() else {
                    continue;
                };
                let kind = BlockKind::from_ident(b.ident.as_str());
                let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
                by_name
                    .entry((kind, labels.join(".")))
                    .or_insert(entries.len());
                if let (BlockKind::Resource | BlockKind::Data, Some(ty)) = (kind, labels.first()) {
                    by_type
                        .entry((kind, ty.to_string()))
                        .or_default()
                        .push(entries.len());
                }
                if kind == BlockKind::Locals {
                    for (at, s) in b.body.iter().enumerate() {
                        if let Some(a) = s.as_attribute() {
                            locals
                                .entry(a.key.as_str().to_string())
                                .or_insert((entries.len(), at));
                        }
                    }
                }
                entries.push(Entry { kind, file, index });
            }
        }
        Parsed {
            files,
            entries,
            by_name,
            by_type,
            locals,
        }
    }
}

impl std::ops::Deref for Module {
    type Target = Parsed;
    fn deref(&self) -> &Parsed {
        &self.parsed
    }
}

impl Module {
    pub fn new(address: String, dir: PathBuf, files: Vec<SourceFile>) -> Module {
        Module::of(address, dir, std::sync::Arc::new(Parsed::new(files)))
    }

    /// A call of an already parsed directory.
    pub fn of(address: String, dir: PathBuf, parsed: std::sync::Arc<Parsed>) -> Module {
        Module {
            address,
            dir,
            parsed,
        }
    }

    fn block_at(&self, entry: Entry) -> Option<TopBlock<'_>> {
        let b = self
            .files
            .get(entry.file)?
            .body
            .get(entry.index)?
            .as_block()?;
        Some(TopBlock {
            kind: entry.kind,
            ident: b.ident.as_str(),
            labels: b.labels.iter().map(|l| l.as_str()).collect(),
            body: &b.body,
            pos: Pos {
                file: entry.file,
                offset: b.span().map(|s| s.start).unwrap_or(0),
            },
            end: b.span().map(|s| s.end).unwrap_or(0),
        })
    }

    /// Every top-level block, in file order.
    pub fn blocks(&self) -> impl Iterator<Item = TopBlock<'_>> {
        self.entries.iter().filter_map(|e| self.block_at(*e))
    }

    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = TopBlock<'_>> {
        self.entries
            .iter()
            .filter(move |e| e.kind == kind)
            .filter_map(|e| self.block_at(*e))
    }

    /// The first block of `kind` with exactly these labels.
    fn named(&self, kind: BlockKind, labels: &str) -> Option<TopBlock<'_>> {
        let i = *self.by_name.get(&(kind, labels.to_string()))?;
        self.block_at(*self.entries.get(i)?)
    }

    pub fn resources(&self) -> impl Iterator<Item = TopBlock<'_>> {
        self.blocks_of(BlockKind::Resource)
    }

    /// Resources of one type.
    pub fn resources_of<'a>(&'a self, ty: &'a str) -> impl Iterator<Item = TopBlock<'a>> + 'a {
        self.of_type(BlockKind::Resource, ty)
    }

    /// Blocks of `kind` (resources or data sources) of type `ty`, in file order.
    pub fn of_type<'a>(
        &'a self,
        kind: BlockKind,
        ty: &str,
    ) -> impl Iterator<Item = TopBlock<'a>> + 'a {
        self.by_type
            .get(&(kind, ty.to_string()))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.block_at(*self.entries.get(i)?))
    }

    pub fn resource(&self, ty: &str, name: &str) -> Option<TopBlock<'_>> {
        if ty.contains('.') || name.contains('.') {
            return self.resources().find(|b| b.labels.as_slice() == [ty, name]);
        }
        self.named(BlockKind::Resource, &format!("{ty}.{name}"))
    }

    pub fn variable(&self, name: &str) -> Option<TopBlock<'_>> {
        self.named(BlockKind::Variable, name)
            .filter(|b| b.labels.as_slice() == [name])
    }

    pub fn output(&self, name: &str) -> Option<TopBlock<'_>> {
        self.named(BlockKind::Output, name)
            .filter(|b| b.labels.as_slice() == [name])
    }

    pub fn module_call(&self, name: &str) -> Option<TopBlock<'_>> {
        self.named(BlockKind::Module, name)
            .filter(|b| b.labels.as_slice() == [name])
    }

    /// Every `name = expr` of every `locals` block.
    pub fn locals(&self) -> impl Iterator<Item = (&str, &Attribute, Pos)> {
        self.blocks_of(BlockKind::Locals).flat_map(|b| {
            let file = b.pos.file;
            b.body.attributes().map(move |a| {
                (
                    a.key.as_str(),
                    a,
                    Pos {
                        file,
                        offset: a.span().map(|s| s.start).unwrap_or(0),
                    },
                )
            })
        })
    }

    pub fn local(&self, name: &str) -> Option<&Attribute> {
        let (entry, at) = *self.locals.get(name)?;
        let entry = self.entries.get(entry)?;
        self.files
            .get(entry.file)?
            .body
            .get(entry.index)?
            .as_block()?
            .body
            .get(at)?
            .as_attribute()
    }

    /// The user-facing location of `pos`.
    pub fn location(&self, pos: Pos) -> Location {
        match self.files.get(pos.file) {
            Some(f) => f.location(pos.offset),
            None => Location::start_of(&self.dir),
        }
    }

    /// The full source line of `pos`, for snippets.
    pub fn line_of(&self, pos: Pos) -> &str {
        self.files
            .get(pos.file)
            .map(|f| f.line_at(pos.offset))
            .unwrap_or("")
    }
}

/// Position of anything hcl-edit gives a span to.
pub fn pos_of(file: usize, node: &impl Span) -> Pos {
    Pos {
        file,
        offset: node.span().map(|s| s.start).unwrap_or(0),
    }
}

/// The whole configuration: the root module and every local module it calls, by address.
#[derive(Debug)]
pub struct ConfigIndex {
    pub root: PathBuf,
    pub modules: BTreeMap<String, Module>,
    /// Module calls whose source is not a local path: recorded, not followed.
    pub external_modules: Vec<String>,
    /// The modules holding blocks of each resource and data source type, built on first
    /// use: with thousands of module instances, "every `aws_flow_log`" asked once per VPC
    /// must not visit every module each time.
    modules_by_type:
        std::sync::OnceLock<std::collections::HashMap<(BlockKind, String), Vec<String>>>,
}

/// A file that does not parse, or a directory that cannot be read.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Where module files come from: the disk, or a render that has not been written yet.
pub trait FileSource {
    /// The `.tf` files directly in `dir`, sorted.
    fn tf_files(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>>;
    /// The `.tf.json` files directly in `dir`, sorted.
    fn tf_json_files(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let _ = dir;
        Ok(Vec::new())
    }
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
}

/// Files on disk.
pub struct Disk;

impl FileSource for Disk {
    fn tf_files(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "tf"))
            .collect();
        paths.sort();
        Ok(paths)
    }

    fn tf_json_files(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(".tf.json"))
            })
            .collect();
        paths.sort();
        Ok(paths)
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }
}

/// Files held in memory, keyed by the path they would have on disk.
pub struct Memory(pub BTreeMap<PathBuf, String>);

impl FileSource for Memory {
    fn tf_files(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let dir = normalize(dir);
        let files: Vec<PathBuf> = self
            .0
            .keys()
            .filter(|p| {
                p.parent() == Some(dir.as_path()) && p.extension().is_some_and(|x| x == "tf")
            })
            .cloned()
            .collect();
        if files.is_empty() && !self.0.keys().any(|p| p.starts_with(&dir)) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such directory",
            ));
        }
        Ok(files)
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        self.0
            .get(&normalize(path))
            .map(|s| s.clone().into_bytes())
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
    }
}

/// Resolve `.` and `..` lexically, so `root/./modules/x` and `root/modules/x` are one key.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

impl ConfigIndex {
    /// Parse the root at `dir` and every local module it calls, from disk.
    pub fn load(dir: &Path) -> Result<ConfigIndex, Vec<ParseError>> {
        Self::load_from(dir, &Disk)
    }

    /// Parse the root at `dir` and every local module it calls, from `source`.
    ///
    /// Each module directory is parsed once, however many calls reach it. A call that leads
    /// back to a directory on its own call path is a cycle, reported with the chain; nesting
    /// deeper than [`MAX_MODULE_DEPTH`] or more than [`MAX_MODULE_INSTANCES`] calls in all is
    /// reported too, so that no configuration makes the walk run away.
    pub fn load_from(dir: &Path, source: &dyn FileSource) -> Result<ConfigIndex, Vec<ParseError>> {
        let mut index = ConfigIndex {
            root: dir.to_path_buf(),
            modules: BTreeMap::new(),
            external_modules: Vec::new(),
            modules_by_type: std::sync::OnceLock::new(),
        };
        let mut errors = Vec::new();
        let mut parsed: std::collections::HashMap<PathBuf, std::sync::Arc<Parsed>> =
            std::collections::HashMap::new();
        // Each entry: the module's address, its directory, and the directories of its callers
        // from the root down (its call path).
        let mut queue: Vec<(String, PathBuf, Vec<PathBuf>)> =
            vec![(String::new(), dir.to_path_buf(), Vec::new())];
        while let Some((address, mdir, path)) = queue.pop() {
            if index.modules.contains_key(&address) {
                continue;
            }
            let shared = match parsed.get(&mdir) {
                Some(p) => p.clone(),
                None => match load_module(&mdir, source) {
                    Ok(p) => {
                        let p = std::sync::Arc::new(p);
                        parsed.insert(mdir.clone(), p.clone());
                        p
                    }
                    Err(mut e) => {
                        errors.append(&mut e);
                        continue;
                    }
                },
            };
            if address.is_empty() && shared.files.is_empty() {
                return Err(vec![ParseError {
                    location: Location::start_of(dir),
                    message: format!("no Terraform files in {}", dir.display()),
                }]);
            }
            let module = Module::of(address.clone(), mdir.clone(), shared);
            let mut callers = path.clone();
            callers.push(normalize(&mdir));
            for call in module.blocks_of(BlockKind::Module) {
                let Some(name) = call.labels.first() else {
                    continue;
                };
                let module_source = call
                    .attr("source")
                    .and_then(|a| a.value.as_str())
                    .unwrap_or_default();
                let child = if address.is_empty() {
                    format!("module.{name}")
                } else {
                    format!("{address}.module.{name}")
                };
                if !(module_source.starts_with("./") || module_source.starts_with("../")) {
                    index.external_modules.push(child);
                    continue;
                }
                let child_dir = normalize(&mdir.join(module_source));
                let fail = |message: String| ParseError {
                    location: module.location(call.pos),
                    message,
                };
                if let Some(at) = callers.iter().position(|d| *d == child_dir) {
                    let chain: Vec<String> = callers[at..]
                        .iter()
                        .chain(std::iter::once(&child_dir))
                        .map(|d| shown_dir(dir, d))
                        .collect();
                    errors.push(fail(format!(
                        "module cycle: `{child}` (source = \"{module_source}\") calls a directory already on its call path: {}",
                        chain.join(" -> ")
                    )));
                    return Err(errors);
                }
                if callers.len() > MAX_MODULE_DEPTH {
                    errors.push(fail(format!(
                        "`{child}` is nested {} modules deep; petgen follows at most {MAX_MODULE_DEPTH}",
                        callers.len()
                    )));
                    return Err(errors);
                }
                if index.modules.len() + queue.len() >= MAX_MODULE_INSTANCES {
                    errors.push(fail(format!(
                        "the configuration calls more than {MAX_MODULE_INSTANCES} module instances (each call path counts once); petgen stops here rather than expand them all"
                    )));
                    return Err(errors);
                }
                queue.push((child, child_dir, callers.clone()));
            }
            index.modules.insert(address, module);
        }
        if errors.is_empty() {
            Ok(index)
        } else {
            Err(errors)
        }
    }

    pub fn root_module(&self) -> Option<&Module> {
        self.modules.get("")
    }

    /// Every module with its address.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Module)> {
        self.modules.iter().map(|(a, m)| (a.as_str(), m))
    }

    /// The modules with at least one block of `kind` and type `ty`, in address order.
    pub fn modules_with(&self, kind: BlockKind, ty: &str) -> impl Iterator<Item = &Module> {
        let map = self.modules_by_type.get_or_init(|| {
            let mut map: std::collections::HashMap<(BlockKind, String), Vec<String>> =
                std::collections::HashMap::new();
            for (address, module) in &self.modules {
                for key in module.by_type.keys() {
                    map.entry(key.clone()).or_default().push(address.clone());
                }
            }
            map
        });
        map.get(&(kind, ty.to_string()))
            .into_iter()
            .flatten()
            .filter_map(|a| self.modules.get(a))
    }

    /// The child module a call in `parent` points at.
    pub fn child(&self, parent: &str, call: &str) -> Option<&Module> {
        let address = if parent.is_empty() {
            format!("module.{call}")
        } else {
            format!("{parent}.module.{call}")
        };
        self.modules.get(&address)
    }

    /// Every resource in every module with its module: the input of rules and pricing.
    pub fn all_resources(&self) -> impl Iterator<Item = (&Module, TopBlock<'_>)> {
        self.modules
            .values()
            .flat_map(|m| m.resources().map(move |b| (m, b)))
    }
}

/// How deep local module calls may nest.
pub const MAX_MODULE_DEPTH: usize = 32;
/// How many module instances (call paths) a configuration may have.
pub const MAX_MODULE_INSTANCES: usize = 10_000;

/// `dir` as shown in messages: relative to the root when it is inside it.
fn shown_dir(root: &Path, dir: &Path) -> String {
    let root = normalize(root);
    match dir.strip_prefix(&root) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => format!("./{}", rel.display()),
        Err(_) => dir.display().to_string(),
    }
}

fn load_module(dir: &Path, source: &dyn FileSource) -> Result<Parsed, Vec<ParseError>> {
    let paths = source.tf_files(dir).map_err(|e| {
        vec![ParseError {
            location: Location::start_of(dir),
            message: format!("cannot read module directory: {e}"),
        }]
    })?;
    let json: Vec<PathBuf> = source.tf_json_files(dir).unwrap_or_default();
    if !json.is_empty() {
        return Err(json
            .into_iter()
            .map(|p| ParseError {
                location: Location::start_of(&p),
                message: "Terraform JSON configuration (.tf.json) is part of the module, but petgen reads only native syntax (.tf): it cannot check this module without it. Convert the file to .tf, or check this root with terraform validate".to_string(),
            })
            .collect());
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let shown = path.clone();
        let text = match source.read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(ParseError {
                        location: Location::start_of(&shown),
                        message: format!(
                            "file is not valid UTF-8 (byte {})",
                            e.utf8_error().valid_up_to()
                        ),
                    });
                    continue;
                }
            },
            Err(e) => {
                errors.push(ParseError {
                    location: Location::start_of(&shown),
                    message: format!("cannot read file: {e}"),
                });
                continue;
            }
        };
        // Terraform accepts a UTF-8 byte order mark; positions count from after it, as editors
        // show them.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        match hcl_edit::parser::parse_body(&text) {
            Ok(body) => files.push(SourceFile::new(shown, text, body)),
            Err(e) => {
                let loc = e.location();
                errors.push(ParseError {
                    location: Location {
                        file: shown,
                        line: loc.line(),
                        column: loc.column(),
                    },
                    message: format!("HCL syntax error: {}", e.message()),
                })
            }
        }
    }
    if errors.is_empty() {
        Ok(Parsed::new(files))
    } else {
        Err(errors)
    }
}
