use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

/// A project delivered in 北京 (by `org-2`): no reader in 广东 sees it.
const BEIJING: &str = "环卫工人冬季关爱服务";

#[tokio::test]
async fn the_report_list_exports_its_tab_with_dates_counts_and_money() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let (status, xlsx) = admin.download("/reports/export.xlsx?show=all").await;
    assert_eq!(status, 200);
    let all = open(&xlsx);
    all.assert_well_formed("广东省总工会");
    assert!(!all.headers.contains(&"报告记录编号".to_owned()));
    all.assert_kind("报告期开始", Kind::Date);
    all.assert_kind("报告期结束", Kind::Date);
    all.assert_kind("应交日期", Kind::Date);
    all.assert_kind("服务人次", Kind::Number);
    all.assert_kind("支出合计（元）", Kind::Number);
    all.assert_kind("提交时间", Kind::Date);
    all.assert_kind("状态", Kind::Text);
    assert!(!all.texts("项目名称").iter().any(|t| t == BEIJING));
    let (_, beijing) = app
        .login("bj-admin")
        .await
        .download("/reports/export.xlsx?show=all")
        .await;
    assert!(
        open(&beijing)
            .texts("项目名称")
            .iter()
            .any(|t| t == BEIJING)
    );

    // The tab is the filter: the waiting ones only, and said so.
    let (_, xlsx) = admin.download("/reports/export.xlsx?show=waiting").await;
    let waiting = open(&xlsx);
    let statuses = waiting.texts("状态");
    assert!(!statuses.is_empty() && statuses.len() < all.rows.len());
    assert!(statuses.iter().all(|s| s == "待审核"), "{statuses:?}");
    assert!(
        waiting
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("待审核")),
        "{:?}",
        waiting.about
    );

    let (status, csv) = admin.download("/reports/export.csv?show=all").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], all.headers);
    assert_eq!(rows.len() - 1, all.rows.len());
}
