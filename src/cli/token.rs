//! `petgen token`: print a Cognito access token for a user of a profile's pool, signing in by
//! SRP. The token is the only thing on standard output; prompts and errors go to the
//! terminal.

use super::{ProfileDir, Terminal, EXIT_OK, EXIT_USAGE};
use crate::live::token::{CodeSource, InputError, Pool};
use crate::pipeline::console::Console;
use crate::pipeline::live::{output_string, root_outputs};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

/// Where the pool is, and how to answer its MFA challenge.
#[derive(Debug, clap::Args)]
pub struct SignInArgs {
    /// The current code of the user's authenticator app, when the pool asks for MFA.
    /// Default: a prompt on a terminal, else the line after the password on stdin.
    #[arg(long = "totp-code", value_name = "CODE")]
    pub totp_code: Option<String>,
    /// User pool ID. Default: the root's user_pool_id output.
    #[arg(long = "user-pool-id", value_name = "ID", requires = "client_id")]
    pub user_pool_id: Option<String>,
    /// App client ID. Default: the root's user_pool_client_id output.
    #[arg(long = "client-id", value_name = "ID", requires = "user_pool_id")]
    pub client_id: Option<String>,
    /// The pool's region. Default: the profile's, else the pool ID's.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Parent directory of rendered roots (their outputs name the pool).
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    /// terraform binary, to read the root's outputs. Default: $PETGEN_TERRAFORM, else
    /// terraform on PATH.
    #[arg(long, value_name = "PATH")]
    pub terraform: Option<PathBuf>,
    #[command(flatten)]
    pub profiles: ProfileDir,
}

#[derive(Debug, clap::Args)]
pub struct TokenArgs {
    /// Profile whose deployed pool to sign in to.
    #[arg(long, value_name = "NAME", required_unless_present = "user_pool_id")]
    pub profile: Option<String>,
    /// The Cognito user.
    #[arg(long, value_name = "USER")]
    pub username: String,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

/// The password and MFA codes, from the terminal or standard input.
pub(crate) struct Prompts {
    stdin_lines: Option<std::io::Lines<std::io::StdinLock<'static>>>,
    totp_code: Option<String>,
}

impl Prompts {
    pub(crate) fn new(totp_code: Option<String>) -> Prompts {
        Prompts {
            stdin_lines: None,
            totp_code,
        }
    }

    fn next_stdin_line(&mut self) -> Option<String> {
        let lines = self
            .stdin_lines
            .get_or_insert_with(|| std::io::stdin().lock().lines());
        lines.next().and_then(Result::ok)
    }

    /// The password: a prompt that does not echo on a terminal, else stdin's first line.
    pub(crate) fn password(&mut self, user: &str) -> Result<String, InputError> {
        let password = if std::io::stdin().is_terminal() {
            rpassword::prompt_password(format!("Password for {user}: "))
                .map_err(InputError::ReadPassword)?
        } else {
            self.next_stdin_line().ok_or(InputError::NoPassword)?
        };
        if password.is_empty() {
            return Err(InputError::EmptyPassword);
        }
        Ok(password)
    }
}

impl CodeSource for Prompts {
    fn enrol(&mut self, user: &str, secret: &str) {
        // The secret goes to the terminal, never to standard output, which holds the token.
        super::write_err(&format!(
            "The pool requires MFA and {user} has no authenticator yet. Add this key to an authenticator app:\n  {secret}\n  (or the URI otpauth://totp/petstore:{user}?secret={secret}&issuer=petstore)\n"
        ));
        // A code given with --totp-code was for an authenticator that did not exist yet.
        self.totp_code = None;
    }

    fn totp_code(&mut self) -> Result<String, InputError> {
        let code = match self.totp_code.take() {
            Some(c) => c,
            None if std::io::stdin().is_terminal() => {
                super::write_err("MFA code from your authenticator app: ");
                self.next_stdin_line().unwrap_or_default()
            }
            None => self.next_stdin_line().ok_or(InputError::NoCode)?,
        };
        let code = code.trim().to_string();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InputError::NotACode(code));
        }
        Ok(code)
    }
}

/// The pool and its region, from the flags or the profile's deployed root.
pub(crate) fn resolve_pool(
    console: &dyn Console,
    profile: Option<&str>,
    args: &SignInArgs,
) -> Result<(Pool, String), u8> {
    if let (Some(pool_id), Some(client_id)) = (&args.user_pool_id, &args.client_id) {
        let pool = Pool {
            user_pool_id: pool_id.clone(),
            client_id: client_id.clone(),
        };
        let region = match (&args.region, pool.region()) {
            (Some(r), _) => r.clone(),
            (None, Some(r)) => r.to_string(),
            (None, None) => {
                note!("error: {pool_id:?} is not a user pool ID (REGION_NAME); give --region");
                return Err(EXIT_USAGE);
            }
        };
        return Ok((pool, region));
    }
    let Some(name) = profile else {
        note!("error: give --profile, or --user-pool-id with --client-id");
        return Err(EXIT_USAGE);
    };
    let loaded = crate::pipeline::load_profile(&args.profiles.dir, name).map_err(|e| {
        note!("{e}");
        EXIT_USAGE
    })?;
    let root = args.out.join(name);
    let outputs = root_outputs(console, args.terraform.as_deref(), &root).map_err(|s| s.0)?;
    let get = |n: &str| {
        output_string(&outputs, n, &root).map_err(|e| {
            note!("error: {e}");
            EXIT_USAGE
        })
    };
    let pool = Pool {
        user_pool_id: get("user_pool_id")?,
        client_id: get("user_pool_client_id")?,
    };
    let region = args
        .region
        .clone()
        .unwrap_or_else(|| loaded.profile.project.region.clone());
    Ok((pool, region))
}

/// Sign in and return the token, or the exit code of the failure (already told).
pub(crate) fn access_token(
    profile: Option<&str>,
    username: &str,
    args: &SignInArgs,
) -> Result<String, u8> {
    let console = Terminal;
    let (pool, region) = resolve_pool(&console, profile, args)?;
    let mut prompts = Prompts::new(args.totp_code.clone());
    let password = prompts.password(username).map_err(|e| {
        note!("error: {e}");
        EXIT_USAGE
    })?;
    crate::pipeline::live::token(&console, &pool, &region, username, &password, &mut prompts)
        .map_err(|s| s.0)
}

pub fn run(args: TokenArgs) -> u8 {
    match access_token(args.profile.as_deref(), &args.username, &args.sign_in) {
        Ok(token) => {
            out!("{token}\n");
            EXIT_OK
        }
        Err(code) => code,
    }
}
