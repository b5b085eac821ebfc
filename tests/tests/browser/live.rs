//! A live class: a teacher and two students, each in a browser of their own,
//! through a relay each test starts (`skydraft_tests::Relay`). The class
//! starts from the Share menu; students open its link and see the teacher's
//! board, read-only while the class is locked; a move, the view, the
//! selection, the laser and the replay moment reach them; a student who
//! pans stops following until they return; an unlocked class hands in and
//! the teacher shows a student's design to all; the class comes back after
//! the relay dies and restarts; a message changed on the way is refused;
//! a hand-in gets the open challenge's verdict, judged on the teacher's page.

use std::time::Duration;

use skydraft_core::live::link::ClassKeys;
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::{Key, Page, Poll, Relay, TestResult, run, ui, wait};

use crate::app::{self, Error};
use crate::run_page::{click, run_and_wait};

type R<T> = Result<T, Error>;

/// The localStorage key the page reads the relay's address from.
const RELAY_KEY: &str = "skydraft.relay";
/// How soon a teacher's move shows on every student's board.
const FOLLOW_WITHIN: Duration = Duration::from_secs(1);
/// How soon every page is back once the relay is (their backoff included).
const RECONNECT_WITHIN: Duration = Duration::from_secs(20);
/// How long an edit the page refuses is given to (wrongly) show.
const SETTLE: Duration = Duration::from_millis(600);
/// Time between two pointer moves of the laser (a 60 Hz pointer).
const POINTER_PACE: Duration = Duration::from_millis(16);
/// The lesson's simulated time, seconds: a short run.
const LESSON_S: f64 = 120.0;
/// Largest distance, in a student's screen pixels, between the centres of
/// the teacher's and the student's views that still counts as the same view.
const SAME_VIEW_PX: f64 = 3.0;
/// Largest relative difference between a student's zoom and the zoom that
/// fits the teacher's view into the student's canvas.
const FIT_TOLERANCE: f64 = 0.005;

/// `data-testid` of the Share menu's "Start a live class".
const LIVE_START: &str = "live-start";
/// `data-testid` of the teacher's class panel.
const LIVE_PANEL: &str = "live-panel";
/// `data-testid` of the read-only field holding the students' link.
const LIVE_LINK: &str = "live-student-link";
/// `data-testid` of the link's QR code.
const LIVE_QR: &str = "live-qr";
/// `data-testid` of the connection state (`data-state`), on every page.
const LIVE_STATUS: &str = "live-status";
/// `data-testid` of the number of students (`data-count`).
const LIVE_COUNT: &str = "live-count";
/// `data-testid` of the lock button (`aria-pressed="true"` while locked).
const LIVE_LOCK: &str = "live-lock";
/// `data-testid` of the hand-ins list.
const LIVE_HANDINS: &str = "live-handins";
/// `data-testid` of one hand-in (`data-name`).
const LIVE_HANDIN: &str = "live-handin";
/// `data-testid` of a hand-in's Open button.
const LIVE_HANDIN_OPEN: &str = "live-handin-open";
/// `data-testid` of a hand-in's "Show to everyone" button.
const LIVE_HANDIN_SHOW: &str = "live-handin-show";
/// `data-testid` of the teacher's "End the class".
const LIVE_END: &str = "live-end";
/// `data-testid` of a student's banner (`data-mode`).
const LIVE_BANNER: &str = "live-banner";
/// `data-testid` of a student's "Return to the teacher".
const LIVE_RETURN: &str = "live-return";
/// `data-testid` of a student's name field for a hand-in.
const LIVE_NAME: &str = "live-name";
/// `data-testid` of a student's "Hand in".
const LIVE_SEND: &str = "live-hand-in-send";
/// `data-testid` of the teacher's laser on a student's board.
const LIVE_LASER: &str = "live-laser";

/// Sends, from the teacher's page, a frame no teacher wrote: an update
/// (kind 2), a nonce and 40 random bytes, on a socket of its own.
const TAMPER: &str = "
    return new Promise(resolve => {
      const ws = new WebSocket(arguments[0]);
      ws.binaryType = 'arraybuffer';
      window.__sdTamper = ws;
      ws.onopen = () => {
        const frame = new Uint8Array(1 + 12 + 40);
        crypto.getRandomValues(frame);
        frame[0] = 2;
        ws.send(frame.buffer);
        resolve('sent');
      };
      ws.onerror = () => resolve('the relay refused the connection');
      setTimeout(() => resolve('no connection within 5 s'), 5000);
    });";

/// A component as a board shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Card {
    /// `data-component-id`.
    id: String,
    /// `data-kind`.
    kind: String,
    /// Its `transform`: where it is in world units, whatever the view.
    at: String,
}

