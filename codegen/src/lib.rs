//! SSA -> LLVM.
