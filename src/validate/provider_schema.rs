//! The provider schema, in `terraform providers schema -json` format, and where to find it.
//!
//! Only the block schemas of the types a configuration uses are decoded; the rest of the
//! multi-megabyte document stays as raw JSON text, which keeps a cold `petgen validate` fast.

use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// `PETGEN_PROVIDER_SCHEMA`: the schema file to use when `--provider-schema` is not given.
pub const SCHEMA_ENV: &str = "PETGEN_PROVIDER_SCHEMA";

#[derive(Debug, Clone, Deserialize)]
pub struct Attribute {
    /// cty type in its JSON form: `"string"`, `["list","string"]`, `["object",{...}]`.
    #[serde(rename = "type", default)]
    pub ty: Option<serde_json::Value>,
    #[serde(default)]
    pub nested_type: Option<serde_json::Value>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub computed: bool,
    #[serde(default)]
    pub deprecated: bool,
}

impl Attribute {
    /// Set by the provider only: configuring it is an error.
    pub fn computed_only(&self) -> bool {
        self.computed && !self.optional && !self.required
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct NestedBlock {
    pub nesting_mode: String,
    pub block: Block,
    #[serde(default)]
    pub min_items: Option<u64>,
    #[serde(default)]
    pub max_items: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Block {
    #[serde(default)]
    pub attributes: BTreeMap<String, Attribute>,
    #[serde(default)]
    pub block_types: BTreeMap<String, NestedBlock>,
    #[serde(default)]
    pub deprecated: bool,
}

#[derive(Debug, Deserialize)]
struct TypeSchema {
    block: Block,
}

#[derive(Deserialize)]
struct ProviderEntry<'a> {
    #[serde(default, borrow)]
    provider: Option<&'a RawValue>,
    #[serde(default, borrow)]
    resource_schemas: HashMap<&'a str, &'a RawValue>,
    #[serde(default, borrow)]
    data_source_schemas: HashMap<&'a str, &'a RawValue>,
}

#[derive(Deserialize)]
struct SchemaDocument<'a> {
    format_version: String,
    #[serde(borrow)]
    provider_schemas: HashMap<String, ProviderEntry<'a>>,
}

/// Where a borrowed raw value sits in the document text.
fn span_in(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

/// Resource, data source, or the provider's own configuration block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeKind {
    Resource,
    Data,
    Provider,
}

/// Types the shipped v6.47 schema lacks because their upstream entries were too large to
/// extract: treated as "schema unavailable", never as unknown types.
pub const KNOWN_GAPS: &[&str] = &[
    "aws_wafv2_web_acl",
    "aws_wafv2_rule_group",
    "aws_wafv2_web_acl_rule",
    "aws_quicksight_analysis",
    "aws_quicksight_dashboard",
    "aws_quicksight_template",
];

/// What a lookup found.
pub enum Lookup {
    Found(Arc<Block>),
    /// The schema has no entry for this type though its provider is present.
    Unknown,
    /// The embedded schema covers only the types petgen renders, and this is not one of them.
    NotCovered,
    /// Its provider is not in the schema, or the type is a known gap: nothing to check.
    Unavailable,
}

/// The provider version the templates pin, and the schema petgen ships for it: every type the
/// templates can emit (`scripts/prune-provider-schema` writes it from a full schema).
pub const EMBEDDED_VERSION: &str = "6.47.0";
const EMBEDDED: &str = include_str!("../../schemas/aws-6.47.0.json");

/// A loaded provider schema.
pub struct ProviderSchema {
    /// Where it came from, for messages.
    pub source: String,
    /// The whole document; type schemas are decoded from slices of it on demand.
    text: String,
    resources: HashMap<String, Range<usize>>,
    /// Provider configuration blocks, by local name (`aws`).
    providers: HashMap<String, Range<usize>>,
    data_sources: HashMap<String, Range<usize>>,
    /// Provider prefixes present (`aws`).
    prefixes: Vec<String>,
    /// Only some types are present (the embedded schema): a missing type is not checked,
    /// rather than unknown.
    partial: bool,
    /// The hashicorp/aws version the schema describes, when known (the embedded one).
    pub aws_version: Option<&'static str>,
    decoded: Mutex<HashMap<(TypeKind, String), Arc<Block>>>,
}

impl ProviderSchema {
    /// Parse a schema document; `origin` names it in errors.
    pub fn parse(text: String, origin: &str) -> Result<ProviderSchema, Diagnostics> {
        let doc: SchemaDocument = serde_json::from_str(&text).map_err(|e| {
            let what = if e.is_data() {
                "is not in `terraform providers schema -json` format"
            } else {
                "is not valid JSON"
            };
            Diagnostic::user_error(format!("provider schema {origin} {what}: {e}"))
                .hint("produce it with `terraform providers schema -json > schema.json` in an initialised root")
        })?;
        if !doc.format_version.starts_with("1.") {
            return Err(Diagnostic::user_error(format!(
                "provider schema {origin} has format_version {:?}; petgen reads 1.x",
                doc.format_version
            ))
            .hint("regenerate it with terraform >= 1.0")
            .into());
        }
        if doc.provider_schemas.is_empty() {
            return Err(Diagnostic::user_error(format!(
                "provider schema {origin} lists no providers"
            ))
            .hint("run `terraform providers schema -json` in a root that uses the AWS provider")
            .into());
        }
        let mut resources = HashMap::new();
        let mut data_sources = HashMap::new();
        let mut prefixes = Vec::new();
        let mut providers = HashMap::new();
        for (address, entry) in doc.provider_schemas {
            if let Some(name) = address.rsplit('/').next() {
                prefixes.push(name.to_string());
                if let Some(raw) = entry.provider {
                    providers.insert(name.to_string(), span_in(&text, raw));
                }
            }
            for (ty, raw) in entry.resource_schemas {
                resources.insert(ty.to_string(), span_in(&text, raw));
            }
            for (ty, raw) in entry.data_source_schemas {
                data_sources.insert(ty.to_string(), span_in(&text, raw));
            }
        }
        Ok(ProviderSchema {
            source: origin.to_string(),
            text,
            providers,
            resources,
            data_sources,
            prefixes,
            partial: false,
            aws_version: None,
            decoded: Mutex::new(HashMap::new()),
        })
    }

