//! Help and diagnostic texts with their citations shown as links: a key such
//! as `[AS-TT]` becomes the cited page's title, linked to the page and opened
//! in a new tab. Every piece is a text node, never markup.

use leptos::prelude::*;
use skydraft_core::catalog::sources::{Cited, cite};

/// `text` with each group of cited sources as "(title; title)" links.
pub fn cited(text: &str) -> impl IntoView + use<> {
    cite(text)
        .into_iter()
        .map(|piece| match piece {
            Cited::Text(t) => t.to_owned().into_any(),
            Cited::Sources(sources) => {
                let links = sources
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| {
                        view! {
                            {(i > 0).then_some("; ")}
                            <a class="source" href=s.url target="_blank" rel="noopener noreferrer"
                                title=format!("Source: {} (opens in a new tab)", s.title)>{s.title}</a>
                        }
                    })
                    .collect_view();
                view! { <span class="sources">" ("{links}")"</span> }.into_any()
            }
        })
        .collect_view()
}

/// The words a reader sees of `text`, as [`cited`] shows it.
#[must_use]
pub fn shown(text: &str) -> String {
    cite(text)
        .into_iter()
        .map(|piece| match piece {
            Cited::Text(t) => t.to_owned(),
            Cited::Sources(sources) => {
                let titles: Vec<_> = sources.iter().map(|s| s.title).collect();
                format!(" ({})", titles.join("; "))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use skydraft_core::catalog;

    /// Whether `text` holds something written like a citation key (`[AS-TT]`).
    fn bare_key(text: &str) -> Option<&str> {
        text.match_indices('[').find_map(|(i, _)| {
            let rest = &text[i + 1..];
            let key = &rest[..rest.find(']')?];
            let looks = key.contains('-')
                && key.split('-').all(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                });
            looks.then_some(key)
        })
    }

    #[test]
    fn no_help_the_inspector_shows_holds_a_bare_key() {
        let mut texts: Vec<&str> = Vec::new();
        for k in catalog::kinds() {
            texts.push(k.summary);
            texts.extend(k.params.iter().map(|p| p.help));
        }
        texts.extend(catalog::LINK_PARAMS.iter().map(|p| p.spec.help));
        let mut cited_texts = 0;
        for text in texts {
            let seen = shown(text);
            assert_eq!(bare_key(&seen), None, "{seen}");
            if seen != text {
                cited_texts += 1;
            }
        }
        assert!(cited_texts > 100, "only {cited_texts} texts cite a source");
    }

    #[test]
    fn a_citation_reads_as_its_title() {
        assert_eq!(
            shown("Never fewer instances than this [AS-TT]."),
            "Never fewer instances than this (EC2 Auto Scaling: target tracking scaling policies)."
        );
    }
}
