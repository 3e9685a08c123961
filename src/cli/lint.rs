use super::validate::Format;
use super::{report_error, ProfileDir, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::emit::Run;
use crate::diagnostic::Severity;
use crate::lint::catalog::LintCatalog;
use crate::lint::{codes, Selection};
use crate::pipeline::lint_root;
use crate::pipeline::root::load_root;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Terraform root to lint. Default: generated/<profile> with --profile, else `.`.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Lint generated/NAME with profile NAME's settings and waivers.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Only rules whose ID starts with one of these prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "PREFIX")]
    pub select: Vec<String>,
    /// Skip rules whose ID starts with one of these prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "PREFIX")]
    pub ignore: Vec<String>,
    /// Exit 1 when an unwaived finding has at least this severity.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Apply the production-only rules (implied by a profile with project.production).
    #[arg(long)]
    pub production: bool,
    /// Parent directory of rendered roots, for --profile.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    #[command(flatten)]
    pub profiles: ProfileDir,
}

pub fn run(args: LintArgs) -> u8 {
    let dir = match (&args.dir, &args.profile) {
        (Some(d), _) => d.clone(),
        (None, Some(p)) => args.out.join(p),
        (None, None) => PathBuf::from("."),
    };
    for id in args.select.iter().chain(&args.ignore) {
        if !codes::RULES
            .iter()
            .any(|r| r.meta().id.starts_with(id.as_str()))
        {
            note!("error: no rule ID starts with {id:?}\n  hint: `petgen rules` lists them");
            return EXIT_USAGE;
        }
    }
    let (index, profile) = match load_root(&dir, args.profile.as_deref(), &args.profiles.dir) {
        Ok(x) => x,
        Err(e) => return report_error(&e),
    };
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let findings = lint_root(&index, profile.as_ref(), args.production, &selection, None).findings;
    let root = dir.display().to_string();
    let run = Run {
        root: &root,
        diagnostics: &findings,
        catalog: &LintCatalog,
        extra: Default::default(),
    };
    out!("{}", args.format.emitter().emit(&run));
    if args.format == Format::Human {
        outln!(
            "{} error(s), {} warning(s), {} info; {} waived",
            run.count(Severity::Error),
            run.count(Severity::Warning),
            run.count(Severity::Info),
            run.suppressed()
        );
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| {
        findings
            .iter()
            .any(|f| f.suppressed.is_none() && f.severity <= t)
    });
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "human")]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

pub fn rules(args: RulesArgs) -> u8 {
    match args.format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = codes::RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "id": m.id, "name": m.name, "category": m.category, "severity": m.severity,
                        "checkov": m.checkov, "profile_fix": m.profile_fix, "summary": m.summary(),
                    })
                })
                .collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
        RulesFormat::Human => {
            for r in codes::RULES {
                let m = r.meta();
                let checkov = if m.checkov.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", m.checkov.join(", "))
                };
                outln!(
                    "{:<7} {:<8} {:<12} {}{checkov}",
                    m.id,
                    m.severity.as_str(),
                    m.category.as_str(),
                    m.name
                );
            }
        }
    }
    EXIT_OK
}

#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// Rule ID, e.g. DDB001.
    pub id: String,
}

pub fn rule(args: RuleArgs) -> u8 {
    match codes::find(&args.id) {
        Some(r) => {
            let m = r.meta();
            outln!("{}\n", m.doc());
            outln!(
                "category: {}   default severity: {}",
                m.category.as_str(),
                m.severity.as_str()
            );
            EXIT_OK
        }
        None => {
            note!(
                "error: no rule {:?}\n  hint: `petgen rules` lists them",
                args.id
            );
            EXIT_USAGE
        }
    }
}
