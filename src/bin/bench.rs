//! The load benchmark: drives a running (release) Niudai over loopback with
//! wrk, logged in as several demo personas, and reports per page the
//! throughput, p50 and p99 latency and the ratio to a baseline page measured in
//! the same run (`/account`: one indexed query and one template, behind the same
//! middleware), plus the server's peak memory. Writes BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release --features bench --bin niudai-bench -- --url http://127.0.0.1:8080 --database-url "$DATABASE_URL"
//! ```
//! Needs `wrk` (Debian: `apt-get install wrk`) and the demo accounts.

use std::fmt::Write as _;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use clap::Parser;
use reqwest::redirect::Policy;

/// The Guangdong provincial federation's page, with its 1,600 members.
const FEDERATION_PAGE: &str = "federation page with 1,600 members";
const PAGE_1000: &str = "same list, page 1,000";
/// The one page measured by POST: it writes a real row every time.
const REPORT_POST: &str = "organization's report form, saved (POST)";

#[derive(Parser, Debug)]
struct Args {
    /// The running server.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Password of the demo accounts.
    #[arg(long, default_value = "niudai-demo")]
    password: String,
    /// Seconds per page.
    #[arg(long, default_value_t = 15)]
    duration: u32,
    /// Concurrent connections.
    #[arg(long, default_value_t = 32)]
    connections: u32,
    /// wrk threads.
    #[arg(long, default_value_t = 2)]
    threads: u32,
    /// The server's process id, for its memory (found with pgrep when unset).
    #[arg(long)]
    pid: Option<u32>,
    /// The database, to describe the dataset in the report.
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
    /// Measure only the pages whose name contains this (the baseline always).
    #[arg(long)]
    only: Option<String>,
    /// Where to write the report.
    #[arg(long, default_value = "BENCHMARKS.md")]
    out: String,
}

