//! `petgen token`: a Cognito access token by SRP (USER_SRP_AUTH), answering the pool's
//! software-token MFA challenge, and enrolling the user's authenticator on a first sign-in
//! when the pool requires MFA. The password never leaves this process; the token goes to
//! standard output only. InitiateAuth and RespondToAuthChallenge are unsigned calls, so no
//! AWS credentials are needed.

use super::srp::{timestamp, Client, SrpError, Verifier};
use super::{one_line, Aws};
use aws_sdk_cognitoidentityprovider::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, ChallengeNameType};
use aws_sdk_cognitoidentityprovider::Client as Cognito;
use std::collections::HashMap;

/// The pool and client to sign in to.
#[derive(Debug, Clone)]
pub struct Pool {
    pub user_pool_id: String,
    pub client_id: String,
}

impl Pool {
    /// The pool's region: the part of its ID before `_`.
    pub fn region(&self) -> Option<&str> {
        self.user_pool_id
            .split_once('_')
            .map(|(r, _)| r)
            .filter(|r| !r.is_empty())
    }

    fn name(&self) -> Result<&str, SignInError> {
        self.user_pool_id
            .split_once('_')
            .map(|(_, n)| n)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| SignInError::PoolId {
                id: self.user_pool_id.clone(),
            })
    }
}

/// What the user gave (or did not give) that a sign-in cannot use.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read the password: {0}")]
    ReadPassword(#[source] std::io::Error),
    #[error("no password: type it at the prompt, or give it on standard input")]
    NoPassword,
    #[error("the password is empty")]
    EmptyPassword,
    #[error("the pool asks for an MFA code: give --totp-code, or put the code on the line after the password")]
    NoCode,
    #[error("{0:?} is not an authenticator code: six digits")]
    NotACode(String),
}

/// Why there is no token. `detail` is the SDK's error as [`one_line`] words it.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// What the user gave cannot be used (a missing or malformed MFA code).
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("{id:?} is not a user pool ID (REGION_NAME, e.g. us-east-1_AbCdEfGhI)")]
    PoolId { id: String },
    #[error(transparent)]
    Srp(#[from] SrpError),
    #[error("Cognito refused to start the sign-in: {}", explain(detail))]
    Start { detail: String },
    #[error("Cognito answered USER_SRP_AUTH with {challenge}, not PASSWORD_VERIFIER")]
    NotPasswordVerifier { challenge: String },
    #[error("Cognito's PASSWORD_VERIFIER challenge has no {0}")]
    MissingParameter(&'static str),
    #[error("Cognito refused the password: {}", explain(detail))]
    Password { detail: String },
    #[error("Cognito refused the MFA code: {}", explain(detail))]
    MfaCode { detail: String },
    #[error("Cognito refused to start enrolling an authenticator: {detail}")]
    EnrolStart { detail: String },
    #[error("Cognito refused the authenticator's code: {}", explain(detail))]
    AuthenticatorCode { detail: String },
    #[error("Cognito refused to finish enrolling: {}", explain(detail))]
    EnrolFinish { detail: String },
    #[error("{user} still has a temporary password: set a permanent one first (aws cognito-idp admin-set-user-password --user-pool-id {pool} --username {user} --permanent --password ...)")]
    TemporaryPassword { user: String, pool: String },
    #[error("Cognito asks for {challenge}, which petgen token cannot answer (it answers SOFTWARE_TOKEN_MFA)")]
    Unanswerable { challenge: String },
    #[error("Cognito signed the user in but returned no access token")]
    NoToken,
}

impl SignInError {
    /// The user's input was at fault (exit 2), not Cognito's answer (exit 1).
    pub fn is_input(&self) -> bool {
        matches!(self, SignInError::Input(_))
    }
}

/// Where the MFA code comes from, when the pool asks for one.
pub trait CodeSource {
    /// The current code of the user's authenticator app.
    fn totp_code(&mut self) -> Result<String, InputError>;
    /// Show the user a new authenticator's secret to add to their app (first sign-in of a
    /// pool that requires MFA); the code asked next is from it.
    fn enrol(&mut self, user: &str, secret: &str);
}

/// Sign `username` in with `password` and return the access token.
pub fn sign_in(
    aws: &Aws,
    pool: &Pool,
    username: &str,
    password: &str,
    codes: &mut dyn CodeSource,
) -> Result<String, SignInError> {
    let pool_name = pool.name()?.to_string();
    let cognito = Cognito::new(&aws.config);
    let client = Client::new()?;
    let started = aws
        .run(
            cognito
                .initiate_auth()
                .auth_flow(AuthFlowType::UserSrpAuth)
                .client_id(&pool.client_id)
                .auth_parameters("USERNAME", username)
                .auth_parameters("SRP_A", client.public_hex())
                .send(),
        )
        .map_err(|e| SignInError::Start {
            detail: one_line(&e),
        })?;
    if started.challenge_name() != Some(&ChallengeNameType::PasswordVerifier) {
        return Err(SignInError::NotPasswordVerifier {
            challenge: started
                .challenge_name()
                .map(|c| c.as_str())
                .unwrap_or("no challenge")
                .to_string(),
        });
    }
    let params = started.challenge_parameters().cloned().unwrap_or_default();
    let get = |k: &'static str| {
        params
            .get(k)
            .cloned()
            .ok_or(SignInError::MissingParameter(k))
    };
    let user_id = get("USER_ID_FOR_SRP")?;
    // The name the answers carry: the challenge's own, which is the user name when the user
    // signed in by an alias.
    let answer_name = params
        .get("USERNAME")
        .cloned()
        .unwrap_or_else(|| user_id.clone());
    let secret_block = get("SECRET_BLOCK")?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let stamp = timestamp(now);
    let signature = client.signature(&Verifier {
        pool_name: &pool_name,
        user_id: &user_id,
        password,
        salt: &get("SALT")?,
        srp_b: &get("SRP_B")?,
        secret_block: &secret_block,
        timestamp: &stamp,
    })?;
    let mut answer = HashMap::new();
    answer.insert("USERNAME".to_string(), answer_name.clone());
    answer.insert("TIMESTAMP".to_string(), stamp);
    answer.insert("PASSWORD_CLAIM_SECRET_BLOCK".to_string(), secret_block);
    answer.insert("PASSWORD_CLAIM_SIGNATURE".to_string(), signature);
    let mut reply = aws
        .run(
            cognito
                .respond_to_auth_challenge()
                .client_id(&pool.client_id)
                .challenge_name(ChallengeNameType::PasswordVerifier)
                .set_challenge_responses(Some(answer))
                .set_session(started.session().map(str::to_string))
                .send(),
        )
        .map_err(|e| SignInError::Password {
            detail: one_line(&e),
        })?;
    // At most one MFA round: a second challenge is not one this command can answer.
    if reply.challenge_name() == Some(&ChallengeNameType::SoftwareTokenMfa) {
        let code = codes.totp_code()?;
        let mut answer = HashMap::new();
        answer.insert("USERNAME".to_string(), answer_name.clone());
        answer.insert("SOFTWARE_TOKEN_MFA_CODE".to_string(), code);
        reply = aws
            .run(
                cognito
                    .respond_to_auth_challenge()
                    .client_id(&pool.client_id)
                    .challenge_name(ChallengeNameType::SoftwareTokenMfa)
                    .set_challenge_responses(Some(answer))
                    .set_session(reply.session().map(str::to_string))
                    .send(),
            )
            .map_err(|e| SignInError::MfaCode {
                detail: one_line(&e),
            })?;
    }
    if reply.challenge_name() == Some(&ChallengeNameType::MfaSetup) {
        reply = enrol(aws, &cognito, pool, &answer_name, reply.session(), codes)?;
    }
    if let Some(challenge) = reply.challenge_name() {
        return Err(unanswerable(challenge, username, &pool.user_pool_id));
    }
    reply
        .authentication_result()
        .and_then(|r| r.access_token())
        .map(str::to_string)
        .ok_or(SignInError::NoToken)
}

