//! Files through WASI in preopened directories (std::fs): the runner creates a
//! scratch directory, preopens it for the main process (`lunatic run --dir`)
//! and passes its absolute path in $KILN_GUEST_TMP. The main process writes,
//! appends, reads, lists, renames and removes files there; a child spawned with
//! the inherited config reads the same files; a child spawned with a fresh
//! `ProcessConfig` that preopens only a subdirectory reads and writes there.
use std::fs;
use std::io::Write;

use kiln_lunatic_guests::{preopen_dir, tmp_dir};
use lunatic::{Mailbox, Process, ProcessConfig};

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let tmp = tmp_dir();
    let p = |name: &str| format!("{tmp}/{name}");

    fs::write(p("hello.txt"), "hello from lunatic guest\n").unwrap();
    println!(
        "read back: {:?}",
        fs::read_to_string(p("hello.txt")).unwrap()
    );
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(p("hello.txt"))
        .unwrap();
    f.write_all(b"second line\n").unwrap();
    drop(f);
    println!(
        "after append: {:?}",
        fs::read_to_string(p("hello.txt")).unwrap()
    );
    println!("len: {}", fs::metadata(p("hello.txt")).unwrap().len());
    fs::create_dir(p("sub")).unwrap();
    fs::write(p("sub/inner.txt"), "inner file").unwrap();
    fs::write(p("b.txt"), "b").unwrap();
    fs::rename(p("b.txt"), p("c.txt")).unwrap();
    let mut names: Vec<String> = fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    println!("listing: {names:?}");
    println!(
        "b.txt exists after rename: {}",
        fs::metadata(p("b.txt")).is_ok()
    );
    fs::remove_file(p("c.txt")).unwrap();
    println!(
        "c.txt exists after remove: {}",
        fs::metadata(p("c.txt")).is_ok()
    );
    match fs::read(p("missing.txt")) {
        Err(e) => println!("reading a missing file: {:?}", e.kind()),
        Ok(_) => println!("WRONG: read a missing file"),
    }

    // A child with the inherited configuration sees the same preopened directory.
    Process::spawn((me, tmp.clone()), |(parent, tmp), _: Mailbox<()>| {
        let s = fs::read_to_string(format!("{tmp}/hello.txt"))
            .unwrap_or_else(|e| format!("error {:?}", e.kind()));
        parent.send(format!("inherited child read: {s:?}"));
    });
    println!("{}", mailbox.receive());

    // A child with a fresh configuration that preopens only tmp/sub.
    let sub = p("sub");
    let config = ProcessConfig::new().unwrap();
    preopen_dir(&config, &sub);
    Process::spawn_config(
        &config,
        (me, sub.clone()),
        |(parent, sub), _: Mailbox<()>| {
            let read = fs::read_to_string(format!("{sub}/inner.txt"))
                .unwrap_or_else(|e| format!("error {:?}", e.kind()));
            let wrote = fs::write(format!("{sub}/from_child.txt"), "written by the child").is_ok();
            parent.send(format!("configured child read: {read:?}, wrote: {wrote}"));
        },
    );
    println!("{}", mailbox.receive());
    println!(
        "main reads the child's file: {:?}",
        fs::read_to_string(p("sub/from_child.txt")).unwrap()
    );
    let _ = fs::remove_dir_all(p("sub"));
    let _ = fs::remove_file(p("hello.txt"));
    println!("done");
}
