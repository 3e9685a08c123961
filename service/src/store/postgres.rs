//! The pets table in PostgreSQL (Aurora Serverless v2), through tokio-postgres with a bounded
//! pool of connections (deadpool) and TLS by rustls on ring, as the AWS SDK's client uses.
//!
//! Every call, waiting for a free connection included, ends within [`OPERATION_TIMEOUT`], as
//! over DynamoDB; the server also cancels a statement still running after it
//! (`statement_timeout`), so an abandoned call does not keep working there.
//!
//! TLS follows `PGSSLMODE` (see [`SslMode`]); unset, it is `verify-full`. Aurora's
//! certificates are issued by Amazon RDS's own CAs, which are not in the system bundle the
//! image ships: `verify-full` against Aurora needs `PGSSLROOTCERT` naming RDS's CA bundle in the
//! image; until the image has one, `require` encrypts without checking the certificate.
//!
//! Each new connection logs in with the credentials current at that moment (see
//! [`super::credentials`]): with `PGPASSWORD_SECRET_ARN`, a connection the server refuses
//! (SQLSTATE class 28, or closed during the login) has the secret re-read and, if it holds
//! other credentials, is opened once more with them; connections opened before keep theirs.
//!
//! The table is created at start, and again by the first call or health check after a start
//! that could not reach the server, under a transaction-scoped advisory lock, so tasks that
//! start together do not race each other's `CREATE TABLE`.

use super::credentials::{Credentials, Current, Reason};
use super::{source_chain, StoreError, CONNECT_TIMEOUT, OPERATION_TIMEOUT};
use crate::config::{PgConfig, SslMode};
use crate::contract::TABLE;
use crate::log;
use crate::pets::Pet;
use deadpool::managed::{Metrics, Pool, PoolError, RecycleError, RecycleResult};
use deadpool_postgres::{ClientWrapper, Runtime};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio_postgres::error::SqlState;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The table's name in `PGDATABASE` (in the user's `search_path`, `public` by default).
pub const TABLE_NAME: &str = "pets";

/// The advisory lock the schema migration holds: "petstore" in ASCII, a number no other
/// application sharing the database is likely to pick.
const MIGRATION_LOCK: i64 = 0x7065_7473_746f_7265;

#[derive(Clone)]
pub struct Store {
    pool: Pool<Connections>,
    sql: Arc<Sql>,
    /// The migration has run in this process: calls skip it from then on.
    migrated: Arc<AtomicBool>,
}

/// The statements, written once with the contract's key column.
struct Sql {
    migrate: String,
    check: String,
    select: String,
    insert: String,
}

impl Sql {
    fn new() -> Sql {
        let key = quote_ident(&TABLE.hash_key);
        Sql {
            // One simple-query message: PostgreSQL runs it as one implicit transaction, so the
            // lock is held until the table exists, and a failure rolls it all back without
            // leaving the pooled connection inside an aborted transaction.
            migrate: format!(
                "SELECT pg_advisory_xact_lock({MIGRATION_LOCK}); \
                 CREATE TABLE IF NOT EXISTS {TABLE_NAME} (\
                 {key} text PRIMARY KEY, \
                 name text NOT NULL, \
                 \"createdAt\" timestamptz NOT NULL)"
            ),
            // Proves the table is there and the user may read it, without reading a row.
            check: format!("SELECT 1 FROM {TABLE_NAME} LIMIT 0"),
            // createdAt back as the API writes it: RFC 3339, UTC, milliseconds.
            select: format!(
                "SELECT name, to_char(\"createdAt\" AT TIME ZONE 'UTC', \
                 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') \
                 FROM {TABLE_NAME} WHERE {key} = $1"
            ),
            // Never overwrites: an id already taken inserts nothing, which is the conflict.
            insert: format!(
                "INSERT INTO {TABLE_NAME} ({key}, name, \"createdAt\") \
                 VALUES ($1, $2, $3::text::timestamptz) ON CONFLICT ({key}) DO NOTHING"
            ),
        }
    }
}

