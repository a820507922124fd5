//! Command-line arguments and environment variables (WASI args_get /
//! environ_get): the main process prints its arguments after argv[0] and the
//! variable KILN_GUEST_GREETING set by the runner; a child with the inherited
//! config sees the same; a child spawned with a fresh `ProcessConfig` carrying
//! `add_command_line_argument` / `add_environment_variable` sees exactly those
//! (its argv[0] is the first argument added; nothing is inherited).
use lunatic::{Mailbox, Process, ProcessConfig};

fn describe(who: &str, skip_argv0: bool) -> String {
    let args: Vec<String> = std::env::args()
        .skip(if skip_argv0 { 1 } else { 0 })
        .collect();
    let greeting = std::env::var("KILN_GUEST_GREETING").unwrap_or_else(|_| "<unset>".to_string());
    format!("{who}: args {args:?}, KILN_GUEST_GREETING={greeting}")
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    println!("{}", describe("main", true));
    println!(
        "main: argv[0] ends with .wasm: {}",
        std::env::args()
            .next()
            .map(|a| a.ends_with(".wasm"))
            .unwrap_or(false)
    );

    Process::spawn(me, |parent, _: Mailbox<()>| {
        parent.send(describe("inherited child", true));
    });
    println!("{}", mailbox.receive());

    let mut config = ProcessConfig::new().unwrap();
    config.add_command_line_argument("child.wasm");
    config.add_command_line_argument("--flag");
    config.add_command_line_argument("value with spaces");
    config.add_environment_variable("CHILD_VAR", "child value");
    config.add_environment_variable("KILN_GUEST_GREETING", "set by the config");
    Process::spawn_config(&config, me, |parent, _: Mailbox<()>| {
        let mut vars: Vec<String> = std::env::vars().map(|(k, v)| format!("{k}={v}")).collect();
        vars.sort();
        parent.send(format!(
            "{}\nconfigured child: all vars {vars:?}",
            describe("configured child", false)
        ));
    });
    println!("{}", mailbox.receive());

    let empty = ProcessConfig::new().unwrap();
    Process::spawn_config(&empty, me, |parent, _: Mailbox<()>| {
        let n_args = std::env::args().count();
        let n_vars = std::env::vars().count();
        parent.send(format!("empty-config child: {n_args} args, {n_vars} vars"));
    });
    println!("{}", mailbox.receive());
    println!("done");
}
