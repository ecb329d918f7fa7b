use super::workbook::{Kind, csv_rows, open};
use crate::common::TestApp;

#[tokio::test]
async fn the_account_list_exports_its_filter_and_never_a_secret() {
    let app = TestApp::spawn().await;
    app.login("gz-staff").await;
    app.login("sz-staff").await;
    let admin = app.login("gd-admin").await;
    let (status, xlsx) = admin.download("/users/export.xlsx?role=staff").await;
    assert_eq!(status, 200);
    let sheet = open(&xlsx);
    sheet.assert_well_formed("广东省总工会");
    sheet.assert_kind("用户名", Kind::Text);
    sheet.assert_kind("角色", Kind::Text);
    sheet.assert_kind("最近登录", Kind::Date);
    sheet.assert_kind("创建时间", Kind::Date);
    assert_eq!(
        sheet.headers,
        [
            "用户名",
            "姓名",
            "角色",
            "所属工会",
            "状态",
            "最近登录",
            "创建时间"
        ]
    );
    let username = sheet.column("用户名");
    let names: Vec<String> = sheet.rows.iter().map(|r| r[username].to_string()).collect();
    assert!(names.contains(&"gz-staff".to_owned()), "{names:?}");
    assert!(names.contains(&"sz-staff".to_owned()));
    assert!(
        !names.contains(&"gd-viewer".to_owned()),
        "the role filter holds"
    );
    assert!(
        !names.contains(&"bj-admin".to_owned()),
        "another province's account stays out"
    );
    let role = sheet.column("角色");
    assert!(sheet.rows.iter().all(|r| r[role] == "工作人员"));

    let (status, csv) = admin.download("/users/export.csv?role=staff").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&csv);
    assert_eq!(rows[0], sheet.headers);
    assert_eq!(rows.len() - 1, sheet.rows.len());
    let (_, with_ids) = admin.download("/users/export.xlsx?ids=1").await;
    let (_, everyone) = admin.download("/users/export.csv").await;
    let mut conn = app.owner().await;
    let secrets: Vec<String> = sqlx::query_scalar(
        "select password_hash from users
         union all select encode(token_hash, 'hex') from sessions
         union all select csrf_token from sessions",
    )
    .fetch_all(&mut conn)
    .await
    .expect("secrets");
    assert!(secrets.len() > 3);
    let texts = [
        String::from_utf8_lossy(&everyone).into_owned(),
        String::from_utf8_lossy(&with_ids).into_owned(),
    ];
    for secret in &secrets {
        for text in &texts {
            assert!(!text.contains(secret.as_str()), "a secret was exported");
        }
    }
    assert!(!texts[0].contains("$argon2"));
}
