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

/// Is this `Content-Type` JSON in UTF-8 (`application/json` or `application/*+json`, with
/// no charset or `charset=utf-8`)?
pub fn is_json_content_type(value: &str) -> bool {
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let json = essence == "application/json"
        || essence
            .strip_prefix("application/")
            .is_some_and(|sub| sub.ends_with("+json"));
    let utf8 = parts.all(|param| match param.split_once('=') {
        Some((k, v)) if k.trim().eq_ignore_ascii_case("charset") => {
            v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        }
        _ => true,
    });
    json && utf8
}

/// Characters a name may not hold: controls, line and paragraph separators, and the
/// bidirectional overrides and isolates that make text display as something else.
fn is_forbidden_in_name(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: whitespace and zero-width marks.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        )
}

/// The body's fields, for duplicate and unknown-field detection; its value checks follow.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NewPetFields {
    #[allow(dead_code)]
    name: Option<serde_json::Value>,
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
    // A repeated key would silently override an earlier one.
    if let Err(e) = serde_json::from_slice::<NewPetFields>(body) {
        if e.to_string().contains("duplicate field") {
            return Err("\"name\" is given more than once".into());
        }
    }
    let name = match fields.get("name") {
        None => return Err("\"name\" is required".into()),
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Err("\"name\" must be a string".into()),
    };
    if name.chars().all(is_invisible) {
        return Err("\"name\" must not be empty".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "\"name\" must be at most {MAX_NAME_CHARS} characters long"
        ));
    }
    if name.chars().any(is_forbidden_in_name) {
        return Err(
            "\"name\" must not contain control, separator or text-direction characters".into(),
        );
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
        assert!(is_json_content_type("application/json; charset=UTF-8"));
        assert!(!is_json_content_type("application/json; charset=utf-16"));
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
            br#"{"name":"a","name":"b"}"#,
            br#"{"name":1,"name":"b"}"#,
            "{\"name\":\"\u{200B}\u{200B}\"}".as_bytes(),
            "{\"name\":\"\u{202E}gnp.exe\"}".as_bytes(),
            "{\"name\":\"a\u{2028}b\"}".as_bytes(),
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