/// Every component of a board, by id.
async fn board(page: &Page) -> skydraft_tests::Result<Vec<Card>> {
    let raw: Vec<(String, String, String)> = page
        .eval_with(
            "return [...document.querySelectorAll(arguments[0])].map(e => [
               e.getAttribute('data-component-id'), e.getAttribute('data-kind') || '',
               e.getAttribute('transform') || '']);",
            vec![ui::components().into()],
        )
        .await?;
    let mut cards: Vec<Card> = raw
        .into_iter()
        .map(|(id, kind, at)| Card { id, kind, at })
        .collect();
    cards.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(cards)
}

/// What differs between two boards, briefly.
fn difference(now: &[Card], want: &[Card]) -> String {
    let first = now.iter().zip(want).find(|(a, b)| a != b);
    match first {
        Some((a, b)) => format!("{a:?} where {b:?} was expected"),
        None => format!(
            "{} components where {} were expected",
            now.len(),
            want.len()
        ),
    }
}

/// Waits until `page`'s board is `want`.
async fn wait_board(page: &Page, want: &[Card], within: Duration, what: &str) -> R<()> {
    wait::wait_until(what, within, async || {
        let now = board(page).await?;
        Ok(if now == want {
            Poll::Ready(())
        } else {
            Poll::Pending(difference(&now, want))
        })
    })
    .await?;
    Ok(())
}

/// An attribute of the first element matching `css`; `None` when nothing
/// matches or the element lacks it.
async fn attr(page: &Page, css: &str, name: &str) -> skydraft_tests::Result<Option<String>> {
    page.eval_with(
        "const e = document.querySelector(arguments[0]);
         return e ? e.getAttribute(arguments[1]) : null;",
        vec![css.into(), name.into()],
    )
    .await
}

/// Waits until the attribute `name` of the element with test id `id` is
/// one of `values`; returns it.
async fn wait_attr(
    page: &Page,
    id: &str,
    name: &str,
    values: &[&str],
    within: Duration,
) -> R<String> {
    let css = ui::testid(id);
    let got = wait::wait_until(
        &format!("{name} of {css} to be one of {values:?}"),
        within,
        async || {
            Ok(match attr(page, &css, name).await? {
                Some(v) if values.contains(&v.as_str()) => Poll::Ready(v),
                Some(v) => Poll::Pending(format!("{name}={v:?}")),
                None => Poll::Pending("no such element or attribute".into()),
            })
        },
    )
    .await?;
    Ok(got)
}

/// Waits until the page's connection to the class is in one of `states`.
async fn wait_state(page: &Page, states: &[&str], within: Duration) -> R<String> {
    wait_attr(page, LIVE_STATUS, "data-state", states, within).await
}

/// Waits until a student's banner says `mode`.
async fn wait_mode(student: &Page, mode: &str) -> R<()> {
    wait_attr(
        student,
        LIVE_BANNER,
        "data-mode",
        &[mode],
        wait::DEFAULT_TIMEOUT,
    )
    .await?;
    Ok(())
}

/// Waits until the teacher's lock button says the class is `locked` or not.
async fn wait_locked(teacher: &Page, locked: bool) -> R<()> {
    let want = if locked { "true" } else { "false" };
    wait_attr(
        teacher,
        LIVE_LOCK,
        "aria-pressed",
        &[want],
        wait::DEFAULT_TIMEOUT,
    )
    .await?;
    Ok(())
}

/// The text of the element with test id `id`.
async fn text(page: &Page, id: &str) -> R<String> {
    Ok(page.find(&ui::testid(id)).await?.text().await?)
}

/// Where a page looks: the world point at the canvas' centre, the zoom,
/// and the canvas' size.
#[derive(Debug, Clone, Copy)]
struct Look {
    /// World x at the centre of the canvas.
    x: f64,
    /// World y at the centre of the canvas.
    y: f64,
    /// Screen pixels per world unit.
    zoom: f64,
    /// The canvas' width, CSS pixels.
    w: f64,
    /// The canvas' height, CSS pixels.
    h: f64,
}

impl Look {
    /// Whether `self` is centred where `other` is (within [`SAME_VIEW_PX`]
    /// of `self`'s screen).
    fn centred_on(self, other: Look) -> bool {
        (self.x - other.x).abs().max((self.y - other.y).abs()) * self.zoom <= SAME_VIEW_PX
    }

    /// Whether `self`, a student's look, shows what `teacher` shows: the
    /// teacher's rectangle whole, as large as the student's canvas allows,
    /// and centred.
    fn shows(self, teacher: Look) -> bool {
        let fit = teacher.zoom * (self.w / teacher.w).min(self.h / teacher.h);
        self.centred_on(teacher) && (self.zoom - fit).abs() <= fit * FIT_TOLERANCE
    }
}

/// Where the page looks now, read from the canvas and its `g.world` group.
async fn look(page: &Page) -> skydraft_tests::Result<Look> {
    let (x, y, zoom, w, h): (f64, f64, f64, f64, f64) = page
        .eval_with(
            "const svg = document.querySelector(arguments[0]);
             const m = svg.querySelector('g.world').getScreenCTM();
             const r = svg.getBoundingClientRect();
             const p = new DOMPoint(r.left + r.width / 2, r.top + r.height / 2)
               .matrixTransform(m.inverse());
             return [p.x, p.y, m.a, r.width, r.height];",
            vec![ui::testid(ui::CANVAS).into()],
        )
        .await?;
    Ok(Look { x, y, zoom, w, h })
}

