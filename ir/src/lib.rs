//! kiln's intermediate representations and the lowerings between them.
//!
//! - [`core`]: Core IR, a desugared functional form of the AST (like Core
//!   Erlang): records, comprehensions, guards, `receive` and `try` made
//!   explicit, funs as closures with their free variables.
//! - [`ssa`]: SSA IR with block parameters, in which pattern matching is
//!   compiled to tests and branches, heap allocation and non-tail calls are
//!   explicit, and every value is typed.

pub mod core;
pub mod ssa;