/// A quoted SQL identifier: the contract's `petId` keeps its case.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Store {
    /// Set up the pool; no connection is opened until the first check or request. With a
    /// secret and no `PGPASSWORD`, the secret is read first.
    pub async fn connect(pg: &PgConfig) -> Result<Store, String> {
        if TABLE.hash_key_type != "S" {
            return Err(format!(
                "contracts/pets-table.json keys the table by type {:?}; this service stores string keys",
                TABLE.hash_key_type
            ));
        }
        let mut config = tokio_postgres::Config::new();
        for host in &pg.hosts {
            config.host(host);
        }
        config
            .port(pg.port)
            .dbname(&pg.dbname)
            .application_name("petstore")
            .connect_timeout(CONNECT_TIMEOUT)
            .options(format!(
                "-c statement_timeout={}",
                OPERATION_TIMEOUT.as_millis()
            ))
            // verify-ca and verify-full are `require` to the protocol; rustls checks the
            // certificate (see `tls_config`).
            .ssl_mode(match pg.ssl_mode {
                SslMode::Disable => tokio_postgres::config::SslMode::Disable,
                _ => tokio_postgres::config::SslMode::Require,
            });
        let manager = Connections {
            config,
            tls: MakeRustlsConnect::new(tls_config(pg)?),
            credentials: Credentials::from_config(pg).await,
        };
        let pool = Pool::builder(manager)
            .max_size(pg.pool_max)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(OPERATION_TIMEOUT))
            // TCP, TLS and authentication: a few round trips each bounded by the connect timeout;
            // with a secret, a refused login may add a read of it and a second login, which the
            // call's own bound (OPERATION_TIMEOUT) still limits.
            .create_timeout(Some(if pg.password_secret.is_some() {
                OPERATION_TIMEOUT
            } else {
                CONNECT_TIMEOUT * 2
            }))
            .recycle_timeout(Some(CONNECT_TIMEOUT))
            .build()
            .map_err(|e| format!("cannot set up the PostgreSQL pool: {e}"))?;
        Ok(Store {
            pool,
            sql: Arc::new(Sql::new()),
            migrated: Arc::new(AtomicBool::new(false)),
        })
    }

    pub fn table(&self) -> &str {
        TABLE_NAME
    }

    /// Create the table if need be, then read none of its rows.
    pub async fn check_table(&self) -> Result<(), StoreError> {
        bounded(async {
            let client = self.client().await?;
            self.ensure_table(&client).await?;
            client
                .batch_execute(&self.sql.check)
                .await
                .map_err(|e| classify(&e))
        })
        .await
    }

    pub async fn get(&self, pet_id: &str) -> Result<Option<Pet>, StoreError> {
        bounded(async {
            let client = self.client().await?;
            self.ensure_table(&client).await?;
            let statement = client
                .prepare_cached(&self.sql.select)
                .await
                .map_err(|e| classify(&e))?;
            let row = client
                .query_opt(&statement, &[&pet_id])
                .await
                .map_err(|e| classify(&e))?;
            let Some(row) = row else {
                return Ok(None);
            };
            let text = |i: usize| -> Result<String, StoreError> {
                row.try_get::<_, String>(i)
                    .map_err(|e| StoreError::Failed(format!("the row for petId {pet_id:?}: {e}")))
            };
            Ok(Some(Pet {
                pet_id: pet_id.to_string(),
                name: text(0)?,
                created_at: text(1)?,
            }))
        })
        .await
    }

    /// Store a new pet; an id already taken is a conflict, and changes nothing.
    pub async fn create(&self, pet: &Pet) -> Result<(), StoreError> {
        bounded(async {
            let client = self.client().await?;
            self.ensure_table(&client).await?;
            let statement = client
                .prepare_cached(&self.sql.insert)
                .await
                .map_err(|e| classify(&e))?;
            let inserted = client
                .execute(&statement, &[&pet.pet_id, &pet.name, &pet.created_at])
                .await
                .map_err(|e| classify(&e))?;
            if inserted == 0 {
                Err(StoreError::Conflict)
            } else {
                Ok(())
            }
        })
        .await
    }

    async fn client(&self) -> Result<Client, StoreError> {
        self.pool.get().await.map_err(|e| match e {
            PoolError::Timeout(_) => StoreError::Unavailable(format!(
                "no PostgreSQL connection within {} ms (the pool holds {} at most)",
                OPERATION_TIMEOUT.as_millis(),
                self.pool.status().max_size
            )),
            PoolError::Backend(ConnectError::Postgres(e)) => classify(&e),
            // The secret could not be read (its error was logged as it happened): the same
            // every time until someone fixes it, like a wrong password.
            PoolError::Backend(ConnectError::NoCredentials(why)) => StoreError::Failed(why),
            other => StoreError::Failed(format!("the PostgreSQL pool failed: {other}")),
        })
    }

    /// Run the migration, once per process: every task runs it at start, and concurrent ones
    /// queue on the advisory lock, then find the table there.
    async fn ensure_table(&self, client: &Client) -> Result<(), StoreError> {
        if self.migrated.load(Ordering::SeqCst) {
            return Ok(());
        }
        client
            .batch_execute(&self.sql.migrate)
            .await
            .map_err(|e| classify(&e))?;
        if !self.migrated.swap(true, Ordering::SeqCst) {
            log::event("info", "table ready", &[("table", TABLE_NAME.into())]);
        }
        Ok(())
    }
}

