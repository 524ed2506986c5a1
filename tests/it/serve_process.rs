//! `rolefit serve` as a process: what it listens on, how it opens the
//! browser (a stand-in `xdg-open` records what it was given), `--no-open`,
//! no way to listen elsewhere, and the file watched on disk. Requests are
//! plain HTTP/1.1 over a socket; no browser. Linux only (`stat -c`,
//! `/proc/net/tcp`).

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;

/// A server started on a free port; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    token: String,
    /// What it printed before serving.
    said: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `rolefit serve --port 0 ARGS` in `dir`, with a stand-in
/// `xdg-open` from `dir/bin` first on the PATH and a desktop said to be
/// there; reads what it prints up to "Ctrl-C stops the server.".
fn start(dir: &Path, args: &[&str]) -> Server {
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("rolefit"))
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("DISPLAY", ":99")
        .env_remove("WAYLAND_DISPLAY")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut said = String::new();
    while !said.contains("Ctrl-C stops the server.") {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            panic!("serve stopped: {said}");
        }
        said.push_str(&line);
    }
    let url = said
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("rolefit serve: "))
        .unwrap()
        .to_string();
    let rest = url.strip_prefix("http://127.0.0.1:").unwrap();
    let (port, token) = rest.split_once("/?token=").unwrap();
    Server {
        child,
        port: port.parse().unwrap(),
        token: token.to_string(),
        said,
    }
}

impl Server {
    /// A GET with our Host (and the cookie, unless the token is in `uri`):
    /// the status line, headers and body.
    fn get(&self, uri: &str) -> String {
        let mut socket = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let cookie = format!("Cookie: rolefit-{}={}\r\n", self.port, self.token);
        write!(
            socket,
            "GET {uri} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{}Connection: close\r\n\r\n",
            self.port,
            if uri.contains("token=") { "" } else { &cookie }
        )
        .unwrap();
        let mut reply = String::new();
        socket.read_to_string(&mut reply).unwrap();
        reply
    }
}

/// A stand-in `xdg-open` that records its arguments, the mode of the file
/// it was given and what that file holds.
fn fake_opener(dir: &Path) {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstat -c %a \"$1\" > '{0}/mode'\ncat \"$1\" > '{0}/page'\n\
             printf '%s\\n' \"$@\" > '{0}/args.tmp' && mv '{0}/args.tmp' '{0}/args'\n",
            dir.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn rubric(dir: &Path) -> std::path::PathBuf {
    let text = common::read(&common::example()).replace("samples = 20000", "samples = 400");
    common::write(dir, "rubric.toml", &text)
}

/// The browser is opened through a private file: the opener's arguments
/// hold its path, never the token; the file is the user's alone (0600)
/// and goes once the token is exchanged. The server listens on 127.0.0.1
/// only, and finds an edit made on disk by itself.
#[test]
fn serve_opens_the_browser_through_a_private_file_and_listens_on_loopback_only() {
    let dir = tempfile::tempdir().unwrap();
    fake_opener(dir.path());
    let path = rubric(dir.path());
    let s = start(dir.path(), &["rubric.toml"]);
    assert!(s.said.contains("Opened in your browser."), "{}", s.said);
    assert_eq!(s.token.len(), 64, "{}", s.said);
    let args = dir.path().join("args");
    wait_until("the opener to run", || args.exists());
    let args = std::fs::read_to_string(args).unwrap();
    let opened: Vec<&str> = args.lines().collect();
    assert_eq!(opened.len(), 1, "{args}");
    assert!(
        !args.contains(&s.token),
        "the token in the opener's arguments"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mode"))
            .unwrap()
            .trim(),
        "600"
    );
    let page = std::fs::read_to_string(dir.path().join("page")).unwrap();
    assert!(page.contains(&format!("http://127.0.0.1:{}/?token={}", s.port, s.token)));
    assert!(Path::new(opened[0]).exists());
    // The browser follows the page: the token is exchanged, the file goes.
    let exchanged = s.get(&format!("/?token={}", s.token));
    assert!(exchanged.starts_with("HTTP/1.1 200"), "{exchanged}");
    assert!(exchanged.contains("HttpOnly"), "{exchanged}");
    assert!(
        !Path::new(opened[0]).exists(),
        "the private page is still there"
    );
    // Listening on 127.0.0.1 and nothing else (as /proc lists sockets).
    {
        let port = format!(":{:04X} ", s.port);
        let listening: Vec<String> = ["/proc/net/tcp", "/proc/net/tcp6"]
            .iter()
            .flat_map(|f| {
                std::fs::read_to_string(f)
                    .unwrap_or_default()
                    .lines()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .filter(|l| {
                l.split_whitespace()
                    .nth(1)
                    .is_some_and(|a| a.ends_with(port.trim_end()))
                    && l.split_whitespace().nth(3) == Some("0A")
            })
            .collect();
        assert_eq!(listening.len(), 1, "{listening:?}");
        assert!(
            listening[0].contains(&format!("0100007F{port}")),
            "{listening:?}"
        );
    }
    // An edit made on disk shows without any answer.
    let theirs = common::read(&path).replacen("Sam Rivera", "Edited Elsewhere", 1);
    std::fs::write(&path, &theirs).unwrap();
    wait_until("the form to show the edit", || {
        s.get("/form").contains("value=\"Edited Elsewhere\"")
    });
    assert_eq!(common::read(&path), theirs);
}

/// `--no-open` prints the URL and starts nothing; there is no option to
/// listen anywhere but 127.0.0.1.
#[test]
fn no_open_starts_no_browser_and_there_is_no_host_option() {
    let dir = tempfile::tempdir().unwrap();
    fake_opener(dir.path());
    rubric(dir.path());
    let s = start(dir.path(), &["--no-open", "rubric.toml"]);
    assert!(!s.said.contains("Opened"), "{}", s.said);
    assert!(
        s.said
            .contains("Every answer is saved to rubric.toml at once.")
    );
    let page = s.get(&format!("/?token={}", s.token));
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(!dir.path().join("args").exists(), "the opener ran");
    for host in [["--host", "0.0.0.0"], ["--bind", "0.0.0.0"]] {
        let refused = common::rolefit(dir.path())
            .arg("serve")
            .args(host)
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(2), "{host:?}");
    }
}
