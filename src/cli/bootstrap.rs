//! `petgen bootstrap`: create what `terraform init` needs and cannot create itself.

use super::{ProfileDir, Terminal, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub struct BootstrapArgs {
    /// Profile whose `[backend]` bucket to create.
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// Create the bucket although the profile still holds example values.
    #[arg(long = "allow-placeholders")]
    pub allow_placeholders: bool,
    #[command(flatten)]
    pub profiles: ProfileDir,
}

pub fn run(args: BootstrapArgs) -> u8 {
    let profile = match crate::pipeline::load_profile(&args.profiles.dir, &args.profile) {
        Ok(p) => p,
        Err(e) => {
            note!("{e}");
            return EXIT_USAGE;
        }
    };
    let console = Terminal;
    if let Err(stop) = crate::pipeline::deploy::refuse_placeholders(
        &console,
        &profile,
        args.allow_placeholders,
        Some("backend."),
    ) {
        return stop.0;
    }
    match crate::pipeline::live::bootstrap(&console, &profile) {
        Ok(code) => code,
        Err(stop) => stop.0,
    }
}