/// A pooled connection.
type Client = deadpool::managed::Object<Connections>;

/// Opens the pool's connections, each with the credentials current when it is opened, and
/// tries a refused one once more when the secret holds other credentials. The pool drops a
/// connection the server closed when it comes back (deadpool-postgres's `Fast` recycling); one
/// that dies silently fails its next call with a 503, and is dropped then.
struct Connections {
    /// Everything but the user and password.
    config: tokio_postgres::Config,
    tls: MakeRustlsConnect,
    credentials: Arc<Credentials>,
}

/// Why a connection could not be opened.
enum ConnectError {
    Postgres(tokio_postgres::Error),
    /// There are no credentials to log in with: the secret could not be read at start, nor
    /// since.
    NoCredentials(String),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::Postgres(e) => f.write_str(&source_chain(e)),
            ConnectError::NoCredentials(why) => f.write_str(why),
        }
    }
}

impl Connections {
    async fn open(&self, current: &Current) -> Result<ClientWrapper, tokio_postgres::Error> {
        let mut config = self.config.clone();
        config.user(&current.login.user);
        if let Some(password) = &current.login.password {
            config.password(password);
        }
        let (client, connection) = config.connect(self.tls.clone()).await?;
        // The connection's own task; its end (the server closing it) shows as the client being
        // closed, which recycling checks, and as the error of the call that meets it.
        let task = tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(ClientWrapper::new(client, task))
    }
}

impl deadpool::managed::Manager for Connections {
    type Type = ClientWrapper;
    type Error = ConnectError;

    async fn create(&self) -> Result<ClientWrapper, ConnectError> {
        let current = match self.credentials.current() {
            Some(current) => current,
            None => self
                .credentials
                .reread(None, Reason::Missing)
                .await
                .ok_or_else(|| ConnectError::NoCredentials(self.credentials.missing()))?,
        };
        match self.open(&current).await {
            Err(e) if refused_login(&e) => {
                match self
                    .credentials
                    .reread(Some(current.generation), Reason::Refused)
                    .await
                {
                    // Once: credentials refused again are not re-read before the interval.
                    Some(newer) => self.open(&newer).await.map_err(ConnectError::Postgres),
                    None => Err(ConnectError::Postgres(e)),
                }
            }
            other => other.map_err(ConnectError::Postgres),
        }
    }

    async fn recycle(
        &self,
        client: &mut ClientWrapper,
        _: &Metrics,
    ) -> RecycleResult<ConnectError> {
        if client.is_closed() {
            return Err(RecycleError::message("the connection was closed"));
        }
        Ok(())
    }
}

/// The server refused the login: SQLSTATE class 28 (28P01 invalid_password, 28000
/// invalid_authorization_specification), or the connection closed before the login was done,
/// as a proxy in front of the server may do instead of answering.
fn refused_login(err: &tokio_postgres::Error) -> bool {
    match err.as_db_error() {
        Some(db) => db.code().code().starts_with("28"),
        None => err.is_closed(),
    }
}

/// The call, or a 503 once it has taken [`OPERATION_TIMEOUT`].
async fn bounded<T>(
    call: impl std::future::Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    tokio::time::timeout(OPERATION_TIMEOUT, call)
        .await
        .unwrap_or_else(|_| {
            Err(StoreError::Unavailable(format!(
                "PostgreSQL did not answer within {} ms",
                OPERATION_TIMEOUT.as_millis()
            )))
        })
}

/// SQLSTATEs that mean "PostgreSQL cannot serve this right now", besides whole classes 08
/// (connection exception) and 53 (insufficient resources, too_many_connections among them).
const RETRY_LATER: &[SqlState] = &[
    SqlState::ADMIN_SHUTDOWN,
    SqlState::CRASH_SHUTDOWN,
    SqlState::CANNOT_CONNECT_NOW,
    SqlState::IDLE_SESSION_TIMEOUT,
    // statement_timeout: the server was too slow.
    SqlState::QUERY_CANCELED,
    SqlState::T_R_SERIALIZATION_FAILURE,
    SqlState::T_R_DEADLOCK_DETECTED,
    // A connection that reached a reader: an Aurora failover whose DNS has not turned yet.
    SqlState::READ_ONLY_SQL_TRANSACTION,
];