/// The first sign-in to a pool that requires MFA: a new authenticator secret, verified with
/// its first code, then the MFA_SETUP answer.
fn enrol(
    aws: &Aws,
    cognito: &Cognito,
    pool: &Pool,
    user: &str,
    session: Option<&str>,
    codes: &mut dyn CodeSource,
) -> Result<RespondToAuthChallengeOutput, SignInError> {
    let associated = aws
        .run(
            cognito
                .associate_software_token()
                .set_session(session.map(str::to_string))
                .send(),
        )
        .map_err(|e| SignInError::EnrolStart {
            detail: one_line(&e),
        })?;
    let secret = associated.secret_code().unwrap_or_default().to_string();
    codes.enrol(user, &secret);
    let code = codes.totp_code()?;
    let verified = aws
        .run(
            cognito
                .verify_software_token()
                .set_session(associated.session().map(str::to_string))
                .user_code(code)
                .friendly_device_name("petgen token")
                .send(),
        )
        .map_err(|e| SignInError::AuthenticatorCode {
            detail: one_line(&e),
        })?;
    let mut answer = HashMap::new();
    answer.insert("USERNAME".to_string(), user.to_string());
    aws.run(
        cognito
            .respond_to_auth_challenge()
            .client_id(&pool.client_id)
            .challenge_name(ChallengeNameType::MfaSetup)
            .set_challenge_responses(Some(answer))
            .set_session(verified.session().map(str::to_string))
            .send(),
    )
    .map_err(|e| SignInError::EnrolFinish {
        detail: one_line(&e),
    })
}

/// A challenge this command does not answer, with what the user can do.
fn unanswerable(challenge: &ChallengeNameType, user: &str, pool: &str) -> SignInError {
    match challenge {
        ChallengeNameType::NewPasswordRequired => SignInError::TemporaryPassword {
            user: user.to_string(),
            pool: pool.to_string(),
        },
        other => SignInError::Unanswerable {
            challenge: other.as_str().to_string(),
        },
    }
}

/// Cognito's terse errors, with the likely fix.
fn explain(line: &str) -> String {
    if line.contains("USER_SRP_AUTH") || line.contains("flow not enabled") {
        format!("{line} (the app client must allow ALLOW_USER_SRP_AUTH)")
    } else if line.contains("NotAuthorizedException") {
        format!("{line} (wrong user name or password, or the client ID is not the pool's)")
    } else if line.contains("ResourceNotFoundException") {
        format!("{line} (check the user pool and client IDs, and the region)")
    } else {
        line.to_string()
    }
}
