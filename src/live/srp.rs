//! Cognito's Secure Remote Password sign-in (USER_SRP_AUTH): the client proves it knows the
//! password without sending it. The arithmetic follows AWS's client libraries: the 3072-bit
//! group of RFC 5054 with g = 2, SHA-256 throughout, and an HKDF-derived key that signs the
//! server's secret block with a timestamp.

use base64::Engine;
use hmac::{KeyInit, Mac};
use num_bigint::BigUint;
use sha2::{Digest, Sha256};

/// The RFC 5054 3072-bit prime Cognito uses.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
);

/// Why an SRP answer could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum SrpError {
    #[error("{0:?} is not hex")]
    NotHex(String),
    #[error("no random numbers: {0}")]
    Random(getrandom::Error),
    #[error("the SRP secret is degenerate")]
    DegenerateSecret,
    #[error("Cognito's SRP_B is zero modulo N; refusing it")]
    ZeroB,
    #[error("the SRP scrambler is zero; sign in again")]
    ZeroScrambler,
    #[error("HKDF: {0}")]
    Hkdf(hkdf::InvalidLength),
    #[error("HMAC: {0}")]
    Hmac(hmac::digest::InvalidLength),
    #[error("Cognito's SECRET_BLOCK is not base64: {0}")]
    SecretBlock(#[source] base64::DecodeError),
}

fn n() -> BigUint {
    // The constant is valid hex, so this cannot fail.
    BigUint::parse_bytes(N_HEX.as_bytes(), 16).unwrap_or_default()
}

fn g() -> BigUint {
    BigUint::from(2u32)
}

/// Lowercase hex of a number, without leading zeros.
fn hex(n: &BigUint) -> String {
    n.to_str_radix(16)
}

/// AWS's padding: an even number of digits, and a leading `00` when the first digit would
/// read as a sign bit.
fn pad_hex(h: &str) -> String {
    if h.len() % 2 == 1 {
        format!("0{h}")
    } else if h.starts_with(|c: char| "89abcdefABCDEF".contains(c)) {
        format!("00{h}")
    } else {
        h.to_string()
    }
}

fn decode_hex(h: &str) -> Result<Vec<u8>, SrpError> {
    if h.len() % 2 == 1 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SrpError::NotHex(h.to_string()));
    }
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).map_err(|_| SrpError::NotHex(h.to_string())))
        .collect()
}

fn parse_hex(h: &str) -> Result<BigUint, SrpError> {
    BigUint::parse_bytes(h.as_bytes(), 16).ok_or_else(|| SrpError::NotHex(h.to_string()))
}

/// SHA-256 of the bytes a hex string spells, as a number.
fn hash_hex(h: &str) -> Result<BigUint, SrpError> {
    let bytes = decode_hex(h)?;
    Ok(BigUint::from_bytes_be(&Sha256::digest(&bytes)))
}

/// The client's half of one sign-in: the secret `a` and the public `A`.
pub struct Client {
    a: BigUint,
    big_a: BigUint,
}

/// What the PASSWORD_VERIFIER challenge gives, and what answering it needs.
pub struct Verifier<'a> {
    /// The part of the pool ID after `_`.
    pub pool_name: &'a str,
    /// USER_ID_FOR_SRP.
    pub user_id: &'a str,
    pub password: &'a str,
    /// SALT, as hex.
    pub salt: &'a str,
    /// SRP_B, as hex.
    pub srp_b: &'a str,
    /// SECRET_BLOCK, base64.
    pub secret_block: &'a str,
    /// TIMESTAMP, as [`timestamp`] writes it.
    pub timestamp: &'a str,
}

impl Client {
    /// A fresh secret from the operating system's random source.
    pub fn new() -> Result<Client, SrpError> {
        let mut bytes = [0u8; 128];
        getrandom::fill(&mut bytes).map_err(SrpError::Random)?;
        Client::with_secret(&BigUint::from_bytes_be(&bytes))
    }

    /// A client with a given secret `a` (tests compare it with other implementations).
    pub fn with_secret(a: &BigUint) -> Result<Client, SrpError> {
        let n = n();
        let a = a % &n;
        let big_a = g().modpow(&a, &n);
        if big_a == BigUint::default() {
            return Err(SrpError::DegenerateSecret);
        }
        Ok(Client { a, big_a })
    }

