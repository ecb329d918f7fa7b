//! Closed lists of values stored as text (types, statuses, domains…): one macro
//! gives each its `as_str`, `parse`, `ALL` and the catalog key of its label, so
//! that the database, the forms and the pages spell every value the same way.

/// `text_enum!(pub enum Status("orgs.status") { Active => "active", … })`
/// defines the enum; `Status::Active.label_key()` is `"orgs.status.active"`.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident ($prefix:literal) {
        $($variant:ident => $text:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }

            /// (value, catalog key of its name) for every value, for a form's options.
            pub fn options() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.as_str(), v.label_key())).collect()
            }

            /// The catalog key of the value's name.
            pub fn label_key(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($prefix, ".", $text)),+
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
                    .ok_or_else(|| format!("unknown {} {value}", stringify!($name)))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::text_column!($name);
    };
}
