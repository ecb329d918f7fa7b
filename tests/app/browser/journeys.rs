//! A day's task of each kind of user, from signing in to signing out, at an
//! office screen's width and at a phone's.

use super::driver::Viewport;
use super::session::Browser;
use crate::common::TestApp;

/// The provincial admin opens the project waiting for their approval from
/// the home page's tasks and approves it.
async fn provincial_admin_approves_a_project(viewport: Viewport) {
    let app = TestApp::spawn().await;
    let mut browser = Browser::open(&app, "provincial_admin_approves", viewport).await;
    browser.login("gd-admin").await;
    browser.step("task");
    browser.follow("新市民职工心理关爱服务").await;
    browser.step("approve");
    browser
        .fill_labelled("审批意见", "同意立项，注意服务对象覆盖面。")
        .await;
    browser.press("批准").await;
    browser.expect_text("已批准").await;
    browser.logout().await;
    browser.close().await;
}

#[tokio::test]
async fn provincial_admin_approves_a_project_at_a_desk() {
    provincial_admin_approves_a_project(Viewport::Desktop).await;
}

#[tokio::test]
async fn provincial_admin_approves_a_project_on_a_phone() {
    provincial_admin_approves_a_project(Viewport::Phone).await;
}
