//! The deadline calendar: each reader sees the deadlines of their own rows
//! (a cadre their scope's or only their own union's, an organization its
//! own, a reviewer their reviews), a crowded day shows a few and counts the
//! rest, the months page back and forth with today marked, and the private
//! feed is valid iCalendar read without a login until it is replaced or
//! stopped.

use uuid::Uuid;

use crate::common::{Client, TestApp};

/// A month far from the demo's own dates, so that only what a test puts
/// there is there.
const MONTH: &str = "2031-05";
const DAY: &str = "2031-05-12";

/// The first report of `account`'s organization still to be written.
async fn open_report(app: &TestApp, account: &str) -> Uuid {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select r.id from reports r join users u on u.org_id = r.org_id
          where u.username = $1 and r.status in ('due', 'draft', 'returned')
          order by r.due_on, r.id limit 1",
    )
    .bind(account)
    .fetch_one(&mut conn)
    .await
    .expect("an open report of the demo's organization")
}

/// Moves a report's due date (as the owner; the schedule is fixed at signing).
async fn due_on(app: &TestApp, report: Uuid, day: &str) {
    let mut conn = app.owner().await;
    sqlx::query("update reports set due_on = $2::date where id = $1")
        .bind(report)
        .bind(day)
        .execute(&mut conn)
        .await
        .expect("move the due date");
}

