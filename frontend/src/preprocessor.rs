//! Preprocessor: macros, includes and conditional compilation on tokens,
//! behaving like OTP 25's `epp`.
//!
//! A file is lexed whole, then cut into forms at each end-of-form dot
//! ([`TokenKind::Dot`]). Each form is either a directive (`-define`,
//! `-include`, `-ifdef`, ...), which is acted on and dropped, or an ordinary
//! form, whose macro uses are expanded before it goes to the output. Inside
//! a skipped conditional branch only the conditional directives are looked
//! at, and lexical errors there are ignored, as in epp.
//!
//! The pieces: [`macros`] (the definitions), [`expand`] (expansion),
//! [`conditionals`]
//! (which branch is kept), [`if_expr`] (`-if` conditions), [`include`]
//! (finding and reading files) and [`stringify`] (`??Arg`).

mod conditionals;
mod expand;
mod features;
mod if_expr;
mod include;
mod macros;
mod stringify;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lexer::lex_recovering;
use crate::span::{FileId, SourceMap, Span};
use crate::token::{Token, TokenKind};

use conditionals::Conditionals;
use expand::Expander;
use features::Features;
use macros::{Definition, MacroTable};

pub use include::decode_source;
pub use macros::OTP_RELEASE;

/// How deeply `-include`s may nest (epp's limit).
const MAX_INCLUDE_DEPTH: usize = 8;

/// Settings from the command line.
#[derive(Debug, Clone, Default)]
pub struct PreprocessOptions {
    /// Searched by `-include` (after the including file's directory) and
    /// by `-include_lib` before the library directories (`-I`).
    pub include_dirs: Vec<PathBuf>,
    /// Directories holding applications as `app` or `app-VSN`
    /// subdirectories, for `-include_lib("app/...")` (like `ERL_LIBS`
    /// entries or `/usr/lib/erlang/lib`).
    pub lib_dirs: Vec<PathBuf>,
    /// `-D` macros: `-DNAME` is `(NAME, None)` and means `true`;
    /// `-DNAME=Value` carries the value's tokens.
    pub defines: Vec<(String, Option<Vec<Token>>)>,
}

/// Preprocesses `file` (already in `sources`; included files are added).
/// The result has no directives and no macro uses left, and every form
/// ends with [`TokenKind::Dot`]. Warnings (`-warning`) are dropped; use
/// [`preprocess_with_warnings`] to get them.
pub fn preprocess(
    sources: &mut SourceMap,
    file: FileId,
    opts: &PreprocessOptions,
) -> Result<Vec<Token>, Vec<Diagnostic>> {
    preprocess_with_warnings(sources, file, opts).map(|(tokens, _warnings)| tokens)
}

/// Like [`preprocess`], also returning warnings on success. On failure the
/// diagnostics are errors and warnings, in the order they were found.
pub fn preprocess_with_warnings(
    sources: &mut SourceMap,
    file: FileId,
    opts: &PreprocessOptions,
) -> Result<(Vec<Token>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let name = sources.get(file).name.clone();
    let dir = Path::new(&name).parent().map(Path::to_path_buf).unwrap_or_default();
    let mut pp = Preprocessor {
        sources,
        opts,
        macros: MacroTable::predefined(),
        features: Features::default(),
        output: Vec::new(),
        diagnostics: Vec::new(),
        stack: vec![canonical(Path::new(&name))],
    };
    pp.define_from_options(file);
    pp.process_file(file, &dir);
    if pp.diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(pp.diagnostics)
    } else {
        Ok((pp.output, pp.diagnostics))
    }
}

/// Reads, lexes and preprocesses the file at `path`, adding it (and its
/// includes) to `sources` under the name `path` as given.
pub fn lex_and_preprocess(
    sources: &mut SourceMap,
    path: &Path,
    opts: &PreprocessOptions,
) -> Result<Vec<Token>, Vec<Diagnostic>> {
    let name = path.to_string_lossy().into_owned();
    match std::fs::read(path) {
        Ok(bytes) => {
            let file = sources.add(name, escript_header_as_comment(decode_source(&bytes)));
            preprocess(sources, file, opts)
        }
        Err(error) => {
            // An empty entry gives the diagnostic a file to name.
            let file = sources.add(name.clone(), "");
            Err(vec![Diagnostic::error(Span::new(file, 0, 0), format!("cannot read `{name}`: {error}"))])
        }
    }
}

/// An escript's `#!` first line becomes a comment (`%!...`), so a script
/// compiles as it runs under `escript`; offsets and line numbers stay put.
pub fn escript_header_as_comment(mut text: String) -> String {
    if text.starts_with("#!") {
        text.replace_range(0..1, "%");
    }
    text
}