/// One measured page.
struct Measure {
    name: &'static str,
    persona: &'static str,
    path: String,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
    peak_rss_mb: f64,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let pid = args
        .pid
        .or_else(server_pid)
        .expect("the server's pid (--pid)");
    let mut sessions = Vec::new();
    for persona in [
        "gd-admin",
        "gz-staff",
        "national-admin",
        "reviewer-1",
        "org-1",
    ] {
        sessions.push((persona, login(&args, persona).await));
    }
    let cookie = |persona: &str| -> String {
        sessions
            .iter()
            .find(|(p, _)| *p == persona)
            .map(|(_, c)| c.clone())
            .expect("a session")
    };
    let wanted = |name: &str| {
        name.starts_with("baseline") || args.only.as_deref().is_none_or(|only| name.contains(only))
    };
    let filtered = "/orgs?org_type=social_service_agency&status=active";
    let page_1000 = if wanted(PAGE_1000) {
        walk_pages(&args, &cookie("gd-admin"), filtered, 999).await
    } else {
        String::new()
    };
    let detail = first_record(&args, &cookie("gd-admin"), filtered, "/orgs/").await;
    let project = first_record(
        &args,
        &cookie("gd-admin"),
        "/projects?status=reviewing",
        "/projects/",
    )
    .await;
    let score_form = first_record(&args, &cookie("reviewer-1"), "/reviews", "/reviews/").await;
    let national_work_system = location(&args, &cookie("national-admin"), "/work-system").await;
    // The organization's reports still open to it: the form is read, and
    // saved by POST in turn over all of them (as its staff would, several at
    // once), every save a real write.
    let mut open_reports = Vec::new();
    for path in records(&args, &cookie("org-1"), "/reports?show=all", "/reports/").await {
        let body = get(&args, &cookie("org-1"), &path).await;
        if body.contains("name=\"action\" value=\"submit\"") {
            open_reports.push(path);
        }
    }
    let report_form = open_reports
        .first()
        .cloned()
        .expect("an open report of org-1");
    let report_post = {
        let body = get(&args, &cookie("org-1"), &report_form).await;
        let token = field(&body, "csrf_token").expect("a CSRF token on the report form");
        format!(
            "csrf_token={token}&people_served=120&activities_held=3&service_hours=40&volunteer_hours=10&personnel=100&narrative=%E9%A9%BB%E7%82%B9%E6%9C%8D%E5%8A%A1&action=save"
        )
    };
    // The Guangdong provincial federation, with its 1,600 members.
    let big_federation = if wanted(FEDERATION_PAGE) {
        first_record(
            &args,
            &cookie("gd-admin"),
            "/federations?q=%E5%B9%BF%E4%B8%9C%E7%9C%81%E8%81%8C%E5%B7%A5%E6%9C%8D%E5%8A%A1%E7%B1%BB&level=provincial",
            "/federations/",
        )
        .await
    } else {
        String::new()
    };
    // A county's dashboard: Guangzhou's links to its district 天河区.
    let county_stats = if wanted("statistics") {
        let city = get(&args, &cookie("gz-staff"), "/stats").await;
        dashboard_of(&city, "天河区总工会").expect("天河区 on Guangzhou's dashboard")
    } else {
        String::new()
    };
    let plan: Vec<(&'static str, &'static str, String)> = vec![
        ("baseline: /account", "gd-admin", "/account".into()),
        (
            "registry list, province, type + status",
            "gd-admin",
            filtered.into(),
        ),
        (PAGE_1000, "gd-admin", page_1000),
        (
            "registry list, province, 4A + union established",
            "gd-admin",
            "/orgs?rating=4&union_building=established".into(),
        ),
        (
            "name search, a district (天河区)",
            "gd-admin",
            "/orgs?q=%E5%A4%A9%E6%B2%B3%E5%8C%BA".into(),
        ),
        (
            "name search, a common word (新市民)",
            "gd-admin",
            "/orgs?q=%E6%96%B0%E5%B8%82%E6%B0%91".into(),
        ),
        (
            "search box, a common 2-character word (心理)",
            "gd-admin",
            "/search?q=%E5%BF%83%E7%90%86".into(),
        ),
        (
            "search box, a 3-character word (新市民)",
            "gd-admin",
            "/search?q=%E6%96%B0%E5%B8%82%E6%B0%91".into(),
        ),
        ("organization detail", "gd-admin", detail),
        ("registry list, city", "gz-staff", "/orgs".into()),
        (
            "registry list, national, one filter",
            "national-admin",
            "/orgs?status=active".into(),
        ),
        ("contacts due, city", "gz-staff", "/contacts/due".into()),
        ("home page, city", "gz-staff", "/".into()),
        (
            "project list, province, one filter",
            "gd-admin",
            "/projects?status=in_progress".into(),
        ),
        ("project page", "gd-admin", project),
        ("reviewer's score form", "reviewer-1", score_form),
        ("organization's report form", "org-1", report_form.clone()),
        (REPORT_POST, "org-1", report_form),
        (
            "report review list, province",
            "gd-admin",
            "/reports?show=waiting".into(),
        ),
        ("payment list, province", "gd-admin", "/payments".into()),
        ("payment list, city", "gz-staff", "/payments".into()),
        ("statistics, national", "national-admin", "/stats".into()),
        ("statistics, province", "gd-admin", "/stats".into()),
        ("statistics, county", "gz-staff", county_stats),
        (
            "federation list, province, one filter",
            "gd-admin",
            "/federations?kind=federation".into(),
        ),
        (FEDERATION_PAGE, "gd-admin", big_federation),
        ("pilot list, national", "national-admin", "/pilots".into()),
        (
            "home page, province (pilots, featured)",
            "gd-admin",
            "/".into(),
        ),
        (
            "training list with totals, national",
            "national-admin",
            "/trainings".into(),
        ),
        (
            "meeting list, province, status + dates",
            "gd-admin",
            "/meetings?status=held&from=2025-01-01".into(),
        ),
        (
            "partner list, province, kind + contribution",
            "gd-admin",
            "/partners?kind=foundation&brings=funds".into(),
        ),
        (
            "work-system page with coverage, national",
            "national-admin",
            national_work_system,
        ),
        ("site list, province", "gd-admin", "/sites".into()),
        (
            "site list, province, kind + division",
            "gd-admin",
            "/sites?kind=service_point&division=4401".into(),
        ),
        (
            "site list, province, a rare pair",
            "gd-admin",
            "/sites?kind=station&level=provincial".into(),
        ),
        ("site counts, province", "gd-admin", "/sites/counts".into()),
        (
            "site counts, national",
            "national-admin",
            "/sites/counts".into(),
        ),
    ];
    let mut measures = Vec::new();
    for (name, persona, path) in plan.into_iter().filter(|(name, _, _)| wanted(name)) {
        let post = (name == REPORT_POST).then_some((report_post.as_str(), open_reports.as_slice()));
        let measure = run_wrk(&args, pid, (name, persona), &path, &cookie(persona), post);
        println!(
            "{:<42} {:>9.1} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  errors {}  rss {:.0} MB",
            measure.name,
            measure.requests_per_second,
            measure.p50_ms,
            measure.p99_ms,
            measure.errors,
            measure.peak_rss_mb
        );
        measures.push(measure);
    }
    let report = report(&args, &measures).await;
    std::fs::write(&args.out, report).expect("write the report");
    println!("written to {}", args.out);
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .cookie_store(true)
        .build()
        .expect("client")
}