    /// The schema shipped in the binary, for hashicorp/aws [`EMBEDDED_VERSION`]: parsed once
    /// per process and shared, so its decoded and compiled type schemas are too.
    pub fn embedded() -> Arc<ProviderSchema> {
        static SHARED: LazyLock<Arc<ProviderSchema>> = LazyLock::new(|| {
            // Compiled in and checked by tests/provider_schema.rs: a parse failure is a build
            // bug, not a user error.
            let mut schema = ProviderSchema::parse(
                EMBEDDED.to_string(),
                &format!("embedded hashicorp/aws {EMBEDDED_VERSION} (the types petgen renders)"),
            )
            .unwrap_or_else(|e| panic!("the embedded provider schema does not parse: {e}"));
            schema.partial = true;
            schema.aws_version = Some(EMBEDDED_VERSION);
            Arc::new(schema)
        });
        SHARED.clone()
    }

    /// Is this the embedded schema, which covers only the types petgen renders?
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// How many resource and data source types it covers.
    pub fn type_count(&self) -> usize {
        self.resources.len() + self.data_sources.len()
    }

    /// Load a schema file, once per process: later calls for the same path share the first
    /// load (and with it every type schema decoded and compiled from it).
    pub fn load_shared(path: &Path) -> Result<Arc<ProviderSchema>, Diagnostics> {
        static LOADED: LazyLock<Mutex<HashMap<PathBuf, Arc<ProviderSchema>>>> =
            LazyLock::new(|| Mutex::new(HashMap::new()));
        if let Some(s) = LOADED.lock().ok().and_then(|m| m.get(path).cloned()) {
            return Ok(s);
        }
        let schema = Arc::new(Self::load(path)?);
        if let Ok(mut m) = LOADED.lock() {
            m.insert(path.to_path_buf(), schema.clone());
        }
        Ok(schema)
    }

