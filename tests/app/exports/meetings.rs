//! The partner and meeting lists' exports, opened with calamine.

use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_partner_list_exports_its_filter_with_typed_cells() {
    let app = TestApp::spawn().await;
    let nation = app.login("national-admin").await;
    let (status, xlsx) = nation
        .download("/partners/export.xlsx?kind=foundation&brings=funds")
        .await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("中华全国总工会");
    sheet.assert_kind("名称", Kind::Text);
    sheet.assert_kind("共同资助项目数", Kind::Number);
    assert!(!sheet.headers.contains(&"伙伴编号".to_owned()));
    let mut names = sheet.texts("名称");
    names.sort();
    assert_eq!(
        names,
        vec![
            "四川省慈善联合总会",
            "四川省青少年发展基金会",
            "重庆市青少年发展基金会"
        ]
    );
    assert!(sheet.texts("类别").iter().all(|k| k == "基金会"));
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("基金会") && v.contains("资金")),
        "{:?}",
        sheet.about
    );
    let (status, csv) = nation
        .download("/partners/export.csv?kind=foundation&brings=funds")
        .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());
}

#[tokio::test]
async fn the_meeting_list_exports_the_scopes_meetings() {
    let app = TestApp::spawn().await;
    let cadre = app.login("gz-staff").await;
    let (status, xlsx) = cadre.download("/meetings/export.xlsx?ids=1").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广州市总工会");
    sheet.assert_kind("会议日期", Kind::Date);
    sheet.assert_kind("邀请组织数", Kind::Number);
    assert!(sheet.headers.contains(&"会议编号".to_owned()));
    let mut titles = sheet.texts("会议名称");
    titles.sort();
    assert_eq!(
        titles,
        vec![
            "广州市劳动关系领域社会组织联系会议",
            "广州市总工会社会联络工作例会"
        ]
    );
    assert_eq!(
        sheet
            .texts("邀请组织数")
            .iter()
            .filter(|n| *n == "5")
            .count(),
        1,
        "{:?}",
        sheet.texts("邀请组织数")
    );
    // Another province's export holds its own alone.
    let beijing = app.login("bj-admin").await;
    let (_, xlsx) = beijing.download("/meetings/export.xlsx").await;
    assert_eq!(
        open(&xlsx).texts("会议名称"),
        vec!["北京市职工服务社会组织工作例会"]
    );
}
