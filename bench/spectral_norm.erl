% kiln benchmark: spectral norm of a 1000x1000 matrix (floats, list recursion)
-module(spectral_norm).
-export([main/1]).
-mode(compile).

main(_) ->
    N = 1000,
    U = lists:duplicate(N, 1.0),
    {U1, V1} = iterate(10, N, U, U),
    VBV = dot(U1, V1),
    VV = dot(V1, V1),
    io:format("~.9f~n", [math:sqrt(VBV / VV)]).

iterate(0, _, U, V) -> {U, V};
iterate(K, N, U, _) ->
    V = at_a_u(N, U),
    U1 = at_a_u(N, V),
    iterate(K - 1, N, U1, V).

a(I, J) -> 1.0 / ((I + J) * (I + J + 1) div 2 + I + 1).

a_u(N, U) -> [row(I, 0, U, 0.0, fun a/2) || I <- lists:seq(0, N - 1)].
at_u(N, U) -> [row(I, 0, U, 0.0, fun(I1, J) -> a(J, I1) end) || I <- lists:seq(0, N - 1)].
at_a_u(N, U) -> at_u(N, a_u(N, U)).

row(_, _, [], Acc, _) -> Acc;
row(I, J, [X | Rest], Acc, A) -> row(I, J + 1, Rest, Acc + A(I, J) * X, A).

dot(A, B) -> dot(A, B, 0.0).
dot([X | A], [Y | B], Acc) -> dot(A, B, Acc + X * Y);
dot([], [], Acc) -> Acc.
