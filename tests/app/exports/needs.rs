use calamine::DataType;

use super::workbook::{Exported, Kind, csv_rows, open};
use crate::common::{Client, TestApp};

fn texts(sheet: &Exported, header: &str) -> Vec<String> {
    let col = sheet.column(header);
    sheet
        .rows
        .iter()
        .map(|row| row.get(col).map(ToString::to_string).unwrap_or_default())
        .collect()
}

/// (needs, update entries in the audit log).
async fn counts(app: &TestApp) -> (i64, i64) {
    let mut conn = app.owner().await;
    sqlx::query_as(
        "select (select count(*) from needs),
                (select count(*) from audit_log where action = 'need.updated')",
    )
    .fetch_one(&mut conn)
    .await
    .expect("counts")
}

async fn import(staff: &Client, name: &str, content: Vec<u8>) {
    staff.get("/needs/import").await;
    let page = staff.upload("/needs/import", name, content).await;
    assert_eq!(page.status, 303, "imported without errors: {}", page.body);
    assert_eq!(page.location(), "/needs");
}

#[tokio::test]
async fn the_need_list_exports_its_filter_and_imports_back_onto_the_same_records() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let (status, xlsx) = staff.download("/needs/export.xlsx?in_project=no").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广州市总工会");
    sheet.assert_kind("需求标题", Kind::Text);
    sheet.assert_kind("涉及职工人数", Kind::Number);
    sheet.assert_kind("收集日期", Kind::Date);
    sheet.assert_kind("收集工会", Kind::Text);
    assert!(!sheet.headers.contains(&"记录编号".to_owned()));
    let titles = texts(&sheet, "需求标题");
    assert!(titles.contains(&"园区青年职工婚恋交友需求".to_owned()));
    assert!(
        titles.contains(&"软件园程序员颈椎健康讲座需求".to_owned()),
        "a district's need: {titles:?}"
    );
    assert!(
        !titles.contains(&"外卖骑手夏季防暑与休息点需求".to_owned()),
        "the filter holds: no need already in a project"
    );
    assert!(
        !titles.contains(&"朝阳区环卫工人冬季取暖点需求".to_owned()),
        "another province's need stays out"
    );
    let workers = sheet.column("涉及职工人数");
    assert!(
        sheet
            .rows
            .iter()
            .all(|row| row[workers].as_f64() == Some(260.0))
    );
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("尚未立项")),
        "{:?}",
        sheet.about
    );
    let (status, csv) = staff.download("/needs/export.csv?in_project=no").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());

    // Both files import back: no errors, no record added, none changed.
    let before = counts(&app).await;
    import(&staff, "needs.xlsx", xlsx).await;
    assert_eq!(counts(&app).await, before, "the workbook's records");
    import(&staff, "needs.csv", csv).await;
    assert_eq!(counts(&app).await, before, "the CSV's records");
    let (_, again) = staff.download("/needs/export.xlsx?in_project=no").await;
    assert_eq!(open(&again).rows, sheet.rows);
}

#[tokio::test]
async fn an_edited_export_with_ids_updates_its_records_by_id() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let (status, csv) = staff
        .download("/needs/export.csv?in_project=no&ids=1")
        .await;
    assert_eq!(status, 200);
    let text = String::from_utf8(csv).expect("UTF-8");
    assert!(csv_rows(text.as_bytes())[0].contains(&"记录编号".to_owned()));
    let edited = text.replace("园区青年职工婚恋交友需求", "园区青年职工交友联谊需求");
    assert_ne!(edited, text);
    let (needs, updates) = counts(&app).await;
    import(&staff, "needs.csv", edited.into_bytes()).await;
    assert_eq!(
        counts(&app).await,
        (needs, updates + 1),
        "one record changed"
    );
    assert!(
        staff
            .get("/needs?q=交友联谊")
            .await
            .contains("园区青年职工交友联谊需求")
    );
    assert!(!staff.get("/needs?q=婚恋").await.contains("婚恋交友需求"));
}
