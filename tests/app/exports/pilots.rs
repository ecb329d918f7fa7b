//! The pilot and experience lists' exports, opened with calamine.

use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_pilot_list_exports_its_filter_with_typed_cells() {
    let app = TestApp::spawn().await;
    let nation = app.login("national-admin").await;
    let (status, xlsx) = nation
        .download("/pilots/export.xlsx?province=cn.u20&status=active")
        .await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("中华全国总工会");
    sheet.assert_kind("试点名称", Kind::Text);
    sheet.assert_kind("开始日期", Kind::Date);
    sheet.assert_kind("节点总数", Kind::Number);
    assert!(!sheet.headers.contains(&"试点编号".to_owned()));
    assert_eq!(
        sheet.texts("试点名称"),
        vec!["新就业形态劳动者服务阵地建设试点"],
        "广东's pilot alone"
    );
    assert_eq!(sheet.texts("所在省份"), vec!["广东省总工会"]);
    assert_eq!(sheet.texts("逾期节点"), vec!["1"]);
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("广东省总工会") && v.contains("进行中")),
        "{:?}",
        sheet.about
    );
    let (status, csv) = nation
        .download("/pilots/export.csv?province=cn.u20&status=active")
        .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());

    // A province's export holds its own pilots only, ids when asked.
    let beijing = app.login("bj-admin").await;
    let (_, xlsx) = beijing.download("/pilots/export.xlsx?ids=1").await;
    let sheet = open(&xlsx);
    assert_eq!(
        sheet.texts("试点名称"),
        vec!["快递外卖从业人员法律服务试点"]
    );
    assert!(sheet.headers.contains(&"试点编号".to_owned()));
}

#[tokio::test]
async fn the_experience_list_exports_the_scopes_experiences() {
    let app = TestApp::spawn().await;
    let province = app.login("gd-admin").await;
    let (status, xlsx) = province.download("/experiences/export.xlsx").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    sheet.assert_kind("登记时间", Kind::Date);
    let mut titles = sheet.texts("标题");
    titles.sort();
    assert_eq!(titles, vec!["心灵港湾", "新市民法律服务驿站的做法"]);
    let kinds = sheet.texts("类别");
    assert!(kinds.contains(&"品牌项目".to_owned()), "{kinds:?}");
}
