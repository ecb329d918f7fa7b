//! The unified social credit code (统一社会信用代码, GB 32100-2015): 18
//! characters, positions 3–8 a division code, position 17 the GB 11714 check of
//! the organization code (positions 9–16), position 18 the check of the whole.
//! A [`CreditCode`] is always valid: parse, don't validate.

use std::fmt;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// 3^(i−1) mod 31 for positions 1–17.
const WEIGHTS_18: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// GB 11714 weights for positions 9–16.
const WEIGHTS_17: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(String);

/// Why a code is not a valid credit code, precisely enough to tell the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters (the count found).
    Length(usize),
    /// A character outside the code's alphabet (I, O, S, V, Z, punctuation…), at this position.
    Character(usize),
    /// Positions 3–8 must be digits (a division code).
    DivisionCode,
    /// Position 17 is not the organization code's check character (the one expected).
    OrganizationCheck(char),
    /// Position 18 is not the check character (the one expected).
    CheckCharacter(char),
}

impl CreditCodeError {
    /// The catalog key of the message, and its argument.
    pub fn message(self) -> (&'static str, String) {
        match self {
            CreditCodeError::Length(n) => ("orgs.credit_code.length", n.to_string()),
            CreditCodeError::Character(at) => ("orgs.credit_code.character", at.to_string()),
            CreditCodeError::DivisionCode => ("orgs.credit_code.division", String::new()),
            CreditCodeError::OrganizationCheck(c) => ("orgs.credit_code.org_check", c.to_string()),
            CreditCodeError::CheckCharacter(c) => ("orgs.credit_code.check", c.to_string()),
        }
    }
}

impl CreditCode {
    /// Parses a code, upper-casing it and ignoring surrounding spaces.
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let input = input.trim();
        let count = input.chars().count();
        if count != 18 {
            return Err(CreditCodeError::Length(count));
        }
        let mut code = [0u8; 18];
        let mut values = [0u32; 18];
        for (i, c) in input.chars().enumerate() {
            let c = c.to_ascii_uppercase();
            let value = ALPHABET
                .iter()
                .position(|a| char::from(*a) == c)
                .ok_or(CreditCodeError::Character(i + 1))?;
            code[i] = ALPHABET[value];
            values[i] = value as u32;
        }
        if !code[2..8].iter().all(u8::is_ascii_digit) {
            return Err(CreditCodeError::DivisionCode);
        }
        let expected_17 = organization_check(&code[8..16]);
        if code[16] != expected_17 {
            return Err(CreditCodeError::OrganizationCheck(char::from(expected_17)));
        }
        let expected_18 = check_character(&values[..17]);
        if code[17] != expected_18 {
            return Err(CreditCodeError::CheckCharacter(char::from(expected_18)));
        }
        Ok(Self(code.iter().map(|b| char::from(*b)).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The division code of the registering authority (positions 3–8).
    pub fn division_code(&self) -> &str {
        &self.0[2..8]
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// GB 11714: digits are themselves, letters A–Z are 10–35; check = 11 − sum mod 11,
/// where 10 is `X` and 11 is `0`.
fn organization_check(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS_17)
        .map(|(c, w)| {
            let value = if c.is_ascii_digit() {
                u32::from(c - b'0')
            } else {
                u32::from(c - b'A') + 10
            };
            value * w
        })
        .sum();
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        n => b'0' + n as u8,
    }
}

/// GB 32100: check = alphabet[(31 − Σ value × weight mod 31) mod 31].
fn check_character(values: &[u32]) -> u8 {
    let sum: u32 = values.iter().zip(WEIGHTS_18).map(|(v, w)| v * w).sum();
    ALPHABET[((31 - sum % 31) % 31) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_valid_codes_of_the_domain_parse() {
        for code in [
            "51100000500009247D",
            "51440300MJL0001712",
            "52310115MJ5000AB2N",
            "53110000MJ0001A303",
            "81440106MC5K001AXW",
            "515100005012345694",
        ] {
            assert_eq!(
                CreditCode::parse(code).map(|c| c.to_string()),
                Ok(code.to_owned()),
                "{code}"
            );
        }
    }

    #[test]
    fn lower_case_and_spaces_are_normalized() {
        let code = CreditCode::parse(" 51440300mjl0001712 ").expect("valid");
        assert_eq!(code.as_str(), "51440300MJL0001712");
        assert_eq!(code.division_code(), "440300");
    }

    #[test]
    fn each_invalid_code_says_what_is_wrong() {
        assert_eq!(
            CreditCode::parse("51440300MJL0001710"),
            Err(CreditCodeError::CheckCharacter('2'))
        );
        assert_eq!(
            CreditCode::parse("51440300MJL000171"),
            Err(CreditCodeError::Length(17))
        );
        assert_eq!(
            CreditCode::parse("51440300MJI0001712"),
            Err(CreditCodeError::Character(11))
        );
        assert_eq!(
            CreditCode::parse("5144A300MJL0001712"),
            Err(CreditCodeError::DivisionCode)
        );
        assert_eq!(
            CreditCode::parse("51440300MJL000170Y"),
            Err(CreditCodeError::OrganizationCheck('1'))
        );
        assert_eq!(
            CreditCode::parse("统一社会信用代码错误的输入值啊"),
            Err(CreditCodeError::Length(15))
        );
    }
}