/// Waits until a student shows what the teacher shows (`teacher`).
async fn wait_look(student: &Page, teacher: Look, what: &str) -> R<Look> {
    let got = wait::wait_until(what, wait::DEFAULT_TIMEOUT, async || {
        let now = look(student).await?;
        Ok(if now.shows(teacher) {
            Poll::Ready(now)
        } else {
            Poll::Pending(format!("{now:?}; the teacher's: {teacher:?}"))
        })
    })
    .await?;
    Ok(got)
}

/// Waits until the teacher's view differs from `before`; returns the new one.
async fn wait_view_change(teacher: &Page, before: Look) -> R<Look> {
    let got = wait::wait_until(
        "the teacher's view to change",
        wait::DEFAULT_TIMEOUT,
        async || {
            let now = look(teacher).await?;
            let moved = (now.zoom - before.zoom).abs() > 1e-6 || !now.centred_on(before);
            Ok(if moved {
                Poll::Ready(now)
            } else {
                Poll::Pending(format!("{now:?}"))
            })
        },
    )
    .await?;
    Ok(got)
}

/// The id of a component a pointer can reach (the topmost thing at its
/// centre, inside the window), other than those in `except`.
async fn reachable_card(page: &Page, except: &[&str]) -> R<String> {
    let id: Option<String> = page
        .eval_with(
            "for (const c of document.querySelectorAll(arguments[0])) {
               const id = c.getAttribute('data-component-id');
               if (arguments[1].includes(id)) continue;
               const r = c.getBoundingClientRect();
               const x = r.left + r.width / 2, y = r.top + r.height / 2;
               if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
               const top = document.elementFromPoint(x, y);
               if (top && c.contains(top)) return id;
             }
             return null;",
            vec![ui::components().into(), serde_json::json!(except)],
        )
        .await?;
    Ok(id.ok_or("no component a pointer can reach")?)
}

/// Clicks the control matching `css` as a person would, once it shows;
/// fails naming what covers it when something else is on top at its centre
/// (the click would land there).
async fn press_control(page: &Page, css: &str) -> R<()> {
    let el = page.wait_for(css).await?;
    let cover: Option<String> = page
        .eval_with(
            "const e = arguments[0];
             const r = e.getBoundingClientRect();
             const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             if (!top || top === e || e.contains(top)) return null;
             const named = top.closest('[data-testid]');
             return (named ? `[data-testid=\"${named.dataset.testid}\"] ` : '')
               + top.outerHTML.slice(0, 200);",
            vec![el.to_json()?],
        )
        .await?;
    if let Some(cover) = cover {
        return Err(format!("{css} cannot be clicked: covered by {cover}").into());
    }
    page.click(&el).await?;
    Ok(())
}

/// Pans by holding Space and dragging from the viewport point `at` by
/// (`dx`, `dy`), after a click there gives the canvas the keyboard.
async fn space_pan(page: &Page, at: (i64, i64), (dx, dy): (i64, i64)) -> R<()> {
    page.driver()
        .action_chain()
        .move_to(at.0, at.1)
        .click()
        .key_down(Key::Space)
        .click_and_hold()
        .move_by_offset(dx / 2, dy / 2)
        .move_by_offset(dx - dx / 2, dy - dy / 2)
        .release()
        .key_up(Key::Space)
        .perform()
        .await?;
    Ok(())
}

/// Drags the mouse from `(x, y)` along `path` (offsets from the start), one
/// move every [`POINTER_PACE`], as a hand's stream of pointer events.
async fn trace(page: &Page, (x, y): (i64, i64), path: &[(i64, i64)]) -> R<()> {
    let mut chain = page
        .driver()
        .action_chain_with_delay(None, Some(POINTER_PACE))
        .move_to(x, y)
        .click_and_hold();
    for (dx, dy) in path {
        chain = chain.move_to(x + dx, y + dy);
    }
    chain.release().perform().await?;
    Ok(())
}

/// Waits for a visible toast whose text contains `words`; returns its text.
async fn wait_toast_saying(page: &Page, words: &str) -> R<String> {
    let css = ui::testid(ui::TOAST);
    let text = wait::wait_until(
        &format!("a toast saying {words:?}"),
        wait::DEFAULT_TIMEOUT,
        async || {
            let mut seen = Vec::new();
            for el in page.find_all(&css).await? {
                if el.is_displayed().await? {
                    let t = el.text().await?;
                    if t.contains(words) {
                        return Ok(Poll::Ready(t));
                    }
                    seen.push(t);
                }
            }
            Ok(Poll::Pending(format!("toasts: {seen:?}")))
        },
    )
    .await?;
    Ok(text)
}

