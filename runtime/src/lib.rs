//! The kiln runtime.
