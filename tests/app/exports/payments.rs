use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

/// A project delivered in 北京 (by `org-2`): no reader in 广东 sees it.
const BEIJING: &str = "环卫工人冬季关爱服务";
/// A project of 广州 closed with its three installments paid.
const CLOSED: &str = "职工法律服务进园区";

#[tokio::test]
async fn the_payment_list_exports_its_filter_with_dates_and_money() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let (status, xlsx) = admin.download("/payments/export.xlsx").await;
    assert_eq!(status, 200);
    let all = open(&xlsx);
    all.assert_well_formed("广东省总工会");
    assert!(!all.headers.contains(&"拨付记录编号".to_owned()));
    all.assert_kind("日期", Kind::Date);
    all.assert_kind("项目编号", Kind::Text);
    all.assert_kind("统一社会信用代码", Kind::Text);
    all.assert_kind("期次", Kind::Number);
    all.assert_kind("拨付金额（元）", Kind::Number);
    all.assert_kind("办理时间", Kind::Date);
    let titles = all.texts("项目名称");
    assert!(titles.len() >= 6, "{titles:?}");
    assert!(!titles.contains(&BEIJING.to_owned()));
    let beijing = app.login("bj-admin").await;
    let (_, theirs) = beijing.download("/payments/export.xlsx?q=朝阳").await;
    assert_eq!(open(&theirs).texts("项目名称"), vec![BEIJING.to_owned()]);
    let (_, none) = admin.download("/payments/export.xlsx?q=朝阳").await;
    assert!(
        open(&none).rows.is_empty(),
        "another province's organization"
    );

    // A project code finds its payments, and the filter is said in words.
    let code =
        all.texts("项目编号")[titles.iter().position(|t| t == CLOSED).expect("paid")].clone();
    let (_, xlsx) = admin
        .download(&format!("/payments/export.xlsx?q={code}&status=paid"))
        .await;
    let found = open(&xlsx);
    assert_eq!(found.texts("项目编号"), vec![code.clone(); 3]);
    assert!(
        found
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains(&code) && v.contains("已拨付")),
        "{:?}",
        found.about
    );
    let (_, withheld) = admin
        .download("/payments/export.xlsx?status=withheld")
        .await;
    assert!(
        open(&withheld).rows.is_empty(),
        "the demo withholds nothing"
    );

    // A year keeps its own dates.
    let (status, csv) = admin.download("/payments/export.csv").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], all.headers);
    assert_eq!(rows.len() - 1, all.rows.len());
    let year = &rows[1][all.column("日期")][..4];
    let (_, csv) = admin
        .download(&format!("/payments/export.csv?year={year}"))
        .await;
    let in_year = csv_rows(&csv);
    assert!(in_year.len() > 1);
    assert!(
        in_year[1..]
            .iter()
            .all(|row| row[all.column("日期")].starts_with(year)),
        "{in_year:?}"
    );
}