/// The lesson's link: a template other than the one a fresh page opens
/// with, so a student's board holds it only if it came through the class,
/// with a short run.
fn lesson() -> R<String> {
    let t = template::all()
        .into_iter()
        .find(|t| t.id != template::DEFAULT_ID && t.design.components.len() >= 3)
        .ok_or("no template of three components besides the default")?;
    let scenario = Scenario {
        duration_s: LESSON_S,
        ..t.scenario.clone()
    };
    Ok(format!(
        "{}{}",
        ui::HASH_PREFIX,
        share::encode(&t.design, &scenario)
    ))
}

/// A class under way: the teacher, two students and the link they opened.
struct Class {
    /// The teacher's page, with the class panel open.
    teacher: Page,
    /// Each student's page, in a browser of their own.
    students: [Page; 2],
    /// The students' link, as the panel shows it.
    link: String,
}

impl Class {
    /// The teacher opens the lesson and starts a class on `relay`; two
    /// students open its link; returns once both follow the teacher's board.
    async fn start(teacher: Page, relay: &Relay) -> R<Class> {
        app::open_app(&teacher, &lesson()?).await?;
        let _: bool = teacher
            .eval_with(
                "localStorage.setItem(arguments[0], arguments[1]); return true;",
                vec![RELAY_KEY.into(), relay.url().into()],
            )
            .await?;
        click(&teacher, &ui::testid(ui::SHARE)).await?;
        press_control(&teacher, &ui::testid(LIVE_START)).await?;
        teacher.wait_for(&ui::testid(LIVE_PANEL)).await?;
        wait_state(&teacher, &["open"], wait::DEFAULT_TIMEOUT).await?;
        let link: String = teacher
            .wait_for(&ui::testid(LIVE_LINK))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        let students = [join(&teacher, &link).await?, join(&teacher, &link).await?];
        wait_attr(
            &teacher,
            LIVE_COUNT,
            "data-count",
            &["2"],
            wait::DEFAULT_TIMEOUT,
        )
        .await?;
        let class = Class {
            teacher,
            students,
            link,
        };
        class.all_follow().await?;
        Ok(class)
    }

    /// The teacher's page, then each student's.
    fn everyone(&self) -> [&Page; 3] {
        [&self.teacher, &self.students[0], &self.students[1]]
    }

    /// Waits until every student follows, connected, with the teacher's board.
    async fn all_follow(&self) -> R<()> {
        let want = board(&self.teacher).await?;
        for s in &self.students {
            wait_state(s, &["open"], wait::DEFAULT_TIMEOUT).await?;
            wait_mode(s, "following").await?;
            wait_board(
                s,
                &want,
                wait::DEFAULT_TIMEOUT,
                "the teacher's board on a student's",
            )
            .await?;
        }
        Ok(())
    }
}

/// A student opens the class link in a fresh browser.
async fn join(teacher: &Page, link: &str) -> R<Page> {
    let at = link
        .find('#')
        .ok_or_else(|| format!("the students' link has no fragment: {link:?}"))?;
    let student = teacher.new_browser().await?;
    student.open(&link[at..]).await?;
    student.wait_for(&ui::testid(ui::CANVAS)).await?;
    Ok(student)
}

/// Starts a relay and a class, runs `body`, and stops the relay only after
/// the browsers are gone (so no page sees it go). A failure says so when
/// the relay crashed.
async fn class_test(test: &str, body: impl AsyncFnOnce(Class, &mut Relay) -> TestResult) {
    let mut relay = Relay::start().await;
    let relay = &mut relay;
    run(test, |page| async move {
        let relay = relay.as_mut().map_err(|e| e.to_string())?;
        let class = Class::start(page, relay).await?;
        body(class, relay).await.map_err(|e| {
            let output = relay.log_tail();
            if output.contains("panicked") {
                format!("{e}\n  the relay crashed:\n{output}").into()
            } else {
                e
            }
        })
    })
    .await;
}

