//! Challenges: open one from the gallery, fail it and read the reason, fix
//! the design and pass it, submit it, and grade the submitted link with the
//! command line, which must give the page's verdict; a teacher's challenge
//! link opens as a challenge in a fresh browser and again after a reload;
//! a corrupted challenge link keeps the autosaved work; a judgement folds
//! the panel to its summary and leaves the canvas room (the verdict on top
//! of a phone's results sheet); failed attempts show the challenge's own
//! hints; the inspector marks a locked part and disables its settings.

use std::path::PathBuf;
use std::process::Command;

use skydraft_core::challenge;
use skydraft_core::design::Design;
use skydraft_tests::page::touch::Screen;
use skydraft_tests::{Key, Page, paths, run, ui};

use crate::app::{self, Error};
use crate::run_page::{click, run_and_wait, shot};

type R<T> = Result<T, Error>;

/// The built command line: `$SKYDRAFT_CLI`, else `target/debug/skydraft`,
/// else `target/release/skydraft` (build it with `cargo build -p skydraft`).
fn cli() -> R<PathBuf> {
    if let Some(p) = std::env::var_os("SKYDRAFT_CLI") {
        return Ok(PathBuf::from(p));
    }
    let target = paths::repo_root().join("target");
    ["debug", "release"]
        .iter()
        .map(|p| target.join(p).join("skydraft"))
        .find(|p| p.is_file())
        .ok_or_else(|| "no built skydraft command line: run `cargo build -p skydraft` first".into())
}

/// One goal of the verdict panel: (id, passed, value).
async fn verdict_goals(page: &Page) -> R<Vec<(String, bool, Option<f64>)>> {
    let raw: Vec<(String, String, String)> = page
        .eval(
            "return [...document.querySelectorAll('[data-testid=\"verdict-goal\"]:not(.bonus)')]
               .map(e => [e.dataset.goal, e.dataset.passed, e.dataset.value]);",
        )
        .await?;
    Ok(raw
        .into_iter()
        .map(|(id, p, v)| (id, p == "true", v.parse().ok()))
        .collect())
}

/// Presses Run and waits for a new verdict; returns whether it passed.
async fn judge(page: &Page) -> R<bool> {
    run_and_wait(page).await?;
    let v = page.wait_for(&ui::testid("verdict")).await?;
    Ok(v.attr("data-passed").await?.as_deref() == Some("true"))
}

/// Checks the page's verdict goal by goal against core's judge of the
/// design the page saved.
async fn same_as_core(page: &Page, c: &challenge::Challenge) -> R<challenge::Verdict> {
    let design = app::saved_design(page).await?;
    let native = challenge::judge(c, &design)?;
    let shown = verdict_goals(page).await?;
    let expected: Vec<_> = native
        .goals
        .iter()
        .map(|g| (g.id.clone(), g.passed, g.value))
        .collect();
    assert_eq!(shown, expected, "the page's verdict differs from core's");
    Ok(native)
}

/// Sets a number field of the inspector as typing and leaving it would.
async fn set_param(page: &Page, param: &str, value: f64) -> R<()> {
    let css = format!("{} [data-param=\"{param}\"]", ui::testid(ui::INSPECTOR));
    page.wait_for(&css).await?;
    let _: bool = page
        .eval(&format!(
            "const f = document.querySelector('{}'); f.value = '{value}'; \
             f.dispatchEvent(new Event('change', {{bubbles: true}})); return true;",
            css.replace('\'', "\\'")
        ))
        .await?;
    Ok(())
}

/// The component of `kind` in `design`.
fn id_of(design: &Design, kind: &str) -> R<String> {
    Ok(design
        .components
        .iter()
        .find(|c| c.kind == kind)
        .ok_or_else(|| format!("no {kind} in the design"))?
        .id
        .to_string())
}

/// Unfolds the challenge panel a judgement folded.
async fn unfold(page: &Page) -> R<()> {
    let toggle = page.wait_for(&ui::testid("challenge-toggle")).await?;
    assert_eq!(
        toggle.attr("aria-expanded").await?.as_deref(),
        Some("false"),
        "the panel did not fold"
    );
    page.click(&toggle).await?;
    page.wait_for("[data-testid=\"challenge-toggle\"][aria-expanded=\"true\"]")
        .await?;
    assert!(
        page.find(&ui::testid("verdict"))
            .await?
            .is_displayed()
            .await?
    );
    Ok(())
}

