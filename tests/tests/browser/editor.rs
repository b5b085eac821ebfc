//! The editor: the template on first open, the palette, placing and connecting.

use std::collections::BTreeSet;

use skydraft_core::catalog;
use skydraft_tests::{Poll, run, ui, wait};

use crate::app::{self, Comp};

/// The template's chain of kinds: users → ALB → Auto Scaling group → RDS.
const TEMPLATE_CHAIN: [&str; 4] = ["users", "alb", "asg", "rds"];

fn kind_of<'a>(comps: &'a [Comp], id: &str) -> Option<&'a str> {
    comps.iter().find(|c| c.id == id).map(|c| c.kind.as_str())
}

#[tokio::test]
async fn page_opens_on_the_template() {
    run("page_opens_on_the_template", |page| async move {
        let comps = app::open_app(&page, "/").await?;
        for kind in TEMPLATE_CHAIN {
            assert!(
                comps.iter().any(|c| c.kind == kind),
                "the template shows no `{kind}` component: {comps:?}"
            );
        }
        let links = app::links(&page).await?;
        let pairs: BTreeSet<(&str, &str)> = links
            .iter()
            .filter_map(|l| Some((kind_of(&comps, &l.from)?, kind_of(&comps, &l.to)?)))
            .collect();
        for pair in TEMPLATE_CHAIN.windows(2) {
            assert!(
                pairs.contains(&(pair[0], pair[1])),
                "no link {} → {} in the template; links by kind: {pairs:?}",
                pair[0],
                pair[1]
            );
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn palette_lists_the_catalog_kinds() {
    run("palette_lists_the_catalog_kinds", |page| async move {
        app::open_app(&page, "/").await?;
        let expected: BTreeSet<&str> = catalog::kinds().iter().map(|k| k.id).collect();
        let shown = wait::wait_until(
            "the palette to list every kind in skydraft_core::catalog::kinds() \
             (if only new kinds are missing, the page was built from an older core: \
             run `trunk build --release`)",
            wait::DEFAULT_TIMEOUT,
            async || {
                let mut shown = BTreeSet::new();
                for item in page.find_all(&ui::palette_items()).await? {
                    if let Some(kind) = item.attr("data-kind").await? {
                        shown.insert(kind);
                    }
                }
                let missing: Vec<_> = expected.iter().filter(|k| !shown.contains(**k)).collect();
                Ok(if missing.is_empty() {
                    Poll::Ready(shown)
                } else {
                    Poll::Pending(format!("missing {missing:?}"))
                })
            },
        )
        .await?;
        let unknown: Vec<_> = shown
            .iter()
            .filter(|k| catalog::kind(k).is_none())
            .collect();
        assert!(
            unknown.is_empty(),
            "palette shows kinds core does not know: {unknown:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn template_handles_can_be_grabbed() {
    run("template_handles_can_be_grabbed", |page| async move {
        let comps = app::open_app(&page, "/").await?;
        let mut covered = Vec::new();
        for c in &comps {
            if !app::handle_reachable(&page, &c.id).await? {
                covered.push(format!("{} ({})", c.id, c.kind));
            }
        }
        assert!(
            covered.is_empty(),
            "connect handles hidden under other elements (overlapping components?): {covered:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn dragging_a_palette_item_places_it_at_the_drop_point() {
    run(
        "dragging_a_palette_item_places_it_at_the_drop_point",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
            let (added, drop) = app::place_by_drag(&page, kind).await?;
            let (x, y) = app::component_center(&page, &added.id).await?;
            // Snapping to the grid and the connect handle move the centre a little.
            let (dx, dy) = (x - drop.0 as f64, y - drop.1 as f64);
            assert!(
                dx.abs() <= 30.0 && dy.abs() <= 30.0,
                "dropped at {drop:?}, component centred at ({x:.0}, {y:.0})"
            );
            Ok(())
        },
    )
    .await;
}

/// Places a `from` and a `to` component, then drags from the first one's
/// handle onto the second. Returns both.
async fn place_and_connect(
    page: &skydraft_tests::Page,
    from: &str,
    to: &str,
) -> Result<(Comp, Comp), app::Error> {
    let (a, _) = app::place_by_drag(page, from).await?;
    let (b, _) = app::place_by_drag(page, to).await?;
    assert!(
        app::handle_reachable(page, &a.id).await?,
        "the handle of the new {from} is covered"
    );
    let handle = page.find(&ui::handle_for(&a.id)).await?;
    let target = page.find(&ui::component(&b.id)).await?;
    page.drag_to(&handle, &target, 0, 0).await?;
    Ok((a, b))
}

#[tokio::test]
async fn dragging_from_a_handle_connects_two_components() {
    run(
        "dragging_from_a_handle_connects_two_components",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (from, to) = app::legal_pair().ok_or("core connects no two kinds")?;
            let links_before = app::links(&page).await?.len();
            let (a, b) = place_and_connect(&page, from, to).await?;
            let made = page
                .wait_for_count(&ui::link(&a.id, &b.id), "the new link", |n| n == 1)
                .await?;
            assert!(
                made[0]
                    .attr("data-link-id")
                    .await?
                    .is_some_and(|id| !id.is_empty())
            );
            assert_eq!(app::links(&page).await?.len(), links_before + 1);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn an_illegal_connection_is_refused_with_a_reason() {
    run(
        "an_illegal_connection_is_refused_with_a_reason",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (from, to) = app::illegal_pair().ok_or("core refuses no pair of kinds")?;
            let links_before = app::links(&page).await?;
            let (a, b) = place_and_connect(&page, from, to).await?;
            let reason = app::wait_toast(&page).await?;
            assert!(reason.len() > 10, "the refusal gives no reason: {reason:?}");
            assert!(
                page.find_all(&ui::link(&a.id, &b.id)).await?.is_empty(),
                "{from} → {to} was connected although core refuses it"
            );
            assert_eq!(app::links(&page).await?, links_before);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_delete_key_removes_the_selected_component() {
    run(
        "the_delete_key_removes_the_selected_component",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
            let (added, _) = app::place_by_drag(&page, kind).await?;
            // Select it with a click on its card, then press Delete.
            let el = page.find(&ui::component(&added.id)).await?;
            page.click(&el).await?;
            page.press(skydraft_tests::Key::Delete).await?;
            page.wait_gone(&ui::component(&added.id)).await?;
            Ok(())
        },
    )
    .await;
}
