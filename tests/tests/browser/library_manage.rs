//! The local library, managed: a full storage, imports, the old autosave,
//! view-only links and the "My designs" list.

use skydraft_core::library::{self, Origin};
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::{Page, run, ui};

use crate::app::{self, Error};
use crate::library::{close_list, draw, listed, load, other_template_link, wait_message};

/// Makes local storage refuse writes that would take it past its present
/// size plus `slack` bytes, the way a full quota does.
async fn fill_storage(page: &Page, slack: usize) -> Result<(), Error> {
    page.eval::<bool>(&format!(
        "const size = () => Object.keys(localStorage).reduce((n, k) => n + 2 * (k.length + localStorage.getItem(k).length), 0);
         const limit = size() + {slack};
         const set = Storage.prototype.setItem;
         window.__skydraftRealSetItem = set;
         Storage.prototype.setItem = function (k, v) {{
           if (this === localStorage) {{
             const old = localStorage.getItem(k);
             const after = size() - (old === null ? 0 : 2 * (k.length + old.length)) + 2 * (k.length + String(v).length);
             if (after > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
           }}
           return set.call(this, k, v);
         }};
         return true;"
    ))
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_full_storage_says_so_keeps_everything_and_saves_once_there_is_room() {
    run(
        "a_full_storage_says_so_keeps_everything_and_saves_once_there_is_room",
        |page| async move {
            // An unedited link copy (removable) and the user's own drawing.
            let (link, _) = other_template_link()?;
            app::open_app(&page, &link).await?;
            load(&page, "/").await?;
            let t = template::get(template::DEFAULT_ID).ok_or("no default template")?;
            let mut edited = t.design.clone();
            edited.name = "My drawing".to_owned();
            let own = format!("{}{}", ui::HASH_PREFIX, share::encode(&edited, &t.scenario));
            load(&page, &own).await?;
            let before = draw(&page).await?;
            let stored_before = app::library_entries(&page).await?;

            fill_storage(&page, 0).await?;
            let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
            let (pending, _) = app::place_by_drag(&page, kind).await?;
            let message = wait_message(&page, "full").await?;
            assert!(message.contains("not saved"), "{message}");
            page.wait_for(&ui::testid(ui::UNSAVED)).await?;
            page.wait_for(&ui::component(&pending.id)).await?;
            assert_eq!(
                app::library_entries(&page).await?,
                stored_before,
                "something stored was changed or dropped"
            );
            assert!(
                app::saved_design(&page)
                    .await?
                    .components
                    .iter()
                    .any(|c| c.id.to_string() == before.id)
            );

            // My designs explains and offers the unedited link copy, never the drawing.
            listed(&page).await?;
            page.wait_for(&ui::testid("storage-full")).await?;
            page.click(&page.find(&ui::testid("free-space")).await?)
                .await?;
            app::wait_saved(&page, "the pending change saved after making room", |d| {
                d.components.iter().any(|c| c.id.to_string() == pending.id)
            })
            .await?;
            page.wait_gone(&ui::testid(ui::UNSAVED)).await?;
            let entries = app::library_entries(&page).await?;
            assert_eq!(entries.len(), stored_before.len() - 1, "{entries:?}");
            assert!(
                entries.iter().all(|e| !e.is_unedited_copy()),
                "the link copy is still there"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn an_import_opens_as_a_new_design_and_names_what_it_dropped() {
    run(
        "an_import_opens_as_a_new_design_and_names_what_it_dropped",
        |page| async move {
            app::open_app(&page, "/").await?;
            let added = draw(&page).await?;
            let mine = app::saved_design(&page).await?;
            let (_, theirs) = other_template_link()?;
            let mut json: serde_json::Value =
                serde_json::from_str(&share::export_json(&theirs, &Scenario::default()))?;
            let comps = json["design"]["components"]
                .as_array_mut()
                .ok_or("no components array")?;
            let mut odd = comps[0].clone();
            odd["id"] = 900.into();
            odd["kind"] = "quantum_router".into();
            comps.push(odd);
            let dir = tempfile::tempdir()?;
            let file = dir.path().join("odd.json");
            std::fs::write(&file, json.to_string())?;

            page.click(&page.find(&ui::testid(ui::EXPORT)).await?)
                .await?;
            page.wait_for(&ui::testid("import-json"))
                .await?
                .send_keys(file.display().to_string())
                .await?;
            let message = wait_message(&page, "quantum_router").await?;
            assert!(
                message.contains("c900") && message.contains("unknown kind"),
                "{message}"
            );
            app::wait_saved(&page, "the import as the open design", |d| *d == theirs).await?;
            let entries = app::library_entries(&page).await?;
            assert_eq!(entries.len(), 2, "{entries:?}");
            let mine_kept = entries
                .iter()
                .any(|e| share::decode(&e.code).is_ok_and(|(d, _)| d == mine));
            assert!(
                mine_kept,
                "the import wrote over the open design (which held {})",
                added.id
            );
            assert!(
                entries
                    .iter()
                    .any(|e| matches!(&e.origin, Origin::Import { file } if file == "odd.json"))
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_old_autosave_becomes_the_first_design_on_the_next_visit() {
    run("the_old_autosave_becomes_the_first_design_on_the_next_visit", |page| async move {
        app::open_app(&page, "/").await?;
        let (_, mut theirs) = other_template_link()?;
        theirs.name = "Homework from before".to_owned();
        let code = share::encode(&theirs, &Scenario::default());
        page.eval::<bool>(&format!(
            "localStorage.clear(); sessionStorage.clear(); localStorage.setItem('{}', '{code}'); return true;",
            library::LEGACY_AUTOSAVE_KEY
        ))
        .await?;
        let comps = load(&page, "/").await?;
        assert_eq!(comps.len(), theirs.components.len());
        assert_eq!(app::saved_design(&page).await?, theirs);
        let entries = app::library_entries(&page).await?;
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0].name, "Homework from before");
        let legacy: Option<String> = page
            .eval(&format!("return localStorage.getItem('{}')", library::LEGACY_AUTOSAVE_KEY))
            .await?;
        assert_eq!(legacy, None, "the old slot was not retired");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_view_only_link_is_not_stored_until_it_is_copied() {
    run(
        "a_view_only_link_is_not_stored_until_it_is_copied",
        |page| async move {
            let (link, theirs) = other_template_link()?;
            app::open_app(&page, &format!("{link}&view")).await?;
            page.wait_for(&ui::testid("view-only")).await?;
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            assert!(
                app::library_entries(&page).await?.is_empty(),
                "a view-only visit was stored"
            );
            page.click(&page.find(&ui::testid("edit-copy")).await?)
                .await?;
            app::wait_saved(&page, "the copy stored as the visitor's own", |d| {
                *d == theirs
            })
            .await?;
            let entries = app::library_entries(&page).await?;
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0].origin, Origin::Copy);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn my_designs_opens_renames_duplicates_searches_and_undoes_a_delete() {
    run(
        "my_designs_opens_renames_duplicates_searches_and_undoes_a_delete",
        |page| async move {
            app::open_app(&page, "/").await?;
            draw(&page).await?;
            let (link, theirs) = other_template_link()?;
            load(&page, &link).await?;
            let rows = listed(&page).await?;
            assert_eq!(rows.len(), 2, "{rows:?}");
            let starter = template::get(template::DEFAULT_ID)
                .ok_or("no default template")?
                .design
                .name;
            let first = &rows
                .iter()
                .find(|(_, name)| *name == starter)
                .ok_or("the drawn design is not listed")?
                .0;
            let row = |id: &str| format!("[data-entry=\"{id}\"]");

            // Rename the first row.
            page.click(
                &page
                    .find(&format!("{} {}", row(first), ui::testid("design-rename")))
                    .await?,
            )
            .await?;
            let input = page.wait_for(&ui::testid("rename-input")).await?;
            input.send_keys(thirtyfour::Key::Control + "a").await?;
            input.send_keys("Exam practice").await?;
            input.send_keys(thirtyfour::Key::Enter).await?;
            page.wait_for("[data-name=\"Exam practice\"]").await?;

            // Duplicate it; search finds both by name and nothing else.
            page.click(
                &page
                    .find(&format!(
                        "{} {}",
                        row(first),
                        ui::testid("design-duplicate")
                    ))
                    .await?,
            )
            .await?;
            page.wait_for("[data-name=\"Exam practice (copy)\"]")
                .await?;
            let search = page.find(&ui::testid("designs-search")).await?;
            search.send_keys("exam").await?;
            page.wait_for_count(&ui::testid(ui::DESIGN_ENTRY), "two rows named exam", |n| {
                n == 2
            })
            .await?;
            search.clear().await?;
            search.send_keys("zzz").await?;
            page.wait_for_count(&ui::testid(ui::DESIGN_ENTRY), "no rows", |n| n == 0)
                .await?;
            search.clear().await?;
            search.send_keys(" ").await?;
            page.wait_for_count(&ui::testid(ui::DESIGN_ENTRY), "all rows", |n| n == 3)
                .await?;

            // Delete the renamed one, then undo.
            page.click(
                &page
                    .find(&format!("{} {}", row(first), ui::testid("design-delete")))
                    .await?,
            )
            .await?;
            page.wait_for_count(&ui::testid(ui::DESIGN_ENTRY), "the row gone", |n| n == 2)
                .await?;
            wait_message(&page, "deleted").await?;
            page.click(&page.find(&ui::testid(ui::TOAST_ACTION)).await?)
                .await?;
            page.wait_for("[data-name=\"Exam practice\"]").await?;
            assert_eq!(app::library_entries(&page).await?.len(), 3);

            // Open the renamed one from the list.
            page.click(
                &page
                    .find(&format!("{} {}", row(first), ui::testid("design-open")))
                    .await?,
            )
            .await?;
            page.wait_gone(&ui::testid(ui::MY_DESIGNS_DIALOG)).await?;
            let d = app::wait_saved(&page, "the renamed design open", |d| {
                d.name == "Exam practice"
            })
            .await?;
            assert_ne!(d, theirs);
            let name: String = page
                .eval(&format!(
                    "return document.querySelector('{}').value",
                    ui::testid(ui::DESIGN_NAME)
                ))
                .await?;
            assert_eq!(name, "Exam practice");
            listed(&page).await?;
            close_list(&page).await?;
            Ok(())
        },
    )
    .await;
}
