//! `schema.sql` is the schema the migrations make, dumped and normalised, so
//! that every table, policy, grant and function can be read in one file. The
//! test fails when it is stale; `NIUDAI_WRITE_SCHEMA=1 cargo test --test app
//! schema` writes it anew.

use std::path::Path;
use std::process::Command;

use crate::common::database;

/// The dump without what differs between machines and runs: versions, the
/// random `\restrict` key, the owner's name.
fn normalised(dump: &str, owner: &str) -> String {
    let mut lines: Vec<String> = dump
        .lines()
        .filter(|line| {
            !line.starts_with("-- Dumped from")
                && !line.starts_with("-- Dumped by")
                && !line.starts_with("\\restrict")
                && !line.starts_with("\\unrestrict")
        })
        .map(|line| line.replace(&format!("FOR ROLE {owner} "), "FOR ROLE owner "))
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n") + "\n"
}

#[tokio::test]
async fn schema_sql_is_what_the_migrations_make() {
    let name = database::fresh().await;
    let bin = niudai::db::embedded::find_client_bin_dir().expect("pg_dump is installed");
    let output = Command::new(bin.join("pg_dump"))
        .args(["--schema-only", "--no-owner", "--dbname"])
        .arg(database::url(&name))
        .output()
        .expect("pg_dump runs");
    database::drop_database(name.clone());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let owner = database::server().get_username().to_owned();
    let dumped = normalised(&String::from_utf8_lossy(&output.stdout), &owner);
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql");
    if std::env::var("NIUDAI_WRITE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&file, &dumped).expect("write schema.sql");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == dumped,
        "schema.sql is stale: refresh it with `NIUDAI_WRITE_SCHEMA=1 cargo test --test app schema` \
         and commit it"
    );
}
