//! Preprocessor: macros, includes and conditional compilation on tokens.
