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
pub mod exception;
pub mod foreign;
pub mod gc;
pub mod heap;
pub mod mailbox;
pub mod proc_bifs;
pub mod process;
pub mod scheduler;
pub mod stack;
pub mod start;
// Timers (issue 4): the shared timer service.
pub mod timer;

// Terms and the built-in functions over them.
pub mod arith;
pub mod binary;
pub mod bifs;
pub mod compare;
pub mod format;
pub mod io_bifs;
pub mod term;
