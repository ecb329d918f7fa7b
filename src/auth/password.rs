//! Password hashing with argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1).
//! Hashing runs off the async runtime and at most `permits` at a time, so a flood
//! of logins queues instead of exhausting memory.

use std::sync::{Arc, LazyLock};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Shortest password accepted anywhere.
pub const MIN_LENGTH: usize = 10;

/// A hash of a password nobody knows, verified when the username is unknown so
/// that unknown and known usernames cost the same time.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking(&super::tokens::random_token()));

/// Computes the dummy hash ahead of the first login.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[derive(Clone, Debug)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

impl Hasher {
    pub fn new(concurrency: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    pub async fn hash(&self, password: String) -> String {
        let permit = self.permit().await;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            hash_blocking(&password)
        })
        .await
        .expect("hashing does not panic")
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is
    /// no stored hash, taking the same time either way.
    pub async fn verify(&self, password: String, stored: Option<String>) -> bool {
        let permit = self.permit().await;
        tokio::task::spawn_blocking(move || {
            // The permit travels with the work: a client that goes away frees it
            // only when the hash is done, not before.
            let _permit = permit;
            let known = stored.is_some();
            let hash = stored.unwrap_or_else(|| DUMMY_HASH.clone());
            verify_blocking(&password, &hash) && known
        })
        .await
        .expect("verifying does not panic")
    }

    async fn permit(&self) -> OwnedSemaphorePermit {
        self.permits
            .clone()
            .acquire_owned()
            .await
            .expect("the semaphore is never closed")
    }
}

/// Hashes with a fresh salt; blocks for tens of milliseconds.
pub fn hash_blocking(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_at_owasp_minimum() {
        let hash = hash_blocking("correct horse battery");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("correct horse battery", &hash));
        assert!(!verify_blocking("correct horse batterY", &hash));
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        let hasher = Hasher::new(1);
        assert!(!hasher.verify("anything".into(), None).await);
    }
}
