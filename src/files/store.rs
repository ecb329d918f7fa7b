//! The file store: bytes under generated keys in one folder (the data folder's
//! `files/`). Keys are UUIDs, never user input, so no name reaches the disk.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use uuid::Uuid;

#[derive(Clone, Debug)]
pub struct FileStore {
    dir: PathBuf,
}

impl FileStore {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        Uuid::parse_str(key)
            .ok()
            .map(|id| self.dir.join(id.to_string()))
    }

    /// Writes `bytes` under a new key and returns the key.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let key = Uuid::new_v4().to_string();
        let path = self.dir.join(&key);
        tokio::fs::write(&path, bytes).await?;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path(key)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "bad key"))?;
        tokio::fs::read(path).await
    }

    /// Removes a key's bytes (a refused or rolled-back upload).
    pub async fn remove(&self, key: &str) {
        if let Some(path) = self.path(key)
            && let Err(error) = tokio::fs::remove_file(&path).await
            && error.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(%error, key, "removing a stored file failed");
        }
    }

    /// The keys stored, with their age.
    pub async fn keys(&self) -> std::io::Result<Vec<(String, Duration)>> {
        let mut out = Vec::new();
        let mut entries = match tokio::fs::read_dir(&self.dir).await {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(error) => return Err(error),
        };
        while let Some(entry) = entries.next_entry().await? {
            let age = entry
                .metadata()
                .await?
                .modified()
                .ok()
                .and_then(|at| SystemTime::now().duration_since(at).ok())
                .unwrap_or_default();
            out.push((entry.file_name().to_string_lossy().into_owned(), age));
        }
        Ok(out)
    }
}
