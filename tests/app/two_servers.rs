//! Two Niudai servers on one database and one file store, behind Debian's
//! nginx passing requests round-robin: a session works on both; a logout, a
//! disabled account and a changed role hold on the other server from the next
//! request it gets; periodic jobs run by both at once do their work once; a
//! file uploaded through one downloads through the other.

use std::net::{Ipv4Addr, SocketAddr};

use uuid::Uuid;

use crate::common::nginx::{self, Nginx};
use crate::common::{Client, PASSWORD, Page, TestApp};

const SESSION: &str = "niudai_session";

/// Two servers and the proxy in front of them.
struct Pair {
    one: TestApp,
    two: TestApp,
    proxy: Nginx,
}

/// Two servers configured as behind a proxy (its address is their public
/// URL; its forwarded client address is believed), then nginx before them.
async fn two_servers_behind_nginx() -> Pair {
    let port = nginx::free_port();
    let one = TestApp::spawn_with(|config| {
        config.public_url = Some(format!("http://127.0.0.1:{port}"));
        config.trusted_proxies = vec![Ipv4Addr::LOCALHOST.into()];
    })
    .await;
    let two = one.second_server().await;
    let proxy = Nginx::start(port, &[one.addr, two.addr]).await;
    Pair { one, two, proxy }
}

impl Pair {
    /// A browser logged in as `username` through the proxy.
    async fn login(&self, username: &str) -> Client {
        let browser = self.proxy.client();
        let page = browser.login(username, PASSWORD).await;
        assert_eq!(page.status, 303, "login of {username}: {}", page.body);
        browser
    }

    /// Which server gave `page`, as nginx says.
    fn server_of(&self, page: &Page) -> SocketAddr {
        let upstream = page.header("x-upstream");
        let server = upstream.parse().expect("one server named in X-Upstream");
        assert!(
            server == self.one.addr || server == self.two.addr,
            "{upstream}"
        );
        server
    }

    fn other_than(&self, server: SocketAddr) -> SocketAddr {
        if server == self.one.addr {
            self.two.addr
        } else {
            self.one.addr
        }
    }

    /// Asks through the proxy until each server has answered: the first
    /// answer of each, by server.
    async fn first_answer_of_each(
        &self,
        mut ask: impl AsyncFnMut() -> Page,
    ) -> Vec<(SocketAddr, Page)> {
        let mut answers: Vec<(SocketAddr, Page)> = Vec::new();
        for _ in 0..6 {
            let page = ask().await;
            let server = self.server_of(&page);
            if answers.iter().all(|(seen, _)| *seen != server) {
                answers.push((server, page));
            }
            if answers.len() == 2 {
                return answers;
            }
        }
        panic!("nginx passed six requests in a row to one server");
    }
}

/// `path` with the session cookie `token`, as a browser that kept it sends it.
async fn with_session(browser: &Client, token: &str, path: &str) -> Page {
    browser.set_cookie(SESSION, token);
    browser.get(path).await
}

#[tokio::test]
async fn a_session_works_on_both_servers_and_a_logout_through_one_ends_it_on_the_other() {
    let pair = two_servers_behind_nginx().await;
    let staff = pair.login("gz-staff").await;
    for (server, page) in pair
        .first_answer_of_each(async || staff.get("/orgs").await)
        .await
    {
        assert_eq!(page.status, 200, "{server}");
        assert!(page.contains("广州市总工会干部"), "logged in on {server}");
    }
    let token = staff.cookie(SESSION).expect("a session");
    staff.get("/").await;
    let logout = staff.post("/logout", &[]).await;
    assert_eq!(logout.status, 303);
    let other = pair.other_than(pair.server_of(&logout));
    let replayed = pair
        .first_answer_of_each(async || with_session(&staff, &token, "/orgs").await)
        .await;
    assert!(replayed.iter().any(|(server, _)| *server == other));
    for (server, page) in replayed {
        assert_eq!(page.status, 303, "the ended session refused on {server}");
        assert!(page.location().starts_with("/login"), "{server}");
    }
}

#[tokio::test]
async fn an_account_disabled_through_one_server_is_refused_by_the_other_on_its_next_request() {
    let pair = two_servers_behind_nginx().await;
    let admin = pair.login("gd-admin").await;
    let staff = pair.login("sz-staff").await;
    let token = staff.cookie(SESSION).expect("a session");
    for (server, page) in pair
        .first_answer_of_each(async || staff.get("/orgs").await)
        .await
    {
        assert_eq!(page.status, 200, "{server}");
    }
    let id = pair.one.user_id("sz-staff").await;
    admin.get(&format!("/users/{id}/disable")).await;
    let disabled = admin.post(&format!("/users/{id}/disable"), &[]).await;
    assert_eq!(disabled.status, 303, "{}", disabled.body);
    for (server, page) in pair
        .first_answer_of_each(async || with_session(&staff, &token, "/orgs").await)
        .await
    {
        assert_eq!(page.status, 303, "the disabled account refused on {server}");
        assert!(page.location().starts_with("/login"), "{server}");
    }
}

