%% The calendar module, as OTP 25's stdlib `calendar`.
%%
%% Dates are proleptic Gregorian from year 0: gregorian days count from
%% 0000-01-01 (day 0), gregorian seconds from its midnight. Days of the week
%% run from 1 (Monday) to 7 (Sunday).
%%
%% Clocks and time zones come from Rust BIFs (runtime/src/bifs/time_local.rs):
%% erlang:universaltime/0, erlang:localtime/0, erlang:universaltime_to_localtime/1,
%% erlang:localtime_to_universaltime/2, erlang:system_time/1. On wasm32-wasip1
%% there is no time zone information and local time is UTC.
-module(calendar).
-export([date_to_gregorian_days/1, date_to_gregorian_days/3,
         datetime_to_gregorian_seconds/1, day_of_the_week/1, day_of_the_week/3,
         gregorian_days_to_date/1, gregorian_seconds_to_datetime/1,
         is_leap_year/1, iso_week_number/0, iso_week_number/1,
         last_day_of_the_month/2, local_time/0, local_time_to_universal_time/1,
         local_time_to_universal_time/2, local_time_to_universal_time_dst/1,
         now_to_datetime/1, now_to_local_time/1, now_to_universal_time/1,
         rfc3339_to_system_time/1, rfc3339_to_system_time/2,
         seconds_to_daystime/1, seconds_to_time/1,
         system_time_to_local_time/2, system_time_to_universal_time/2,
         system_time_to_rfc3339/1, system_time_to_rfc3339/2,
         time_difference/2, time_to_seconds/1, universal_time/0,
         universal_time_to_local_time/1, valid_date/1, valid_date/3]).

-define(SECONDS_PER_DAY, 86400).
%% Gregorian days of 1970-01-01, and its gregorian seconds.
-define(DAYS_TO_1970, 719528).
-define(SECONDS_TO_1970, 62167219200).
%% The last second of 9999-12-31, as gregorian seconds.
-define(MAX_SECONDS, 315569519999).

%% ---------------------------------------------------------------------
%% Days and dates.

date_to_gregorian_days({Year, Month, Day}) ->
    date_to_gregorian_days(Year, Month, Day).

date_to_gregorian_days(Year, Month, Day) when is_integer(Day), Day > 0 ->
    Last = last_day_of_the_month(Year, Month),
    if
        Day =< Last -> days_before_year(Year) + days_before_month(Year, Month) + Day - 1
    end.

%% Days from 0000-01-01 to January 1st of Year.
days_before_year(0) -> 0;
days_before_year(Year) ->
    Y = Year - 1,
    365 * Year + Y div 4 - Y div 100 + Y div 400 + 1.

days_before_month(Year, Month) ->
    Base = element(Month, {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}),
    case Month > 2 andalso is_leap_year(Year) of
        true -> Base + 1;
        false -> Base
    end.

gregorian_days_to_date(Days) when is_integer(Days), Days >= 0 ->
    %% Count in 400-year eras starting on March 1st, so leap days end them.
    Z = Days - 60,
    Era = floor_div(Z, 146097),
    DayOfEra = Z - Era * 146097,
    YearOfEra = (DayOfEra - DayOfEra div 1460 + DayOfEra div 36524 - DayOfEra div 146096) div 365,
    DayOfYear = DayOfEra - (365 * YearOfEra + YearOfEra div 4 - YearOfEra div 100),
    MonthIndex = (5 * DayOfYear + 2) div 153,
    Day = DayOfYear - (153 * MonthIndex + 2) div 5 + 1,
    Month = case MonthIndex < 10 of
                true -> MonthIndex + 3;
                false -> MonthIndex - 9
            end,
    Year = YearOfEra + Era * 400 + case Month =< 2 of true -> 1; false -> 0 end,
    {Year, Month, Day}.

floor_div(A, B) when A >= 0 -> A div B;
floor_div(A, B) -> -((-A + B - 1) div B).

datetime_to_gregorian_seconds({Date, Time}) ->
    ?SECONDS_PER_DAY * date_to_gregorian_days(Date) + time_to_seconds(Time).

gregorian_seconds_to_datetime(Secs) when is_integer(Secs), Secs >= 0 ->
    Days = Secs div ?SECONDS_PER_DAY,
    Rest = Secs rem ?SECONDS_PER_DAY,
    {gregorian_days_to_date(Days), seconds_to_time(Rest)}.

day_of_the_week({Year, Month, Day}) ->
    day_of_the_week(Year, Month, Day).

day_of_the_week(Year, Month, Day) ->
    %% 0000-01-01 was a Saturday (6).
    (date_to_gregorian_days(Year, Month, Day) + 5) rem 7 + 1.

is_leap_year(Year) when is_integer(Year), Year >= 0 ->
    (Year rem 4 =:= 0 andalso Year rem 100 =/= 0) orelse Year rem 400 =:= 0.