/// Logs in and returns the session cookie's value.
async fn login(args: &Args, username: &str) -> String {
    let http = client();
    let page = http
        .get(format!("{}/login", args.url))
        .send()
        .await
        .expect("login page");
    let pre = cookie_value(&page, "niudai_csrf").unwrap_or_default();
    let body = page.text().await.expect("body");
    let token = field(&body, "csrf_token").expect("a CSRF token on the login page");
    let response = http
        .post(format!("{}/login", args.url))
        .header("origin", &args.url)
        .header("cookie", format!("niudai_csrf={pre}"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("username", username),
            ("password", &args.password),
        ])
        .send()
        .await
        .expect("login");
    cookie_value(&response, "niudai_session")
        .unwrap_or_else(|| panic!("{username} could not log in"))
}

fn cookie_value(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

fn field(body: &str, name: &str) -> Option<String> {
    let at = body.find(&format!("name=\"{name}\""))?;
    let tag = &body[at..at + body[at..].find('>')?];
    let start = tag.find("value=\"")? + 7;
    Some(tag[start..start + tag[start..].find('"')?].to_owned())
}

/// The dashboard link of the union named `name` on a dashboard page.
fn dashboard_of(body: &str, name: &str) -> Option<String> {
    let at = body.find(&format!(">{name}</a>"))?;
    let start = body[..at].rfind("href=\"/stats/")? + "href=\"".len();
    let end = start + body[start..].find('"')?;
    Some(body[start..end].replace("&amp;", "&"))
}

async fn get(args: &Args, session: &str, path: &str) -> String {
    client()
        .get(format!("{}{path}", args.url))
        .header("cookie", format!("niudai_session={session}"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body")
}

/// Where `path` redirects to.
async fn location(args: &Args, session: &str, path: &str) -> String {
    client()
        .get(format!("{}{path}", args.url))
        .header("cookie", format!("niudai_session={session}"))
        .send()
        .await
        .expect("GET")
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("a redirect")
        .to_owned()
}

/// Follows the "next" link `pages` times and returns the last page's path.
async fn walk_pages(args: &Args, session: &str, first: &str, pages: usize) -> String {
    let mut path = first.to_owned();
    for _ in 0..pages {
        let body = get(args, session, &path).await;
        let before = body.split("rel=\"next\"").next().expect("a page");
        let link = before
            .rsplit("href=\"")
            .next()
            .and_then(|l| l.split('"').next())
            .expect("a next link");
        path = link.replace("&#38;", "&").replace("&amp;", "&");
    }
    path
}

/// The path of the first record a list links to (`{prefix}{uuid}`, e.g.
/// `/orgs/`).
async fn first_record(args: &Args, session: &str, list: &str, prefix: &str) -> String {
    records(args, session, list, prefix)
        .await
        .into_iter()
        .next()
        .expect("a record in the list")
}

/// The paths of the records a list's first page links to.
async fn records(args: &Args, session: &str, list: &str, prefix: &str) -> Vec<String> {
    let body = get(args, session, list).await;
    let mut found: Vec<String> = body
        .split(&format!("href=\"{prefix}"))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| uuid::Uuid::parse_str(id).is_ok())
        .map(|id| format!("{prefix}{id}"))
        .collect();
    found.dedup();
    found
}

fn server_pid() -> Option<u32> {
    let out = Command::new("pgrep").args(["-f", "niudai"]).output().ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .find(|pid| *pid != std::process::id())
}

fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Measures one page with wrk; with `post` (a body and paths), by POSTing the
/// body as a same-origin form to each path in turn (a wrk script sets the
/// method, body, headers and path).
fn run_wrk(
    args: &Args,
    pid: u32,
    (name, persona): (&'static str, &'static str),
    path: &str,
    session: &str,
    post: Option<(&str, &[String])>,
) -> Measure {
    let running = Arc::new(AtomicBool::new(true));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (running, peak) = (running.clone(), peak.clone());
        std::thread::spawn(move || {
            while running.load(Ordering::Relaxed) {
                let kb = (rss_mb(pid) * 1024.0) as u64;
                peak.fetch_max(kb, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    let script = post.map(|(body, paths)| {
        let file = std::env::temp_dir().join(format!("niudai-bench-{}.lua", std::process::id()));
        let paths: Vec<String> = paths.iter().map(|p| format!("\"{p}\"")).collect();
        let lua = format!(
            "wrk.method = \"POST\"\nwrk.body = \"{body}\"\n\
             wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n\
             wrk.headers[\"Origin\"] = \"{}\"\nwrk.headers[\"Sec-Fetch-Site\"] = \"same-origin\"\n\
             paths = {{{}}}\ni = 0\n\
             request = function()\n  i = i + 1\n  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n",
            args.url,
            paths.join(", ")
        );
        std::fs::write(&file, lua).expect("the wrk script");
        file
    });
    let mut wrk = Command::new("wrk");
    wrk.args([
        "-t",
        &args.threads.to_string(),
        "-c",
        &args.connections.to_string(),
        "-d",
        &format!("{}s", args.duration),
        "--latency",
        "-H",
        &format!("Cookie: niudai_session={session}"),
    ]);
    if let Some(script) = &script {
        wrk.arg("-s").arg(script);
    }
    let out = wrk
        .arg(format!("{}{path}", args.url))
        .output()
        .expect("wrk (apt-get install wrk)");
    running.store(false, Ordering::Relaxed);
    let _ = sampler.join();
    let text = String::from_utf8_lossy(&out.stdout);
    let number_after = |label: &str| -> Option<&str> {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .and_then(|l| l.split_whitespace().nth(1))
    };
    Measure {
        name,
        persona,
        path: path.to_owned(),
        requests_per_second: number_after("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        p50_ms: number_after("50%").map_or(0.0, millis),
        p99_ms: number_after("99%").map_or(0.0, millis),
        errors: text
            .lines()
            .find(|l| l.contains("Non-2xx or 3xx responses:"))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        peak_rss_mb: peak.load(Ordering::Relaxed) as f64 / 1024.0,
    }
}

/// wrk's `12.34ms`, `567.00us` or `1.20s` as milliseconds.
fn millis(value: &str) -> f64 {
    let split = value
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().unwrap_or(0.0);
    match unit {
        "us" => number / 1000.0,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => number,
    }
}

async fn report(args: &Args, measures: &[Measure]) -> String {
    let baseline = measures
        .first()
        .map_or(1.0, |m| m.requests_per_second.max(1.0));
    let by_name = |prefix: &str| measures.iter().find(|m| m.name.starts_with(prefix));
    let mut out = String::new();
    let _ = writeln!(out, "# Niudai load benchmark\n");
    let _ = writeln!(
        out,
        "Measured {} with `niudai-bench` (wrk, {} connections, {} threads, {} s per page) against a release server over loopback.\n",
        chrono::Local::now().format("%Y-%m-%d %H:%M"),
        args.connections,
        args.threads,
        args.duration
    );
    let _ = writeln!(out, "## Machine and data\n");
    let _ = writeln!(
        out,
        "- CPU: {} ({} cores)",
        cpu_model(),
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    let _ = writeln!(out, "- Memory: {}", mem_total());
    if let Some(url) = &args.database_url
        && let Ok(mut conn) = <sqlx::PgConnection as sqlx::Connection>::connect(url).await
    {
        for line in describe_database(&mut conn).await {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = writeln!(
        out,
        "\nwrk, the server and PostgreSQL share the same cores. A list's count (exact up to \
         10,000) is kept between writes to its table (`src/db/cache.rs`), and the registry's \
         union picker between writes to the unions (`src/unions/picker.rs`), so a repeated \
         list counts once; the page itself is read on every request."
    );
    let _ = writeln!(out, "\n## Pages\n");
    let _ = writeln!(
        out,
        "| page | persona | req/s | p50 ms | p99 ms | vs baseline | non-2xx | peak RSS MB |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
    for m in measures {
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {:.2} | {:.2} | {:.0} % | {} | {:.0} |",
            m.name,
            m.persona,
            m.requests_per_second,
            m.p50_ms,
            m.p99_ms,
            100.0 * m.requests_per_second / baseline,
            m.errors,
            m.peak_rss_mb
        );
    }
    let _ = writeln!(
        out,
        "\nPaths: {}\n",
        measures
            .iter()
            .map(|m| format!("`{}`", m.path))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(out, "## Targets\n");
    let mut target = |what: &str, ok: bool, detail: String| {
        let _ = writeln!(out, "- {} {what}: {detail}", if ok { "✅" } else { "❌" });
    };
    if let (Some(list), Some(far), Some(search), Some(detail)) = (
        by_name("registry list, province"),
        by_name("same list, page 1,000"),
        by_name("name search"),
        by_name("organization detail"),
    ) {
        let share = list.requests_per_second / baseline;
        target(
            "provincial list with two filters ≥ 30 % of baseline and p99 ≤ 50 ms",
            share >= 0.3 && list.p99_ms <= 50.0,
            format!("{:.0} %, p99 {:.1} ms", share * 100.0, list.p99_ms),
        );
        let ratio = list.requests_per_second / far.requests_per_second.max(0.001);
        target(
            "page 1,000 within 1.2× of page 1",
            ratio <= 1.2,
            format!(
                "page 1 is {ratio:.2}× as fast (p50 {:.2} vs {:.2} ms)",
                list.p50_ms, far.p50_ms
            ),
        );
        target(
            "3-character name search p99 ≤ 100 ms",
            search.p99_ms <= 100.0,
            format!("p99 {:.1} ms", search.p99_ms),
        );
        let share = detail.requests_per_second / baseline;
        target(
            "detail page ≥ 40 % of baseline",
            share >= 0.4,
            format!("{:.0} %", share * 100.0),
        );
    }
    // The project and delivery pages have the registry list's targets.
    for name in [
        "project list",
        "project page",
        "reviewer's score form",
        "organization's report form",
        REPORT_POST,
        "report review list",
    ] {
        if let Some(m) = by_name(name) {
            let share = m.requests_per_second / baseline;
            target(
                &format!("{name} ≥ 30 % of baseline and p99 ≤ 50 ms"),
                share >= 0.3 && m.p99_ms <= 50.0,
                format!("{:.0} %, p99 {:.1} ms", share * 100.0, m.p99_ms),
            );
        }
    }
    // The dashboards read roll-ups: a few dozen rows at any level.
    for m in measures.iter().filter(|m| m.name.starts_with("statistics")) {
        let share = m.requests_per_second / baseline;
        target(
            &format!("{} ≥ 20 % of baseline and p99 ≤ 100 ms", m.name),
            share >= 0.2 && m.p99_ms <= 100.0,
            format!("{:.0} %, p99 {:.1} ms", share * 100.0, m.p99_ms),
        );
    }
    // The search box: a handful of bounded queries, one per kind of record.
    for m in measures.iter().filter(|m| m.name.starts_with("search box")) {
        target(
            &format!("{} p99 ≤ 100 ms", m.name),
            m.p99_ms <= 100.0,
            format!("p99 {:.1} ms", m.p99_ms),
        );
    }
    let peak = measures.iter().map(|m| m.peak_rss_mb).fold(0.0, f64::max);
    target(
        "server RSS under load ≤ 150 MB",
        peak <= 150.0,
        format!("peak {peak:.0} MB"),
    );
    out
}

/// The report's lines on the database: its version, the dataset's size and
/// its memory setting (a figure it cannot read shows as empty or 0).
async fn describe_database(conn: &mut sqlx::PgConnection) -> Vec<String> {
    let version = sqlx::query_scalar!(r#"select version() as "version!""#)
        .fetch_one(&mut *conn)
        .await
        .unwrap_or_default();
    let (orgs, contacts, unions) = sqlx::query!(
        r#"select (select count(*) from organizations) as "orgs!",
                  (select count(*) from organization_contacts) as "contacts!",
                  (select count(*) from unions) as "unions!""#
    )
    .fetch_one(&mut *conn)
    .await
    .map(|row| (row.orgs, row.contacts, row.unions))
    .unwrap_or_default();
    let (projects, applications, scores, reports) = sqlx::query!(
        r#"select (select count(*) from projects) as "projects!",
                  (select count(*) from applications) as "applications!",
                  (select count(*) from review_scores) as "scores!",
                  (select count(*) from reports) as "reports!""#
    )
    .fetch_one(&mut *conn)
    .await
    .map(|row| (row.projects, row.applications, row.scores, row.reports))
    .unwrap_or_default();
    // `show shared_buffers`, as a function whose column can be named (and
    // told never null).
    let shared_buffers =
        sqlx::query_scalar!(r#"select current_setting('shared_buffers') as "shared_buffers!""#)
            .fetch_one(&mut *conn)
            .await
            .unwrap_or_default();
    vec![
        format!(
            "- PostgreSQL: {}",
            version.split(" on ").next().unwrap_or_default()
        ),
        format!("- Data: {orgs} organizations, {contacts} contacts, {unions} unions"),
        format!(
            "- Projects: {projects} projects, {applications} applications, {scores} review scores, {reports} reports"
        ),
        format!(
            "- PostgreSQL settings: shared_buffers {shared_buffers} (the machine's default configuration)"
        ),
    ]
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or_default().trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn mem_total() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or_default().to_owned())
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or_else(
            || "unknown".into(),
            |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0),
        )
}
