//! The file store: bytes under generated keys, in one folder (the data
//! folder's `files/`) or, when configured, an S3-compatible bucket that
//! several servers share. Keys are UUIDs, never user input, so no name a user
//! typed reaches the disk or the bucket.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::TryStreamExt;
use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use uuid::Uuid;

use crate::config::Config;

#[derive(Clone, Debug)]
pub enum FileStore {
    Folder(PathBuf),
    Bucket(Arc<dyn ObjectStore>),
}

/// Whether `key` is a key [`FileStore::put`] makes: a UUID as it prints it,
/// so that it is safe as a file name anywhere.
pub fn is_key(key: &str) -> bool {
    Uuid::parse_str(key).is_ok_and(|id| id.to_string() == key)
}

fn io_error(error: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(error.to_string())
}

impl FileStore {
    /// The bucket when `NIUDAI_S3_BUCKET` is set, else `files/` in the data folder.
    pub fn from_config(config: &Config) -> std::io::Result<Self> {
        let Some(bucket) = &config.s3_bucket else {
            return Ok(Self::Folder(config.data_dir.join("files")));
        };
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(&config.s3_region);
        if let Some(endpoint) = &config.s3_endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(key) = &config.s3_access_key_id {
            builder = builder.with_access_key_id(key);
        }
        if let Some(secret) = &config.s3_secret_access_key {
            builder = builder.with_secret_access_key(secret.expose());
        }
        Ok(Self::Bucket(Arc::new(builder.build().map_err(io_error)?)))
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        match self {
            Self::Folder(dir) => Uuid::parse_str(key).ok().map(|id| dir.join(id.to_string())),
            Self::Bucket(_) => None,
        }
    }

    /// Writes `bytes` under a new key and returns the key.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = Uuid::new_v4().to_string();
        self.put_at(&key, bytes).await?;
        Ok(key)
    }

    /// Writes `bytes` under `key`, a key [`FileStore::put`] made (a restore
    /// puts files back under the names their records hold).
    pub async fn put_at(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        if !is_key(key) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a storage key",
            ));
        }
        match self {
            Self::Folder(dir) => {
                tokio::fs::create_dir_all(dir).await?;
                tokio::fs::write(dir.join(key), bytes).await
            }
            Self::Bucket(store) => store
                .put(&ObjectPath::from(key), bytes.to_vec().into())
                .await
                .map(|_| ())
                .map_err(io_error),
        }
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        if Uuid::parse_str(key).is_err() {
            return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "bad key"));
        }
        match self {
            Self::Folder(_) => tokio::fs::read(self.path(key).unwrap_or_default()).await,
            Self::Bucket(store) => {
                let found = store.get(&ObjectPath::from(key)).await.map_err(io_error)?;
                Ok(found.bytes().await.map_err(io_error)?.to_vec())
            }
        }
    }

    /// Removes a key's bytes (a refused or rolled-back upload).
    pub async fn remove(&self, key: &str) {
        let result = match self {
            Self::Folder(_) => match self.path(key) {
                Some(path) => match tokio::fs::remove_file(&path).await {
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    other => other,
                },
                None => Ok(()),
            },
            Self::Bucket(store) => match Uuid::parse_str(key) {
                Ok(_) => store.delete(&ObjectPath::from(key)).await.map_err(io_error),
                Err(_) => Ok(()),
            },
        };
        if let Err(error) = result {
            tracing::warn!(%error, key, "removing a stored file failed");
        }
    }

    /// The keys stored, with their age.
    pub async fn keys(&self) -> std::io::Result<Vec<(String, Duration)>> {
        let mut out = Vec::new();
        match self {
            Self::Folder(dir) => {
                let mut entries = match tokio::fs::read_dir(dir).await {
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
            }
            Self::Bucket(store) => {
                let listed: Vec<object_store::ObjectMeta> =
                    store.list(None).try_collect().await.map_err(io_error)?;
                let now = chrono::Utc::now();
                for meta in listed {
                    let age = (now - meta.last_modified).to_std().unwrap_or_default();
                    out.push((meta.location.to_string(), age));
                }
            }
        }
        Ok(out)
    }
}
