//! The federation list's export, opened with calamine.

use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_federation_list_exports_its_filter_with_typed_cells() {
    let app = TestApp::spawn().await;
    let province = app.login("gd-admin").await;
    let (status, xlsx) = province
        .download("/federations/export.xlsx?kind=federation&level=municipal")
        .await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    sheet.assert_kind("名称", Kind::Text);
    sheet.assert_kind("成立日期", Kind::Date);
    sheet.assert_kind("现有会员数", Kind::Number);
    assert!(!sheet.headers.contains(&"联合会编号".to_owned()));
    let mut names = sheet.texts("名称");
    names.sort();
    assert_eq!(
        names,
        vec![
            "东莞市职工服务类社会组织联合会",
            "中山市职工服务类社会组织联合会",
            "佛山市职工服务类社会组织联合会",
            "南海区职工服务类社会组织联合会",
            "广州市职工服务类社会组织联合会",
            "深圳市职工服务类社会组织联合会",
        ],
        "the cities' federations (南海's is led by 佛山市总工会)"
    );
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("市级")),
        "{:?}",
        sheet.about
    );
    let (status, csv) = province
        .download("/federations/export.csv?kind=federation&level=municipal")
        .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());

    // Beijing exports none of Guangdong's, ids when asked.
    let beijing = app.login("bj-admin").await;
    let (_, xlsx) = beijing.download("/federations/export.xlsx?ids=1").await;
    let sheet = open(&xlsx);
    assert!(sheet.texts("名称").is_empty());
    assert!(sheet.headers.contains(&"联合会编号".to_owned()));
}
