//! `lunatic::panic::catch_panic` (host call `lunatic::trap::catch`, which
//! re-enters the instance through the `_lunatic_catch_trap` export and
//! returns 0 if the call trapped): a panic (a trap, since wasm32-wasip1
//! aborts on panic) inside the closure is caught, the process goes on and
//! can catch again. `AbstractProcess::start` relies on it: an `init` that
//! panics gives `StartupError::InitPanicked`, one that returns Err gives
//! `StartupError::Custom`.
use lunatic::ap::{AbstractProcess, Config, StartupError};
use lunatic::panic::catch_panic;
use lunatic::serializer::Bincode;
use lunatic::Mailbox;

struct PanicsInInit;
impl AbstractProcess for PanicsInInit {
    type State = ();
    type Serializer = Bincode;
    type Arg = ();
    type Handlers = ();
    type StartupError = ();
    fn init(_: Config<Self>, _: ()) -> Result<(), ()> {
        panic!("init panics on purpose");
    }
}

struct FailsInInit;
impl AbstractProcess for FailsInInit {
    type State = ();
    type Serializer = Bincode;
    type Arg = u32;
    type Handlers = ();
    type StartupError = String;
    fn init(_: Config<Self>, n: u32) -> Result<(), String> {
        Err(format!("init refuses {n}"))
    }
}

#[lunatic::main]
fn main(_: Mailbox<()>) {
    println!("no panic: {:?}", catch_panic(|| 6 * 7));
    for i in 0..3 {
        let r = catch_panic(|| {
            if std::hint::black_box(true) {
                panic!("caught panic {i}");
            }
            0u32
        });
        println!("panic {i} caught: {}", r.is_err());
    }
    let v: Vec<u64> = (0..1000).collect();
    println!("process goes on after catching: sum {}", v.iter().sum::<u64>());
    let unreachable = catch_panic(|| core::arch::wasm32::unreachable());
    println!("unreachable caught: {}", unreachable.is_err());

    match PanicsInInit::start(()) {
        Err(StartupError::InitPanicked) => println!("AbstractProcess init panic: InitPanicked"),
        Err(e) => println!("AbstractProcess init panic: WRONG {e:?}"),
        Ok(_) => println!("AbstractProcess init panic: WRONG started"),
    }
    match FailsInInit::start(5) {
        Err(StartupError::Custom(s)) => println!("AbstractProcess init error: Custom({s:?})"),
        Err(e) => println!("AbstractProcess init error: WRONG {e:?}"),
        Ok(_) => println!("AbstractProcess init error: WRONG started"),
    }
    println!("done");
}
