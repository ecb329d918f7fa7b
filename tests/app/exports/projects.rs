use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_project_list_exports_its_filter_with_money_years_and_dates() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let (status, xlsx) = admin
        .download("/projects/export.xlsx?status=pending_approval")
        .await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    sheet.assert_kind("项目编号", Kind::Text);
    sheet.assert_kind("年度", Kind::Number);
    sheet.assert_kind("预算（元）", Kind::Number);
    sheet.assert_kind("申报开始", Kind::Date);
    sheet.assert_kind("申报截止", Kind::Date);
    sheet.assert_kind("服务结束", Kind::Date);
    assert!(!sheet.headers.contains(&"记录编号".to_owned()));
    let (title, status_col, budget) = (
        sheet.column("项目名称"),
        sheet.column("状态"),
        sheet.column("预算（元）"),
    );
    let titles: Vec<String> = sheet.rows.iter().map(|r| r[title].to_string()).collect();
    let row = sheet
        .rows
        .iter()
        .find(|r| r[title] == "新市民职工心理关爱服务")
        .unwrap_or_else(|| panic!("a Guangzhou project in {titles:?}"));
    assert_eq!(row[budget].to_string(), "180000", "yuan, as a number");
    assert!(titles.contains(&"全省劳动争议调解社会组织能力建设".to_owned()));
    assert!(
        sheet.rows.iter().all(|r| r[status_col] == "待审批"),
        "the filter holds"
    );
    assert!(
        !titles.contains(&"产业工人技能提升夜校".to_owned()),
        "a draft stays out"
    );
    assert!(
        !titles.iter().any(|t| t.contains("快递外卖从业人员")),
        "Beijing's projects stay out: {titles:?}"
    );
    let code = sheet.column("项目编号");
    let year = sheet.column("年度");
    for row in &sheet.rows {
        let prefix = format!("{}-", row[year]);
        assert!(row[code].to_string().starts_with(&prefix), "{row:?}");
    }

    let (_, with_ids) = admin
        .download("/projects/export.xlsx?status=pending_approval&ids=1")
        .await;
    assert!(open(&with_ids).headers.contains(&"记录编号".to_owned()));
    let (status, csv) = admin
        .download("/projects/export.csv?status=pending_approval")
        .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());
}