struct Preprocessor<'a> {
    sources: &'a mut SourceMap,
    opts: &'a PreprocessOptions,
    macros: MacroTable,
    features: Features,
    output: Vec<Token>,
    diagnostics: Vec<Diagnostic>,
    /// The files being read, outermost first, to catch include cycles.
    stack: Vec<PathBuf>,
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The directive a form is, if it is one: `-name ...` where the name is
/// an atom, or the reserved words `if` and `else`.
fn directive_name(form: &[Token]) -> Option<&'static str> {
    if form.first()?.kind != TokenKind::Minus {
        return None;
    }
    let name = match &form.get(1)?.kind {
        TokenKind::Atom(name) => name.as_str(),
        TokenKind::If => "if",
        TokenKind::Else => "else",
        _ => return None,
    };
    const DIRECTIVES: &[&str] = &[
        "define",
        "undef",
        "include",
        "include_lib",
        "ifdef",
        "ifndef",
        "if",
        "elif",
        "else",
        "endif",
        "error",
        "warning",
        "feature",
    ];
    DIRECTIVES.iter().copied().find(|d| *d == name)
}

fn kind_at(form: &[Token], i: usize) -> Option<&TokenKind> {
    form.get(i).map(|t| &t.kind)
}

/// `-name(Macro).` as used by `-ifdef`, `-ifndef` and `-undef`: the macro
/// name, or the token where the form goes wrong.
fn single_name_argument(form: &[Token]) -> Result<&str, &Token> {
    let wrong = |i: usize| form.get(i).unwrap_or(&form[form.len() - 1]);
    if kind_at(form, 2) != Some(&TokenKind::LParen) {
        return Err(wrong(2));
    }
    let name = match kind_at(form, 3) {
        Some(TokenKind::Atom(name) | TokenKind::Var(name)) => name,
        _ => return Err(wrong(3)),
    };
    if kind_at(form, 4) != Some(&TokenKind::RParen) {
        return Err(wrong(4));
    }
    if form.len() != 6 {
        return Err(wrong(5));
    }
    Ok(name)
}

fn badly_formed(directive: &str, at: &Token) -> Diagnostic {
    Diagnostic::error(at.span, format!("badly formed '{directive}'"))
}

