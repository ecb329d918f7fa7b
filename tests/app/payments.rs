//! The payment list (`/payments`): a cadre's payments, the latest first, by
//! status, year or search, in keyset pages with a count; an empty scope says
//! what to do.

use crate::common::{Page, TestApp};
use crate::delivery::contract_of;

/// Sixty installments of the demo's signed contract in 广州 withheld, one a
/// day back from today, with the reasons `暂缓-00` (today) to `暂缓-59`
/// (written past the triggers, which want a contract's installments to add
/// up to 100 %).
async fn withhold_sixty(app: &TestApp) {
    let (contract, _) = contract_of(app).await;
    let admin = app.user_id("gd-admin").await;
    let mut conn = app.owner().await;
    sqlx::query("set session_replication_role = replica")
        .execute(&mut conn)
        .await
        .expect("no triggers");
    sqlx::query(
        "insert into contract_installments (contract_id, union_path, position, percent, condition)
         select c.id, c.union_path, 4 + n, 1, 'after_final'
           from contracts c, generate_series(0, 59) n where c.id = $1",
    )
    .bind(contract)
    .execute(&mut conn)
    .await
    .expect("installments");
    sqlx::query(
        "insert into payments (contract_id, union_path, org_id, supervisor_id, position, decision,
                               reason, decided_by, decided_at)
         select c.id, c.union_path, c.org_id, c.supervisor_id, 4 + n, 'withheld',
                '暂缓-' || lpad(n::text, 2, '0'), $2, now() - n * interval '1 day'
           from contracts c, generate_series(0, 59) n where c.id = $1",
    )
    .bind(contract)
    .bind(admin)
    .execute(&mut conn)
    .await
    .expect("payments");
}

fn link(page: &Page, rel: &str) -> String {
    page.body
        .split(&format!("rel=\"{rel}\""))
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|link| link.split('"').next())
        .unwrap_or_else(|| panic!("a {rel} link"))
        .replace("&#38;", "&")
}

#[tokio::test]
async fn a_cadre_finds_payments_by_status_year_and_search_in_pages() {
    let app = TestApp::spawn().await;
    withhold_sixty(&app).await;
    let staff = app.login("gz-staff").await;
    let all = staff.get("/payments").await;
    assert_eq!(all.status, 200);
    assert!(all.contains("href=\"/payments\""), "in the navigation");
    assert!(
        all.contains("共 66 条"),
        "six paid in the demo: {}",
        all.body
    );
    assert!(all.contains("暂缓-00") && !all.contains("环卫工人冬季关爱服务"));

    let withheld = staff.get("/payments?status=withheld").await;
    assert!(withheld.contains("共 60 条"));
    assert!(withheld.contains("暂缓-00") && withheld.contains("暂缓-49"));
    assert!(!withheld.contains("暂缓-50") && !withheld.contains("已拨付</span>"));
    let second = staff.get(&link(&withheld, "next")).await;
    assert!(second.contains("暂缓-50") && second.contains("暂缓-59"));
    assert!(!second.contains("暂缓-49") && !second.contains("rel=\"next\""));
    let first = staff.get(&link(&second, "prev")).await;
    assert!(first.contains("暂缓-00") && !first.contains("暂缓-50"));

    let paid = staff.get("/payments?status=paid").await;
    assert!(paid.contains("共 6 条") && !paid.contains("暂缓-"));
    let today = chrono::Local::now().date_naive();
    let week = staff
        .get(&format!(
            "/payments?from={}&to={today}",
            today - chrono::Days::new(6)
        ))
        .await;
    assert!(week.contains("共 7 条"), "{}", week.body);
    let none = staff.get("/payments?year=2001").await;
    assert!(none.contains("共 0 条") && none.contains("没有符合条件的记录"));
    let named = staff.get("/payments?q=新市民&status=paid").await;
    assert!(named.contains("共 6 条"));
    let code: String = {
        let mut conn = app.owner().await;
        sqlx::query_scalar("select code from projects where title = '职工法律服务进园区'")
            .fetch_one(&mut conn)
            .await
            .expect("a code")
    };
    let coded = staff
        .get(&format!("/payments?q={}", code.to_lowercase()))
        .await;
    assert!(coded.contains("共 3 条"), "{}", coded.body);
    assert_eq!(staff.get("/payments?status=owed").await.status, 400);
    assert_eq!(staff.get("/payments?year=20x6").await.status, 400);

    // A city with nothing paid yet is told where payments are made.
    let empty = app.login("sz-staff").await.get("/payments").await;
    assert!(empty.contains("还没有拨付记录") && empty.contains("共 0 条"));
}
