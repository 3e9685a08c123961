//! The price table: list prices by region, each with its unit, effective date and source.
//!
//! The binary ships the files under `prices/` (one file per region, plus `aws.toml` for
//! us-east-1). At run time the `*.toml` files of the price directory (`prices/` of the working
//! directory, or `--price-dir`) are laid over them key by key: that is where `petgen prices
//! import` writes. Every file has the same shape, `[regions.<region>.<key>]` tables. Nothing is
//! invented: a price no file has is reported as missing, and the resource that needs it is
//! listed as not priced.

use crate::facts::price_keys::PriceKey;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One list price.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub usd: f64,
    pub unit: String,
    /// Quantity per month that is free before this price applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_quantity: Option<f64>,
    /// The price applies up to this quantity; the `_over_...` entry applies after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_limit: Option<f64>,
    pub effective: String,
    pub source: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceTable {
    pub regions: BTreeMap<String, BTreeMap<String, Price>>,
}

/// The price files shipped in the binary, by path in the repository.
pub const SHIPPED: &[(&str, &str)] = &[
    ("prices/aws.toml", include_str!("../../prices/aws.toml")),
    (
        "prices/us-east-2.toml",
        include_str!("../../prices/us-east-2.toml"),
    ),
    (
        "prices/us-west-2.toml",
        include_str!("../../prices/us-west-2.toml"),
    ),
    (
        "prices/eu-west-1.toml",
        include_str!("../../prices/eu-west-1.toml"),
    ),
    (
        "prices/eu-central-1.toml",
        include_str!("../../prices/eu-central-1.toml"),
    ),
    (
        "prices/eu-west-2.toml",
        include_str!("../../prices/eu-west-2.toml"),
    ),
    (
        "prices/ap-southeast-1.toml",
        include_str!("../../prices/ap-southeast-1.toml"),
    ),
    (
        "prices/ap-southeast-2.toml",
        include_str!("../../prices/ap-southeast-2.toml"),
    ),
    (
        "prices/ap-northeast-1.toml",
        include_str!("../../prices/ap-northeast-1.toml"),
    ),
];

/// The default price directory, relative to the working directory.
pub const DEFAULT_DIR: &str = "prices";

/// A price the table lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    Region(String),
    Price { region: String, key: String },
}

impl Missing {
    /// The price key that was asked for, when there was one.
    pub fn key(&self) -> Option<&str> {
        match self {
            Missing::Region(_) => None,
            Missing::Price { key, .. } => Some(key),
        }
    }
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::Region(r) => write!(f, "no prices for {r}"),
            Missing::Price { region, key } => write!(f, "no price for {key} in {region}"),
        }
    }
}

/// Why a price file cannot be used: each names `path:line:col`, what is wrong and the fix.
#[derive(Debug, thiserror::Error)]
pub enum PriceFileError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not TOML, or not the shape of a price file; `message` is the TOML reader's.
    #[error("{}:{line}:{col}: {message}\n  hint: a price file holds [regions.<region>.<key>] tables with usd, unit, effective and source, as prices/aws.toml does", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{}:{line}:{col}: regions.{region}: {region:?} is not an AWS region code\n  hint: name the region as AWS does, e.g. [regions.eu-west-3.<key>]", path.display())]
    NotARegion {
        path: PathBuf,
        line: usize,
        col: usize,
        region: String,
    },
    #[error("{}:{line}:{col}: regions.{region}.{key}: {problem}\n  hint: {}", path.display(), problem.hint)]
    Entry {
        path: PathBuf,
        line: usize,
        col: usize,
        region: String,
        key: String,
        /// Boxed to keep every `Result` of a price file small.
        problem: Box<EntryProblem>,
    },
}

/// What is wrong with one entry of a price file, and how to fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{what}")]
pub struct EntryProblem {
    /// The field at fault; `None` for the entry as a whole.
    pub field: Option<&'static str>,
    pub what: String,
    pub hint: String,
}

static DIRECTORY: OnceLock<PathBuf> = OnceLock::new();
static CURRENT: OnceLock<Result<PriceTable, PriceFileError>> = OnceLock::new();

/// Read user price files from `dir` instead of `prices/`. Only the first call counts, and only
/// before the table is first used.
pub fn use_directory(dir: &Path) {
    let _ = DIRECTORY.set(dir.to_path_buf());
}

/// The price directory in use: `--price-dir`, else `prices/`.
pub fn directory() -> PathBuf {
    DIRECTORY
        .get()
        .cloned()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR))
}

