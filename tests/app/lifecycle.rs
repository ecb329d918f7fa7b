//! The lifecycle bar on a project's page: the eight steps, the one the project
//! is at marked for eyes and screen readers, the steps done dated from the
//! timeline and the contract and closing records, and a return or a
//! cancellation shown where it happened.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::common::{Client, TestApp};

/// One step as the page shows it.
#[derive(Debug)]
struct Shown {
    state: String,
    current: bool,
    text: String,
    date: Option<String>,
}

async fn bar(client: &Client, project: Uuid) -> Vec<Shown> {
    let page = client.get(&format!("/projects/{project}")).await;
    assert_eq!(page.status, 200);
    let html = Html::parse_document(&page.body);
    let steps = Selector::parse("nav.lifecycle li").expect("selector");
    let time = Selector::parse("time").expect("selector");
    let shown: Vec<Shown> = html
        .select(&steps)
        .map(|li| Shown {
            state: li
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("lifecycle-").filter(|s| *s != "step"))
                .unwrap_or_default()
                .to_owned(),
            current: li.value().attr("aria-current") == Some("step"),
            text: li.text().collect::<String>().split_whitespace().collect(),
            date: li
                .select(&time)
                .next()
                .and_then(|t| t.value().attr("datetime").map(str::to_owned)),
        })
        .collect();
    assert_eq!(shown.len(), 8, "{shown:?}");
    assert_eq!(
        shown.iter().filter(|s| s.current).count(),
        1,
        "one step is where the project is: {shown:?}"
    );
    shown
}

async fn project(app: &TestApp, title: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select id from projects where title = $1")
        .bind(title)
        .fetch_one(&mut conn)
        .await
        .expect(title)
}

fn states(bar: &[Shown]) -> Vec<&str> {
    bar.iter().map(|s| s.state.as_str()).collect()
}

fn china_date(at: DateTime<Utc>) -> String {
    at.with_timezone(&FixedOffset::east_opt(8 * 3600).expect("offset"))
        .date_naive()
        .to_string()
}

#[tokio::test]
async fn an_open_call_is_at_the_call_with_approval_behind_it() {
    let app = TestApp::spawn().await;
    let id = project(&app, "新就业形态劳动者驿站关爱服务").await;
    let shown = bar(&app.login("gz-staff").await, id).await;
    assert_eq!(
        states(&shown),
        [
            "done", "done", "current", "ahead", "ahead", "ahead", "ahead", "ahead"
        ]
    );
    assert!(
        shown[2].current && shown[2].text.contains("征集当前·申报中"),
        "{shown:?}"
    );
    assert!(shown[0].text.contains("草稿已完成"));
    assert!(shown[..3].iter().all(|s| s.date.is_some()), "{shown:?}");
    assert!(shown[3..].iter().all(|s| s.date.is_none()));
}

#[tokio::test]
async fn a_closed_project_has_every_step_done_and_dated_by_its_records() {
    let app = TestApp::spawn().await;
    let id = project(&app, "职工法律服务进园区").await;
    let (signed_on, closed_at): (NaiveDate, DateTime<Utc>) = {
        let mut conn = app.owner().await;
        sqlx::query_as(
            "select c.signed_on, k.closed_at from contracts c
               join project_closings k on k.project_id = c.project_id where c.project_id = $1",
        )
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .expect("contract and closing")
    };
    let shown = bar(&app.login("gd-admin").await, id).await;
    assert!(shown.iter().all(|s| s.state == "done"), "{shown:?}");
    assert!(shown[7].current && shown[7].text.contains("结项已结项"));
    assert_eq!(
        shown[5].date,
        Some(signed_on.to_string()),
        "the signature's day"
    );
    assert_eq!(
        shown[7].date,
        Some(china_date(closed_at)),
        "the closing's day"
    );
}

#[tokio::test]
async fn a_cancelled_project_and_a_returned_draft_show_where_it_happened() {
    let app = TestApp::spawn().await;
    let cancelled = project(&app, "职工子女暑期托管服务").await;
    let shown = bar(&app.login("bj-admin").await, cancelled).await;
    assert_eq!(&states(&shown)[..2], ["cancelled", "ahead"]);
    assert!(shown[0].current && shown[0].text.contains("已取消"));

    // Sent back from approval: the refusal on 审批, the draft current again.
    let pending = project(&app, "新市民职工心理关爱服务").await;
    let admin = app.login("gd-admin").await;
    admin.get(&format!("/projects/{pending}")).await;
    let returned = admin
        .post(
            &format!("/projects/{pending}/return"),
            &[("comment", "请补充服务对象的测算依据")],
        )
        .await;
    assert_eq!(returned.status, 303, "{}", returned.body);
    let shown = bar(&app.login("gz-staff").await, pending).await;
    assert_eq!(&states(&shown)[..3], ["current", "returned", "ahead"]);
    assert!(shown[1].text.contains("已退回修改") && shown[1].date.is_some());
}