#[tokio::test]
async fn a_role_changed_through_one_server_applies_on_the_other_from_its_next_request() {
    let pair = two_servers_behind_nginx().await;
    let admin = pair.login("gd-admin").await;
    let staff = pair.login("gz-staff").await;
    for (server, page) in pair
        .first_answer_of_each(async || staff.get("/orgs/new").await)
        .await
    {
        assert_eq!(page.status, 200, "staff register organizations on {server}");
    }
    let id = pair.one.user_id("gz-staff").await;
    let form = admin.get(&format!("/users/{id}/edit")).await;
    let version = form.field_value("version").expect("the account's version");
    let name = form
        .field_value("display_name")
        .expect("the account's name");
    let union = pair.one.union_id(Some("440100")).await.to_string();
    let changed = admin
        .post(
            &format!("/users/{id}/edit"),
            &[
                ("display_name", name.as_str()),
                ("role", "viewer"),
                ("union_id", union.as_str()),
                ("version", version.as_str()),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    for (server, page) in pair
        .first_answer_of_each(async || staff.get("/orgs/new").await)
        .await
    {
        assert_eq!(page.status, 403, "a viewer registers nothing on {server}");
    }
}

#[tokio::test]
async fn periodic_jobs_run_by_both_servers_at_once_do_their_work_once() {
    let one = TestApp::spawn().await;
    let two = one.second_server().await;
    let mut conn = one.owner().await;
    let call: Uuid = sqlx::query_scalar(
        "update projects set apply_opens_on = current_date - 30, apply_closes_on = current_date - 2
          where title = '新就业形态劳动者驿站关爱服务' returning id",
    )
    .fetch_one(&mut conn)
    .await
    .expect("the open call's window has closed");
    let (first, second) = (one.state().await, two.state().await);
    for (round, expected) in [("first", 1), ("second", 0)] {
        let (by_one, by_two) = tokio::join!(
            niudai::jobs::close_call_windows(&first),
            niudai::jobs::close_call_windows(&second),
        );
        let moved = by_one.expect("the job runs") + by_two.expect("the job runs");
        assert_eq!(moved, expected, "calls moved in the {round} run of both");
        let (status, events): (String, i64) = sqlx::query_as(
            "select status, (select count(*) from project_events
                              where project_id = p.id and to_status = 'reviewing')
               from projects p where id = $1",
        )
        .bind(call)
        .fetch_one(&mut conn)
        .await
        .expect("the call");
        assert_eq!(status, "reviewing");
        assert_eq!(events, 1, "one event on the call's timeline");
    }
}

#[tokio::test]
async fn a_file_uploaded_through_one_server_downloads_byte_for_byte_through_the_other() {
    let pair = two_servers_behind_nginx().await;
    let staff = pair.login("gz-staff").await;
    let project: Uuid = {
        let mut conn = pair.one.owner().await;
        sqlx::query_scalar("select id from projects where title = '新就业形态劳动者驿站关爱服务'")
            .fetch_one(&mut conn)
            .await
            .expect("the demo's open call")
    };
    let content = two_megabyte_pdf();
    staff.get(&format!("/projects/{project}")).await;
    let uploaded = staff
        .upload(
            &format!("/projects/{project}/documents"),
            "申报指南.pdf",
            content.clone(),
        )
        .await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);
    let other = pair.other_than(pair.server_of(&uploaded));
    let file: Uuid = {
        let mut conn = pair.one.owner().await;
        sqlx::query_scalar("select id from files where owner_id = $1")
            .bind(project)
            .fetch_one(&mut conn)
            .await
            .expect("the file's record")
    };
    let (status, _, bytes) = staff
        .at(other)
        .download_file(&format!("/files/{file}"))
        .await;
    assert_eq!(status, 200);
    assert!(bytes == content, "the same bytes from the other server");
    let (status, _, bytes) = staff.download_file(&format!("/files/{file}")).await;
    assert_eq!(status, 200);
    assert!(bytes == content, "the same bytes through the proxy");
    // The proxy leaves the origin check standing.
    assert_eq!(staff.post_cross_site("/logout", &[]).await.status, 403);
}

/// A PDF of two megabytes whose bytes take every value.
fn two_megabyte_pdf() -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend((0..2 * 1024 * 1024).map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    pdf.extend_from_slice(b"\n%%EOF\n");
    pdf
}