/// The teacher's panel: the link (this server, this room, no secret, the
/// relay), its QR code, two students, a locked class, no hand-ins yet.
async fn panel_shows_the_class(class: &Class, relay: &Relay) -> R<()> {
    let t = &class.teacher;
    let hash = t.hash().await?;
    let teacher = ClassKeys::parse(&hash)?;
    assert!(
        hash.starts_with("#live=") && teacher.is_teacher(),
        "the teacher's address: {hash}"
    );
    let student = ClassKeys::parse(&class.link)?;
    assert!(
        !student.is_teacher(),
        "the students' link holds the teacher's secret"
    );
    assert_eq!(student.room(), teacher.room(), "{}", class.link);
    assert!(
        class.link.starts_with(&t.url_for("#live=")),
        "{}",
        class.link
    );
    let (relay_param, read_only, qr): (Option<String>, bool, bool) = t
        .eval_with(
            "const f = document.querySelector(arguments[1]);
             const q = document.querySelector(arguments[2]);
             return [new URLSearchParams(new URL(arguments[0]).hash.slice(1)).get('relay'),
                     f.readOnly,
                     !!q && (q.tagName.toLowerCase() === 'svg' || !!q.querySelector('svg'))];",
            vec![
                class.link.as_str().into(),
                ui::testid(LIVE_LINK).into(),
                ui::testid(LIVE_QR).into(),
            ],
        )
        .await?;
    assert_eq!(relay_param, Some(relay.url()), "{}", class.link);
    assert!(read_only, "the link's field can be edited");
    assert!(qr, "no QR code of the link");
    let count = text(t, LIVE_COUNT).await?;
    assert!(count.contains("2 students"), "{count}");
    wait_locked(t, true).await?;
    t.find(&ui::testid(LIVE_HANDINS)).await?;
    assert!(
        t.find_all(&ui::testid(LIVE_HANDIN)).await?.is_empty(),
        "hand-ins before anyone handed in"
    );
    Ok(())
}

/// A student's banner says they follow, politely, and they are connected.
async fn banner_follows(student: &Page) -> R<()> {
    wait_mode(student, "following").await?;
    let css = ui::testid(LIVE_BANNER);
    assert_eq!(
        attr(student, &css, "role").await?.as_deref(),
        Some("status")
    );
    assert_eq!(
        attr(student, &css, "aria-live").await?.as_deref(),
        Some("polite")
    );
    let says = text(student, LIVE_BANNER).await?;
    assert!(says.contains("Following the teacher"), "{says}");
    wait_state(student, &["open"], wait::DEFAULT_TIMEOUT).await?;
    Ok(())
}

/// On a locked class, a student's Delete and drag change neither their
/// board nor the teacher's. A drag there may pan the view, which leaves
/// follow: the student returns to the teacher.
async fn read_only(student: &Page, teacher: &Page) -> R<()> {
    let before = board(student).await?;
    let teachers = board(teacher).await?;
    let id = reachable_card(student, &[]).await?;
    let card = student.find(&ui::component(&id)).await?;
    student.click(&card).await?;
    student.press(Key::Delete).await?;
    student.drag_by(&card, 100, 40).await?;
    tokio::time::sleep(SETTLE).await;
    assert_eq!(
        board(student).await?,
        before,
        "a student changed a locked board"
    );
    assert_eq!(
        board(teacher).await?,
        teachers,
        "a student changed the teacher's board"
    );
    if !student.find_all(&ui::testid(LIVE_RETURN)).await?.is_empty() {
        press_control(student, &ui::testid(LIVE_RETURN)).await?;
    }
    wait_mode(student, "following").await
}

/// The teacher drags a component; every student's shows where the
/// teacher's is within `within` of the release.
async fn teacher_moves_a_card(class: &Class, within: Duration) -> R<()> {
    let t = &class.teacher;
    let before = board(t).await?;
    let id = reachable_card(t, &[]).await?;
    let card = t.find(&ui::component(&id)).await?;
    t.drag_by(&card, 90, 60).await?;
    let was = before.iter().find(|c| c.id == id).map(|c| c.at.clone());
    let moved = wait::wait_until(
        "the teacher's component to move",
        wait::DEFAULT_TIMEOUT,
        async || {
            let now = board(t).await?;
            let at = now.iter().find(|c| c.id == id).map(|c| c.at.clone());
            Ok(if at == was {
                Poll::Pending(format!("{id} still at {at:?}"))
            } else {
                Poll::Ready(now)
            })
        },
    )
    .await?;
    let what = format!("the teacher's move of {id} on a student's board");
    let [a, b] = &class.students;
    let (a, b) = tokio::join!(
        wait_board(a, &moved, within, &what),
        wait_board(b, &moved, within, &what)
    );
    a?;
    b?;
    Ok(())
}

/// Takes the console errors of `pages`, failing on any but Chromium's own
/// report of a connection to `relay` that failed while it was down.
async fn forgive_relay_outage(pages: &[&Page], relay: &Relay) -> R<()> {
    let refused = format!("WebSocket connection to '{}", relay.url());
    let mut other = Vec::new();
    for page in pages {
        other.extend(
            page.take_console_errors()
                .await?
                .into_iter()
                .filter(|e| !e.contains(&refused)),
        );
    }
    assert!(
        other.is_empty(),
        "console errors besides the relay being down:\n{}",
        other.join("\n")
    );
    Ok(())
}

