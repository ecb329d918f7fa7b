//! The hash under which a session token is stored (the database never holds
//! a token a thief could present), comparing secrets in constant time, and
//! the passwords handed over once. Tokens themselves come from
//! `config::random_token`.

use sha2::{Digest, Sha256};

/// The form a session token is stored and looked up in.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A password to hand over once (a reset): 16 characters without look-alikes,
/// easy to read out over the phone.
pub fn readable_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    // Bytes at or above the largest multiple of the alphabet's size are skipped,
    // so that every character is equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut password = String::with_capacity(16);
    while password.len() < 16 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the operating system's random source is available");
        for b in bytes.into_iter().map(usize::from).filter(|b| *b < limit) {
            if password.len() < 16 {
                password.push(char::from(ALPHABET[b % ALPHABET.len()]));
            }
        }
    }
    password
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_secret_compares_content() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }

    #[test]
    fn readable_passwords_avoid_look_alikes() {
        let password = readable_password();
        assert_eq!(password.chars().count(), 16);
        assert!(!password.contains(['0', 'O', 'o', '1', 'l', 'I', 'i']));
    }
}
