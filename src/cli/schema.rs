use super::EXIT_OK;
use crate::profile::Profile;

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    #[arg(value_enum)]
    pub which: Which,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Which {
    /// The profile format (profiles/*.toml).
    Profile,
}

/// The JSON Schema of the profile format, generated from the Rust types.
pub fn profile_schema() -> String {
    let schema = schemars::schema_for!(Profile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

pub fn run(args: SchemaArgs) -> u8 {
    match args.which {
        Which::Profile => out!("{}", profile_schema()),
    }
    EXIT_OK
}
