//! The kiln runtime.
//!
//! Linked (as a static library) into every program kiln builds, and used as
//! an rlib by the code generator for the [`abi`] definitions. See
//! `shared/DESIGN.md` for the execution model: compiled code runs as chains
//! of guaranteed tail calls over an explicit per-process Erlang stack, and
//! returns to the scheduler loop only to yield, wait or exit.

pub use kiln_abi as abi;
pub use kiln_abi::bif_table;

// Processes, memory and scheduling.
pub mod apply;
pub mod atom;
pub mod copy;
pub mod etf;
// ETS: tables outside process heaps, match specifications.
pub mod ets;
pub mod exception;
pub mod foreign;
pub mod gc;
pub mod heap;
pub mod mailbox;
// Ports: OS processes spoken to through pipes (open_port/2).
pub mod port;
pub mod proc_bifs;
pub mod process;
pub mod scheduler;
pub mod stack;
pub mod start;
// Counters for erlang:statistics/1 (slices, reductions, collections, I/O).
pub mod statistics;
// Timers (issue 4): the shared timer service.
pub mod timer;

// Terms and the built-in functions over them.
pub mod arith;
pub mod bifs;
pub mod binary;
pub mod compare;
pub mod format;
pub mod io_bifs;
// The `user` and `standard_error` I/O servers and io's fast path to them.
pub mod io_server;
pub mod term;
