//! Password hashing with argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1).
//! Hashing runs off the async runtime and at most `permits` at a time, so a flood
//! of logins queues instead of exhausting memory.

use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::password_hash::{
    self, CustomizedPasswordHasher, PasswordHasher, Version as PhcVersion,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Shortest password accepted anywhere.
pub const MIN_LENGTH: usize = 10;

/// The settings part of a fresh hash (`$argon2id$v=19$m=…,t=…,p=…`), which the
/// database completes with a salt of its own for unknown usernames, so that
/// they cost the same work as known ones.
static DEFAULT_SETTINGS: LazyLock<String> = LazyLock::new(|| {
    let hash = hash_blocking(&crate::config::random_token());
    let without_hash = hash.rsplit_once('$').map_or("", |(settings, _)| settings);
    without_hash
        .rsplit_once('$')
        .map_or_else(String::new, |(prefix, _salt)| prefix.to_owned())
});

/// What a fresh hash's settings start with (algorithm, version, parameters).
pub fn default_settings() -> &'static str {
    &DEFAULT_SETTINGS
}

/// Computes the default settings ahead of the first login.
pub fn warm_up() {
    LazyLock::force(&DEFAULT_SETTINGS);
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

    /// The hash `password` has under `settings` (a stored hash without its
    /// hash part, as the database hands it out), for the database to compare
    /// with the stored one. Settings that do not parse still cost a hash and
    /// give a candidate that matches nothing.
    pub async fn candidate(&self, password: String, settings: String) -> String {
        let permit = self.permit().await;
        tokio::task::spawn_blocking(move || {
            // The permit travels with the work: a client that goes away frees it
            // only when the hash is done, not before.
            let _permit = permit;
            candidate_blocking(&password, &settings).unwrap_or_else(|| {
                hash_blocking(&password);
                String::new()
            })
        })
        .await
        .expect("hashing does not panic")
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
    ReusedBlocks
        .hash_password(password.as_bytes())
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

/// `settings` completed with the hash of `password` under them.
fn candidate_blocking(password: &str, settings: &str) -> Option<String> {
    let parsed = PasswordHash::new(settings).ok()?;
    let salt = parsed.salt.as_ref()?;
    let computed = ReusedBlocks
        .hash_password_customized(
            password.as_bytes(),
            salt,
            Some(parsed.algorithm.as_str()),
            parsed.version,
            Params::try_from(&parsed).ok()?,
        )
        .ok()?;
    Some(format!("{settings}${}", computed.hash?))
}

/// The 19 MiB of blocks each hash works in, kept between hashes (at most one
/// per hash running at once). Allocated afresh every time, as `Argon2` does,
/// glibc keeps a freed copy in every thread arena that ever hashed, and the
/// server grew by 19 MiB an arena up to some 300 MB.
static BLOCKS: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Argon2 hashing in the kept blocks; otherwise exactly the crate's own
/// `PasswordHasher` (the same PHC strings). Passwords are not verified here:
/// the database compares the stored hash with the one computed under its
/// settings, so that the serving role never reads a hash.
struct ReusedBlocks;

impl CustomizedPasswordHasher<PasswordHash> for ReusedBlocks {
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

impl PasswordHasher<PasswordHash> for ReusedBlocks {
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
    use argon2::password_hash::PasswordVerifier;

    fn settings_of(hash: &str) -> &str {
        hash.rsplit_once('$').map_or("", |(settings, _)| settings)
    }

    #[test]
    fn hashes_are_argon2id_at_owasp_minimum() {
        let hash = hash_blocking("correct horse battery");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert_eq!(default_settings(), "$argon2id$v=19$m=19456,t=2,p=1");
    }

    #[test]
    fn the_candidate_under_a_hashs_settings_is_the_hash_for_the_right_password_only() {
        let hash = hash_blocking("correct horse battery");
        let settings = settings_of(&hash);
        assert_eq!(
            candidate_blocking("correct horse battery", settings).as_deref(),
            Some(hash.as_str())
        );
        assert_ne!(
            candidate_blocking("correct horse batterY", settings).as_deref(),
            Some(hash.as_str())
        );
    }

    #[test]
    fn candidates_match_the_crates_own_hashes() {
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
        assert_eq!(
            candidate_blocking("correct horse battery", settings_of(&theirs)),
            Some(theirs)
        );
    }

    #[tokio::test]
    async fn settings_that_do_not_parse_match_nothing() {
        let hasher = Hasher::new(1);
        assert_eq!(hasher.candidate("anything".into(), "$x".into()).await, "");
    }
}
