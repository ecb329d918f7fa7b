use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_registry_exports_typed_cells_without_ids_unless_asked() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let (status, xlsx) = staff.download("/orgs/export.xlsx?domain=legal_aid").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广州市总工会");
    assert!(!sheet.headers.contains(&"记录编号".to_owned()));
    assert!(!sheet.headers.contains(&"联系工会编号".to_owned()));
    sheet.assert_kind("组织名称", Kind::Text);
    sheet.assert_kind("专职人员", Kind::Number);
    sheet.assert_kind("年度收入（元）", Kind::Number);
    sheet.assert_kind("下次联系日期", Kind::Date);
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("法律援助")),
        "the filter in words: {:?}",
        sheet.about
    );

    let (_, with_ids) = staff
        .download("/orgs/export.xlsx?domain=legal_aid&ids=1")
        .await;
    assert!(open(&with_ids).headers.contains(&"记录编号".to_owned()));

    let (status, csv) = staff.download("/orgs/export.csv?domain=legal_aid").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());
}
