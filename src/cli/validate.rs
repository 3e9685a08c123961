use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::hcl::ConfigIndex;
use crate::report::{human, Entry};
use crate::validate::provider_schema::{
    choose_source, from_terraform, ProviderSchema, SchemaSource,
};
use crate::validate::{validate, Diagnostic, Report};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Terraform root to validate (its local child modules are followed).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Provider schema (`terraform providers schema -json` output). Default:
    /// $PETGEN_PROVIDER_SCHEMA, else the schema of an initialised root.
    #[arg(long = "provider-schema", value_name = "FILE", global = true)]
    pub provider_schema: Option<PathBuf>,
}

/// Load the provider schema the way the flag, the environment and the root decide.
/// `Ok(None)` means the schema checks are skipped, with the reason.
pub fn load_schema(
    args: &SchemaArgs,
    root: &Path,
) -> Result<(Option<ProviderSchema>, Option<String>), String> {
    match choose_source(args.provider_schema.as_deref(), root) {
        SchemaSource::File(p) | SchemaSource::Env(p) => ProviderSchema::load(&p)
            .map(|s| (Some(s), None))
            .map_err(|e| e.to_string()),
        SchemaSource::Terraform { root } => {
            match from_terraform(&root, || crate::handoff::terraform::locate(None)) {
                Ok(s) => Ok((Some(s), None)),
                Err(reason) => Ok((None, Some(reason))),
            }
        }
        SchemaSource::None { reason } => Ok((None, Some(reason))),
    }
}

pub fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        let mut hints = Vec::new();
        if let Some(h) = &d.hint {
            hints.push(format!("hint: {h}"));
        }
        eprint!(
            "{}",
            human(&Entry {
                severity: d.severity.as_str(),
                code: d.code,
                message: &d.message,
                file: &d.location.file,
                line: d.location.line,
                column: d.location.column,
                snippet: &d.snippet,
                hints,
            })
        );
        eprintln!();
    }
}

pub fn run(args: ValidateArgs) -> u8 {
    let (schema, skipped) = match load_schema(&args.schema, &args.dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    if !args.dir.is_dir() {
        eprintln!(
            "error: {} is not a directory\n  hint: pass a Terraform root, e.g. generated/dev",
            args.dir.display()
        );
        return EXIT_USAGE;
    }
    let index = match ConfigIndex::load(&args.dir) {
        Ok(i) => i,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return EXIT_USAGE;
        }
    };
    let report = Report {
        diagnostics: validate(&index, schema.as_ref()),
        schema: schema.as_ref().map(|s| s.source.clone()),
        schema_skipped: skipped,
    };
    match args.format {
        Format::Json => {
            let value = serde_json::json!({
                "root": args.dir.display().to_string(),
                "schema": report.schema,
                "schema_skipped": report.schema_skipped,
                "errors": report.errors(),
                "warnings": report.warnings(),
                "diagnostics": report.diagnostics,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        Format::Human => {
            print_diagnostics(&report.diagnostics);
            if let Some(reason) = &report.schema_skipped {
                eprintln!("note: provider-schema checks skipped: {reason}");
                eprintln!("  hint: pass --provider-schema FILE or set PETGEN_PROVIDER_SCHEMA");
            }
            eprintln!(
                "{}: {} error{}, {} warning{}{}",
                args.dir.display(),
                report.errors(),
                if report.errors() == 1 { "" } else { "s" },
                report.warnings(),
                if report.warnings() == 1 { "" } else { "s" },
                report
                    .schema
                    .as_ref()
                    .map(|s| format!(" (provider schema: {s})"))
                    .unwrap_or_default()
            );
        }
    }
    if report.errors() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
