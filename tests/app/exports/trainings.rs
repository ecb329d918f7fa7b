use calamine::DataType;

use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_training_list_exports_its_filter_with_typed_cells() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("gd-admin").await;
    let (status, xlsx) = admin
        .download("/trainings/export.xlsx?year=2026&kind=training")
        .await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    sheet.assert_kind("举办日期", Kind::Date);
    sheet.assert_kind("主题", Kind::Text);
    sheet.assert_kind("参加人数合计", Kind::Number);
    sheet.assert_kind("学时（小时）", Kind::Number);
    sheet.assert_kind("人·学时", Kind::Number);
    // 广东's training and 广州's, the newest first; not the exchange, nor
    // another province's.
    let topics: Vec<String> = sheet
        .rows
        .iter()
        .map(|row| row[sheet.column("主题")].to_string())
        .collect();
    assert_eq!(
        topics,
        [
            "新就业形态劳动者服务社会组织能力建设培训",
            "全省劳动关系领域社会组织工作业务培训班",
        ]
    );
    let first = &sheet.rows[1];
    assert_eq!(first[sheet.column("参加人数合计")].as_f64(), Some(88.0));
    assert_eq!(first[sheet.column("学时（小时）")].as_f64(), Some(16.0));
    assert_eq!(first[sheet.column("人·学时")].as_f64(), Some(1408.0));
    let names = first[sheet.column("参加账号")].to_string();
    assert!(names.contains("广州市总工会干部") && names.contains("深圳市总工会干部"));
    assert!(
        sheet
            .about
            .iter()
            .any(|(l, v)| l == "筛选条件" && v.contains("干部培训") && v.contains("2026")),
        "{:?}",
        sheet.about
    );

    let (status, csv) = admin
        .download("/trainings/export.csv?year=2026&kind=training&ids=1")
        .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert!(rows[0].contains(&"记录编号".to_owned()));
    assert_eq!(rows.len() - 1, sheet.rows.len());
    assert!(rows[1..].iter().any(|row| row.contains(&"1408".to_owned())));

    let beijing = app.signed_in("bj-admin").await;
    let (status, xlsx) = beijing.download("/trainings/export.xlsx").await;
    assert_eq!(status, 200);
    assert!(open(&xlsx).rows.is_empty(), "none of 广东's");
}