    pub fn load(path: &Path) -> Result<ProviderSchema, Diagnostics> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::user_error(format!(
                "cannot read provider schema {}: {e}",
                path.display()
            ))
            .hint(format!(
                "pass an existing file to --provider-schema or {SCHEMA_ENV}"
            ))
        })?;
        Self::parse(text, &path.display().to_string())
    }

    /// The block schema of a resource or data source type.
    pub fn lookup(&self, kind: TypeKind, ty: &str) -> Lookup {
        let key = (kind, ty.to_string());
        if let Some(b) = self.decoded.lock().ok().and_then(|d| d.get(&key).cloned()) {
            return Lookup::Found(b);
        }
        let table = match kind {
            TypeKind::Resource => &self.resources,
            TypeKind::Data => &self.data_sources,
            TypeKind::Provider => &self.providers,
        };
        let Some(range) = table.get(ty) else {
            let prefix = ty.split('_').next().unwrap_or("");
            return if KNOWN_GAPS.contains(&ty) || !self.prefixes.iter().any(|p| p == prefix) {
                Lookup::Unavailable
            } else if self.partial {
                Lookup::NotCovered
            } else {
                Lookup::Unknown
            };
        };
        match serde_json::from_str::<TypeSchema>(&self.text[range.clone()]) {
            Ok(t) => {
                let block = Arc::new(t.block);
                if let Ok(mut d) = self.decoded.lock() {
                    d.insert(key, block.clone());
                }
                Lookup::Found(block)
            }
            Err(_) => Lookup::Unavailable,
        }
    }

    /// Type names of one kind, for did-you-mean suggestions.
    pub fn type_names(&self, kind: TypeKind) -> impl Iterator<Item = &str> {
        match kind {
            TypeKind::Resource => self.resources.keys(),
            TypeKind::Data => self.data_sources.keys(),
            TypeKind::Provider => self.providers.keys(),
        }
        .map(String::as_str)
    }
}

/// Where the schema came from, or why there is none.
pub enum SchemaSource {
    File(PathBuf),
    Env(PathBuf),
    /// `terraform providers schema -json` in an initialised root, cached under `.terraform/`.
    Terraform {
        root: PathBuf,
    },
    None {
        reason: String,
    },
}

/// Pick the schema source in petgen's order: flag, environment, initialised root.
pub fn choose_source(flag: Option<&Path>, root: &Path) -> SchemaSource {
    if let Some(f) = flag {
        return SchemaSource::File(f.to_path_buf());
    }
    if let Some(v) = std::env::var_os(SCHEMA_ENV).filter(|v| !v.is_empty()) {
        return SchemaSource::Env(PathBuf::from(v));
    }
    if root.join(".terraform").is_dir() && root.join(".terraform.lock.hcl").is_file() {
        return SchemaSource::Terraform {
            root: root.to_path_buf(),
        };
    }
    SchemaSource::None {
        reason: format!(
            "no --provider-schema, no {SCHEMA_ENV}, and {} has not been through `terraform init`",
            root.display()
        ),
    }
}

/// Why the root's own schema could not be had from terraform; `E` is why terraform itself
/// could not be found.
#[derive(Debug, thiserror::Error)]
pub enum FromTerraformError<E: std::error::Error + 'static> {
    #[error("cannot read the lock file: {0}")]
    Lock(#[source] std::io::Error),
    #[error(transparent)]
    Locate(E),
    #[error("cannot run {}: {source}", terraform.display())]
    Spawn {
        terraform: PathBuf,
        source: std::io::Error,
    },
    #[error("`terraform providers schema -json` failed: {stderr}")]
    Failed { stderr: String },
    /// The schema terraform printed does not parse; the diagnostics say where.
    #[error("{0}")]
    Parse(Diagnostics),
}

/// Run `terraform providers schema -json` in an initialised root, caching the result under
/// `.terraform/` keyed by the lock file's contents (a provider upgrade changes the lock file).
/// `terraform` is asked for only on a cache miss.
pub fn from_terraform<E: std::error::Error + 'static>(
    root: &Path,
    terraform: impl FnOnce() -> Result<PathBuf, E>,
) -> Result<Arc<ProviderSchema>, FromTerraformError<E>> {
    let lock = std::fs::read(root.join(".terraform.lock.hcl")).map_err(FromTerraformError::Lock)?;
    let cache = root.join(".terraform").join(format!(
        "petgen-provider-schema-{}.json",
        crate::fingerprint::hex([lock.as_slice()])
    ));
    if cache.is_file() {
        if let Ok(s) = ProviderSchema::load_shared(&cache) {
            return Ok(s);
        }
    }
    let terraform = terraform().map_err(FromTerraformError::Locate)?;
    let out = std::process::Command::new(&terraform)
        .args(["providers", "schema", "-json"])
        .current_dir(root)
        .output()
        .map_err(|source| FromTerraformError::Spawn {
            terraform: terraform.clone(),
            source,
        })?;
    if !out.status.success() {
        return Err(FromTerraformError::Failed {
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let schema = ProviderSchema::parse(text, "terraform providers schema -json")
        .map_err(FromTerraformError::Parse)?;
    // Only a schema that parsed is cached, and whole: a cache that cannot be written is
    // only a slower next run.
    let _ = crate::atomic_file::write(&cache, schema.text.as_bytes());
    Ok(Arc::new(schema))
}
