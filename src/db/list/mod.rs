//! What every list is made of: the reader's scope spelled for the indexes
//! ([`ListScope`]), keyset pages in a given [`Order`], and counts that stop at
//! a cap ([`CountQuery`]). A list's own filters are pushed onto the same
//! `QueryBuilder`, in one function per list.

mod page;
mod scope;
mod stream;

pub use page::{
    COUNT_CAP, CappedCount, CountQuery, KeyPart, Order, PAGE_SIZE, Paged, Position, decode_cursor,
    encode_cursor,
};
pub use scope::{ListScope, ScopeColumns};
pub use stream::stream_rows;