last_day_of_the_month(Year, Month) when is_integer(Year), Year >= 0 ->
    month_days(Year, Month).

month_days(Year, 2) ->
    case is_leap_year(Year) of
        true -> 29;
        false -> 28
    end;
month_days(_, Month) when Month =:= 4; Month =:= 6; Month =:= 9; Month =:= 11 -> 30;
month_days(_, Month) when is_integer(Month), Month >= 1, Month =< 12 -> 31.

valid_date({Year, Month, Day}) ->
    valid_date(Year, Month, Day).

valid_date(Year, Month, Day) when is_integer(Year), is_integer(Month), is_integer(Day) ->
    Year >= 0 andalso Month >= 1 andalso Month =< 12 andalso Day >= 1
        andalso Day =< month_days(Year, Month).

%% ISO 8601 week: weeks start on Monday; week 1 holds the year's first
%% Thursday.
iso_week_number() ->
    {Date, _} = local_time(),
    iso_week_number(Date).

iso_week_number({Year, Month, Day}) ->
    Days = date_to_gregorian_days(Year, Month, Day),
    Weekday = (Days + 5) rem 7 + 1,
    Thursday = Days + 4 - Weekday,
    {WeekYear, _, _} = gregorian_days_to_date(Thursday),
    {WeekYear, (Thursday - date_to_gregorian_days(WeekYear, 1, 1)) div 7 + 1}.

%% ---------------------------------------------------------------------
%% Times of day.

seconds_to_daystime(Secs) ->
    Days = Secs div ?SECONDS_PER_DAY,
    Rest = Secs rem ?SECONDS_PER_DAY,
    case Rest < 0 of
        true -> {Days - 1, seconds_to_time(Rest + ?SECONDS_PER_DAY)};
        false -> {Days, seconds_to_time(Rest)}
    end.

seconds_to_time(Secs) when is_integer(Secs), Secs >= 0, Secs < ?SECONDS_PER_DAY ->
    {Secs div 3600, (Secs rem 3600) div 60, Secs rem 60}.

time_to_seconds({H, M, S}) when is_integer(H), is_integer(M), is_integer(S) ->
    H * 3600 + M * 60 + S.

time_difference({{_, _, _} = D1, {_, _, _} = T1}, {{_, _, _} = D2, {_, _, _} = T2}) ->
    seconds_to_daystime(datetime_to_gregorian_seconds({D2, T2})
                        - datetime_to_gregorian_seconds({D1, T1})).

%% ---------------------------------------------------------------------
%% Clocks.

universal_time() -> erlang:universaltime().

local_time() -> erlang:localtime().

universal_time_to_local_time(DateTime) ->
    erlang:universaltime_to_localtime(DateTime).

local_time_to_universal_time(DateTime) ->
    erlang:localtime_to_universaltime(DateTime).

local_time_to_universal_time(DateTime, IsDst) ->
    erlang:localtime_to_universaltime(DateTime, IsDst).

local_time_to_universal_time_dst(DateTime) ->
    [erlang:localtime_to_universaltime(DateTime)].

now_to_datetime(Now) -> now_to_universal_time(Now).

now_to_universal_time({MegaSecs, Secs, MicroSecs})
  when is_integer(MegaSecs), is_integer(Secs), is_integer(MicroSecs) ->
    gregorian_seconds_to_datetime(MegaSecs * 1000000 + Secs + ?SECONDS_TO_1970).

now_to_local_time(Now) ->
    erlang:universaltime_to_localtime(now_to_universal_time(Now)).

system_time_to_universal_time(Time, Unit) ->
    Secs = floor_div(Time, unit_factor(Unit)),
    gregorian_seconds_to_datetime(Secs + ?SECONDS_TO_1970).

system_time_to_local_time(Time, Unit) ->
    erlang:universaltime_to_localtime(system_time_to_universal_time(Time, Unit)).

%% Parts per second of a time unit; native counts as millisecond in
%% RFC 3339 texts, as in OTP.
unit_factor(second) -> 1;
unit_factor(millisecond) -> 1000;
unit_factor(microsecond) -> 1000000;
unit_factor(nanosecond) -> 1000000000;
unit_factor(native) -> 1000000000;
unit_factor(_) -> erlang:error(badarg).

%% ---------------------------------------------------------------------
%% RFC 3339.

system_time_to_rfc3339(Time) ->
    system_time_to_rfc3339(Time, []).

