use super::{ProfileDir, SchemaArgs, Terminal, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::pipeline::render::{compare_roots, render_all, select_profiles, write_roots};
use crate::render::RenderedRoot;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Profile to render (profiles/NAME.toml). Repeat for several.
    #[arg(long = "profile", value_name = "NAME", required_unless_present = "all")]
    pub profile: Vec<String>,
    /// Render every profile.
    #[arg(long, conflicts_with = "profile")]
    pub all: bool,
    /// Write nothing; exit 1 with a unified diff if the output directory differs.
    #[arg(long)]
    pub check: bool,
    /// Parent directory of the rendered roots: each profile goes to OUT/<profile>/.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    #[command(flatten)]
    pub profiles: ProfileDir,
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Output: text, or json (per root: the files written, changed, removed and kept).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn paths(list: &[PathBuf]) -> Vec<String> {
    list.iter().map(|p| p.display().to_string()).collect()
}

fn print_json(roots: Vec<serde_json::Value>) {
    outln!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({ "roots": roots })).unwrap_or_default()
    );
}

pub fn run(args: RenderArgs) -> u8 {
    let dir = &args.profiles.dir;
    let names = match select_profiles(&Terminal, dir, args.all, &args.profile) {
        Ok(names) => names,
        Err(stop) => return stop.0,
    };
    let provider_schema = args.schema.provider_schema.as_deref();
    let roots = match render_all(&Terminal, dir, &names, &args.out, provider_schema) {
        Ok(roots) => roots,
        Err(stop) => return stop.0,
    };
    if args.check {
        check_roots(&args, &roots)
    } else {
        write(&args, &roots)
    }
}

/// `--check`: compare each root with what is on disk, write nothing.
fn check_roots(args: &RenderArgs, roots: &[RenderedRoot]) -> u8 {
    let json = args.format == Format::Json;
    let mut code = EXIT_OK;
    let mut report = Vec::new();
    for (root, drift) in compare_roots(&Terminal, roots, &args.out, json) {
        let target = args.out.join(&root.profile);
        match drift {
            Ok(drift) => {
                if !drift.is_empty() {
                    code = EXIT_FINDINGS;
                }
                report.push(serde_json::json!({
                    "profile": root.profile,
                    "root": target.display().to_string(),
                    "up_to_date": drift.is_empty(),
                    "diff": drift.diff,
                    "foreign": paths(&drift.foreign),
                }));
            }
            Err(e) => {
                note!("error: cannot read {}: {e}", target.display());
                return EXIT_USAGE;
            }
        }
    }
    if json {
        print_json(report);
    }
    code
}

/// Write each root; with `--format json`, say what each wrote.
fn write(args: &RenderArgs, roots: &[RenderedRoot]) -> u8 {
    let mut code = EXIT_OK;
    let mut report = Vec::new();
    for (root, written) in write_roots(&Terminal, roots, &args.out) {
        match written {
            Ok(written) => report.push(serde_json::json!({
                "profile": root.profile,
                "root": args.out.join(&root.profile).display().to_string(),
                "files": root.files.iter().map(|f| f.path.display().to_string()).collect::<Vec<_>>(),
                "changed": paths(&written.changed),
                "removed": paths(&written.removed),
                "recovered": paths(&written.recovered),
                "foreign": paths(&written.foreign),
            })),
            Err(e) => {
                note!("error: {e}");
                code = EXIT_USAGE;
            }
        }
    }
    if args.format == Format::Json {
        print_json(report);
    }
    code
}
