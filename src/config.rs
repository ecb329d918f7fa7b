//! The server's configuration: read once, at start-up, from flags or the
//! environment (every flag has a variable), then passed around read-only.
//! Secrets never appear in `Debug` output or logs.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// Settings shared by every subcommand.
/// `Debug` is safe to log: the one secret, the database URL, prints as a placeholder.
#[derive(Clone, Debug, clap::Args)]
pub struct Config {
    /// PostgreSQL to use; unset means a private PostgreSQL under the data folder.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<Secret>,

    /// A password of the serving role's own: the server gives `niudai_app` this
    /// login and connects as it. Unset with `DATABASE_URL`: it connects as that
    /// URL's user and takes `niudai_app` with SET ROLE. The private cluster always
    /// has one.
    #[arg(long, env = "NIUDAI_APP_DB_PASSWORD", global = true)]
    pub app_db_password: Option<Secret>,

    /// Address the web server listens on.
    #[arg(
        long,
        env = "NIUDAI_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: SocketAddr,

    /// Folder for the private PostgreSQL and, later, uploaded files.
    #[arg(long, env = "NIUDAI_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,

    /// The address users reach the server at; `https://` turns on Secure cookies and HSTS.
    #[arg(long, env = "NIUDAI_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Login attempts allowed per client address and minute.
    #[arg(long, env = "NIUDAI_LOGIN_RATE", default_value_t = 30, global = true)]
    pub login_rate: u32,

    /// Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses).
    #[arg(
        long,
        env = "NIUDAI_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<IpAddr>,

    /// Minutes of inactivity after which a session ends.
    #[arg(
        long,
        env = "NIUDAI_SESSION_IDLE_MINUTES",
        default_value_t = 30,
        global = true
    )]
    pub session_idle_minutes: u32,

    /// Hours after login at which a session ends, active or not.
    #[arg(
        long,
        env = "NIUDAI_SESSION_ABSOLUTE_HOURS",
        default_value_t = 12,
        global = true
    )]
    pub session_absolute_hours: u32,

    /// Connections the server keeps to PostgreSQL.
    #[arg(long, env = "NIUDAI_DB_POOL_SIZE", default_value_t = 16, global = true)]
    pub db_pool_size: u32,

    /// Password hashes computed at once (each takes 19 MiB); 0 means one per CPU.
    #[arg(
        long,
        env = "NIUDAI_PASSWORD_HASH_CONCURRENCY",
        default_value_t = 0,
        global = true
    )]
    pub password_hash_concurrency: usize,

    /// The largest attachment accepted, in megabytes (at most 25: requests
    /// themselves stop at 30 MB).
    #[arg(
        long,
        env = "NIUDAI_MAX_FILE_MB",
        default_value_t = 20,
        value_parser = clap::value_parser!(u32).range(1..=25),
        global = true
    )]
    pub max_file_mb: u32,

    /// An S3-compatible bucket for attachments (several servers share it);
    /// unset keeps them in `files/` under the data folder.
    #[arg(long, env = "NIUDAI_S3_BUCKET", global = true)]
    pub s3_bucket: Option<String>,

    /// The S3 endpoint, for a store other than AWS (MinIO, Ceph, a cloud's
    /// S3-compatible service), e.g. `http://127.0.0.1:9000`.
    #[arg(long, env = "NIUDAI_S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,

    #[arg(
        long,
        env = "NIUDAI_S3_REGION",
        default_value = "us-east-1",
        global = true
    )]
    pub s3_region: String,

    #[arg(long, env = "NIUDAI_S3_ACCESS_KEY_ID", global = true)]
    pub s3_access_key_id: Option<String>,

    #[arg(long, env = "NIUDAI_S3_SECRET_ACCESS_KEY", global = true)]
    pub s3_secret_access_key: Option<Secret>,
}

impl Config {
    /// The defaults, with nothing read from flags or the environment.
    pub fn defaults() -> Self {
        Self {
            database_url: None,
            app_db_password: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            public_url: None,
            login_rate: 30,
            trusted_proxies: Vec::new(),
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            db_pool_size: 16,
            password_hash_concurrency: 0,
            max_file_mb: 20,
            s3_bucket: None,
            s3_endpoint: None,
            s3_region: "us-east-1".into(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
        }
    }

    /// The largest attachment accepted, in bytes.
    pub fn max_file_bytes(&self) -> usize {
        usize::try_from(self.max_file_mb).unwrap_or(20) * 1024 * 1024
    }

    /// Whether users reach the server over https (Secure cookies, HSTS).
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.to_ascii_lowercase().starts_with("https://"))
    }

    pub fn session_idle(&self) -> Duration {
        Duration::from_secs(u64::from(self.session_idle_minutes) * 60)
    }

    pub fn session_absolute(&self) -> Duration {
        Duration::from_secs(u64::from(self.session_absolute_hours) * 3600)
    }

    pub fn hash_concurrency(&self) -> usize {
        match self.password_hash_concurrency {
            0 => std::thread::available_parallelism().map_or(2, usize::from),
            n => n,
        }
    }
}

/// A value that must not be printed: `Debug` and `Display` show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

/// 256 random bits, URL-safe: session tokens, CSRF tokens, generated
/// passwords of the database roles.
pub fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }

    #[test]
    fn debug_output_hides_the_database_password() {
        let mut config = Config::defaults();
        config.database_url = Some(Secret::new("postgres://app:hunter2-secret@db/niudai"));
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter2-secret"), "{printed}");
        assert!(printed.contains("Secret(***)"));
    }

    #[test]
    fn https_public_url_means_secure_cookies() {
        let mut config = Config::defaults();
        assert!(!config.is_https());
        config.public_url = Some("HTTPS://niudai.example.cn".into());
        assert!(config.is_https());
    }
}
