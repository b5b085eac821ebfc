//! Setting parameters and renaming.

use super::{Tx, check_len};
use crate::catalog::{self, ParamSpec};
use crate::design::{self, Annotation, Component, Group, Link, ParamValue};
use crate::edit::change::{Diff, Op};
use crate::edit::{EditError, Named, ParamOwner};

impl Tx<'_> {
    fn link_spec(&self, index: usize, param: &str) -> Option<&'static ParamSpec> {
        let l = &self.design.links[index];
        let from = self.design.component(l.from)?;
        let to = self.design.component(l.to)?;
        let meaning = catalog::check_link(&from.kind, &to.kind).ok()?;
        catalog::link_params_for(meaning).find(|p| p.id == param)
    }

    pub(super) fn set_param(
        &mut self,
        owner: ParamOwner,
        param: &str,
        value: Option<&ParamValue>,
    ) -> Result<(), EditError> {
        let unknown = || EditError::UnknownParam {
            owner: match owner {
                ParamOwner::Component(id) => id.to_string(),
                ParamOwner::Link(id) => id.to_string(),
            },
            param: param.chars().take(40).collect(),
        };
        let (spec, current) = match owner {
            ParamOwner::Component(id) => {
                let index = self.component_index(id)?;
                let c = &self.design.components[index];
                let spec = c.spec().and_then(|k| k.param(param)).ok_or_else(unknown)?;
                (spec, &c.params)
            }
            ParamOwner::Link(id) => {
                let index = self.link_index(id)?;
                let spec = self.link_spec(index, param).ok_or_else(unknown)?;
                (spec, &self.design.links[index].params)
            }
        };
        let mut params = current.clone();
        match value {
            Some(v) => {
                spec.check(v)?;
                if spec.is_default(v) {
                    params.remove(param);
                } else {
                    params.insert(param.to_owned(), v.clone());
                }
            }
            None => {
                params.remove(param);
            }
        }
        if params == *current {
            return Ok(());
        }
        match owner {
            ParamOwner::Component(id) => {
                let index = self.component_index(id)?;
                let before = self.design.components[index].clone();
                let after = Component {
                    params,
                    ..before.clone()
                };
                self.push(Op::Component(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
            ParamOwner::Link(id) => {
                let index = self.link_index(id)?;
                let before = self.design.links[index].clone();
                let after = Link {
                    params,
                    ..before.clone()
                };
                self.push(Op::Link(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
        }
        Ok(())
    }

    pub(super) fn rename(&mut self, target: Named, text: &str) -> Result<(), EditError> {
        match target {
            Named::Design => {
                check_len(text, design::MAX_LABEL)?;
                if self.design.name != text {
                    self.push(Op::Name {
                        before: self.design.name.clone(),
                        after: text.to_owned(),
                    });
                }
            }
            Named::Component(id) => {
                check_len(text, design::MAX_LABEL)?;
                let index = self.component_index(id)?;
                let before = self.design.components[index].clone();
                if before.label != text {
                    let after = Component {
                        label: text.to_owned(),
                        ..before.clone()
                    };
                    self.push(Op::Component(Diff::Update {
                        index,
                        before,
                        after,
                    }));
                }
            }
            Named::Group(id) => {
                check_len(text, design::MAX_LABEL)?;
                let index = self.group_index(id)?;
                let before = self.design.groups[index].clone();
                if before.label != text {
                    let after = Group {
                        label: text.to_owned(),
                        ..before.clone()
                    };
                    self.push(Op::Group(Diff::Update {
                        index,
                        before,
                        after,
                    }));
                }
            }
            Named::Annotation(id) => {
                check_len(text, design::MAX_NOTE)?;
                let index = self.note_index(id)?;
                let before = self.design.annotations[index].clone();
                if before.text != text {
                    let after = Annotation {
                        text: text.to_owned(),
                        ..before.clone()
                    };
                    self.push(Op::Annotation(Diff::Update {
                        index,
                        before,
                        after,
                    }));
                }
            }
        }
        Ok(())
    }
}
