//! The table's key schema, from the file petgen renders the table from
//! (`contracts/pets-table.json`), so the service and the stack cannot disagree on it.

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
pub struct TableContract {
    /// The partition key attribute: `petId`.
    pub hash_key: String,
    /// Its DynamoDB type: `S`.
    pub hash_key_type: String,
}

static SOURCE: &str = include_str!("../../contracts/pets-table.json");

/// Parsed once. The file is compiled in, not user input: a broken file is a build defect,
/// which the test below catches before it ships.
pub static TABLE: LazyLock<TableContract> =
    LazyLock::new(|| serde_json::from_str(SOURCE).expect("contracts/pets-table.json is valid"));

#[cfg(test)]
mod tests {
    #[test]
    fn the_contract_parses_and_keys_by_a_string() {
        let parsed: super::TableContract = serde_json::from_str(super::SOURCE).unwrap();
        assert_eq!(parsed.hash_key, "petId");
        assert_eq!(parsed.hash_key_type, "S");
    }
}