    /// SRP_A, as hex.
    pub fn public_hex(&self) -> String {
        hex(&self.big_a)
    }

    /// The 16-byte key both sides derive, from the user's ID, password and the server's salt
    /// and B.
    pub fn password_key(&self, v: &Verifier) -> Result<[u8; 16], SrpError> {
        let n = n();
        let big_b = parse_hex(v.srp_b)?;
        if &big_b % &n == BigUint::default() {
            return Err(SrpError::ZeroB);
        }
        let k = hash_hex(&format!("00{N_HEX}0{}", hex(&g())))?;
        let u = hash_hex(&format!(
            "{}{}",
            pad_hex(&hex(&self.big_a)),
            pad_hex(&hex(&big_b))
        ))?;
        if u == BigUint::default() {
            return Err(SrpError::ZeroScrambler);
        }
        let user_hash = Sha256::digest(format!("{}{}:{}", v.pool_name, v.user_id, v.password));
        let user_hex: String = user_hash.iter().map(|b| format!("{b:02x}")).collect();
        let x = hash_hex(&format!("{}{user_hex}", pad_hex(v.salt)))?;
        let gx = g().modpow(&x, &n);
        let kgx = (k * gx) % &n;
        let base = ((&big_b % &n) + &n - kgx) % &n;
        let s = base.modpow(&(&self.a + u.clone() * x), &n);
        let ikm = decode_hex(&pad_hex(&hex(&s)))?;
        let salt = decode_hex(&pad_hex(&hex(&u)))?;
        let mut okm = [0u8; 16];
        hkdf::Hkdf::<Sha256>::new(Some(&salt), &ikm)
            .expand(b"Caldera Derived Key", &mut okm)
            .map_err(SrpError::Hkdf)?;
        Ok(okm)
    }

    /// PASSWORD_CLAIM_SIGNATURE: the derived key's HMAC of the pool, the user, the secret
    /// block and the timestamp, base64.
    pub fn signature(&self, v: &Verifier) -> Result<String, SrpError> {
        let key = self.password_key(v)?;
        let block = decode_block(v.secret_block)?;
        let mut mac = hmac::Hmac::<Sha256>::new_from_slice(&key).map_err(SrpError::Hmac)?;
        mac.update(v.pool_name.as_bytes());
        mac.update(v.user_id.as_bytes());
        mac.update(&block);
        mac.update(v.timestamp.as_bytes());
        Ok(base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// The secret block's bytes. AWS's clients decode it leniently, skipping characters outside
/// base64's alphabet, and sign what remains; so does this.
fn decode_block(block: &str) -> Result<Vec<u8>, SrpError> {
    let kept: String = block
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
        .collect();
    let lenient = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    lenient.decode(kept).map_err(SrpError::SecretBlock)
}

/// Cognito's TIMESTAMP for `secs` since the epoch: `Thu Dec 3 22:40:00 UTC 2026`, the day of
/// the month not zero-padded.
pub fn timestamp(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = (secs / 86_400) as i64;
    let (y, m, d) = crate::calendar::civil_from_days(days);
    let rest = secs % 86_400;
    format!(
        "{} {} {d} {:02}:{:02}:{:02} UTC {y}",
        DAYS[(days % 7) as usize],
        MONTHS[(m - 1) as usize],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_cognito_writes_them() {
        assert_eq!(timestamp(0), "Thu Jan 1 00:00:00 UTC 1970");
        assert_eq!(timestamp(1_796_337_600), "Thu Dec 3 22:40:00 UTC 2026");
    }

    #[test]
    fn padding_keeps_numbers_positive_and_whole_bytes() {
        assert_eq!(pad_hex("abc"), "0abc");
        assert_eq!(pad_hex("8a"), "008a");
        assert_eq!(pad_hex("7a"), "7a");
    }

    #[test]
    fn a_is_g_to_the_secret() {
        let c = Client::with_secret(&BigUint::from(1u32)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.public_hex(), "2");
    }
}
