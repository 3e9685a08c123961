//! `petgen graph`: the architecture of a root, drawn from its HCL.

use super::{report_error, ProfileDir, EXIT_OK, EXIT_USAGE};
use crate::graph::{diagram, dot, mermaid};
use crate::hcl::semantic::Model;
use crate::pipeline::root::load_root;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Mermaid flowchart (GitHub renders it in Markdown).
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// SVG, drawn by Graphviz `dot` (PETGEN_DOT, else `dot` on PATH).
    Svg,
}

#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// Terraform root to draw. Default: generated/<profile> with --profile.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Draw generated/NAME.
    #[arg(long, value_name = "NAME", conflicts_with = "dir")]
    pub profile: Option<String>,
    #[arg(long, value_enum, default_value = "mermaid")]
    pub format: Format,
    /// Parent directory of rendered roots, for --profile.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    #[command(flatten)]
    pub profiles: ProfileDir,
}

pub fn run(args: GraphArgs) -> u8 {
    let dir = match (&args.dir, &args.profile) {
        (Some(d), _) => d.clone(),
        (None, Some(p)) => args.out.join(p),
        (None, None) => PathBuf::from("."),
    };
    let (index, _) = match load_root(&dir, None, &args.profiles.dir) {
        Ok(x) => x,
        Err(e) => return report_error(&e),
    };
    let model = Model::new(&index);
    let d = diagram(&model);
    match args.format {
        Format::Mermaid => out!("{}", mermaid::render(&d)),
        Format::Dot => out!("{}", dot::render(&d)),
        Format::Svg => match crate::pipeline::graphviz::svg(&dot::render(&d)) {
            Ok(svg) => out!("{svg}"),
            Err(e) => {
                note!("error: {e}");
                return EXIT_USAGE;
            }
        },
    }
    EXIT_OK
}
