//! Import and export of the registry: all or nothing, valid rows only, updates
//! after a preview, garbage refused, exports inside the scope, and a round trip.

use std::time::{Duration, Instant};

use crate::common::{Client, Page, TestApp};

const HEADER: &str =
    "组织名称,统一社会信用代码,组织类型,服务领域,分类施策,关系类型,联系工会,联系电话,专职人员";

/// Uploads a file and follows the import until its check (or write) is done.
async fn upload(client: &Client, name: &str, content: Vec<u8>) -> (String, Page) {
    client.get("/orgs/import").await;
    let page = client.upload("/orgs/import", name, content).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let path = page.location().to_owned();
    let page = settle(client, &path).await;
    (path, page)
}

/// The import's page once its background work has finished.
async fn settle(client: &Client, path: &str) -> Page {
    let started = Instant::now();
    loop {
        let page = client.get(path).await;
        if !page.contains("http-equiv=\"refresh\"") {
            return page;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the import never finished"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn commit(client: &Client, path: &str, mode: &str) -> Page {
    let page = client
        .post(&format!("{path}/commit"), &[("mode", mode)])
        .await;
    assert_eq!(page.status, 303);
    settle(client, path).await
}

async fn count_named(app: &TestApp, prefix: &str) -> i64 {
    let mut conn = app.owner().await;
    sqlx::query_scalar("select count(*) from organizations where starts_with(name, $1)")
        .bind(prefix)
        .fetch_one(&mut conn)
        .await
        .expect("count")
}

#[tokio::test]
async fn nothing_is_written_while_any_row_is_invalid_unless_asked() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let csv = format!(
        "{HEADER}\n\
         导入测试甲服务社,,未登记的草根组织,法律援助,培育扶持,工会指导,天河区总工会,13800138001,3\n\
         导入测试乙服务社,51440300MJL0001710,社会团体,劳动就业,引导规范,联系,天河区总工会,13800138002,5\n\
         导入测试丙服务社,,未登记的草根组织,技能培训、心理服务,培育扶持,联系,不存在的工会,123,x\n\
         导入测试丁服务社,,未登记的草根组织,技能培训,培育扶持,联系,,,\n"
    );
    let (path, page) = upload(&staff, "orgs.csv", csv.into_bytes()).await;
    assert!(page.contains("待确认"), "{}", page.body);
    assert!(page.contains("第 18 位校验码不正确，应为 2"));
    assert!(page.contains("找不到该联系工会"));
    assert!(page.contains("请填写手机号"));
    assert!(page.contains("请填写 0 到 1000000 之间的整数"));
    assert!(
        page.contains(">3</td><td>统一社会信用代码") || page.contains("<td class=\"num\">3</td>"),
        "errors by row"
    );
    let (status, errors) = staff.download(&format!("{path}/errors.csv")).await;
    assert_eq!(status, 200);
    let errors = String::from_utf8(errors).expect("UTF-8");
    assert!(errors.starts_with('\u{feff}'));
    assert!(errors.contains("行号,列,问题") && errors.contains("4,联系工会"));
    let refused = staff
        .post(&format!("{path}/commit"), &[("mode", "all")])
        .await;
    assert_eq!(refused.status, 303);
    assert_eq!(count_named(&app, "导入测试").await, 0, "all or nothing");
    let done = commit(&staff, &path, "valid_only").await;
    assert!(done.contains("已完成"), "{}", done.body);
    assert_eq!(
        count_named(&app, "导入测试").await,
        2,
        "the two valid rows only"
    );
    let mut conn = app.owner().await;
    let union: String = sqlx::query_scalar(
        "select u.name from organizations o join unions u on u.id = o.union_id where o.name = '导入测试丁服务社'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("row");
    assert_eq!(union, "广州市总工会", "no home union given: the importer's");
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action in ('org.created', 'org.imported') and actor_username = 'gz-staff'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("audit");
    assert_eq!(audited, 3, "each record and the import itself");
}

#[tokio::test]
async fn a_known_code_updates_its_record_after_a_preview() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let csv = format!(
        "{HEADER}\n广州市新市民社会工作服务中心,52440106mj00xgm11y,社会服务机构,法律援助、劳动就业,培育扶持,工会指导,天河区总工会,020-88888888,21\n"
    );
    let (path, page) = upload(&staff, "update.csv", csv.into_bytes()).await;
    assert!(page.contains("将更新的已有记录"), "{}", page.body);
    assert!(page.contains("联系电话") && page.contains("020-88888888"));
    let mut conn = app.owner().await;
    let phone: Option<String> = sqlx::query_scalar(
        "select contact_phone from organizations where credit_code = '52440106MJ00XGM11Y'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("record");
    assert_ne!(
        phone.as_deref(),
        Some("020-88888888"),
        "not before the confirmation"
    );
    let done = commit(&staff, &path, "all").await;
    assert!(done.contains("更新 1 个"), "{}", done.body);
    let (phone, staff_count): (Option<String>, i32) = sqlx::query_as(
        "select contact_phone, fulltime_staff from organizations where credit_code = '52440106MJ00XGM11Y'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("record");
    assert_eq!((phone.as_deref(), staff_count), (Some("020-88888888"), 21));
}

#[tokio::test]
async fn a_code_held_by_another_province_is_refused_by_name() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let csv =
        format!("{HEADER}\n抢登的组织,52110105MJ00FLY21L,社会服务机构,法律援助,培育扶持,联系,,,\n");
    let (_, page) = upload(&staff, "taken.csv", csv.into_bytes()).await;
    assert!(page.contains("已由 朝阳区总工会 登记"), "{}", page.body);
}

#[tokio::test]
async fn gbk_csv_from_old_excel_imports() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let text = format!(
        "{HEADER}\n国标编码测试服务社,,未登记的草根组织,其他,引导规范,联系,越秀区总工会,,\n"
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let (path, page) = upload(&staff, "gbk.csv", gbk.into_owned()).await;
    assert!(page.contains("待确认"), "{}", page.body);
    commit(&staff, &path, "all").await;
    assert_eq!(count_named(&app, "国标编码测试").await, 1);
}

#[tokio::test]
async fn twenty_megabytes_of_garbage_get_a_clear_refusal() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let mut garbage = Vec::with_capacity(20 * 1024 * 1024);
    let mut x: u32 = 2_463_534_242;
    while garbage.len() < 20 * 1024 * 1024 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        garbage.extend_from_slice(&x.to_le_bytes());
    }
    let before = count_named(&app, "").await;
    let (_, page) = upload(&staff, "organizations.xlsx", garbage.clone()).await;
    assert!(
        page.contains("未完成") && page.contains("表格超过 100,000 行数据"),
        "{}",
        page.body
    );
    let mut zip_garbage = b"PK\x03\x04".to_vec();
    zip_garbage.extend_from_slice(&garbage[..1024 * 1024]);
    let (_, page) = upload(&staff, "organizations.xlsx", zip_garbage).await;
    assert!(page.contains("无法读取该 Excel 文件"), "{}", page.body);
    assert_eq!(count_named(&app, "").await, before, "nothing written");
    staff.get("/orgs/import").await;
    let too_big = staff
        .upload("/orgs/import", "huge.csv", vec![b'a'; 26 * 1024 * 1024])
        .await;
    assert_eq!(too_big.status, 422);
    assert!(too_big.contains("文件超过 25 MB"));
}

