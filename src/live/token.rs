//! `petgen token`: a Cognito access token by SRP (USER_SRP_AUTH), answering the pool's
//! software-token MFA challenge, and enrolling the user's authenticator on a first sign-in
//! when the pool requires MFA. The password never leaves this process; the token goes to
//! standard output only. InitiateAuth and RespondToAuthChallenge are unsigned calls, so no
//! AWS credentials are needed.

use super::srp::{timestamp, Client, Verifier};
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

    fn name(&self) -> Result<&str, String> {
        self.user_pool_id
            .split_once('_')
            .map(|(_, n)| n)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                format!(
                    "{:?} is not a user pool ID (REGION_NAME, e.g. us-east-1_AbCdEfGhI)",
                    self.user_pool_id
                )
            })
    }
}

/// Why there is no token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    /// What the user gave cannot be used (a missing or malformed MFA code).
    Input(String),
    /// Cognito refused, or could not be reached.
    Refused(String),
}

impl From<String> for SignInError {
    fn from(e: String) -> Self {
        SignInError::Refused(e)
    }
}

impl std::fmt::Display for SignInError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignInError::Input(m) | SignInError::Refused(m) => f.write_str(m),
        }
    }
}

/// Where the MFA code comes from, when the pool asks for one.
pub trait CodeSource {
    /// The current code of the user's authenticator app.
    fn totp_code(&mut self) -> Result<String, String>;
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
        .map_err(|e| {
            format!(
                "Cognito refused to start the sign-in: {}",
                explain(&one_line(&e))
            )
        })?;
    if started.challenge_name() != Some(&ChallengeNameType::PasswordVerifier) {
        return Err(format!(
            "Cognito answered USER_SRP_AUTH with {}, not PASSWORD_VERIFIER",
            started
                .challenge_name()
                .map(|c| c.as_str())
                .unwrap_or("no challenge")
        )
        .into());
    }
    let params = started.challenge_parameters().cloned().unwrap_or_default();
    let get = |k: &str| {
        params
            .get(k)
            .cloned()
            .ok_or_else(|| format!("Cognito's PASSWORD_VERIFIER challenge has no {k}"))
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
        .map_err(|e| format!("Cognito refused the password: {}", explain(&one_line(&e))))?;
    // At most one MFA round: a second challenge is not one this command can answer.
    if reply.challenge_name() == Some(&ChallengeNameType::SoftwareTokenMfa) {
        let code = codes.totp_code().map_err(SignInError::Input)?;
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
            .map_err(|e| format!("Cognito refused the MFA code: {}", explain(&one_line(&e))))?;
    }
    if reply.challenge_name() == Some(&ChallengeNameType::MfaSetup) {
        reply = enrol(aws, &cognito, pool, &answer_name, reply.session(), codes)?;
    }
    if let Some(challenge) = reply.challenge_name() {
        return Err(unanswerable(challenge, username, &pool.user_pool_id).into());
    }
    reply
        .authentication_result()
        .and_then(|r| r.access_token())
        .map(str::to_string)
        .ok_or_else(|| {
            SignInError::Refused(
                "Cognito signed the user in but returned no access token".to_string(),
            )
        })
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
        .map_err(|e| {
            format!(
                "Cognito refused to start enrolling an authenticator: {}",
                one_line(&e)
            )
        })?;
    let secret = associated.secret_code().unwrap_or_default().to_string();
    codes.enrol(user, &secret);
    let code = codes.totp_code().map_err(SignInError::Input)?;
    let verified = aws
        .run(
            cognito
                .verify_software_token()
                .set_session(associated.session().map(str::to_string))
                .user_code(code)
                .friendly_device_name("petgen token")
                .send(),
        )
        .map_err(|e| {
            format!(
                "Cognito refused the authenticator's code: {}",
                explain(&one_line(&e))
            )
        })?;
    let mut answer = HashMap::new();
    answer.insert("USERNAME".to_string(), user.to_string());
    Ok(aws
        .run(
            cognito
                .respond_to_auth_challenge()
                .client_id(&pool.client_id)
                .challenge_name(ChallengeNameType::MfaSetup)
                .set_challenge_responses(Some(answer))
                .set_session(verified.session().map(str::to_string))
                .send(),
        )
        .map_err(|e| {
            format!(
                "Cognito refused to finish enrolling: {}",
                explain(&one_line(&e))
            )
        })?)
}

/// A challenge this command does not answer, with what the user can do.
fn unanswerable(challenge: &ChallengeNameType, user: &str, pool: &str) -> String {
    match challenge {
        ChallengeNameType::NewPasswordRequired => format!(
            "{user} still has a temporary password: set a permanent one first (aws cognito-idp admin-set-user-password --user-pool-id {pool} --username {user} --permanent --password ...)"
        ),
        other => format!(
            "Cognito asks for {}, which petgen token cannot answer (it answers SOFTWARE_TOKEN_MFA)",
            other.as_str()
        ),
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
