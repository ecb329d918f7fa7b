use calamine::Data;

use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(x) => *x,
        Data::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[tokio::test]
async fn the_money_table_exports_amounts_in_yuan_that_add_up_to_its_total() {
    let app = TestApp::spawn().await;
    let admin = app.login("gd-admin").await;
    let (status, xlsx) = admin.download("/finance/export.xlsx").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    sheet.assert_kind("工会", Kind::Text);
    sheet.assert_kind("项目数", Kind::Number);
    sheet.assert_kind("预算（元）", Kind::Number);
    sheet.assert_kind("已拨付（元）", Kind::Number);
    let (total, unions) = sheet.rows.split_last().expect("a total row");
    let name = sheet.column("工会");
    assert_eq!(total[name].to_string(), "合计");
    assert!(
        unions
            .iter()
            .any(|r| r[name].to_string().starts_with("广州市总工会")),
        "the child unions in rows"
    );
    assert!(
        !unions.iter().any(|r| r[name].to_string().contains("北京")),
        "never a union outside the scope"
    );
    for header in ["项目数", "预算（元）", "已拨付（元）"] {
        let col = sheet.column(header);
        let sum: f64 = unions.iter().map(|r| number(&r[col])).sum();
        assert!(
            (sum - number(&total[col])).abs() < 0.005,
            "{header}: {sum} vs total"
        );
    }
    let budget = sheet.column("预算（元）");
    assert!(
        number(&total[budget]) > 0.0,
        "the demo funds projects in 广东 this year"
    );

    let (status, csv) = admin.download("/finance/export.csv").await;
    assert_eq!(status, 200);
    assert_eq!(csv_rows(&csv)[0], sheet.headers);
    let org = app.login("org-1").await;
    assert_eq!(org.download("/finance/export.xlsx").await.0, 403);
}