fn classify(err: &tokio_postgres::Error) -> StoreError {
    if let Some(db) = err.as_db_error() {
        let code = db.code();
        if *code == SqlState::UNIQUE_VIOLATION {
            return StoreError::Conflict;
        }
        let text = format!(
            "PostgreSQL answered {} {}: {}",
            db.severity(),
            code.code(),
            db.message()
        );
        let class = &code.code()[..2];
        return if RETRY_LATER.contains(code) || class == "08" || class == "53" {
            StoreError::Unavailable(text)
        } else {
            // Wrong password, no such database, permission denied, a missing table: the same
            // every time.
            StoreError::Failed(text)
        };
    }
    let chain = source_chain(err);
    if err.is_closed() {
        return StoreError::Unavailable(format!("the PostgreSQL connection closed: {chain}"));
    }
    let mut tls = false;
    let mut network = false;
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(c) = cause {
        if c.is::<rustls::Error>() {
            tls = true;
        } else if let Some(io) = c.downcast_ref::<std::io::Error>() {
            // tokio-rustls hands rustls's verdicts on as I/O errors.
            if io
                .get_ref()
                .is_some_and(|inner| inner.is::<rustls::Error>())
            {
                tls = true;
            } else {
                network = true;
            }
        }
        cause = c.source();
    }
    if tls {
        // A certificate refused is a set-up fault that no retry fixes.
        StoreError::Failed(format!("TLS with PostgreSQL failed: {chain}"))
    } else if network || chain.starts_with("timeout waiting for server") {
        StoreError::Unavailable(format!("PostgreSQL is unreachable: {chain}"))
    } else {
        // The server declining TLS under PGSSLMODE=require, an authentication method the
        // client does not offer, a malformed answer.
        StoreError::Failed(format!("PostgreSQL: {chain}"))
    }
}

/// The TLS set-up for `PGSSLMODE`. As libpq, `require` with `PGSSLROOTCERT` set checks the CA
/// (it is `verify-ca`).
fn tls_config(pg: &PgConfig) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("cannot set up TLS: {e}"))?;
    let mode = match (pg.ssl_mode, &pg.ssl_root_cert) {
        (SslMode::Require, Some(_)) => SslMode::VerifyCa,
        (mode, _) => mode,
    };
    let config = match mode {
        // `disable` never uses it; `require` encrypts and trusts whatever answers.
        SslMode::Disable | SslMode::Require => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth(),
        SslMode::VerifyCa => {
            let verifier =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots(pg)?), provider)
                    .build()
                    .map_err(|e| format!("cannot set up TLS: {e}"))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyName(verifier)))
                .with_no_client_auth()
        }
        SslMode::VerifyFull => builder
            .with_root_certificates(roots(pg)?)
            .with_no_client_auth(),
    };
    Ok(config)
}

/// The CAs to trust: the PEM file `PGSSLROOTCERT` names, or with it unset (or `system`, as
/// libpq 16 spells it) the system's bundle, which in the image is the one it ships.
fn roots(pg: &PgConfig) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    match pg.ssl_root_cert.as_deref() {
        None | Some("system") => {
            let found = rustls_native_certs::load_native_certs();
            let (added, _) = roots.add_parsable_certificates(found.certs);
            if added == 0 {
                return Err(format!(
                    "PGSSLMODE={} needs CA certificates, and the system has none: set PGSSLROOTCERT to a PEM bundle",
                    pg.ssl_mode.name()
                ));
            }
        }
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(|e| format!("PGSSLROOTCERT {path:?} cannot be read: {e}"))?;
            if certs.is_empty() {
                return Err(format!("PGSSLROOTCERT {path:?} holds no PEM certificate"));
            }
            for cert in certs {
                roots
                    .add(cert)
                    .map_err(|e| format!("PGSSLROOTCERT {path:?}: {e}"))?;
            }
        }
    }
    Ok(roots)
}

/// `require`: the connection is encrypted, the certificate is not checked (as libpq). The
/// handshake's signatures still are, so the session is with the holder of that certificate.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must lead to a trusted CA; the name in the certificate may be any.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            // webpki checks the name only once the chain has passed.
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_column_is_the_contracts_quoted() {
        let sql = Sql::new();
        assert!(sql.insert.contains("(\"petId\", name"), "{}", sql.insert);
        assert!(
            sql.select.ends_with("WHERE \"petId\" = $1"),
            "{}",
            sql.select
        );
        assert!(sql.migrate.contains("\"petId\" text PRIMARY KEY"));
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}
