use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn an_organization_exports_its_own_applications_and_no_others() {
    let app = TestApp::spawn().await;
    let org = app.login("org-1").await;
    let (status, xlsx) = org.download("/applications/export.xlsx").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    let mut conn = app.owner().await;
    let home: String = sqlx::query_scalar(
        "select u.name from users a join unions u on u.id = a.union_id where a.username = 'org-1'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("the account's union");
    sheet.assert_well_formed(&home);
    sheet.assert_kind("项目编号", Kind::Text);
    sheet.assert_kind("申请金额（元）", Kind::Number);
    sheet.assert_kind("申报截止", Kind::Date);
    sheet.assert_kind("状态", Kind::Text);
    assert!(!sheet.headers.contains(&"记录编号".to_owned()));
    let title = sheet.column("项目名称");
    let titles: Vec<String> = sheet.rows.iter().map(|r| r[title].to_string()).collect();
    assert!(
        titles.contains(&"新市民法律服务驿站".to_owned()),
        "{titles:?}"
    );
    for other in ["快递外卖从业人员法律援助服务", "职工心理健康关爱服务"] {
        assert!(
            !titles.contains(&other.to_owned()),
            "another organization's application stays out: {other}"
        );
    }
    let page = org.get("/applications").await;
    assert!(page.contains("/applications/export.xlsx"));
    assert!(page.contains(&format!("共 {} 条", sheet.rows.len())));

    let (status, csv) = org.download("/applications/export.csv").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());

    let beijing = app.login("org-2").await;
    let (_, theirs) = beijing.download("/applications/export.xlsx").await;
    let theirs = open(&theirs);
    assert!(!theirs.rows.iter().any(|r| r[title] == "新市民法律服务驿站"));
    assert!(!theirs.rows.is_empty());
}
