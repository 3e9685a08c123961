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
        Some(dir) => match write_pages(cmd, &dir) {
            Ok(()) => {
                super::progress(&format!("wrote manual pages to {}", dir.display()));
                EXIT_OK
            }
            Err(e) => {
                note!("error: cannot write manual pages to {}: {e}", dir.display());
                EXIT_USAGE
            }
        },
    }
}

/// The pages are written beside `dir`'s in a folder of their own, then renamed into place: a
/// rename replaces a directory entry and never writes through a symbolic link. A page path
/// that is a symbolic link is refused before any page moves, since petgen did not make it.
fn write_pages(cmd: clap::Command, dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let staging = tempfile::Builder::new()
        .prefix(".petgen-man-")
        .tempdir_in(dir)?;
    clap_mangen::generate_to(cmd, staging.path())?;
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(staging.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    pages.sort();
    for page in &pages {
        let target = dir.join(page.file_name().unwrap_or_default());
        if target
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(std::io::Error::other(format!(
                "{} is a symbolic link, which petgen does not write through; remove it or choose another --out",
                target.display()
            )));
        }
    }
    for page in &pages {
        std::fs::rename(page, dir.join(page.file_name().unwrap_or_default()))?;
    }
    Ok(())
}
