use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

/// A project delivered in 北京 (by `org-2`): no reader in 广东 sees it.
const BEIJING: &str = "环卫工人冬季关爱服务";

#[tokio::test]
async fn the_contract_list_exports_money_and_dates_within_the_readers_contracts() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let (status, xlsx) = admin.download("/contracts/export.xlsx").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    assert!(!sheet.headers.contains(&"合同记录编号".to_owned()));
    sheet.assert_kind("项目编号", Kind::Text);
    sheet.assert_kind("统一社会信用代码", Kind::Text);
    sheet.assert_kind("合同金额（元）", Kind::Number);
    sheet.assert_kind("已拨付（元）", Kind::Number);
    sheet.assert_kind("签订日期", Kind::Date);
    sheet.assert_kind("服务结束日期", Kind::Date);
    let titles = sheet.texts("项目名称");
    assert!(titles.len() >= 3, "{titles:?}");
    assert!(!titles.iter().any(|t| t == BEIJING), "{titles:?}");
    assert!(
        sheet
            .texts("项目状态")
            .iter()
            .all(|s| !s.is_empty() && !s.is_ascii()),
        "statuses in Chinese: {:?}",
        sheet.texts("项目状态")
    );

    // The organization's own: the list's scope is the filter.
    let org = app.login("org-2").await;
    let (_, own) = org.download("/contracts/export.xlsx").await;
    let own = open(&own);
    assert_eq!(own.texts("项目名称"), vec![BEIJING.to_owned()]);

    let (_, with_ids) = admin.download("/contracts/export.xlsx?ids=1").await;
    assert!(open(&with_ids).headers.contains(&"合同记录编号".to_owned()));
    let (status, csv) = admin.download("/contracts/export.csv").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());
}
