//! What a pet is, and what the API accepts as one.

use serde::Serialize;

/// Longest `name` accepted, in characters (Unicode scalar values).
pub const MAX_NAME_CHARS: usize = 100;
/// Longest `petId` accepted, in characters.
pub const MAX_PET_ID_CHARS: usize = 64;

/// A stored pet, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pet {
    #[serde(rename = "petId")]
    pub pet_id: String,
    pub name: String,
    /// When the pet was stored, RFC 3339 UTC.
    #[serde(rename = "createdAt")]
    pub created_at: String,
}

/// A `petId` is 1-64 characters of `[A-Za-z0-9_-]`.
pub fn check_pet_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.chars().count() > MAX_PET_ID_CHARS {
        return Err(format!(
            "petId must be 1-{MAX_PET_ID_CHARS} characters long"
        ));
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err("petId may contain only letters, digits, '_' and '-'".into());
    }
    Ok(())
}

/// Is this `Content-Type` JSON (`application/json`, or `application/*+json`, any parameters)?
pub fn is_json_content_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence
            .strip_prefix("application/")
            .is_some_and(|sub| sub.ends_with("+json"))
}

/// The body of `POST /petstore/pets/{petId}`: exactly `{"name": "<1-100 characters>"}`.
/// Returns the name, or what is wrong with the body.
pub fn parse_new_pet(body: &[u8]) -> Result<String, String> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    let serde_json::Value::Object(fields) = value else {
        return Err("the body must be a JSON object such as {\"name\": \"Spot\"}".into());
    };
    let unknown: Vec<&str> = fields
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "name")
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "unknown field(s) {}: only \"name\" is accepted",
            unknown
                .iter()
                .map(|k| format!("{k:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let name = match fields.get("name") {
        None => return Err("\"name\" is required".into()),
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Err("\"name\" must be a string".into()),
    };
    if name.trim().is_empty() {
        return Err("\"name\" must not be empty".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "\"name\" must be at most {MAX_NAME_CHARS} characters long"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("\"name\" must not contain control characters".into());
    }
    Ok(name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pet_ids() {
        assert!(check_pet_id("1").is_ok());
        assert!(check_pet_id("spot_the-dog-42").is_ok());
        assert!(check_pet_id(&"a".repeat(64)).is_ok());
        assert!(check_pet_id(&"a".repeat(65)).is_err());
        assert!(check_pet_id("").is_err());
        assert!(check_pet_id("a b").is_err());
        assert!(check_pet_id("ä").is_err());
        assert!(check_pet_id("a/b").is_err());
    }

    #[test]
    fn content_types() {
        assert!(is_json_content_type("application/json"));
        assert!(is_json_content_type("Application/JSON; charset=utf-8"));
        assert!(is_json_content_type("application/merge-patch+json"));
        assert!(!is_json_content_type("text/plain"));
        assert!(!is_json_content_type("application/jsonx"));
        assert!(!is_json_content_type(""));
    }

    #[test]
    fn bodies() {
        assert_eq!(parse_new_pet(br#"{"name":"Spot"}"#), Ok("Spot".into()));
        assert_eq!(
            parse_new_pet("{\"name\":\"Rex \u{1F436}\"}".as_bytes()),
            Ok("Rex \u{1F436}".into())
        );
        for bad in [
            &b"{"[..],
            b"[]",
            b"\"Spot\"",
            b"{}",
            br#"{"name":""}"#,
            br#"{"name":"   "}"#,
            br#"{"name":7}"#,
            br#"{"name":null}"#,
            br#"{"name":"Spot","age":3}"#,
            br#"{"name":"a\nb"}"#,
        ] {
            assert!(
                parse_new_pet(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let long = format!("{{\"name\":\"{}\"}}", "x".repeat(MAX_NAME_CHARS + 1));
        assert!(parse_new_pet(long.as_bytes()).is_err());
        let limit = format!("{{\"name\":\"{}\"}}", "é".repeat(MAX_NAME_CHARS));
        assert!(parse_new_pet(limit.as_bytes()).is_ok());
    }
}