system_time_to_rfc3339(Time0, Options) ->
    Unit0 = option(unit, Options, second),
    Designator = option(time_designator, Options, $T),
    {Time, Unit} = case Unit0 of
                       native -> {floor_div(Time0, 1000000), millisecond};
                       _ -> {Time0, Unit0}
                   end,
    Factor = unit_factor(Unit),
    OffsetOption = option(offset, Options, ""),
    {ShiftedTime, OffsetText} = offset(OffsetOption, Time, Factor),
    Secs = floor_div(ShiftedTime, Factor),
    Fraction = ShiftedTime - Secs * Factor,
    GSecs = Secs + ?SECONDS_TO_1970,
    case GSecs >= 0 andalso GSecs =< ?MAX_SECONDS of
        true -> ok;
        false -> erlang:error({badarg, [Time0, Options]})
    end,
    {{Y, Mo, D}, {H, Mi, S}} = gregorian_seconds_to_datetime(GSecs),
    pad(4, Y) ++ "-" ++ pad(2, Mo) ++ "-" ++ pad(2, D) ++ [Designator]
        ++ pad(2, H) ++ ":" ++ pad(2, Mi) ++ ":" ++ pad(2, S)
        ++ fraction(Factor, Fraction) ++ OffsetText.

option(Key, Options, Default) ->
    case lists:keyfind(Key, 1, Options) of
        {Key, Value} -> Value;
        false -> Default
    end.

%% The time shifted to the offset's local time, and the offset text.
offset("", Time, Factor) ->
    Secs = floor_div(Time, Factor),
    UTC = gregorian_seconds_to_datetime(Secs + ?SECONDS_TO_1970),
    Local = erlang:universaltime_to_localtime(UTC),
    Diff = datetime_to_gregorian_seconds(Local) - datetime_to_gregorian_seconds(UTC),
    {Time + Diff * Factor, offset_text(Diff)};
offset("Z", Time, _) -> {Time, "Z"};
offset("z", Time, _) -> {Time, "z"};
offset([Sign, H1, H2, $:, M1, M2] = Text, Time, Factor) when Sign =:= $+; Sign =:= $- ->
    Secs = (list_to_integer([H1, H2]) * 60 + list_to_integer([M1, M2])) * 60,
    case Sign of
        $+ -> {Time + Secs * Factor, Text};
        $- -> {Time - Secs * Factor, Text}
    end;
offset(Offset, Time, Factor) when is_integer(Offset) ->
    {Time + Offset, offset_text(Offset div Factor)};
offset(_, _, _) ->
    erlang:error(badarg).

offset_text(Secs) when Secs < 0 -> [$- | hh_mm(-Secs)];
offset_text(Secs) -> [$+ | hh_mm(Secs)].

hh_mm(Secs) -> pad(2, Secs div 3600) ++ ":" ++ pad(2, (Secs rem 3600) div 60).

fraction(1, _) -> "";
fraction(Factor, Fraction) -> [$. | pad(digits(Factor) - 1, Fraction)].

digits(N) when N < 10 -> 1;
digits(N) -> 1 + digits(N div 10).

pad(Width, N) ->
    S = integer_to_list(N),
    lists:duplicate(Width - length(S), $0) ++ S.

rfc3339_to_system_time(Text) ->
    rfc3339_to_system_time(Text, []).

rfc3339_to_system_time(Text, Options) ->
    Unit = option(unit, Options, second),
    Factor = unit_factor(Unit),
    [Y1, Y2, Y3, Y4, $-, Mo1, Mo2, $-, D1, D2, _T, H1, H2, $:, Mi1, Mi2, $:, S1, S2 | Rest] = Text,
    Date = {list_to_integer([Y1, Y2, Y3, Y4]), list_to_integer([Mo1, Mo2]),
            list_to_integer([D1, D2])},
    Time = {list_to_integer([H1, H2]), list_to_integer([Mi1, Mi2]), list_to_integer([S1, S2])},
    {FractionDigits, OffsetText} = split_fraction(Rest),
    OffsetSecs = parse_offset(OffsetText),
    Secs = datetime_to_gregorian_seconds({Date, Time}) - ?SECONDS_TO_1970 - OffsetSecs,
    Secs * Factor + fraction_value(FractionDigits, Factor).

split_fraction([$. | Rest]) -> lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 end, Rest);
split_fraction(Rest) -> {"", Rest}.

parse_offset([Z]) when Z =:= $Z; Z =:= $z -> 0;
parse_offset([Sign, H1, H2, $:, M1, M2]) when Sign =:= $+; Sign =:= $- ->
    Secs = (list_to_integer([H1, H2]) * 60 + list_to_integer([M1, M2])) * 60,
    case Sign of
        $+ -> Secs;
        $- -> -Secs
    end.

%% The fraction of a second in the unit, rounded (ignored for seconds).
fraction_value(_, 1) -> 0;
fraction_value("", _) -> 0;
fraction_value(Digits, Factor) ->
    Scale = pow10(length(Digits)),
    (2 * list_to_integer(Digits) * Factor + Scale) div (2 * Scale).

pow10(0) -> 1;
pow10(N) -> 10 * pow10(N - 1).