#[tokio::test]
async fn viewers_cannot_import() {
    let app = TestApp::spawn().await;
    let viewer = app.login("gd-viewer").await;
    assert_eq!(viewer.get("/orgs/import").await.status, 403);
    viewer.get("/").await;
    let page = viewer
        .upload("/orgs/import", "x.csv", HEADER.as_bytes().to_vec())
        .await;
    assert_eq!(page.status, 403);
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn exports_hold_the_filtered_scope_only_in_both_formats() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let (status, csv) = staff.download("/orgs/export.csv?domain=legal_aid").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0][0], "组织名称");
    assert!(rows[0].contains(&"统一社会信用代码".to_owned()));
    assert!(rows.iter().any(|r| r[0] == "广州市新市民社会工作服务中心"));
    assert!(
        !rows
            .iter()
            .any(|r| r[0] == "北京市朝阳区职工法律援助服务中心"),
        "never a row outside the scope"
    );
    let domains = rows[0]
        .iter()
        .position(|h| h == "服务领域")
        .expect("column");
    assert!(
        rows[1..].iter().all(|r| r[domains].contains("法律援助")),
        "the filter applies"
    );
    let mut conn = app.owner().await;
    let in_scope: i64 = sqlx::query_scalar(
        "select count(*) from organizations o join unions u on u.id = o.union_id
          where o.union_path <@ (select path from unions where division_code = '440100')
            and 'legal_aid' = any(o.service_domains)",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(rows.len() as i64 - 1, in_scope);
    let (status, xlsx) = staff.download("/orgs/export.xlsx?domain=legal_aid").await;
    assert_eq!(status, 200);
    let sheet = niudai::sheets::read::read_rows_blocking(&xlsx).expect("a workbook");
    assert_eq!(sheet, rows, "the workbook holds the same cells as the CSV");
}

/// Every record's content, apart from what an edit always bumps.
async fn snapshot(app: &TestApp) -> Vec<String> {
    let mut conn = app.owner().await;
    sqlx::query_scalar(
        "select (to_jsonb(o) - 'updated_at' - 'version')::text from organizations o order by id",
    )
    .fetch_all(&mut conn)
    .await
    .expect("snapshot")
}

#[tokio::test]
async fn an_export_imports_back_to_the_same_records() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let before = snapshot(&app).await;
    let (_, csv) = staff.download("/orgs/export.csv").await;
    let exported = csv_rows(&csv).len() - 1;
    assert!(exported > 5, "the demo holds Guangzhou records");
    let (path, page) = upload(&staff, "export.csv", csv).await;
    assert!(page.contains("待确认"), "{}", page.body);
    assert!(!page.contains("问题清单"), "an export is a valid import");
    let done = commit(&staff, &path, "all").await;
    assert!(done.contains("已完成"), "{}", done.body);
    let after = snapshot(&app).await;
    assert_eq!(before, after, "the same data after the round trip");
}