impl Preprocessor<'_> {
    fn define_from_options(&mut self, file: FileId) {
        let at = Span::new(file, 0, 0);
        for (name, value) in &self.opts.defines {
            let body = value.clone().unwrap_or_else(|| vec![Token { kind: TokenKind::Atom("true".into()), span: at }]);
            if let Err(d) = self.macros.define(name, Definition { params: None, body }, at) {
                self.diagnostics.push(d.with_note("from a -D command-line option"));
            }
        }
    }

    /// Preprocesses one file; `dir` is its directory (the first place
    /// `-include` looks).
    fn process_file(&mut self, file: FileId, dir: &Path) {
        let text = self.sources.get(file).text.clone();
        // `-file("name", Line).` renames the file for `?FILE` (as in epp).
        let mut file_name = self.sources.get(file).name.clone();
        let (tokens, lex_errors) = lex_recovering(file, &text);
        let mut lex_errors = lex_errors.into_iter().peekable();
        let mut conds = Conditionals::default();
        let mut start = 0;
        for (end, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Dot {
                continue;
            }
            // erl_scan reports one error per form: the first.
            let mut lex_error = None;
            while let Some(e) = lex_errors.next_if(|e| e.token_index <= end) {
                lex_error.get_or_insert(e.diagnostic);
            }
            self.form(&tokens[start..=end], lex_error, &mut conds, &mut file_name, dir);
            start = end + 1;
        }
        if conds.is_active() {
            if let Some(e) = lex_errors.next() {
                self.diagnostics.push(e.diagnostic);
            } else if let Some(last) = tokens[start..].last() {
                self.diagnostics.push(
                    Diagnostic::error(last.span, "unexpected end of file: the last form has no final `.`")
                        .with_label("expected `.` after this"),
                );
            }
        }
        self.diagnostics.extend(conds.unterminated());
    }

    fn form(
        &mut self,
        form: &[Token],
        lex_error: Option<Diagnostic>,
        conds: &mut Conditionals,
        file_name: &mut String,
        dir: &Path,
    ) {
        let read = self.features.read(form);
        let form: &[Token] = &read;
        let directive = directive_name(form);
        if !conds.is_active() {
            // Only conditionals matter here; unreadable forms are skipped
            // unseen, as epp does.
            if lex_error.is_none() {
                self.skipped_directive(directive, form, conds, file_name);
            }
            return;
        }
        if let Some(error) = lex_error {
            self.diagnostics.push(error);
            return;
        }
        let Some(directive) = directive else {
            let is_module = form[0].kind == TokenKind::Minus
                && matches!(kind_at(form, 1), Some(TokenKind::Atom(a)) if a == "module");
            if !is_module {
                self.features.leave_prefix();
            }
            if let Some(renamed) = self.ordinary_form(form, file_name) {
                *file_name = renamed;
            }
            return;
        };
        let file_name = file_name.as_str();
        if matches!(directive, "undef" | "error" | "warning") {
            self.features.leave_prefix();
        }
        let result = match directive {
            "define" => macros::parse_define(form).and_then(|(name, span, def)| self.macros.define(&name, def, span)),
            "undef" => single_name_argument(form)
                .map(|name| self.macros.undefine(name))
                .map_err(|at| badly_formed("undef", at)),
            "include" => self.include(form, false, dir),
            "include_lib" => self.include(form, true, dir),
            "ifdef" | "ifndef" => {
                let span = form[1].span;
                match single_name_argument(form) {
                    Ok(name) => {
                        conds.open(directive, span, self.macros.is_defined(name) == (directive == "ifdef"));
                        Ok(())
                    }
                    // A malformed test counts as false, as in epp.
                    Err(at) => {
                        conds.open(directive, span, false);
                        Err(badly_formed(directive, at))
                    }
                }
            }
            "if" => {
                let taken = self.condition(form, file_name);
                conds.open("if", form[1].span, taken.as_ref().is_ok_and(|t| *t));
                taken.map(|_| ())
            }
            "elif" => self.elif(form, conds, file_name),
            "else" if form.len() == 3 => conds.else_branch(form[1].span),
            "endif" if form.len() == 3 => conds.endif(form[1].span),
            "else" | "endif" => Err(badly_formed(directive, &form[2])),
            "error" => self.message_directive(form, Severity::Error, file_name),
            "warning" => self.message_directive(form, Severity::Warning, file_name),
            "feature" => self.features.directive(form).map(|()| {
                self.macros.set_feature_enabled(features::MAYBE_EXPR, self.features.maybe_expr_enabled());
            }),
            _ => Ok(()),
        };
        if let Err(d) = result {
            self.diagnostics.push(d);
        }
    }

    /// A directive inside a skipped region: track nesting, and let an
    /// `-elif`/`-else` of the waiting conditional take its branch.
    fn skipped_directive(
        &mut self,
        directive: Option<&'static str>,
        form: &[Token],
        conds: &mut Conditionals,
        file_name: &str,
    ) {
        let result = match directive {
            Some(d @ ("ifdef" | "ifndef" | "if")) => {
                conds.open(d, form[1].span, false);
                Ok(())
            }
            Some("else") => conds.else_branch(form[1].span),
            Some("elif") => self.elif(form, conds, file_name),
            Some("endif") => conds.endif(form[1].span),
            _ => Ok(()),
        };
        if let Err(d) = result {
            self.diagnostics.push(d);
        }
    }

    fn elif(&mut self, form: &[Token], conds: &mut Conditionals, file_name: &str) -> Result<(), Diagnostic> {
        if conds.elif_branch(form[1].span)? {
            let taken = self.condition(form, file_name);
            conds.resolve_elif(taken.as_ref().is_ok_and(|t| *t));
            taken?;
        }
        Ok(())
    }

    /// Evaluates the condition of an `-if`/`-elif` form.
    fn condition(&self, form: &[Token], file_name: &str) -> Result<bool, Diagnostic> {
        let directive = &form[1];
        if kind_at(form, 2) != Some(&TokenKind::LParen) {
            let name = if directive.kind == TokenKind::If { "if" } else { "elif" };
            return Err(badly_formed(name, form.get(2).unwrap_or(directive)));
        }
        let expander = Expander::new(&self.macros, self.sources, file_name, form);
        let tokens = expander.expand(&form[2..form.len() - 1])?;
        if_expr::evaluate(&tokens, directive.span, &|name| self.macros.has_entry(name))
    }

    /// Expands an ordinary form into the output, noting `-module(Name)`.
    /// Returns the new file name if the form is `-file("name", Line)`.
    fn ordinary_form(&mut self, form: &[Token], file_name: &str) -> Option<String> {
        use TokenKind::*;
        let expander = Expander::new(&self.macros, self.sources, file_name, form);
        let tokens = match expander.expand(form) {
            Ok(tokens) => tokens,
            Err(d) => {
                self.diagnostics.push(d);
                return None;
            }
        };
        let mut renamed = None;
        match tokens.as_slice() {
            [Token { kind: Minus, .. }, Token { kind: Atom(attr), .. }, Token { kind: LParen, .. }, Token { kind: Atom(module), .. }, Token { kind: RParen | Comma, .. }, ..]
                if attr == "module" =>
            {
                self.macros.set_module(module);
            }
            [Token { kind: Minus, .. }, Token { kind: Atom(attr), .. }, Token { kind: LParen, .. }, Token { kind: String(name), .. }, Token { kind: Comma, .. }, Token { kind: Integer(_), .. }, Token { kind: RParen, .. }, Token { kind: Dot, .. }]
                if attr == "file" =>
            {
                renamed = Some(name.clone());
            }
            _ => {}
        }
        self.output.extend(tokens);
        renamed
    }

    /// `-error(Term).` and `-warning(Term).`: a string term is the message
    /// as written, any other term is shown as source text.
    fn message_directive(&mut self, form: &[Token], severity: Severity, file_name: &str) -> Result<(), Diagnostic> {
        let name = if severity == Severity::Error { "error" } else { "warning" };
        let expander = Expander::new(&self.macros, self.sources, file_name, form);
        let tokens = expander.expand(&form[2..form.len() - 1])?;
        let inner = match tokens.as_slice() {
            [Token { kind: TokenKind::LParen, .. }, inner @ .., Token { kind: TokenKind::RParen, .. }]
                if !inner.is_empty() =>
            {
                inner
            }
            _ => return Err(badly_formed(name, form.get(2).unwrap_or(&form[1]))),
        };
        let message = if inner.iter().all(|t| matches!(t.kind, TokenKind::String(_))) {
            inner.iter().map(|t| if let TokenKind::String(s) = &t.kind { s.as_str() } else { "" }).collect()
        } else {
            stringify::stringify(inner)
        };
        let span = form[0].span.to(form[form.len() - 1].span);
        let diagnostic =
            Diagnostic { severity, message, span, label: format!("from this `-{name}` directive"), notes: vec![] };
        if severity == Severity::Error {
            Err(diagnostic)
        } else {
            self.diagnostics.push(diagnostic);
            Ok(())
        }
    }

    /// `-include("name").` and `-include_lib("app/...").`
    fn include(&mut self, form: &[Token], lib: bool, dir: &Path) -> Result<(), Diagnostic> {
        let directive = if lib { "include_lib" } else { "include" };
        // `( "a" "b" ) .`: adjacent strings are one name.
        let strings_end =
            form[3..].iter().position(|t| !matches!(t.kind, TokenKind::String(_))).map_or(form.len(), |n| n + 3);
        if kind_at(form, 2) != Some(&TokenKind::LParen) {
            return Err(badly_formed(directive, form.get(2).unwrap_or(&form[1])));
        }
        if strings_end == 3 || kind_at(form, strings_end) != Some(&TokenKind::RParen) || form.len() != strings_end + 2 {
            return Err(badly_formed(directive, form.get(strings_end).unwrap_or(&form[form.len() - 1])));
        }
        let name_span = form[3].span.to(form[strings_end - 1].span);
        let name: String = form[3..strings_end]
            .iter()
            .map(|t| if let TokenKind::String(s) = &t.kind { s.as_str() } else { "" })
            .collect();
        let name = include::expand_env_var(&name);

        if self.stack.len() > MAX_INCLUDE_DEPTH {
            return Err(Diagnostic::error(name_span, format!("{directive} too deep"))
                .with_note(format!("includes may nest at most {MAX_INCLUDE_DEPTH} levels")));
        }
        let found = include::find_include(Path::new(&name), dir, &self.opts.include_dirs).or_else(|| {
            if lib {
                include::find_include_lib(Path::new(&name), &self.opts.lib_dirs)
            } else {
                None
            }
        });
        let Some(path) = found else {
            let what = if lib { "lib" } else { "file" };
            return Err(Diagnostic::error(name_span, format!("can't find include {what} \"{name}\"")));
        };
        let key = canonical(&path);
        if self.stack.contains(&key) {
            return Err(Diagnostic::error(name_span, format!("recursive include of \"{name}\""))
                .with_label("this file is already being included"));
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::error(name_span, format!("can't read include file \"{}\": {e}", path.display()))
        })?;
        let file = self.sources.add(path.to_string_lossy().into_owned(), decode_source(&bytes));
        let file_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        self.stack.push(key);
        self.process_file(file, &file_dir);
        self.stack.pop();
        Ok(())
    }
}
