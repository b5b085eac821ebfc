//! Parameter values stored in the document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog;

/// A parameter's value. Serialized without a tag: a number, a boolean or a string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A choice id or free text.
    Text(String),
}

impl ParamValue {
    /// The number, if this is one.
    #[must_use]
    pub fn as_number(&self) -> Option<f64> {
        match self {
            ParamValue::Number(v) => Some(*v),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            ParamValue::Bool(v) => Some(*v),
            _ => None,
        }
    }

    /// The text, if this is one.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            ParamValue::Text(v) => Some(v),
            _ => None,
        }
    }
}

impl From<catalog::DefaultValue> for ParamValue {
    fn from(d: catalog::DefaultValue) -> Self {
        match d {
            catalog::DefaultValue::Number(v) => ParamValue::Number(v),
            catalog::DefaultValue::Bool(v) => ParamValue::Bool(v),
            catalog::DefaultValue::Text(v) => ParamValue::Text(v.to_owned()),
        }
    }
}

/// Parameter values by parameter id, in a stable order.
pub type Params = BTreeMap<String, ParamValue>;

impl From<f64> for ParamValue {
    fn from(v: f64) -> Self {
        ParamValue::Number(v)
    }
}

impl From<bool> for ParamValue {
    fn from(v: bool) -> Self {
        ParamValue::Bool(v)
    }
}

impl From<&str> for ParamValue {
    fn from(v: &str) -> Self {
        ParamValue::Text(v.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(v: String) -> Self {
        ParamValue::Text(v)
    }
}

impl std::fmt::Display for ParamValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamValue::Bool(v) => write!(f, "{}", if *v { "on" } else { "off" }),
            ParamValue::Number(v) => write!(f, "{v}"),
            ParamValue::Text(v) => f.write_str(v),
        }
    }
}
