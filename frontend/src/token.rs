//! Tokens, as produced by the lexer and consumed (after preprocessing) by the
//! parser. Mirrors OTP's `erl_scan` token categories.

use crate::span::Span;

/// A token with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// Unquoted or quoted atom, escapes resolved: `foo`, `'hello world'`.
    Atom(String),
    /// Variable, including `_` and `_Name`.
    Var(String),
    /// Integer literal, any base, `_` separators removed; `$c` char literals
    /// are `Char`. Decimal digits of the (non-negative) value.
    Integer(String),
    Float(f64),
    /// `$c`: the character's code point.
    Char(u32),
    /// String literal with escapes resolved. Adjacent strings are separate
    /// tokens (the parser concatenates them).
    String(String),

    // Reserved words.
    After,
    And,
    AndAlso,
    Band,
    Begin,
    Bnot,
    Bor,
    Bsl,
    Bsr,
    Bxor,
    Case,
    Catch,
    Cond,
    Div,
    Else,
    End,
    Fun,
    If,
    Let,
    Maybe,
    Not,
    Of,
    Or,
    OrElse,
    Receive,
    Rem,
    Try,
    When,
    Xor,

    // Punctuation and operators.
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    /// `<<`
    LDoubleAngle,
    /// `>>`
    RDoubleAngle,
    Comma,
    Semicolon,
    Colon,
    /// `::`
    ColonColon,
    /// `|`
    Pipe,
    /// `||`
    DoublePipe,
    /// `->`
    Arrow,
    /// `=>`
    FatArrow,
    /// `:=`
    ColonEq,
    /// `<-`
    LeftArrow,
    /// `<=`
    LeftDoubleArrow,
    /// `?=` (maybe expressions)
    MaybeMatch,
    Hash,
    /// `.` that is not the end of a form (record field access `R#r.f`).
    Period,
    /// `..` (type ranges)
    DotDot,
    /// `...` (used in types)
    Ellipsis,
    /// End of form: `.` followed by whitespace, `%` or end of input.
    Dot,
    Question,
    /// `??` (stringify a macro argument)
    DoubleQuestion,
    Bang,
    Eq,
    /// `==`
    EqEq,
    /// `/=`
    SlashEq,
    /// `=<`
    EqLt,
    Lt,
    /// `>=`
    GtEq,
    Gt,
    /// `=:=`
    EqColonEq,
    /// `=/=`
    EqSlashEq,
    Plus,
    Minus,
    Star,
    Slash,
    /// `++`
    PlusPlus,
    /// `--`
    MinusMinus,
}

impl TokenKind {
    /// Looks up a reserved word.
    pub fn keyword(s: &str) -> Option<TokenKind> {
        use TokenKind::*;
        Some(match s {
            "after" => After,
            "and" => And,
            "andalso" => AndAlso,
            "band" => Band,
            "begin" => Begin,
            "bnot" => Bnot,
            "bor" => Bor,
            "bsl" => Bsl,
            "bsr" => Bsr,
            "bxor" => Bxor,
            "case" => Case,
            "catch" => Catch,
            "cond" => Cond,
            "div" => Div,
            "else" => Else,
            "end" => End,
            "fun" => Fun,
            "if" => If,
            "let" => Let,
            "maybe" => Maybe,
            "not" => Not,
            "of" => Of,
            "or" => Or,
            "orelse" => OrElse,
            "receive" => Receive,
            "rem" => Rem,
            "try" => Try,
            "when" => When,
            "xor" => Xor,
            _ => return None,
        })
    }

    /// How the token is written in source, for messages ("unexpected `->`").
    pub fn describe(&self) -> String {
        use TokenKind::*;
        match self {
            Atom(a) => format!("atom `{a}`"),
            Var(v) => format!("variable `{v}`"),
            Integer(i) => format!("integer `{i}`"),
            Float(f) => format!("float `{f}`"),
            Char(c) => format!("character literal `${}`", char::from_u32(*c).unwrap_or('?')),
            String(_) => "string".to_string(),
            Dot => "end of form `.`".to_string(),
            other => format!("`{}`", other.text()),
        }
    }

    /// Source text of keyword and punctuation tokens.
    pub fn text(&self) -> &'static str {
        use TokenKind::*;
        match self {
            After => "after",
            And => "and",
            AndAlso => "andalso",
            Band => "band",
            Begin => "begin",
            Bnot => "bnot",
            Bor => "bor",
            Bsl => "bsl",
            Bsr => "bsr",
            Bxor => "bxor",
            Case => "case",
            Catch => "catch",
            Cond => "cond",
            Div => "div",
            Else => "else",
            End => "end",
            Fun => "fun",
            If => "if",
            Let => "let",
            Maybe => "maybe",
            Not => "not",
            Of => "of",
            Or => "or",
            OrElse => "orelse",
            Receive => "receive",
            Rem => "rem",
            Try => "try",
            When => "when",
            Xor => "xor",
            LParen => "(",
            RParen => ")",
            LBrace => "{",
            RBrace => "}",
            LBracket => "[",
            RBracket => "]",
            LDoubleAngle => "<<",
            RDoubleAngle => ">>",
            Comma => ",",
            Semicolon => ";",
            Colon => ":",
            ColonColon => "::",
            Pipe => "|",
            DoublePipe => "||",
            Arrow => "->",
            FatArrow => "=>",
            ColonEq => ":=",
            LeftArrow => "<-",
            LeftDoubleArrow => "<=",
            MaybeMatch => "?=",
            Hash => "#",
            Period => ".",
            DotDot => "..",
            Ellipsis => "...",
            Dot => ".",
            Question => "?",
            DoubleQuestion => "??",
            Bang => "!",
            Eq => "=",
            EqEq => "==",
            SlashEq => "/=",
            EqLt => "=<",
            Lt => "<",
            GtEq => ">=",
            Gt => ">",
            EqColonEq => "=:=",
            EqSlashEq => "=/=",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Slash => "/",
            PlusPlus => "++",
            MinusMinus => "--",
            Atom(_) | Var(_) | Integer(_) | Float(_) | Char(_) | String(_) => "",
        }
    }
}