impl PriceTable {
    /// The shipped files only.
    pub fn embedded() -> PriceTable {
        let mut table = PriceTable::default();
        for (path, text) in SHIPPED {
            // The files are part of the binary and covered by tests; a parse failure is a
            // build bug.
            let file: PriceTable =
                toml::from_str(text).unwrap_or_else(|e| panic!("{path} parses: {e}"));
            table.overlay(file);
        }
        table
    }

    /// The shipped files with the price directory's files laid over them, read once per
    /// process. An unreadable or malformed user file is an error (`file:line:col: ...`).
    pub fn current() -> Result<&'static PriceTable, &'static PriceFileError> {
        CURRENT
            .get_or_init(|| {
                let dir = directory();
                let mut table = PriceTable::embedded();
                for file in PriceTable::read_dir(&dir)? {
                    table.overlay(file);
                }
                Ok(table)
            })
            .as_ref()
    }

    /// [`PriceTable::current`], or the shipped files when the user's cannot be read (the CLI
    /// reports that error before anything is priced).
    pub fn current_or_embedded() -> PriceTable {
        PriceTable::current()
            .cloned()
            .unwrap_or_else(|_| PriceTable::embedded())
    }

    /// Every `*.toml` file in `dir`, by name; none when `dir` does not exist.
    pub fn read_dir(dir: &Path) -> Result<Vec<PriceTable>, PriceFileError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(PriceFileError::Read {
                    path: dir.to_path_buf(),
                    source,
                })
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        paths.sort();
        paths.iter().map(|p| PriceTable::read(p)).collect()
    }

    /// One price file.
    pub fn read(path: &Path) -> Result<PriceTable, PriceFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| PriceFileError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        PriceTable::parse(path, &text)
    }

    /// A price file's text; errors name `path:line:col`, what is wrong and how to fix it.
    pub fn parse(path: &Path, text: &str) -> Result<PriceTable, PriceFileError> {
        let table: PriceTable = toml::from_str(text).map_err(|e| {
            let (line, col) =
                crate::diagnostic::line_col(text, e.span().map(|s| s.start).unwrap_or(0));
            PriceFileError::Syntax {
                path: path.to_path_buf(),
                line,
                col,
                message: e.message().trim_end().to_string(),
            }
        })?;
        let known = PriceTable::known_units();
        for (region, prices) in &table.regions {
            if !crate::facts::aws::is_region(region) {
                let (line, col) = entry_position(text, region, None, None);
                return Err(PriceFileError::NotARegion {
                    path: path.to_path_buf(),
                    line,
                    col,
                    region: region.clone(),
                });
            }
            for (key, p) in prices {
                if let Err(problem) = check_entry(key, p, known) {
                    let (line, col) = entry_position(text, region, Some(key), problem.field);
                    return Err(PriceFileError::Entry {
                        path: path.to_path_buf(),
                        line,
                        col,
                        region: region.clone(),
                        key: key.clone(),
                        problem: Box::new(problem),
                    });
                }
            }
        }
        Ok(table)
    }

    /// Each key petgen prices with, and its unit.
    pub fn known_units() -> &'static BTreeMap<String, String> {
        static KNOWN: OnceLock<BTreeMap<String, String>> = OnceLock::new();
        KNOWN.get_or_init(|| {
            PriceKey::ALL
                .into_iter()
                .map(|k| (k.as_str().to_string(), k.unit().to_string()))
                .collect()
        })
    }

    /// Lay `other` over this table, key by key.
    pub fn overlay(&mut self, other: PriceTable) {
        for (region, prices) in other.regions {
            self.regions.entry(region).or_default().extend(prices);
        }
    }

    pub fn regions(&self) -> impl Iterator<Item = &str> {
        self.regions.keys().map(String::as_str)
    }

    pub fn region(&self, region: &str) -> Result<&BTreeMap<String, Price>, Missing> {
        self.regions
            .get(region)
            .ok_or_else(|| Missing::Region(region.to_string()))
    }

    pub fn get(&self, region: &str, key: PriceKey) -> Result<&Price, Missing> {
        self.regions
            .get(region)
            .and_then(|r| r.get(key.as_str()))
            .ok_or_else(|| Missing::Price {
                region: region.to_string(),
                key: key.as_str().to_string(),
            })
    }
}

/// The highest price per unit a price file may give. The highest petgen uses is a few
/// dollars (a WAF web ACL-month); a price far beyond this is a typo or a hostile file, and
/// would make every estimate meaningless.
pub const MAX_UNIT_PRICE_USD: f64 = 10_000.0;

