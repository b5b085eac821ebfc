//! Checking and repairing parameter values against their specs.

use std::fmt;

use super::{ParamSpec, ParamType};
use crate::design::ParamValue;

/// Why a value does not fit a parameter.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ValueError {
    /// The value has the wrong type (text where a number is expected...).
    WrongType {
        /// Parameter label.
        param: &'static str,
        /// What the parameter expects ("a number", "on or off").
        expected: &'static str,
    },
    /// A number outside the parameter's bounds.
    OutOfRange {
        /// Parameter label.
        param: &'static str,
        /// The rejected value.
        value: f64,
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// A choice that is not one of the options.
    UnknownOption {
        /// Parameter label.
        param: &'static str,
        /// The rejected option.
        value: String,
        /// The accepted options.
        options: &'static [&'static str],
    },
    /// A text longer than allowed.
    TooLong {
        /// Parameter label.
        param: &'static str,
        /// Longest accepted length in characters.
        max_len: usize,
    },
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::WrongType { param, expected } => {
                write!(f, "{param} expects {expected}")
            }
            ValueError::OutOfRange {
                param,
                value,
                min,
                max,
            } => write!(f, "{param} must be between {min} and {max}, not {value}"),
            ValueError::UnknownOption {
                param,
                value,
                options,
            } => write!(
                f,
                "{param} must be one of {}, not \"{value}\"",
                options.join(", ")
            ),
            ValueError::TooLong { param, max_len } => {
                write!(f, "{param} is limited to {max_len} characters")
            }
        }
    }
}

impl std::error::Error for ValueError {}

impl ParamSpec {
    /// Whether `value` is acceptable for this parameter.
    ///
    /// # Errors
    /// A [`ValueError`] saying what is wrong, in words the inspector can show.
    pub fn check(&self, value: &ParamValue) -> Result<(), ValueError> {
        match (self.ty, value) {
            (ParamType::Number { min, max, .. }, ParamValue::Number(v)) => {
                if v.is_finite() && (min..=max).contains(v) {
                    Ok(())
                } else {
                    Err(ValueError::OutOfRange {
                        param: self.label,
                        value: *v,
                        min,
                        max,
                    })
                }
            }
            (ParamType::Bool, ParamValue::Bool(_)) => Ok(()),
            (ParamType::Choice(options), ParamValue::Text(v)) => {
                if options.contains(&v.as_str()) {
                    Ok(())
                } else {
                    Err(ValueError::UnknownOption {
                        param: self.label,
                        value: v.clone(),
                        options,
                    })
                }
            }
            (ParamType::Text { max_len }, ParamValue::Text(v)) => {
                if v.chars().count() <= max_len {
                    Ok(())
                } else {
                    Err(ValueError::TooLong {
                        param: self.label,
                        max_len,
                    })
                }
            }
            (ty, _) => Err(ValueError::WrongType {
                param: self.label,
                expected: match ty {
                    ParamType::Number { .. } => "a number",
                    ParamType::Bool => "on or off",
                    ParamType::Choice(_) => "one of its options",
                    ParamType::Text { .. } => "text",
                },
            }),
        }
    }

    /// The nearest acceptable value: numbers clamped into bounds, texts
    /// shortened. `None` when nothing sensible is near (wrong type, unknown
    /// option, not a finite number).
    #[must_use]
    pub fn repair(&self, value: &ParamValue) -> Option<ParamValue> {
        match (self.ty, value) {
            (ParamType::Number { min, max, .. }, ParamValue::Number(v)) if v.is_finite() => {
                Some(ParamValue::Number(v.clamp(min, max)))
            }
            (ParamType::Text { max_len }, ParamValue::Text(v)) => {
                Some(ParamValue::Text(v.chars().take(max_len).collect()))
            }
            _ => self.check(value).ok().map(|()| value.clone()),
        }
    }

    /// Whether the default is Skydraft's assumption rather than a documented
    /// AWS fact; the inspector marks such values.
    #[must_use]
    pub fn is_assumption(&self) -> bool {
        self.help.contains("Assumption") || self.help.contains("assumption")
    }

    /// The source keys the help text cites (`"ALB-HC"` for `[ALB-HC]`).
    #[must_use]
    pub fn sources(&self) -> Vec<&'static str> {
        let help = self.help;
        help.match_indices('[')
            .filter_map(|(i, _)| {
                let rest = &help[i + 1..];
                let end = rest.find(']')?;
                let key = &rest[..end];
                let is_key = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
                is_key.then_some(key)
            })
            .collect()
    }

    /// Whether `value` equals this parameter's default (and need not be stored).
    #[must_use]
    pub fn is_default(&self, value: &ParamValue) -> bool {
        ParamValue::from(self.default) == *value
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog;
    use crate::design::ParamValue;

    #[test]
    fn numbers_are_checked_and_clamped() {
        let p = catalog::kind("alb")
            .and_then(|k| k.param("hc_interval_s"))
            .unwrap();
        assert!(p.check(&ParamValue::Number(30.0)).is_ok());
        let err = p.check(&ParamValue::Number(1.0)).unwrap_err();
        assert!(err.to_string().contains("between 5 and 300"), "{err}");
        assert_eq!(
            p.repair(&ParamValue::Number(1.0)),
            Some(ParamValue::Number(5.0))
        );
        assert_eq!(p.repair(&ParamValue::Number(f64::NAN)), None);
        assert!(p.check(&ParamValue::Bool(true)).is_err());
    }

    #[test]
    fn help_texts_name_their_sources_or_assumptions() {
        let p = catalog::kind("alb")
            .and_then(|k| k.param("hc_interval_s"))
            .unwrap();
        assert_eq!(p.sources(), vec!["ALB-HC"]);
        assert!(!p.is_assumption());
        let w = catalog::kind("ec2")
            .and_then(|k| k.param("workers"))
            .unwrap();
        assert!(w.is_assumption());
        let cited = catalog::kinds()
            .iter()
            .flat_map(|k| k.params)
            .filter(|p| !p.sources().is_empty() || p.is_assumption())
            .count();
        let all = catalog::kinds()
            .iter()
            .map(|k| k.params.len())
            .sum::<usize>();
        assert!(
            cited * 10 >= all * 7,
            "{cited} of {all} parameters cite a source or an assumption"
        );
    }

    #[test]
    fn choices_must_be_options() {
        let p = catalog::kind("alb")
            .and_then(|k| k.param("algorithm"))
            .unwrap();
        assert!(p.check(&"least_outstanding".into()).is_ok());
        assert!(p.check(&"random".into()).is_err());
        assert_eq!(p.repair(&"random".into()), None);
        assert!(p.is_default(&"round_robin".into()));
    }
}