/// The calendar page at `query`, with its links' ampersands unescaped.
async fn list(client: &Client, query: &str) -> String {
    let page = client.get(&format!("/calendar?{query}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.body.replace("&#38;", "&")
}

#[tokio::test]
async fn a_cadre_sees_the_reports_due_in_their_scope_and_not_another_provinces() {
    let app = TestApp::spawn().await;
    let guangzhou = open_report(&app, "org-1").await;
    let beijing = open_report(&app, "org-2").await;
    due_on(&app, guangzhou, DAY).await;
    due_on(&app, beijing, DAY).await;
    let query = format!("month={MONTH}&view=list");

    let page = list(&app.signed_in("gz-staff").await, &query).await;
    assert!(page.contains(&format!("/reports/{guangzhou}")), "{page}");
    assert!(!page.contains(&format!("/reports/{beijing}")));
    assert!(page.contains("报告截止"));

    let page = list(&app.signed_in("bj-admin").await, &query).await;
    assert!(page.contains(&format!("/reports/{beijing}")));
    assert!(!page.contains(&format!("/reports/{guangzhou}")));

    let page = list(&app.signed_in("national-admin").await, &query).await;
    assert!(page.contains(&format!("/reports/{beijing}")));
    assert!(page.contains(&format!("/reports/{guangzhou}")));

    // The grid names the one deadline of the day and links to it.
    let grid = list(&app.signed_in("gz-staff").await, &format!("month={MONTH}")).await;
    assert!(
        grid.contains(&format!("href=\"/reports/{guangzhou}\"")),
        "{grid}"
    );
    assert!(!grid.contains(&format!("/reports/{beijing}")));
}

#[tokio::test]
async fn an_organization_and_its_supervisor_see_only_their_own_deadlines() {
    let app = TestApp::spawn().await;
    let own = open_report(&app, "org-1").await;
    let other = open_report(&app, "org-2").await;
    due_on(&app, own, DAY).await;
    due_on(&app, other, DAY).await;
    let mut conn = app.owner().await;
    let order: Uuid = sqlx::query_scalar(
        "update rectifications set deadline = $1::date
          where id = (select x.id from rectifications x join users u on u.org_id = x.org_id
                       where u.username = 'org-1' and x.status <> 'closed' limit 1)
         returning id",
    )
    .bind(DAY)
    .fetch_one(&mut conn)
    .await
    .expect("the demo's open rectification order of org-1");
    let query = format!("month={MONTH}&view=list");

    let page = list(&app.signed_in("org-1").await, &query).await;
    assert!(page.contains(&format!("/reports/{own}")), "{page}");
    assert!(page.contains(&format!("/rectifications/{order}")));
    assert!(page.contains("整改期限"));
    assert!(!page.contains(&format!("/reports/{other}")));
    assert!(
        !page.contains("本级工会负责的"),
        "an organization has no narrower view"
    );

    let page = list(&app.signed_in("org-2").await, &query).await;
    assert!(page.contains(&format!("/reports/{other}")));
    assert!(!page.contains(&format!("/reports/{own}")));
    assert!(!page.contains(&format!("/rectifications/{order}")));

    // The supervisor of org-1's contract sees what it supervises.
    let page = list(&app.signed_in("evaluator-1").await, &query).await;
    assert!(page.contains(&format!("/rectifications/{order}")));
    assert!(page.contains(&format!("/reports/{own}")));
}

#[tokio::test]
async fn a_reviewer_sees_the_reviews_assigned_to_them() {
    let app = TestApp::spawn().await;
    let mut conn = app.owner().await;
    let (project, application, month): (Uuid, Uuid, String) = sqlx::query_as(
        "select p.id, a.id, to_char(p.service_starts_on, 'YYYY-MM') from projects p
           join applications a on a.project_id = p.id and a.status = 'submitted'
          where p.title = '电子厂女职工权益维护服务'
            and not exists (select 1 from review_assignments r join users u on u.id = r.reviewer_id
                             where r.application_id = a.id and u.username = 'reviewer-1')
            and not exists (select 1 from reviewer_links l join users u on u.id = l.reviewer_id
                             where l.org_id = a.org_id and u.username = 'reviewer-1')
          order by a.id limit 1",
    )
    .fetch_one(&mut conn)
    .await
    .expect("the demo's call under review");
    let reviewer = app.user_id("reviewer-1").await;
    let staff = app.signed_in("sz-staff").await;
    assert_eq!(
        crate::reviews::assign(&staff, project, application, reviewer).await,
        303
    );
    let assignment = crate::reviews::assignment_of(&app, application, reviewer).await;
    let query = format!("month={month}&view=list");

    let page = list(&app.signed_in("reviewer-1").await, &query).await;
    assert!(page.contains(&format!("/reviews/{assignment}")), "{page}");
    assert!(page.contains("评审截止"));
    let page = list(&app.signed_in("reviewer-3").await, &query).await;
    assert!(!page.contains(&format!("/reviews/{assignment}")));
    // The purchaser's staff see the project's reviews due.
    let page = list(&staff, &query).await;
    assert!(page.contains(&format!("/projects/{project}/reviews")));
}

#[tokio::test]
async fn my_own_deadlines_are_my_unions_and_a_crowded_day_is_counted() {
    let app = TestApp::spawn().await;
    let report = open_report(&app, "org-1").await;
    due_on(&app, report, DAY).await;
    let province = app.union_id(Some("440000")).await;
    let own_org = app.add_org("省直属职工服务社", province).await;
    let city = app.union_id(Some("440100")).await;
    let mut conn = app.owner().await;
    sqlx::query("update organizations set next_contact_due = $2::date where id = $1")
        .bind(own_org)
        .bind(DAY)
        .execute(&mut conn)
        .await
        .expect("due for contact");
    // Sixty organizations of 广州 due the next day: more than a day counts.
    // (A new organization's first contact is due by its union's interval:
    // the date is set after.)
    sqlx::query(
        "insert into organizations (union_id, name, org_type, guidance_category, relationship)
         select $1, '广州待联系组织' || i, 'unregistered', 'guide', 'contacted'
           from generate_series(1, 60) i",
    )
    .bind(city)
    .execute(&mut conn)
    .await
    .expect("sixty organizations");
    sqlx::query(
        "update organizations set next_contact_due = '2031-05-13' where name like '广州待联系组织%'",
    )
    .execute(&mut conn)
    .await
    .expect("due the next day");
    let admin = app.signed_in("gd-admin").await;

    let scope = list(&admin, &format!("month={MONTH}&view=list")).await;
    assert!(scope.contains(&format!("/reports/{report}")), "{scope}");
    assert!(scope.contains(&format!("/orgs/{own_org}")));
    let crowded = scope
        .split("id=\"d-2031-05-13\"")
        .nth(1)
        .expect("the crowded day")
        .split("</section>")
        .next()
        .expect("its section");
    assert!(crowded.contains("50+"), "{crowded}");
    assert_eq!(crowded.matches("href=\"/orgs/").count(), 3, "{crowded}");

    let own = list(&admin, &format!("month={MONTH}&view=list&mine=1")).await;
    assert!(own.contains(&format!("/orgs/{own_org}")), "{own}");
    assert!(!own.contains(&format!("/reports/{report}")));
    assert!(
        !own.contains("d-2031-05-13"),
        "广州's organizations are the city's"
    );

    // The grid counts the crowded day and links to the list at that day.
    let grid = list(&admin, &format!("month={MONTH}")).await;
    assert!(grid.contains("待联系 · 50+"), "{grid}");
    assert!(grid.contains(&format!("/calendar?month={MONTH}&view=list#d-2031-05-13")));
}

#[tokio::test]
async fn months_page_back_and_forth_and_today_is_marked() {
    let app = TestApp::spawn().await;
    let client = app.signed_in("gz-staff").await;
    let page = list(&client, &format!("month={MONTH}")).await;
    assert!(page.contains("日程 · 2031-05"));
    assert!(page.contains("href=\"/calendar?month=2031-04\""), "{page}");
    assert!(page.contains("href=\"/calendar?month=2031-06\""));
    assert!(
        !page.contains("aria-current=\"date\""),
        "today is not in 2031"
    );
    let next = list(&client, "month=2031-06&view=list").await;
    assert!(next.contains("日程 · 2031-06"));
    assert!(next.contains("href=\"/calendar?month=2031-07&view=list\""));

    let today = chrono::Local::now().date_naive();
    let page = list(&client, "").await;
    assert!(page.contains(&format!("日程 · {}", today.format("%Y-%m"))));
    let marked = page
        .split("class=\"today\" aria-current=\"date\"")
        .nth(1)
        .expect("today's cell");
    assert!(
        marked.contains(&format!("{}", today.format("%-d"))),
        "{marked}"
    );
    assert!(
        page.contains("href=\"/calendar\""),
        "the navigation links here"
    );

    for bad in ["month=2031-13", "month=abc", "view=week", "mine=yes"] {
        let page = client.get(&format!("/calendar?{bad}")).await;
        assert_eq!(page.status, 400, "{bad}");
    }
}

/// The path of the feed shown on the page a feed is made on.
fn feed_path(page: &str) -> String {
    let at = page.find("id=\"feed-url\"").expect("the address field");
    let value = &page[at..];
    let start = value.find("value=\"").expect("its value") + "value=\"".len();
    let url = &value[start..start + value[start..].find('"').expect("the value's end")];
    let path = url
        .find("/calendar/feed/")
        .map(|at| &url[at..])
        .expect("an address of a feed");
    assert!(path.ends_with(".ics"), "{path}");
    path.to_owned()
}

async fn make_feed(client: &Client) -> String {
    client.get("/calendar").await;
    let page = client.post("/calendar/feed", &[]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    feed_path(&page.body)
}

/// Checks the body is iCalendar as RFC 5545 writes it — CRLF line ends, lines
/// of at most 75 octets folded with a leading space, balanced BEGIN/END —
/// and returns its unfolded lines.
fn parse_icalendar(body: &str) -> Vec<String> {
    assert!(body.ends_with("\r\n"), "the last line ends with CRLF");
    let physical: Vec<&str> = body[..body.len() - 2].split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in &physical {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "a bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match line.strip_prefix(' ') {
            Some(continued) => lines
                .last_mut()
                .expect("a folded line continues another")
                .push_str(continued),
            None => lines.push((*line).to_owned()),
        }
    }
    let mut open: Vec<String> = Vec::new();
    for line in &lines {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            open.push(name.to_owned());
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(
                open.pop().as_deref(),
                Some(name),
                "END:{name} closes what opened"
            );
        } else {
            assert!(!open.is_empty(), "{line:?} outside any component");
            assert!(line.contains(':'), "{line:?} is no property");
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    lines
}

/// The properties of the event whose UID is `uid`.
fn event<'a>(lines: &'a [String], uid: &str) -> Option<&'a [String]> {
    let at = lines.iter().position(|l| *l == format!("UID:{uid}"))?;
    let start = lines[..at].iter().rposition(|l| l == "BEGIN:VEVENT")?;
    let end = at + lines[at..].iter().position(|l| l == "END:VEVENT")?;
    Some(&lines[start..=end])
}

#[tokio::test]
async fn the_feed_is_icalendar_read_without_login_until_replaced_or_stopped() {
    let app = TestApp::spawn().await;
    let report = open_report(&app, "org-1").await;
    let beijing = open_report(&app, "org-2").await;
    let soon = chrono::Local::now().date_naive() + chrono::Days::new(5);
    due_on(&app, report, &soon.to_string()).await;
    due_on(&app, beijing, &soon.to_string()).await;
    // A title long enough to fold, with characters the format escapes.
    let mut conn = app.owner().await;
    sqlx::query(
        "update projects set title = '外卖骑手职业伤害保障宣传服务（第一期）; 覆盖天河区, 白云区和番禺区的站点'
          where id = (select project_id from reports where id = $1)",
    )
    .bind(report)
    .execute(&mut conn)
    .await
    .expect("a long title");

    let staff = app.signed_in("gz-staff").await;
    let path = make_feed(&staff).await;
    let visitor = app.client();
    let feed = visitor.get(&path).await;
    assert_eq!(feed.status, 200, "{}", feed.body);
    assert!(feed.header("content-type").starts_with("text/calendar"));
    let lines = parse_icalendar(&feed.body);
    assert!(feed.body.contains("\r\n "), "a long line is folded");
    let uid = format!("report_due-{report}@niudai");
    let properties = event(&lines, &uid).expect("the report's event");
    assert!(properties.contains(&format!("DTSTART;VALUE=DATE:{}", soon.format("%Y%m%d"))));
    let summary = properties
        .iter()
        .find(|l| l.starts_with("SUMMARY:"))
        .expect("a summary");
    assert!(
        summary.starts_with(
            "SUMMARY:报告截止：外卖骑手职业伤害保障宣传服务（第一期）\\; 覆盖天河区\\, 白云区"
        ),
        "{summary}"
    );
    assert!(
        event(&lines, &format!("report_due-{beijing}@niudai")).is_none(),
        "the feed reads as its owner: 北京's report is not 广州's"
    );
    // Read again, the same deadline keeps its UID.
    let again = parse_icalendar(&visitor.get(&path).await.body);
    assert!(event(&again, &uid).is_some());

    // The page now offers to replace or stop it; replacing kills the old address.
    let page = staff.get("/calendar").await;
    assert!(page.contains("重新生成") && page.contains("停用"));
    let replacement = make_feed(&staff).await;
    assert_ne!(replacement, path);
    assert_eq!(visitor.get(&path).await.status, 404);
    assert_eq!(visitor.get(&replacement).await.status, 200);

    // Stopping it leaves its address answering 404.
    staff.get("/calendar").await;
    let stopped = staff.post("/calendar/feed/revoke", &[]).await;
    assert_eq!(stopped.status, 303);
    assert_eq!(visitor.get(&replacement).await.status, 404);
    assert!(staff.get("/calendar").await.contains("生成订阅地址"));

    for junk in [
        "/calendar/feed/nothing.ics",
        "/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
        replacement.trim_end_matches(".ics"),
    ] {
        assert_eq!(visitor.get(junk).await.status, 404, "{junk}");
    }

    let user = app.user_id("gz-staff").await;
    let actions: Vec<String> = sqlx::query_scalar(
        "select action from audit_log where actor_id = $1 and action like 'calendar_feed.%'
          order by occurred_at, id",
    )
    .bind(user)
    .fetch_all(&mut conn)
    .await
    .expect("the audit log");
    assert_eq!(
        actions,
        [
            "calendar_feed.created",
            "calendar_feed.replaced",
            "calendar_feed.revoked"
        ]
    );
    let left: i64 = sqlx::query_scalar("select count(*) from calendar_feeds where user_id = $1")
        .bind(user)
        .fetch_one(&mut conn)
        .await
        .expect("the feeds");
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_feed_holds_only_a_hash_of_its_token_and_dies_with_its_account() {
    let app = TestApp::spawn().await;
    let org = app.signed_in("org-1").await;
    let path = make_feed(&org).await;
    let token = path
        .trim_start_matches("/calendar/feed/")
        .trim_end_matches(".ics");
    let mut conn = app.owner().await;
    let (hash, matches): (Vec<u8>, bool) = sqlx::query_as(
        "select token_hash, token_hash = sha256(convert_to($1, 'UTF8')) from calendar_feeds f
           join users u on u.id = f.user_id where u.username = 'org-1'",
    )
    .bind(token)
    .fetch_one(&mut conn)
    .await
    .expect("the feed");
    assert!(matches && !String::from_utf8_lossy(&hash).contains(token));
    let visitor = app.client();
    assert_eq!(visitor.get(&path).await.status, 200);
    sqlx::query("update users set disabled_at = now() where username = 'org-1'")
        .execute(&mut conn)
        .await
        .expect("disable the account");
    assert_eq!(visitor.get(&path).await.status, 404);
}

#[tokio::test]
async fn nobody_makes_stops_or_reads_another_accounts_feed() {
    use sqlx::Connection;
    let app = TestApp::spawn().await;
    let admin = app.user_id("gd-admin").await;
    let staff = app.user_id("gz-staff").await;
    let owner_feed = make_feed(&app.signed_in("gd-admin").await).await;
    let mut serving = app.serving().await;
    let mut tx = serving.begin().await.expect("begin");
    sqlx::query(
        "select set_config('niudai.scope', '', true), set_config('niudai.user_id', $1, true),
                set_config('niudai.org_id', '', true)",
    )
    .bind(staff.to_string())
    .execute(&mut *tx)
    .await
    .expect("act as gz-staff");
    let seen: i64 = sqlx::query_scalar("select count(*) from calendar_feeds")
        .fetch_one(&mut *tx)
        .await
        .expect("read");
    assert_eq!(seen, 0, "another account's feed is not even seen");
    let deleted = sqlx::query("delete from calendar_feeds where user_id = $1")
        .bind(admin)
        .execute(&mut *tx)
        .await
        .expect("delete");
    assert_eq!(deleted.rows_affected(), 0);
    let forged =
        sqlx::query("insert into calendar_feeds (user_id, token_hash) values ($1, '\\x00'::bytea)")
            .bind(app.user_id("sz-staff").await)
            .execute(&mut *tx)
            .await;
    assert!(forged.is_err(), "a feed in another's name is refused");
    tx.rollback().await.expect("rollback");
    assert_eq!(app.client().get(&owner_feed).await.status, 200);
}
