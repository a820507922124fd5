//! Core IR and SSA IR.
