%% The erlang module: the parts written in Erlang. Everything else in it is a
%% BIF of the runtime (abi/src/bif_table.rs); these are auto-imported through
%% bif_table::ERLANG_AUTO_IMPORTS.
%%
%% process_info/1,2 about another process may need what only that process
%% can read (its messages, dictionary, heap and stack sizes, reductions):
%% erlang:'$process_info' then sends it a request signal and returns a fresh
%% reference, and the answer comes back as the message {Ref, Answer} once the
%% other process has handled the request (at its next time slice, or at once
%% if it waits). A process that ends first answers undefined. Everything
%% else '$process_info' answers at once. See docs/runtime-core.md, "Signals".
-module(erlang).
-export([process_info/1, process_info/2]).

process_info(Pid) ->
    case erlang:'$process_info'(Pid) of
        badarg -> erlang:error(badarg, [Pid]);
        Result -> answer(Result)
    end.

process_info(Pid, Item) ->
    case erlang:'$process_info'(Pid, Item) of
        badarg -> erlang:error(badarg, [Pid, Item]);
        Result -> answer(Result)
    end.

answer(Ref) when is_reference(Ref) ->
    receive {Ref, Answer} -> Answer end;
answer(Answer) ->
    Answer.
