//! JSON text for every record Skydraft writes or reads: one encoder and one
//! decoder per record type, both through a [`serde_json::Value`]. A leaf
//! module: documents, links, the library and the clipboard all use it, and it
//! uses none of them.

/// `value` as compact JSON text, written through a [`serde_json::Value`]
/// (one JSON encoder per record type on the page; see [`from_json`]).
/// Values JSON cannot hold (e.g. map keys that are not strings) give "".
#[must_use]
pub fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_string(&v))
        .unwrap_or_default()
}

/// `value` as indented JSON text, readable by people (see [`to_json`]).
#[must_use]
pub fn to_json_pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}

/// Reads JSON text into `T` through a [`serde_json::Value`]. Every document
/// Skydraft reads takes this one path, so the page carries one JSON decoder
/// per record type instead of one per source (text, bytes, value): a
/// smaller page for a copy of the parsed tree.
///
/// # Errors
/// When the text is not JSON or not a `T`.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_slice::<serde_json::Value>(text).and_then(serde_json::from_value)
}
