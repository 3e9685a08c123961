use super::{write_err, SchemaArgs, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::emit::{Emitter, Github, Human, Json, Run, Sarif};
use crate::hcl::ConfigIndex;
use crate::pipeline::root::load_schema;
use crate::validate::codes::ValidationCatalog;
use crate::validate::{validate, Validation};
use std::path::PathBuf;

/// Output formats, shared by `validate` and `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

impl Format {
    pub fn emitter(self) -> &'static dyn Emitter {
        match self {
            Format::Human => &Human,
            Format::Json => &Json,
            Format::Sarif => &Sarif,
            Format::Github => &Github,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Terraform root to validate (its local child modules are followed).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Output format: human text (stderr), or JSON, SARIF 2.1.0 or GitHub annotations (stdout).
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(args: ValidateArgs) -> u8 {
    let (schema, skipped) =
        match load_schema(args.schema.provider_schema.as_deref(), &args.dir, None) {
            Ok(s) => s,
            Err(e) => {
                note!("error: {e}");
                return EXIT_USAGE;
            }
        };
    if !args.dir.is_dir() {
        note!(
            "error: {} is not a directory\n  hint: pass a Terraform root, e.g. generated/dev",
            args.dir.display()
        );
        return EXIT_USAGE;
    }
    let index = match ConfigIndex::load(&args.dir) {
        Ok(i) => i,
        Err(errors) => {
            for e in errors {
                note!("error: {e}");
            }
            return EXIT_USAGE;
        }
    };
    let result = Validation {
        diagnostics: validate(&index, Some(&schema)),
        schema: Some(schema.source.clone()),
        schema_skipped: skipped.map(|reason| reason.to_string()),
    };
    let root = args.dir.display().to_string();
    let mut extra = serde_json::Map::new();
    extra.insert("schema".into(), result.schema.clone().into());
    extra.insert(
        "schema_skipped".into(),
        result.schema_skipped.clone().into(),
    );
    let run = Run {
        root: &root,
        diagnostics: &result.diagnostics,
        catalog: &ValidationCatalog,
        extra,
    };
    let text = args.format.emitter().emit(&run);
    if args.format == Format::Human {
        write_err(&text);
        if let Some(reason) = &result.schema_skipped {
            note!(
                "note: the root's own provider schema is unavailable ({reason}); using the embedded one"
            );
        }
        note!(
            "{}: {} error{}, {} warning{}{}",
            args.dir.display(),
            result.errors(),
            if result.errors() == 1 { "" } else { "s" },
            result.warnings(),
            if result.warnings() == 1 { "" } else { "s" },
            result
                .schema
                .as_ref()
                .map(|s| format!(" (provider schema: {s})"))
                .unwrap_or_default()
        );
    } else {
        out!("{text}");
    }
    if result.errors() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
