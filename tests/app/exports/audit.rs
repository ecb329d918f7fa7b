use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_audit_log_exports_its_filter_with_typed_times_within_the_scope() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    app.login("bj-admin").await;
    let admin = app.login("gd-admin").await;
    staff.get("/needs/new").await;
    let gz = app.union_id(Some("440100")).await;
    let saved = staff
        .post(
            "/needs",
            &[
                ("union_id", &gz.to_string()),
                ("title", "快递员夏季防暑"),
                ("domain", "safety_health"),
                ("source", "visit"),
                ("workers_affected", "300"),
                ("collected_on", "2026-01-05"),
                ("priority", "high"),
                ("suitable_for_purchase", "yes"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);

    let (status, everything) = admin.download("/audit/export.xlsx").await;
    assert_eq!(status, 200);
    let everything = open(&everything);
    let code = everything.column("操作代码");
    assert!(
        everything.rows.iter().any(|r| r[code] == "need.created"),
        "the need is in the log"
    );

    let (status, xlsx) = admin.download("/audit/export.xlsx?action=login").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    sheet.assert_kind("时间", Kind::Date);
    sheet.assert_kind("操作人", Kind::Text);
    sheet.assert_kind("操作", Kind::Text);
    assert!(!sheet.headers.contains(&"对象编号".to_owned()));
    assert!(
        sheet
            .rows
            .iter()
            .all(|r| r[code].to_string().starts_with("login.")),
        "the filter holds"
    );
    let (actor, action) = (sheet.column("操作人"), sheet.column("操作"));
    let actors: Vec<String> = sheet.rows.iter().map(|r| r[actor].to_string()).collect();
    assert!(actors.contains(&"gz-staff".to_owned()), "{actors:?}");
    assert!(
        !actors.contains(&"bj-admin".to_owned()),
        "another province's entries stay out"
    );
    assert!(sheet.rows.iter().any(|r| r[action] == "登录成功"));
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("login")),
        "{:?}",
        sheet.about
    );

    let (_, with_ids) = admin.download("/audit/export.xlsx?ids=1").await;
    assert!(open(&with_ids).headers.contains(&"对象编号".to_owned()));
    let (status, csv) = admin.download("/audit/export.csv?action=login").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());
    let (status, _) = admin.download("/audit/export.csv?from=yesterday").await;
    assert_eq!(status, 400, "a bad date is refused, as the page refuses it");
}
