//! The service site list's export, opened with calamine.

use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_site_list_exports_its_filter_with_typed_cells() {
    let app = TestApp::spawn().await;
    let cadre = app.login("sc-staff").await;
    let (status, xlsx) = cadre
        .download("/sites/export.xlsx?kind=service_center&division=5101")
        .await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("四川省总工会");
    sheet.assert_kind("阵地名称", Kind::Text);
    sheet.assert_kind("启用日期", Kind::Date);
    assert!(!sheet.headers.contains(&"阵地编号".to_owned()));
    let mut names = sheet.texts("阵地名称");
    names.sort();
    assert_eq!(
        names,
        vec![
            "四川省职工服务中心",
            "成都市职工服务中心",
            "武侯区职工服务中心"
        ],
        "成都's division holds the province's center too"
    );
    assert!(
        sheet
            .texts("行政区划")
            .contains(&"四川省成都市武侯区".to_owned())
    );
    assert!(
        sheet
            .texts("工会层级")
            .contains(&"县（区）级总工会".to_owned())
    );
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("服务中心") && v.contains("5101")),
        "{:?}",
        sheet.about
    );
    let (status, csv) = cadre
        .download("/sites/export.csv?kind=service_center&division=5101")
        .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());

    // Beijing's export holds Beijing's sites only, ids when asked.
    let beijing = app.login("bj-admin").await;
    let (_, xlsx) = beijing.download("/sites/export.xlsx?ids=1").await;
    let sheet = open(&xlsx);
    let mut names = sheet.texts("阵地名称");
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.contains("四川") && !n.contains("武侯"))
    );
    assert!(sheet.headers.contains(&"阵地编号".to_owned()));
}