#[tokio::test]
async fn a_class_starts_and_students_follow_the_teachers_board_read_only() {
    class_test(
        "a_class_starts_and_students_follow_the_teachers_board_read_only",
        async |class, relay| {
            panel_shows_the_class(&class, relay).await?;
            for s in &class.students {
                banner_follows(s).await?;
            }
            teacher_moves_a_card(&class, FOLLOW_WITHIN).await?;
            for s in &class.students {
                read_only(s, &class.teacher).await?;
            }
            press_control(&class.teacher, &ui::testid(LIVE_END)).await?;
            class.teacher.wait_gone(&ui::testid(LIVE_PANEL)).await?;
            // Every student hears the class is over: the banner goes, the
            // board stays, and the address no longer names the class.
            for s in &class.students {
                s.wait_gone(&ui::testid(LIVE_BANNER)).await?;
                wait_toast_saying(s, "ended the class").await?;
                assert!(
                    !s.hash().await?.contains("live="),
                    "the address forgets the class"
                );
                assert!(!board(s).await?.is_empty(), "the board stays");
            }
            Ok(())
        },
    )
    .await;
}

/// The teacher zooms and pans: every student shows the teacher's view.
async fn view_reaches_students(class: &Class) -> R<()> {
    let t = &class.teacher;
    let before = look(t).await?;
    click(t, &ui::testid("zoom-in")).await?;
    let zoomed = wait_view_change(t, before).await?;
    for s in &class.students {
        wait_look(s, zoomed, "a student's view after the teacher's zoom").await?;
    }
    let at = app::free_canvas_point(t).await?;
    let before = look(t).await?;
    space_pan(t, at, (-140, -70)).await?;
    let panned = wait_view_change(t, before).await?;
    for s in &class.students {
        wait_look(s, panned, "a student's view after the teacher's pan").await?;
    }
    Ok(())
}

/// The teacher selects a component: it is the one selected on every
/// student's board.
async fn selection_reaches_students(class: &Class) -> R<()> {
    let t = &class.teacher;
    let id = reachable_card(t, &[]).await?;
    click(t, &ui::component(&id)).await?;
    let selected = format!("{}.selected", ui::component(&id));
    t.wait_for(&selected).await?;
    for s in &class.students {
        s.wait_for(&selected).await?;
        let n = s
            .find_all(&format!("{}.selected", ui::components()))
            .await?
            .len();
        assert_eq!(n, 1, "{n} components selected on a student's board");
    }
    Ok(())
}

/// The teacher runs the design and moves the replay: every student shows
/// the same moment (running the board themselves), still following.
async fn moment_reaches_students(class: &Class) -> R<()> {
    let t = &class.teacher;
    run_and_wait(t).await?;
    let _: bool = t
        .eval(
            "const r = document.querySelector('[data-testid=\"replay-scrubber\"]');
             r.value = 60; r.dispatchEvent(new Event('input', {bubbles: true}));
             return true;",
        )
        .await?;
    wait::wait_for("the teacher's replay at 1:00", async || {
        Ok(text(t, "replay-time")
            .await
            .is_ok_and(|s| s.starts_with("1:00 of")))
    })
    .await?;
    let moment = text(t, "replay-time").await?;
    for s in &class.students {
        wait::wait_until(
            &format!("a student's replay at {moment:?}"),
            wait::RUN_TIMEOUT,
            async || {
                let now: String = s
                    .eval(
                        "const e = document.querySelector('[data-testid=\"replay-time\"]');
                         return e ? e.textContent : '';",
                    )
                    .await?;
                Ok(if now == moment {
                    Poll::Ready(())
                } else {
                    Poll::Pending(now)
                })
            },
        )
        .await?;
        // The run's drawer opening is no pan of the student's.
        let mode = attr(s, &ui::testid(LIVE_BANNER), "data-mode").await?;
        assert_eq!(mode.as_deref(), Some("following"), "after the replay");
    }
    Ok(())
}

/// The teacher points with the laser: the trail shows on every student's
/// board while it is drawn.
async fn laser_reaches_students(class: &Class) -> R<()> {
    let t = &class.teacher;
    let [a, b] = &class.students;
    // Found before a tool covers the canvas.
    let start = app::free_canvas_point(t).await?;
    press_control(t, &ui::testid("ink-toggle")).await?;
    press_control(t, &ui::testid("tool-laser")).await?;
    let stroke: Vec<(i64, i64)> = (1..=40).map(|i| (3 * i, i)).collect();
    let lines = format!("{} line", ui::testid(LIVE_LASER));
    let what = "the teacher's laser on a student's board";
    let (drawn, on_a, on_b) = tokio::join!(
        trace(t, start, &stroke),
        a.wait_for_count(&lines, what, |n| n >= 1),
        b.wait_for_count(&lines, what, |n| n >= 1),
    );
    drawn?;
    on_a?;
    on_b?;
    press_control(t, &ui::testid("ink-toggle")).await?;
    Ok(())
}

