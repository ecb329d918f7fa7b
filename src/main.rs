//! The `niudai` command: serve (the default), migrate, seed, add a user, back
//! up and restore.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use niudai::config::Config;
use niudai::server::{self, Database};
use niudai::users::cli::{AddUser, add_user};
use niudai::{backup, db, seed};

#[derive(Parser)]
#[command(
    name = "niudai",
    version,
    about = "纽带 Niudai: trade unions and labor-relations social organizations"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply the database migrations.
    Migrate,
    /// Load data.
    Seed {
        #[command(subcommand)]
        what: SeedCommand,
    },
    /// Manage accounts from the command line.
    User {
        #[command(subcommand)]
        what: UserCommand,
    },
    /// Copy the database (pg_dump, as the owner) and every attachment into a
    /// folder, with a manifest of row counts and file checksums.
    Backup {
        /// The folder to write; it must not exist or be empty.
        #[arg(long)]
        to: PathBuf,
        /// Finish even when files that records name are missing or damaged
        /// (the manifest lists them).
        #[arg(long)]
        allow_missing_files: bool,
    },
    /// Load a backup into an empty database and the file store, and check the
    /// result against its manifest.
    Restore {
        /// The folder `niudai backup` wrote.
        #[arg(long)]
        from: PathBuf,
    },
}

#[derive(Subcommand)]
enum SeedCommand {
    /// The demo unions and accounts.
    Demo {
        /// Password of every demo account.
        #[arg(long, env = "NIUDAI_DEMO_PASSWORD", default_value = seed::DEMO_PASSWORD)]
        password: String,
    },
    /// A national dataset for load tests: the whole union tree and N organizations.
    Scale {
        /// How many organizations to generate.
        #[arg(long, env = "NIUDAI_SEED_ORGS", default_value_t = 100_000)]
        orgs: u64,
        /// How many projects to generate (with applications, reviews and
        /// contracts); one per ten organizations unless given.
        #[arg(long, env = "NIUDAI_SEED_PROJECTS")]
        projects: Option<u64>,
        /// How many reports to generate on the projects' contracts; one per
        /// organization unless given.
        #[arg(long, env = "NIUDAI_SEED_REPORTS")]
        reports: Option<u64>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account (the first admin on a real database).
    Add {
        /// The account's union: its id or division code (e.g. 440000).
        #[arg(long, env = "NIUDAI_USER_UNION")]
        union: String,
        /// admin, staff, viewer, reviewer or evaluator.
        #[arg(long, env = "NIUDAI_USER_ROLE")]
        role: String,
        #[arg(long, env = "NIUDAI_USER_USERNAME")]
        username: String,
        /// The name shown in the application (defaults to the username).
        #[arg(long, env = "NIUDAI_USER_DISPLAY_NAME")]
        display_name: Option<String>,
        /// Read the password from the first line of standard input instead of asking.
        #[arg(long, env = "NIUDAI_USER_PASSWORD_STDIN")]
        password_stdin: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into()),
        )
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => server::serve(cli.config).await.map_err(|e| e.to_string()),
        Command::Migrate => {
            with_database(&cli.config, |url| async move {
                db::migrate(&url).await.map_err(|e| e.to_string())
            })
            .await
        }
        Command::Seed {
            what: SeedCommand::Demo { password },
        } => {
            with_database(&cli.config, |url| async move {
                db::migrate(&url).await.map_err(|e| e.to_string())?;
                let pool = db::connect_owner(&url).await.map_err(|e| e.to_string())?;
                seed::seed_demo(&pool, &password)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("Demo data loaded; every demo account's password is now {password:?}.");
                Ok(())
            })
            .await
        }
        Command::Seed {
            what:
                SeedCommand::Scale {
                    orgs,
                    projects,
                    reports,
                },
        } => {
            with_database(&cli.config, |url| async move {
                db::migrate(&url).await.map_err(|e| e.to_string())?;
                let pool = db::connect_owner(&url).await.map_err(|e| e.to_string())?;
                let size = seed::Size {
                    orgs,
                    projects: projects.unwrap_or(orgs / 10),
                    reports: reports.unwrap_or(orgs),
                };
                seed::seed_scale(&pool, size, |line| println!("{line}"))
                    .await
                    .map_err(|e| e.to_string())
            })
            .await
        }
        Command::User {
            what:
                UserCommand::Add {
                    union,
                    role,
                    username,
                    display_name,
                    password_stdin,
                },
        } => match read_password(password_stdin) {
            Err(error) => Err(error),
            Ok(password) => {
                with_database(&cli.config, |url| async move {
                    db::migrate(&url).await.map_err(|e| e.to_string())?;
                    let pool = db::connect_owner(&url).await.map_err(|e| e.to_string())?;
                    let request = AddUser {
                        union: &union,
                        role: &role,
                        username: &username,
                        display_name: display_name.as_deref(),
                        password: &password,
                    };
                    add_user(&pool, request).await.map_err(|e| e.to_string())?;
                    println!("Account {username} added.");
                    Ok(())
                })
                .await
            }
        },
        Command::Backup {
            to,
            allow_missing_files,
        } => {
            let config = &cli.config;
            with_database(config, |url| async move {
                let summary = backup::backup(config, &url, &to, allow_missing_files)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("{summary}");
                Ok(())
            })
            .await
        }
        Command::Restore { from } => {
            let config = &cli.config;
            with_database(config, |url| async move {
                let summary = backup::restore(config, &url, &from)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("{summary}");
                Ok(())
            })
            .await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("niudai: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `work` against the configured database or the private cluster,
/// stopping the cluster afterwards.
async fn with_database<F, Fut>(config: &Config, work: F) -> Result<(), String>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let database = Database::open(config).await.map_err(|e| e.to_string())?;
    let result = work(database.url.expose().to_owned()).await;
    database.close().await;
    result
}

fn read_password(from_stdin: bool) -> Result<String, String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
    let second = rpassword::prompt_password("Password again: ").map_err(|e| e.to_string())?;
    if first != second {
        return Err("the two passwords differ".into());
    }
    Ok(first)
}
