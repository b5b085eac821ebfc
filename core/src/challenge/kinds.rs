//! Kinds in a challenge record, written as their catalog ids.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalog::Kind;

/// Writes kinds as their ids.
pub(super) fn serialize<S: Serializer>(kinds: &[Kind], s: S) -> Result<S::Ok, S::Error> {
    kinds
        .iter()
        .map(|k| k.id())
        .collect::<Vec<_>>()
        .serialize(s)
}

/// Reads kind ids; an id the catalog does not know is an error.
pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Kind>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|id| id.parse::<Kind>().map_err(D::Error::custom))
        .collect()
}
