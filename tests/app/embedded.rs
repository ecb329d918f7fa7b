//! The private PostgreSQL that runs Niudai without a database server.

use niudai::db::embedded::EmbeddedPostgres;
use sqlx::{Connection, PgConnection};

#[tokio::test]
async fn the_private_cluster_is_created_once_reused_and_stopped() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("embedded-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let first = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&dir))
            .await
            .expect("join")
            .expect("start")
    };
    assert!(first.is_new());
    first.ensure_database("niudai").await.expect("database");
    let mut conn = PgConnection::connect(first.url("niudai").expose())
        .await
        .expect("connect");
    let (encoding, ctype): (String, String) = sqlx::query_as(
        "select pg_encoding_to_char(encoding)::text, datctype::text from pg_database where datname = current_database()",
    )
    .fetch_one(&mut conn)
    .await
    .expect("query");
    assert_eq!((encoding.as_str(), ctype.as_str()), ("UTF8", "C.UTF-8"));
    conn.close().await.expect("close");
    let stopped = tokio::task::spawn_blocking(move || first.stop())
        .await
        .expect("join")
        .expect("stop");
    assert!(stopped);

    let second = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&dir))
            .await
            .expect("join")
            .expect("restart")
    };
    assert!(!second.is_new(), "the same cluster is reused");
    second.ensure_database("niudai").await.expect("still there");

    // A second command on the same folder (a `seed` while the server runs) uses
    // the running cluster and leaves it running.
    let visitor = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || EmbeddedPostgres::start(&dir))
            .await
            .expect("join")
            .expect("visit")
    };
    let url = visitor.url("niudai");
    let left_running = !tokio::task::spawn_blocking(move || visitor.stop())
        .await
        .expect("join")
        .expect("stop");
    assert!(left_running);
    PgConnection::connect(url.expose())
        .await
        .expect("the cluster still answers");

    let stopped = tokio::task::spawn_blocking(move || second.stop())
        .await
        .expect("join")
        .expect("stop");
    assert!(stopped);
    let _ = std::fs::remove_dir_all(&dir);
}