/// Fails the az-outage challenge, checks the locks and the reason.
async fn fail_first(page: &Page, c: &challenge::Challenge) -> R<()> {
    let locks = page.find_all(&ui::testid("lock-mark")).await?;
    assert_eq!(
        locks.len(),
        challenge::locked_ids(c).len(),
        "every locked part is marked"
    );
    let users = id_of(&app::saved_design(page).await?, "users")?;
    click(page, &ui::component(&users)).await?;
    page.press(Key::Delete).await?;
    let toast = app::wait_toast(page).await?;
    assert!(toast.contains("locked"), "{toast}");
    page.wait_for(&ui::component(&users)).await?;

    assert!(!judge(page).await?, "the starting design passed");
    let native = same_as_core(page, c).await?;
    assert!(!native.passed);
    unfold(page).await?;
    let failures: String = page
        .eval("return document.querySelector('[data-testid=\"hints\"]').dataset.failures;")
        .await?;
    assert_eq!(failures, "1");
    let reason = page.find(&ui::testid("verdict-reason")).await?;
    let text = reason.text().await?;
    let first = native
        .goals
        .iter()
        .find(|g| !g.passed)
        .ok_or("no failed goal")?;
    let expected = first.reason.as_ref().ok_or("no reason")?;
    assert_eq!(text, expected.text);
    page.click(&reason).await?;
    let at: f64 = page
        .wait_for(&ui::testid("replay-scrubber"))
        .await?
        .prop("value")
        .await?
        .ok_or("no moment")?
        .parse()?;
    let want = expected.at_s.or(first.worst.at_s).unwrap_or(0.0);
    assert!(
        (at - want).abs() < 1.0,
        "the replay is at {at}, the reason at {want}"
    );
    Ok(())
}

/// Spreads the group over two zones with four instances, as the reference does.
async fn fix_design(page: &Page) -> R<()> {
    let asg = id_of(&app::saved_design(page).await?, "asg")?;
    click(page, &ui::component(&asg)).await?;
    for (p, v) in [("max", 4.0), ("desired", 4.0), ("min", 4.0), ("azs", 2.0)] {
        set_param(page, p, v).await?;
    }
    app::wait_saved(page, "the fix saved", |d| {
        d.components.iter().any(|a| {
            a.kind == "asg"
                && a.number("azs") == 2.0
                && a.number("min") == 4.0
                && a.number("max") == 4.0
        })
    })
    .await?;
    Ok(())
}

