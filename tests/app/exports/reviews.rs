use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn a_reviewer_exports_their_own_assignments_with_deadline_and_total() {
    let app = TestApp::spawn().await;
    let reviewer = app.login("reviewer-1").await;
    let (status, xlsx) = reviewer.download("/reviews/export.xlsx").await;
    assert_eq!(status, 200);
    let mine = open(&xlsx);
    mine.assert_well_formed("广东省总工会");
    mine.assert_kind("项目名称", Kind::Text);
    mine.assert_kind("申报组织", Kind::Text);
    mine.assert_kind("截止日期", Kind::Date);
    mine.assert_kind("总分", Kind::Number);
    mine.assert_kind("提交时间", Kind::Date);
    assert_eq!(mine.texts("状态"), vec!["已提交".to_owned()]);

    // Another reviewer of the same application has not scored: no total.
    let (_, theirs) = app
        .login("reviewer-3")
        .await
        .download("/reviews/export.xlsx")
        .await;
    let theirs = open(&theirs);
    assert_eq!(theirs.rows.len(), 1);
    assert_eq!(theirs.texts("总分"), vec![String::new()]);
    assert_ne!(theirs.texts("状态"), mine.texts("状态"));

    let (status, csv) = reviewer.download("/reviews/export.csv").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], mine.headers);
    assert_eq!(rows.len() - 1, mine.rows.len());
}
