%% The file module, as OTP 25's kernel `file`, for the common operations.
%%
%% The operations are Rust BIFs (runtime/src/bifs/file.rs, listed in
%% abi/src/bif_table.rs): read_file/1, write_file/2,3, delete/1, rename/2,
%% make_dir/1, del_dir/1, del_dir_r/1, list_dir/1, list_dir_all/1,
%% read_file_info/1,2, read_link_info/1,2, get_cwd/0, set_cwd/1, copy/2,3,
%% consult/1, open/2, close/1, read/2, read_line/1, write/2, position/2.
%% Open files are the opaque tuples {file_descriptor, kiln_file, N}.
%%
%% This file holds format_error/1: the texts for POSIX error atoms and for
%% the {Line, Module, Message} errors of consult/1.
-module(file).
-export([format_error/1]).

format_error({Line, erl_scan, Reason}) when is_integer(Line) ->
    [integer_to_list(Line), $:, $\s, scan_error(Reason)];
format_error({Line, erl_parse, Message}) when is_integer(Line) ->
    [integer_to_list(Line), $:, $\s, parse_error(Message)];
format_error({Line, Module, Reason}) when is_integer(Line), is_atom(Module) ->
    [integer_to_list(Line), $:, $\s, Module:format_error(Reason)];
format_error(badarg) -> "bad argument";
format_error(system_limit) -> "a system limit was hit, probably not enough ports";
format_error(terminated) -> "the file server process is terminated";
format_error(Reason) when is_atom(Reason) -> posix(Reason);
format_error(_) -> "unknown POSIX error".

scan_error({string, $', Head}) -> "unterminated atom starting with " ++ quote(Head, $');
scan_error({string, Quote, Head}) -> "unterminated string starting with " ++ quote(Head, Quote);
scan_error(char) -> "unterminated character";
scan_error({illegal, What}) -> "illegal " ++ atom_to_list(What);
scan_error({base, Base}) -> "illegal base '" ++ integer_to_list(Base) ++ "'";
scan_error(Other) -> io_lib:format("~tp", [Other]).

parse_error(Message) when is_list(Message) -> Message;
parse_error(Other) -> io_lib:format("~tp", [Other]).

%% A string written between quotes Q, as io_lib:write_string/2 does.
quote(S, Q) -> [Q | quote_chars(S, Q)].

quote_chars([], Q) -> [Q];
quote_chars([C | Cs], Q) -> quote_char(C, Q) ++ quote_chars(Cs, Q).

quote_char(Q, Q) -> [$\\, Q];
quote_char($\\, _) -> "\\\\";
quote_char($\n, _) -> "\\n";
quote_char($\r, _) -> "\\r";
quote_char($\t, _) -> "\\t";
quote_char($\v, _) -> "\\v";
quote_char($\b, _) -> "\\b";
quote_char($\f, _) -> "\\f";
quote_char($\e, _) -> "\\e";
quote_char(127, _) -> "\\d";
quote_char(C, _) when C < 32; C >= 128, C < 160 ->
    [$\\, $0 + (C bsr 6), $0 + ((C bsr 3) band 7), $0 + (C band 7)];
quote_char(C, _) -> [C].

posix(eacces) -> "permission denied";
posix(eagain) -> "resource temporarily unavailable";
posix(ebadf) -> "bad file number";
posix(ebusy) -> "file busy";
posix(eexist) -> "file already exists";
posix(efbig) -> "file too large";
posix(eintr) -> "interrupted system call";
posix(einval) -> "invalid argument";
posix(eio) -> "I/O error";
posix(eisdir) -> "illegal operation on a directory";
posix(eloop) -> "too many levels of symbolic links";
posix(emfile) -> "too many open files";
posix(emlink) -> "too many links";
posix(enametoolong) -> "file name too long";
posix(enfile) -> "file table overflow";
posix(enodev) -> "no such device";
posix(enoent) -> "no such file or directory";
posix(enomem) -> "not enough memory";
posix(enospc) -> "no space left on device";
posix(enotdir) -> "not a directory";
posix(enotempty) -> "directory not empty";
posix(enotsup) -> "operation not supported";
posix(enxio) -> "no such device or address";
posix(eperm) -> "not owner";
posix(epipe) -> "broken pipe";
posix(erofs) -> "read-only file system";
posix(espipe) -> "invalid seek";
posix(etxtbsy) -> "text file or pseudo-device busy";
posix(ewouldblock) -> "operation would block";
posix(exdev) -> "cross-domain link";
posix(e2big) -> "argument list too long";
posix(echild) -> "no children";
posix(edquot) -> "disk quota exceeded";
posix(enotblk) -> "block device required";
posix(_) -> "unknown POSIX error".
