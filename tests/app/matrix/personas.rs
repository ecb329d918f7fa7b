//! Who the matrix asks as, and where each one stands: for a cadre, the unions
//! of its own, a child, its parent, a sibling and another province; for an
//! account without a scope (reviewer, evaluator, organization), its own
//! records and records elsewhere.

/// How a persona relates to the object of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Own,
    Child,
    Parent,
    Sibling,
    Other,
}

impl Relation {
    pub const SCOPED: [Relation; 5] = [
        Relation::Own,
        Relation::Child,
        Relation::Parent,
        Relation::Sibling,
        Relation::Other,
    ];
    pub const PARTNER: [Relation; 2] = [Relation::Own, Relation::Other];

    /// Whether an object of this relation lies outside every scope and tie
    /// of the persona asking: it must answer as a record that does not exist.
    pub fn is_foreign(self, group: Group) -> bool {
        match self {
            Relation::Sibling => group.is_scoped(),
            Relation::Other => group != Group::Anonymous,
            _ => false,
        }
    }

    /// Whether the object is looked for in the whole subtree of the relation's
    /// union (a child's, a sibling's, another province's) rather than at the
    /// union itself (one's own, the parent).
    pub fn searches_subtree(self) -> bool {
        matches!(self, Relation::Child | Relation::Sibling | Relation::Other)
    }

    pub fn name(self) -> &'static str {
        match self {
            Relation::Own => "own",
            Relation::Child => "child",
            Relation::Parent => "parent",
            Relation::Sibling => "sibling",
            Relation::Other => "other",
        }
    }
}

/// A persona's group in the matrix's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// `admin` accounts.
    A,
    /// `staff`.
    S,
    /// `viewer`.
    V,
    /// `reviewer`.
    R,
    /// `evaluator` (third-party supervisor).
    E,
    /// `org` accounts.
    O,
    /// Nobody signed in.
    Anonymous,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::A => "A",
            Group::S => "S",
            Group::V => "V",
            Group::R => "R",
            Group::E => "E",
            Group::O => "O",
            Group::Anonymous => "-",
        }
    }

    pub fn is_scoped(self) -> bool {
        matches!(self, Group::A | Group::S | Group::V)
    }

    pub fn relations(self) -> &'static [Relation] {
        match self {
            Group::A | Group::S | Group::V => &Relation::SCOPED,
            Group::Anonymous => &[Relation::Own],
            _ => &Relation::PARTNER,
        }
    }
}

/// Where a relation points, as unions named by division code (`""` is the
/// national union; `None`, a relation the persona does not have).
#[derive(Clone, Copy, Debug)]
pub struct Persona {
    pub username: &'static str,
    pub group: Group,
    /// Own, child, parent, sibling and other-province unions of a cadre; for
    /// an account without a scope, only `other` is used: the province whose
    /// records are not its own.
    pub unions: [Option<&'static str>; 5],
}

pub const PERSONAS: &[Persona] = &[
    Persona {
        username: "national-admin",
        group: Group::A,
        unions: [Some(""), Some("440000"), None, None, None],
    },
    Persona {
        username: "gd-admin",
        group: Group::A,
        unions: [
            Some("440000"),
            Some("440100"),
            Some(""),
            Some("110000"),
            Some("510000"),
        ],
    },
    Persona {
        username: "bj-admin",
        group: Group::A,
        unions: [
            Some("110000"),
            Some("110105"),
            Some(""),
            Some("440000"),
            Some("510000"),
        ],
    },
    Persona {
        username: "gz-staff",
        group: Group::S,
        unions: [
            Some("440100"),
            Some("440106"),
            Some("440000"),
            Some("440300"),
            Some("110000"),
        ],
    },
    Persona {
        username: "sz-staff",
        group: Group::S,
        unions: [
            Some("440300"),
            Some("440305"),
            Some("440000"),
            Some("440100"),
            Some("110000"),
        ],
    },
    Persona {
        username: "gd-viewer",
        group: Group::V,
        unions: [
            Some("440000"),
            Some("440100"),
            Some(""),
            Some("110000"),
            Some("510000"),
        ],
    },
    Persona {
        username: "reviewer-1",
        group: Group::R,
        unions: [None, None, None, None, Some("110000")],
    },
    Persona {
        username: "reviewer-3",
        group: Group::R,
        unions: [None, None, None, None, Some("110000")],
    },
    Persona {
        username: "evaluator-1",
        group: Group::E,
        unions: [None, None, None, None, Some("110000")],
    },
    Persona {
        username: "org-1",
        group: Group::O,
        unions: [None, None, None, None, Some("110000")],
    },
    Persona {
        username: "org-2",
        group: Group::O,
        unions: [None, None, None, None, Some("440000")],
    },
    // Asked about 广州's records.
    Persona {
        username: "",
        group: Group::Anonymous,
        unions: [Some("440100"), None, None, None, None],
    },
];

impl Persona {
    pub fn union_of(&self, relation: Relation) -> Option<&'static str> {
        self.unions[relation as usize]
    }

    pub fn name(&self) -> &'static str {
        if self.username.is_empty() {
            "anonymous"
        } else {
            self.username
        }
    }
}
