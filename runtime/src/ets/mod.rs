//! ETS: Erlang term storage, as OTP 25 defines it.
//!
//! Tables live outside every process heap and are shared by all
//! schedulers. The pieces, by concept:
//!
//! - [`stored`]: an object copied out of a process heap into memory of its
//!   own (off-heap binaries shared and kept alive), and [`scratch`] memory
//!   for what match specifications build;
//! - [`key`], [`hash_store`], [`tree_store`], [`store`]: the contents of a
//!   table by type (`set`/`bag`/`duplicate_bag` in hash order,
//!   `ordered_set` in term order) and the keys deleted while it is fixed;
//! - [`table`]: one table's properties, owner, protection, heir and
//!   fixations, and its lock; [`registry`]: ids and names to tables, the
//!   tables each process owns, and what happens when the owner ends;
//! - [`ops`]: the BIFs that are not about match specifications; [`update`]:
//!   `update_counter` and `update_element`; [`info`]: `ets:info/1,2`;
//! - match specifications: [`ms_compile`] (checks and OTP's error texts),
//!   [`ms_funcs`] (the functions they may call), [`ms_eval`] (running
//!   them), [`select`] (`select`/`match` and continuations, `select_count`,
//!   `select_delete`), [`replace`] (`select_replace`), [`compiled`]
//!   (`match_spec_compile` and `erlang:match_spec_test/3`).
//!
//! The BIF entry points are in `bifs/ets.rs`. The `ets` functions OTP
//! writes in Erlang (`foldl`, `tab2list`, `select_delete`, ...) come from
//! OTP's own `ets.erl`, which calls these BIFs.
//!
//! # Concurrency
//!
//! No lock is held across operations: an operation reads the registry
//! briefly to find its table, then takes the table's reader-writer lock
//! (shared for reads, exclusive for writes), so operations on different
//! tables never contend, and reads of one table run in parallel. A BIF
//! never yields, so a lock is never held across a yield. On wasm32 (one
//! scheduler, no threads) the locks are uncontended.

pub mod compiled;
pub mod hash_store;
pub mod info;
pub mod key;
pub mod ms_compile;
pub mod ms_eval;
pub mod ms_funcs;
pub mod ops;
pub mod registry;
pub mod replace;
pub mod scratch;
pub mod select;
pub mod store;
pub mod stored;
pub mod table;
pub mod tree_store;
pub mod update;

#[cfg(test)]
mod tests;

pub use registry::process_exited;
