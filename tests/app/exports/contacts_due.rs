use chrono::{Local, NaiveDate};

use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_contact_reminders_export_due_dates_and_days_overdue_in_the_city() {
    let app = TestApp::spawn().await;
    let staff = app.login("gz-staff").await;
    let (status, xlsx) = staff.download("/contacts/due/export.xlsx").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广州市总工会");
    sheet.assert_kind("组织名称", Kind::Text);
    sheet.assert_kind("统一社会信用代码", Kind::Text);
    sheet.assert_kind("下次联系日期", Kind::Date);
    sheet.assert_kind("逾期天数", Kind::Number);
    // Days overdue agree with the due date; the longest overdue come first.
    let today = Local::now().date_naive();
    let (_, csv) = staff.download("/contacts/due/export.csv").await;
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());
    let due = sheet.column("下次联系日期");
    let days = sheet.column("逾期天数");
    let mut previous = NaiveDate::MIN;
    for row in &rows[1..] {
        let on: NaiveDate = row[due].parse().expect("a date");
        let late: i64 = row[days].parse().expect("a number");
        assert_eq!(late, (today - on).num_days().max(0), "{row:?}");
        assert!(on >= previous, "in due order");
        previous = on;
    }
    assert!(
        rows[1..].iter().any(|row| row[days] != "0"),
        "the demo has overdue organizations in 广州"
    );

    // Another city's reminders are its own.
    let (_, other) = app
        .login("sz-staff")
        .await
        .download("/contacts/due/export.xlsx")
        .await;
    let other = open(&other).texts("组织名称");
    assert!(!other.is_empty());
    let ours = sheet.texts("组织名称");
    assert!(other.iter().all(|name| !ours.contains(name)), "{other:?}");
}