/// A number as a message shows it: 1e300 reads better than its 301 digits.
pub(crate) fn shown(x: f64) -> String {
    if x.abs() >= 1e9 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

fn problem(field: Option<&'static str>, what: String, hint: String) -> EntryProblem {
    EntryProblem { field, what, hint }
}

/// What is wrong with one entry of a user's price file: the field, what, and the fix.
fn check_entry(key: &str, p: &Price, known: &BTreeMap<String, String>) -> Result<(), EntryProblem> {
    let Some(unit) = known.get(key) else {
        let hint = match crate::diagnostic::did_you_mean(key, known.keys().map(String::as_str)) {
            Some(k) => format!("did you mean `{k}`? petgen reads only the keys of prices/aws.toml"),
            None => "petgen reads only the keys of prices/aws.toml; delete this entry".into(),
        };
        return Err(problem(
            None,
            format!("`{key}` is not a price petgen uses"),
            hint,
        ));
    };
    if p.unit != *unit {
        return Err(problem(
            Some("unit"),
            format!(
                "the unit is {:?}, but petgen prices `{key}` per {unit:?}",
                p.unit
            ),
            format!("give the price per {unit:?} (convert it if the source uses another unit)"),
        ));
    }
    if !(p.usd.is_finite() && (0.0..=MAX_UNIT_PRICE_USD).contains(&p.usd)) {
        return Err(problem(
            Some("usd"),
            format!("usd = {} is not a list price", shown(p.usd)),
            format!("give the price in USD per {unit}, from 0 to {MAX_UNIT_PRICE_USD}"),
        ));
    }
    for (field, value) in [
        ("free_quantity", p.free_quantity),
        ("tier_limit", p.tier_limit),
    ] {
        if value.is_some_and(|v| !(v.is_finite() && v >= 0.0)) {
            return Err(problem(
                Some(field),
                format!("{field} must be a finite quantity of 0 or more"),
                format!("give {field} in {unit}, or delete it"),
            ));
        }
    }
    if crate::calendar::parse_date(&p.effective).is_none() {
        return Err(problem(
            Some("effective"),
            format!("effective = {:?} is not a date", p.effective),
            "give the date the price took effect or was read, as YYYY-MM-DD".into(),
        ));
    }
    if p.source.trim().is_empty() {
        return Err(problem(
            Some("source"),
            "the source is empty".into(),
            "say where the price comes from (a pricing page, an offer file)".into(),
        ));
    }
    Ok(())
}

/// Where `[regions.<region>.<key>]` (and its `field`) is written: line and column, 1-based.
/// Entries written another way (inline tables, dotted keys) are found by their key alone.
fn entry_position(
    text: &str,
    region: &str,
    key: Option<&str>,
    field: Option<&str>,
) -> (usize, usize) {
    let squash = |l: &str| {
        l.chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect::<String>()
    };
    let header = match key {
        Some(k) => format!("[regions.{region}.{k}]"),
        None => format!("[regions.{region}]"),
    };
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = lines.iter().position(|l| squash(l) == header).or_else(|| {
        let k = key.unwrap_or(region);
        lines.iter().position(|l| squash(l).contains(k))
    }) else {
        return (1, 1);
    };
    if let Some(field) = field {
        for (i, l) in lines.iter().enumerate().skip(at + 1) {
            let t = l.trim_start();
            if t.starts_with('[') {
                break;
            }
            if t.strip_prefix(field)
                .is_some_and(|r| r.trim_start().starts_with('='))
            {
                return (i + 1, l.len() - t.len() + 1);
            }
        }
    }
    let l = lines[at];
    (at + 1, l.len() - l.trim_start().len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_price_is_sourced_and_dated() {
        let t = PriceTable::embedded();
        assert!(t.regions.contains_key("us-east-1"));
        for (region, prices) in &t.regions {
            for (key, p) in prices {
                assert!(p.usd > 0.0, "{region}.{key}");
                assert!(!p.unit.is_empty() && !p.source.is_empty(), "{region}.{key}");
                assert!(
                    crate::calendar::parse_date(&p.effective).is_some(),
                    "{region}.{key}: {}",
                    p.effective
                );
            }
        }
    }

    /// Each shipped region file holds its own region only, so a file never changes another's.
    #[test]
    fn each_region_file_holds_its_region() {
        for (path, text) in SHIPPED.iter().skip(1) {
            let t: PriceTable = toml::from_str(text).unwrap();
            let region = path
                .strip_prefix("prices/")
                .and_then(|p| p.strip_suffix(".toml"))
                .unwrap();
            assert_eq!(t.regions().collect::<Vec<_>>(), vec![region], "{path}");
        }
    }

    #[test]
    fn unknown_regions_and_keys_are_missing_prices() {
        let t = PriceTable::embedded();
        assert_eq!(
            t.get("eu-west-3", PriceKey::NatGatewayHour)
                .unwrap_err()
                .to_string(),
            "no price for nat_gateway_hour in eu-west-3"
        );
        assert_eq!(
            t.region("eu-west-3").unwrap_err().to_string(),
            "no prices for eu-west-3"
        );
        let mut bare = PriceTable::default();
        bare.regions.insert("us-east-1".into(), BTreeMap::new());
        assert_eq!(
            bare.get("us-east-1", PriceKey::AlbHour)
                .unwrap_err()
                .to_string(),
            "no price for alb_hour in us-east-1"
        );
    }

    #[test]
    fn the_shipped_files_price_exactly_the_keys_petgen_asks_for_in_their_units() {
        let t = PriceTable::embedded();
        for (region, prices) in &t.regions {
            for (name, p) in prices {
                let key = PriceKey::from_name(name)
                    .unwrap_or_else(|| panic!("{region}: {name} is no PriceKey"));
                assert_eq!(p.unit, key.unit(), "{region}: {name}");
            }
        }
        for key in PriceKey::ALL {
            assert!(t.get("us-east-1", key).is_ok(), "us-east-1 has no {key}");
        }
    }

    #[test]
    fn a_malformed_user_file_names_its_line() {
        let e = PriceTable::parse(
            Path::new("prices/x.toml"),
            "[regions.x.alb_hour]\nusd = \"cheap\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("prices/x.toml:2:7: "), "{e}");
    }

    /// Each check of an entry, with the line and column of the field at fault.
    #[test]
    fn absurd_or_mismatched_entries_are_refused_with_their_line() {
        let entry = |body: &str| format!("# user prices\n\n[regions.us-east-1.alb_hour]\n{body}");
        let good = "usd = 0.03\nunit = \"ALB-hour\"\neffective = \"2026-01-01\"\nsource = \"s\"\n";
        assert!(PriceTable::parse(Path::new("p.toml"), &entry(good)).is_ok());
        for (body, at, says) in [
            (
                good.replace("0.03", "1e300"),
                "p.toml:4:1: ",
                "usd = 1e300 is not a list price",
            ),
            (
                good.replace("0.03", "-1"),
                "p.toml:4:1: ",
                "usd = -1 is not a list price",
            ),
            (
                good.replace("\"ALB-hour\"", "\"GB\""),
                "p.toml:5:1: ",
                "petgen prices `alb_hour` per \"ALB-hour\"",
            ),
            (
                good.replace("2026-01-01", "soon"),
                "p.toml:6:1: ",
                "effective = \"soon\" is not a date",
            ),
            (
                good.replace("\"s\"", "\" \""),
                "p.toml:7:1: ",
                "the source is empty",
            ),
            (
                format!("{good}tier_limit = inf\n"),
                "p.toml:8:1: ",
                "tier_limit must be a finite quantity",
            ),
        ] {
            let e = PriceTable::parse(Path::new("p.toml"), &entry(&body))
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(at) && e.contains(says), "{body}: {e}");
        }
        let e = PriceTable::parse(
            Path::new("p.toml"),
            &entry(good).replace("alb_hour", "alb_hours"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(
                "p.toml:3:1: regions.us-east-1.alb_hours: `alb_hours` is not a price petgen uses"
            ),
            "{e}"
        );
        assert!(e.contains("did you mean `alb_hour`?"), "{e}");
        let e = PriceTable::parse(
            Path::new("p.toml"),
            &entry(good).replace("us-east-1", "us-east1"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("p.toml:3:1: regions.us-east1: \"us-east1\" is not an AWS region code"),
            "{e}"
        );
    }

    #[test]
    fn user_files_override_key_by_key() {
        let mut t = PriceTable::embedded();
        let user = PriceTable::parse(
            Path::new("u.toml"),
            "[regions.us-east-1.alb_hour]\nusd = 0.5\nunit = \"ALB-hour\"\neffective = \"2026-01-01\"\nsource = \"test\"\n",
        )
        .unwrap();
        t.overlay(user);
        assert_eq!(t.get("us-east-1", PriceKey::AlbHour).unwrap().usd, 0.5);
        assert_eq!(t.get("us-east-1", PriceKey::AlbLcuHour).unwrap().usd, 0.008);
    }
}