/// Submits with a name; returns the copied link.
async fn submit(page: &Page) -> R<String> {
    click(page, &ui::testid("submit-open")).await?;
    let name = page.wait_for(&ui::testid("submit-name")).await?;
    page.type_into(&name, "Ada").await?;
    click(page, &ui::testid("submit-copy")).await?;
    let copied = app::wait_copied(page).await?;
    let shown: String = page
        .wait_for(&ui::testid("submit-link"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert_eq!(copied, shown);
    Ok(copied)
}

#[tokio::test]
async fn a_challenge_fails_passes_and_grades_the_same_on_the_command_line() {
    run(
        "a_challenge_fails_passes_and_grades_the_same_on_the_command_line",
        |page| async move {
            let c = challenge::get("az-outage").ok_or("no az-outage")?;
            app::open_app(&page, "/").await?;
            app::capture_outputs(&page).await?;
            click(&page, &ui::testid("challenges")).await?;
            click(&page, "[data-challenge=\"az-outage\"]").await?;
            let title = page
                .wait_for(&ui::testid("challenge-title"))
                .await?
                .text()
                .await?;
            assert_eq!(title, c.title);
            fail_first(&page, &c).await?;
            shot(&page, "challenge-failed").await?;
            fix_design(&page).await?;
            assert!(judge(&page).await?, "the fixed design failed");
            let native = same_as_core(&page, &c).await?;
            assert!(native.passed);
            shot(&page, "challenge-passed").await?;

            let link = submit(&page).await?;
            let opened = challenge::link::decode(&link)?;
            assert_eq!(opened.name.as_deref(), Some("Ada"));
            assert_eq!(Some(app::saved_design(&page).await?), opened.design);
            let out = Command::new(cli()?)
                .args(["grade", "az-outage", &link, "--json"])
                .output()?;
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let graded: serde_json::Value = serde_json::from_slice(&out.stdout)?;
            println!("submitted: {link}\nskydraft grade az-outage <link> --json:\n{graded}");
            assert_eq!(graded["passed"], true, "{graded}");
            for (g, n) in graded["goals"]
                .as_array()
                .ok_or("no goals")?
                .iter()
                .zip(&native.goals)
            {
                assert_eq!(g["id"], n.id.as_str());
                assert_eq!(g["value"].as_f64(), n.value, "{graded}");
                assert_eq!(g["pass"], n.passed);
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_teachers_challenge_link_opens_as_a_challenge_and_after_a_reload() {
    run(
        "a_teachers_challenge_link_opens_as_a_challenge_and_after_a_reload",
        |page| async move {
            app::open_app(&page, "/").await?;
            app::capture_outputs(&page).await?;
            crate::run_page::set_minutes(&page, 2).await?;
            run_and_wait(&page).await?;
            click(&page, &ui::testid("challenges")).await?;
            click(&page, &ui::testid("author-open")).await?;
            let title = page.wait_for(&ui::testid("author-title")).await?;
            page.type_into(&title, "Keep <b>it</b> fast").await?;
            let values: Vec<String> = page
                .eval("return [...document.querySelectorAll('[data-testid=\"author-value\"]')].map(e => e.value);")
                .await?;
            assert!(values.iter().take(2).all(|v| v.parse::<f64>().is_ok()), "{values:?}");
            click(&page, &ui::testid("author-copy")).await?;
            let link = app::wait_copied(&page).await?;
            let opened = challenge::link::decode(&link)?;
            assert_eq!(opened.challenge.title, "Keep <b>it</b> fast");
            assert_eq!(opened.challenge.goals.len(), 2);
            assert_eq!(
                format!("{}", opened.challenge.goals[0].value),
                values[0],
                "the goal's value is the one prefilled from the run"
            );

            let student = page.new_browser().await?;
            let frag = &link[link.find('#').ok_or("no fragment")?..];
            app::open_app(&student, frag).await?;
            let shown = student.wait_for(&ui::testid("challenge-title")).await?.text().await?;
            assert_eq!(shown, "Keep <b>it</b> fast", "the title is shown as text");
            assert!(student.find_all("[data-testid=\"challenge-title\"] b").await?.is_empty());
            student.reload().await?;
            let again = student.wait_for(&ui::testid("challenge-panel")).await?;
            assert_eq!(again.attr("data-challenge").await?, Some(opened.challenge.id.clone()));
            assert!(judge(&student).await?, "the teacher's own design fails its challenge");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_corrupted_challenge_link_keeps_the_autosave() {
    run(
        "a_corrupted_challenge_link_keeps_the_autosave",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (kind, _) = app::legal_pair().ok_or("no kinds")?;
            let (added, _) = app::place_by_drag(&page, kind).await?;
            let work = app::wait_saved(&page, "the new component autosaved", |d| {
                d.components.iter().any(|c| c.id.to_string() == added.id)
            })
            .await?;
            let c = challenge::get("az-outage").ok_or("no az-outage")?;
            let good = challenge::link::encode(&c, Some(&c.start), None);
            let (head, design) = good.split_once("&d=").ok_or("no design part")?;
            let mid = design.len() / 2;
            let damaged = format!(
                "#{head}&d={}AAAAAAAAAAAA{}",
                &design[..mid],
                &design[mid + 12..]
            );
            let links = [
                "#c=1.AAAAAAAAAAAAAAAAAAAAAAAA".to_owned(),
                "#c=no-such-challenge".to_owned(),
                damaged,
            ];
            for frag in &links {
                assert!(challenge::link::decode(frag).is_err(), "{frag} opens");
                page.driver().goto("about:blank").await?;
                let comps = app::open_app(&page, frag).await?;
                let toast = app::wait_toast(&page).await?;
                assert!(toast.contains("could not be opened"), "{frag}: {toast}");
                assert!(
                    comps.contains(&added),
                    "{frag}: the autosaved work is not open"
                );
                assert!(
                    page.find_all(&ui::testid("challenge-panel"))
                        .await?
                        .is_empty()
                );
                assert_eq!(
                    app::saved_design(&page).await?,
                    work,
                    "{frag}: the autosave changed"
                );
            }
            // Pasted into the address bar of the open page.
            let _: bool = page
                .eval("location.hash = '#c=no-such-challenge'; return true")
                .await?;
            let toast = app::wait_toast(&page).await?;
            assert!(toast.contains("could not be opened"), "{toast}");
            page.wait_for(&ui::component(&added.id)).await?;
            assert_eq!(app::saved_design(&page).await?, work);
            Ok(())
        },
    )
    .await;
}

/// Fails with axe-core's findings on the page as it is.
async fn axe_clean(page: &Page, what: &str) -> R<()> {
    let found: Vec<String> = page.axe().await?.iter().map(ToString::to_string).collect();
    assert!(found.is_empty(), "{what}: {}", found.join("\n"));
    Ok(())
}

/// The challenge views on one screen: axe-clean, every control 44 px on a
/// phone, a screenshot of each.
async fn views_on(page: &Page, phone: bool) -> R<()> {
    let w = if phone { 390 } else { 1280 };
    let fits = async |what: &str| -> R<()> {
        axe_clean(page, &format!("{w}: {what}")).await?;
        if phone {
            let small: Vec<String> = page
                .eval(
                    "return [...document.querySelectorAll('dialog[open] :is(button, input, select, textarea), \
                       .challenge-panel :is(button, input, select, textarea)')]
                       .filter(e => { const b = e.getBoundingClientRect();
                         return b.width > 0 && b.height > 0 && (b.width < 43.5 || b.height < 43.5); })
                       .map(e => (e.dataset.testid || e.textContent.trim()).slice(0, 30));",
                )
                .await?;
            assert!(small.is_empty(), "{what}: controls under 44 px: {small:?}");
        }
        shot(page, &format!("challenge-{what}-{w}")).await
    };
    if phone {
        click(page, &ui::testid("more")).await?;
        click(page, &ui::testid("more-challenges")).await?;
    } else {
        click(page, &ui::testid("challenges")).await?;
    }
    page.wait_for(&ui::testid("challenges-gallery")).await?;
    fits("gallery").await?;
    click(page, &ui::testid("author-open")).await?;
    page.wait_for(&ui::testid("author-dialog")).await?;
    fits("author").await?;
    page.press(Key::Escape).await?;
    page.wait_gone(&ui::testid("author-dialog")).await?;
    pick_az_outage(page, phone).await?;
    click(page, &ui::testid("challenge-run")).await?;
    skydraft_tests::wait::run_finished(page).await?;
    page.wait_for(&ui::testid("verdict")).await?;
    fits("verdict").await?;
    click(page, &ui::testid("submit-open")).await?;
    click(page, &ui::testid("submit-copy")).await?;
    page.wait_for(&ui::testid("submit-link")).await?;
    fits("submit").await?;
    page.press(Key::Escape).await?;
    page.wait_gone(&ui::testid("submit-dialog")).await?;
    Ok(())
}

#[tokio::test]
async fn the_challenge_views_are_accessible_on_a_laptop_and_a_phone() {
    run(
        "the_challenge_views_are_accessible_on_a_laptop_and_a_phone",
        |page| async move {
            app::open_app(&page, "/").await?;
            app::capture_outputs(&page).await?;
            views_on(&page, false).await?;
            let phone = page.new_browser().await?;
            phone.emulate(skydraft_tests::page::touch::PHONE).await?;
            app::open_app(&phone, "/").await?;
            app::capture_outputs(&phone).await?;
            views_on(&phone, true).await
        },
    )
    .await;
}

/// Picks az-outage in the challenges gallery (opened through More on a
/// phone) and waits for its panel.
async fn pick_az_outage(page: &Page, phone: bool) -> R<()> {
    if phone {
        click(page, &ui::testid("more")).await?;
        click(page, &ui::testid("more-challenges")).await?;
    } else {
        click(page, &ui::testid("challenges")).await?;
    }
    click(page, "[data-challenge=\"az-outage\"]").await?;
    page.wait_for(&ui::testid("challenge-panel")).await?;
    page.wait_gone(&ui::testid("challenges-gallery")).await?;
    Ok(())
}

/// Opens the az-outage challenge from the gallery (through More on a phone).
async fn open_az_outage(page: &Page, phone: bool) -> R<challenge::Challenge> {
    let c = challenge::get("az-outage").ok_or("no az-outage")?;
    app::open_app(page, "/").await?;
    app::capture_outputs(page).await?;
    pick_az_outage(page, phone).await?;
    Ok(c)
}

/// The canvas' height, the window's, the challenge panel's and the results
/// drawer body's (0 when closed), in CSS pixels.
async fn heights(page: &Page) -> R<(f64, f64, f64, f64)> {
    Ok(page
        .eval(
            "const h = css => { const e = document.querySelector(css); return e ? e.getBoundingClientRect().height : 0; };
             return [h('[data-testid=\"canvas\"]'), innerHeight, h('[data-testid=\"challenge-panel\"]'), h('.run-body')];",
        )
        .await?)
}

/// Whether the element `css` is on screen and on top at its centre (no
/// sheet or panel covers it).
async fn in_sight(page: &Page, css: &str) -> R<bool> {
    Ok(page
        .eval(&format!(
            "const e = document.querySelector('{css}'); if (!e) return false;
             const b = e.getBoundingClientRect();
             if (b.width < 1 || b.height < 1 || b.top < 0 || b.bottom > innerHeight) return false;
             const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
             return !!top && e.contains(top);",
            css = css.replace('\'', "\\'")
        ))
        .await?)
}

#[tokio::test]
async fn a_judged_challenge_folds_to_its_summary_and_leaves_the_canvas_room() {
    run(
        "a_judged_challenge_folds_to_its_summary_and_leaves_the_canvas_room",
        |page| async move {
            let laptop = Screen {
                name: "laptop",
                width: 1400,
                height: 757,
            };
            page.emulate_window(laptop).await?;
            let c = open_az_outage(&page, false).await?;
            let brief = ui::testid("challenge-brief");
            assert!(
                page.find(&brief).await?.is_displayed().await?,
                "the brief is folded before a run"
            );
            assert!(!judge(&page).await?, "the starting design passed");
            let native = challenge::judge(&c, &app::saved_design(&page).await?)?;
            // Title and pass/fail count: "✗ 0 of 2 goals met", the outcome
            // in words for a screen reader.
            let summary = page.wait_for(&ui::testid("challenge-summary")).await?;
            let said: String = page
                .eval("return document.querySelector('[data-testid=\"challenge-summary\"]').textContent;")
                .await?;
            assert_eq!(said, format!("✗{}: {}", native.outcome(), native.met_line()));
            assert_eq!(summary.attr("data-passed").await?.as_deref(), Some("false"));
            assert!(summary.is_displayed().await?);
            page.wait_for("[data-testid=\"challenge-toggle\"][aria-expanded=\"false\"]")
                .await?;
            assert!(
                !page.find(&brief).await?.is_displayed().await?,
                "the panel did not fold"
            );
            let (canvas, screen, panel, body) = heights(&page).await?;
            assert_eq!(screen, 757.0);
            assert!(
                canvas >= 0.4 * screen,
                "the canvas is {canvas} px of {screen}"
            );
            assert!(panel <= 56.0, "the folded panel is {panel} px high: not one line");
            assert!(body >= 100.0, "the results drawer is {body} px high");
            shot(&page, "challenge-folded-1400").await?;

            // Unfolded again, the verdict shows and the canvas keeps its room.
            unfold(&page).await?;
            assert!(page.find(&brief).await?.is_displayed().await?);
            let (canvas, screen, _, body) = heights(&page).await?;
            assert!(
                canvas >= 0.4 * screen,
                "unfolded, the canvas is {canvas} px of {screen}"
            );
            assert!(
                body >= 60.0,
                "unfolded, the results drawer is {body} px high"
            );
            shot(&page, "challenge-unfolded-1400").await?;

            // A phone: the results sheet covers the panel, so its top line
            // carries the verdict.
            let phone = page.new_browser().await?;
            phone.emulate(skydraft_tests::page::touch::PHONE).await?;
            open_az_outage(&phone, true).await?;
            assert!(!judge_by(&phone, &ui::testid("challenge-run")).await?);
            let line = ui::testid("sheet-verdict");
            let text = phone.wait_for(&line).await?.text().await?;
            assert!(
                text.contains(&c.title) && text.ends_with(&native.summary()),
                "{text:?}"
            );
            assert!(
                in_sight(&phone, &line).await?,
                "the verdict is hidden on a phone"
            );
            shot(&phone, "challenge-verdict-phone").await?;
            // The laptop keeps it in the panel, not in the drawer.
            assert!(!page.find(&line).await?.is_displayed().await?);
            Ok(())
        },
    )
    .await;
}

/// Presses the button `css` and waits for a new verdict; returns whether it passed.
async fn judge_by(page: &Page, css: &str) -> R<bool> {
    click(page, css).await?;
    skydraft_tests::wait::run_finished(page).await?;
    let v = page.wait_for(&ui::testid("verdict")).await?;
    Ok(v.attr("data-passed").await?.as_deref() == Some("true"))
}

/// The hints the page shows, as their exact text.
async fn hints_shown(page: &Page) -> R<Vec<String>> {
    Ok(page
        .eval("return [...document.querySelectorAll('[data-testid=\"hint\"]')].map(e => e.textContent);")
        .await?)
}

#[tokio::test]
async fn failed_attempts_show_the_challenges_own_hints() {
    run(
        "failed_attempts_show_the_challenges_own_hints",
        |page| async move {
            let c = open_az_outage(&page, false).await?;
            assert!(
                hints_shown(&page).await?.is_empty(),
                "a hint before any attempt"
            );
            for failures in 1..=2_u32 {
                assert!(!judge(&page).await?, "the starting design passed");
                let verdict = challenge::judge(&c, &app::saved_design(&page).await?)?;
                unfold(&page).await?;
                page.wait_for(&format!(
                    "[data-testid=\"hints\"][data-failures=\"{failures}\"]"
                ))
                .await?;
                let expected: Vec<String> = c
                    .hints_for(failures, &verdict.failed_goals())
                    .into_iter()
                    .map(|h| h.text.clone())
                    .collect();
                assert_eq!(
                    expected.len(),
                    failures as usize,
                    "az-outage has a hint per failed attempt"
                );
                assert_eq!(
                    hints_shown(&page).await?,
                    expected,
                    "after {failures} failed attempts"
                );
                for hint in page.find_all(&ui::testid("hint")).await? {
                    assert!(hint.is_displayed().await?);
                }
            }
            // The core's own words, not a copy of them.
            assert_eq!(
                hints_shown(&page).await?,
                c.hints.iter().map(|h| h.text.clone()).collect::<Vec<_>>()
            );
            let _: bool = page
            .eval("document.querySelector('[data-testid=\"hints\"]').scrollIntoView(); return true;")
            .await?;
        shot(&page, "challenge-hints").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_inspector_marks_a_locked_part_and_disables_its_fields() {
    run(
        "the_inspector_marks_a_locked_part_and_disables_its_fields",
        |page| async move {
            let c = open_az_outage(&page, false).await?;
            let design = app::saved_design(&page).await?;
            let locked = challenge::locked_ids(&c);
            let users = locked.first().ok_or("nothing locked")?.to_string();
            let free = design
                .components
                .iter()
                .find(|x| !locked.contains(&x.id))
                .ok_or("nothing free")?
                .id
                .to_string();
            // (number of settings, how many of them are disabled)
            let fields = async || -> R<(usize, usize)> {
                Ok(page
                    .eval(
                        "const f = [...document.querySelectorAll('[data-testid=\"inspector\"] [data-param]')];
                         return [f.length, f.filter(e => e.matches(':disabled')).length];",
                    )
                    .await?)
            };
            click(&page, &ui::component(&users)).await?;
            let badge = page.wait_for(&ui::testid("locked-badge")).await?;
            assert_eq!(
                badge.text().await?,
                "Locked by the challenge: it cannot be moved, changed or deleted."
            );
            let (n, disabled) = fields().await?;
            assert!(n >= 1 && disabled == n, "{disabled} of {n} fields disabled");
            shot(&page, "challenge-locked-inspector").await?;
            // Typing into the disabled label changes nothing.
            page.press(Key::Tab).await?;
            page.press("x").await?;
            assert_eq!(app::saved_design(&page).await?, design);

            click(&page, &ui::component(&free)).await?;
            page.wait_gone(&ui::testid("locked-badge")).await?;
            let (n, disabled) = fields().await?;
            assert!(n >= 1 && disabled == 0, "{disabled} of {n} fields disabled on a free part");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn an_opened_submission_is_judged_without_pressing_run() {
    run(
        "an_opened_submission_is_judged_without_pressing_run",
        |page| async move {
            let c = challenge::get("az-outage").ok_or("no az-outage")?;
            let link = challenge::link::encode(&c, Some(&c.start), Some("Bo"));
            app::open_app(&page, &format!("#{link}")).await?;
            let said = app::wait_toast(&page).await?;
            assert!(
                said.contains("Bo's submission") && said.contains("being judged"),
                "{said}"
            );
            // The verdict arrives with no press of Run, and it is core's.
            page.wait_for(&ui::testid("verdict")).await?;
            unfold(&page).await?;
            let native = same_as_core(&page, &c).await?;
            assert!(!native.passed, "the starting design fails az-outage");
            Ok(())
        },
    )
    .await;
}