#[tokio::test]
async fn students_follow_the_teachers_view_selection_laser_and_replay() {
    class_test(
        "students_follow_the_teachers_view_selection_laser_and_replay",
        async |class, _relay| {
            view_reaches_students(&class).await?;
            selection_reaches_students(&class).await?;
            laser_reaches_students(&class).await?;
            moment_reaches_students(&class).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_student_who_pans_stops_following_until_they_return() {
    class_test(
        "a_student_who_pans_stops_following_until_they_return",
        async |class, _relay| {
            let t = &class.teacher;
            let [a, b] = &class.students;
            let t0 = look(t).await?;
            click(t, &ui::testid("zoom-in")).await?;
            let t1 = wait_view_change(t, t0).await?;
            for s in [a, b] {
                wait_look(s, t1, "a student's view after the teacher's zoom").await?;
            }

            // A pans away: paused, with a way back; B still follows.
            let at = app::free_canvas_point(a).await?;
            space_pan(a, at, (120, 80)).await?;
            wait_mode(a, "paused").await?;
            a.wait_for(&ui::testid(LIVE_RETURN)).await?;
            let away = look(a).await?;
            assert!(!away.centred_on(t1), "the pan did not move the view");
            wait_mode(b, "following").await?;

            // The teacher pans: B follows, A stays where they went.
            let at = app::free_canvas_point(t).await?;
            space_pan(t, at, (-100, -60)).await?;
            let t2 = wait_view_change(t, t1).await?;
            wait_look(b, t2, "the following student's view").await?;
            tokio::time::sleep(SETTLE).await;
            let still = look(a).await?;
            assert!(
                still.centred_on(away) && (still.zoom - away.zoom).abs() < 1e-6,
                "a paused student's view followed: {away:?} -> {still:?}"
            );

            // Back to the teacher: following, at the teacher's view.
            press_control(a, &ui::testid(LIVE_RETURN)).await?;
            wait_mode(a, "following").await?;
            wait_look(a, t2, "the returned student's view").await?;
            a.wait_gone(&ui::testid(LIVE_RETURN)).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn an_unlocked_class_hands_in_and_the_teacher_shows_a_students_design() {
    class_test(
        "an_unlocked_class_hands_in_and_the_teacher_shows_a_students_design",
        async |class, _relay| {
            let t = &class.teacher;
            let [a, b] = &class.students;
            press_control(t, &ui::testid(LIVE_LOCK)).await?;
            wait_locked(t, false).await?;
            for s in [a, b] {
                wait_mode(s, "free").await?;
            }

            // A works on their own copy and hands it in.
            let id = reachable_card(a, &[]).await?;
            click(a, &ui::component(&id)).await?;
            a.press(Key::Delete).await?;
            a.wait_gone(&ui::component(&id)).await?;
            let handed = board(a).await?;
            press_control(a, &ui::testid(LIVE_NAME)).await?;
            let name = a.find(&ui::testid(LIVE_NAME)).await?;
            a.type_into(&name, "Ada").await?;
            press_control(a, &ui::testid(LIVE_SEND)).await?;
            let row = format!("{}[data-name=\"Ada\"]", ui::testid(LIVE_HANDIN));
            t.wait_for(&format!("{} {row}", ui::testid(LIVE_HANDINS)))
                .await?;
            t.find(&format!("{row} {}", ui::testid(LIVE_HANDIN_OPEN)))
                .await?;
            t.wait_for(&ui::component(&id)).await?;
            wait_board(
                b,
                &board(t).await?,
                wait::DEFAULT_TIMEOUT,
                "the other student's board unchanged by A's copy",
            )
            .await?;

            // Locked again, everyone follows the teacher's board; students
            // follow only a locked class, so the teacher shows A's design then.
            press_control(t, &ui::testid(LIVE_LOCK)).await?;
            wait_locked(t, true).await?;
            class.all_follow().await?;
            press_control(t, &format!("{row} {}", ui::testid(LIVE_HANDIN_SHOW))).await?;
            for s in [b, a] {
                wait_board(
                    s,
                    &handed,
                    wait::DEFAULT_TIMEOUT,
                    "Ada's design shown on a student's board",
                )
                .await?;
            }

            // Unlocked and locked again: the teacher's board is back.
            press_control(t, &ui::testid(LIVE_LOCK)).await?;
            wait_locked(t, false).await?;
            for s in [a, b] {
                wait_mode(s, "free").await?;
            }
            press_control(t, &ui::testid(LIVE_LOCK)).await?;
            wait_locked(t, true).await?;
            class.all_follow().await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_class_comes_back_after_the_relay_restarts() {
    class_test(
        "a_class_comes_back_after_the_relay_restarts",
        async |class, relay| {
            relay.kill()?;
            for p in class.everyone() {
                wait_state(p, &["reconnecting", "connecting"], wait::DEFAULT_TIMEOUT).await?;
            }
            relay.restart().await?;
            for p in class.everyone() {
                wait_state(p, &["open"], RECONNECT_WITHIN).await?;
            }
            forgive_relay_outage(&class.everyone(), relay).await?;
            wait_attr(
                &class.teacher,
                LIVE_COUNT,
                "data-count",
                &["2"],
                wait::DEFAULT_TIMEOUT,
            )
            .await?;
            for s in &class.students {
                wait_mode(s, "following").await?;
            }
            teacher_moves_a_card(&class, wait::DEFAULT_TIMEOUT).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_message_changed_on_the_way_is_refused_with_a_notice() {
    class_test(
        "a_message_changed_on_the_way_is_refused_with_a_notice",
        async |class, relay| {
            let t = &class.teacher;
            let before = [
                board(&class.students[0]).await?,
                board(&class.students[1]).await?,
            ];
            let keys = ClassKeys::parse(&t.hash().await?)?;
            let socket = format!("{}{}", relay.url(), keys.relay_path());
            let sent: String = t.eval_with(TAMPER, vec![socket.into()]).await?;
            assert_eq!(sent, "sent");
            for (s, was) in class.students.iter().zip(&before) {
                wait_toast_saying(s, "changed on the way").await?;
                assert_eq!(&board(s).await?, was, "a refused message changed the board");
                wait_mode(s, "following").await?;
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_hand_in_gets_the_open_challenges_verdict_judged_on_the_teachers_page() {
    let mut relay = Relay::start().await;
    let relay = &mut relay;
    run(
        "a_hand_in_gets_the_open_challenges_verdict_judged_on_the_teachers_page",
        |t| async move {
            let relay = relay.as_mut().map_err(|e| e.to_string())?;
            let c = skydraft_core::challenge::get("az-outage").ok_or("no az-outage")?;
            let expected = skydraft_core::challenge::judge(&c, &c.start)?.summary();
            app::open_app(&t, "/").await?;
            click(&t, &ui::testid("challenges")).await?;
            click(&t, "[data-challenge=\"az-outage\"]").await?;
            t.wait_for(&ui::testid("challenge-panel")).await?;
            t.wait_gone(&ui::testid("challenges-gallery")).await?;
            let _: bool = t
                .eval_with(
                    "localStorage.setItem(arguments[0], arguments[1]); return true;",
                    vec![RELAY_KEY.into(), relay.url().into()],
                )
                .await?;
            click(&t, &ui::testid(ui::SHARE)).await?;
            press_control(&t, &ui::testid(LIVE_START)).await?;
            t.wait_for(&ui::testid(LIVE_PANEL)).await?;
            let link: String = t
                .wait_for(&ui::testid(LIVE_LINK))
                .await?
                .prop("value")
                .await?
                .unwrap_or_default();
            let s = join(&t, &link).await?;
            wait_mode(&s, "following").await?;
            press_control(&t, &ui::testid(LIVE_LOCK)).await?;
            wait_mode(&s, "free").await?;
            press_control(&s, &ui::testid(LIVE_NAME)).await?;
            let name = s.find(&ui::testid(LIVE_NAME)).await?;
            s.type_into(&name, "Bo").await?;
            press_control(&s, &ui::testid(LIVE_SEND)).await?;
            // The starting design, judged in the teacher's worker: the same
            // verdict core gives.
            let css = format!(
                "{}[data-name=\"Bo\"] [data-testid=\"live-handin-verdict\"]",
                ui::testid(LIVE_HANDIN)
            );
            let shown = wait::wait_until(
                "the hand-in's verdict",
                Duration::from_secs(60),
                async || {
                    let text: Option<String> = t
                        .eval_with(
                            "const e = document.querySelector(arguments[0]); return e && e.textContent;",
                            vec![css.clone().into()],
                        )
                        .await?;
                    Ok(match text {
                        Some(line) if !line.starts_with("Judging") => Poll::Ready(line),
                        other => Poll::Pending(format!("{other:?}")),
                    })
                },
            )
            .await?;
            assert_eq!(shown, expected, "the teacher's verdict is core's");
            assert!(shown.starts_with("Not passed yet"), "the start fails: {shown}");

            // Open: the hand-in opens in a tab of its own as a submission to
            // the challenge, judged at once with the same verdict.
            let driver = t.driver().clone();
            let board_tab = driver.window().await?;
            press_control(
                &t,
                &format!(
                    "{}[data-name=\"Bo\"] {}",
                    ui::testid(LIVE_HANDIN),
                    ui::testid(LIVE_HANDIN_OPEN)
                ),
            )
            .await?;
            let tab = wait::wait_until("the hand-in's tab", Duration::from_secs(5), async || {
                let other = driver
                    .windows()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .find(|w| *w != board_tab);
                Ok(other.map_or_else(|| Poll::Pending("one tab".into()), Poll::Ready))
            })
            .await?;
            driver.switch_to_window(tab).await?;
            wait_toast_saying(&t, "Bo's submission").await?;
            let verdict = t.wait_for(&ui::testid("verdict")).await?;
            assert_eq!(verdict.attr("data-passed").await?.as_deref(), Some("false"));
            let met: String = t
                .eval("return document.querySelector('[data-testid=\"verdict\"]').textContent;")
                .await?;
            let goals = expected.split(" · ").nth(1).ok_or("no goals part")?;
            assert!(met.contains(goals), "the tab's verdict {met:?} says {goals:?}");
            Ok(())
        },
    )
    .await;
}
