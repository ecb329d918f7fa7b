//! Password hashing with argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1).
//! Hashing runs off the async runtime and at most `permits` at a time, so a flood
//! of logins queues instead of exhausting memory.

use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::password_hash::{
    self, CustomizedPasswordHasher, PasswordHasher, PasswordVerifier, Version as PhcVersion,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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
    KeptMemory
        .hash_password(password.as_bytes())
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        KeptMemory
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// The 19 MiB of blocks each hash works in, kept between hashes (at most one
/// per hash running at once). Allocated afresh every time, as `Argon2` does,
/// glibc keeps a freed copy in every thread arena that ever hashed, and the
/// server grew by 19 MiB an arena up to some 300 MB.
static BLOCKS: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Argon2 hashing and verifying in the kept blocks; otherwise exactly the
/// crate's own `PasswordHasher` (the same PHC strings, the constant-time
/// comparison of the blanket `PasswordVerifier`).
struct KeptMemory;

impl CustomizedPasswordHasher<PasswordHash> for KeptMemory {
    type Params = Params;

    fn hash_password_customized(
        &self,
        password: &[u8],
        salt: &[u8],
        algorithm: Option<&str>,
        version: Option<PhcVersion>,
        params: Params,
    ) -> password_hash::Result<PasswordHash> {
        let algorithm = algorithm
            .map(Algorithm::try_from)
            .transpose()?
            .unwrap_or_default();
        let version = version
            .map(Version::try_from)
            .transpose()?
            .unwrap_or_default();
        let salt = Salt::new(salt)?;
        let mut buffer = [0u8; Output::MAX_LENGTH];
        let out = buffer
            .get_mut(..params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN))
            .ok_or(password_hash::Error::OutputSize)?;
        let argon2 = Argon2::new(algorithm, version, params.clone());
        let mut blocks = BLOCKS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        blocks.resize(params.block_count(), Block::default());
        let hashed = argon2.hash_password_into_with_memory(password, &salt, out, &mut blocks);
        BLOCKS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(blocks);
        hashed?;
        Ok(PasswordHash {
            algorithm: algorithm.ident(),
            version: Some(version.into()),
            params: ParamsString::try_from(&params)?,
            salt: Some(salt),
            hash: Some(Output::new(out)?),
        })
    }
}

impl PasswordHasher<PasswordHash> for KeptMemory {
    fn hash_password_with_salt(
        &self,
        password: &[u8],
        salt: &[u8],
    ) -> password_hash::Result<PasswordHash> {
        self.hash_password_customized(password, salt, None, None, Params::default())
    }
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

    #[test]
    fn hashes_match_the_crates_own() {
        let ours = hash_blocking("correct horse battery");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(
            Argon2::default()
                .verify_password(b"correct horse battery", &parsed)
                .is_ok()
        );
        let theirs = Argon2::default()
            .hash_password(b"correct horse battery")
            .expect("a hash")
            .to_string();
        assert!(verify_blocking("correct horse battery", &theirs));
        assert!(!verify_blocking("correct horse battery!", &theirs));
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        let hasher = Hasher::new(1);
        assert!(!hasher.verify("anything".into(), None).await);
    }
}
