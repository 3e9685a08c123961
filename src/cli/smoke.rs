//! `petgen smoke`: check that the deployed API answers as the design promises.

use super::token::{access_token, SignInArgs};
use super::{Terminal, EXIT_USAGE};
use crate::pipeline::live::{output_string, protected_methods, root_outputs, smoke};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct SmokeArgs {
    /// Profile whose deployed API to check.
    #[arg(long, value_name = "NAME", required_unless_present = "url")]
    pub profile: Option<String>,
    /// The API's base URL. Default: the root's invoke_url output.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// A file holding an access token for the POST (e.g. from `petgen token`); `-` reads it
    /// from standard input.
    #[arg(long = "token-file", value_name = "FILE", conflicts_with = "username")]
    pub token_file: Option<PathBuf>,
    /// Sign this Cognito user in (as `petgen token` does) for the POST.
    #[arg(long, value_name = "USER")]
    pub username: Option<String>,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

pub fn run(args: SmokeArgs) -> u8 {
    let console = Terminal;
    let loaded = match &args.profile {
        Some(name) => match crate::pipeline::load_profile(&args.sign_in.profiles.dir, name) {
            Ok(p) => Some(p),
            Err(e) => {
                note!("{e}");
                return EXIT_USAGE;
            }
        },
        None => None,
    };
    let url = match (&args.url, &loaded) {
        (Some(u), _) => u.clone(),
        (None, Some(p)) => {
            let root = args.sign_in.out.join(&p.name);
            let outputs = match root_outputs(&console, args.sign_in.terraform.as_deref(), &root) {
                Ok(o) => o,
                Err(stop) => return stop.0,
            };
            match output_string(&outputs, "invoke_url", &root) {
                Ok(u) => u,
                Err(e) => return super::report_error(&e),
            }
        }
        (None, None) => return super::report_error("give --profile or --url"),
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return super::report_error(&format!("{url:?} is not an http:// or https:// URL"));
    }
    let token = match (&args.token_file, &args.username) {
        (Some(file), _) if file.as_os_str() == "-" => {
            let mut t = String::new();
            use std::io::Read;
            match std::io::stdin().read_to_string(&mut t) {
                Ok(_) if !t.trim().is_empty() => Some(t.trim().to_string()),
                Ok(_) => return super::report_error("no token on standard input"),
                Err(e) => return super::report_error(&format!("cannot read standard input: {e}")),
            }
        }
        (Some(file), _) => match std::fs::read_to_string(file) {
            Ok(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            Ok(_) => return super::report_error(&format!("{} is empty", file.display())),
            Err(e) => return super::report_error(&format!("cannot read {}: {e}", file.display())),
        },
        (None, Some(user)) => match access_token(args.profile.as_deref(), user, &args.sign_in) {
            Ok(t) => Some(t),
            Err(code) => return code,
        },
        (None, None) => None,
    };
    let custom_domain = loaded
        .as_ref()
        .and_then(|p| p.profile.api.domain_name.as_deref())
        .is_some_and(|d| {
            url.split("://")
                .nth(1)
                .and_then(|rest| rest.split(['/', ':']).next())
                .is_some_and(|host| host.eq_ignore_ascii_case(d))
        });
    smoke(
        &console,
        &url,
        token.as_deref(),
        custom_domain,
        protected_methods(loaded.as_ref()),
    )
}
