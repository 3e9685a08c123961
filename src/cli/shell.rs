//! Shell completions and manual pages, generated from the command-line definition itself.

use super::{Cli, EXIT_OK, EXIT_USAGE};
use clap::CommandFactory;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write petgen.1 and a page per subcommand (petgen-render.1, ...) into DIR instead of
    /// printing petgen.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> u8 {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "petgen", &mut buf);
    out!("{}", String::from_utf8_lossy(&buf));
    EXIT_OK
}

pub fn man(args: ManArgs) -> u8 {
    let cmd = Cli::command();
    match args.out {
        None => {
            let mut buf = Vec::new();
            if let Err(e) = clap_mangen::Man::new(cmd).render(&mut buf) {
                note!("error: cannot render the manual page: {e}");
                return EXIT_USAGE;
            }
            out!("{}", String::from_utf8_lossy(&buf));
            EXIT_OK
        }
        Some(dir) => {
            if let Err(e) =
                std::fs::create_dir_all(&dir).and_then(|_| clap_mangen::generate_to(cmd, &dir))
            {
                note!("error: cannot write manual pages to {}: {e}", dir.display());
                return EXIT_USAGE;
            }
            super::progress(&format!("wrote manual pages to {}", dir.display()));
            EXIT_OK
        }
    }
}
