//! A small client for the tests and benchmarks that need a real browser:
//! headless Chromium driven over the DevTools protocol (JSON over one
//! WebSocket, `tungstenite`), and `rolefit serve` run as the real binary.
//! Both processes and the browser's profile go with their guard's `Drop`,
//! so a failing assertion leaves nothing running.
//!
//! Shared by `tests/browser.rs` and `benches/serve.rs` (as a `#[path]`
//! module there).
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// How long any one wait may take before the test fails with what it saw.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// Chromium (or Chrome) on `PATH`.
pub fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

/// Chromium, or `None` after saying on the real stderr that `test` is
/// skipped; under CI (`CI` set) a missing browser fails instead.
/// `eprintln!` would not do: libtest shows captured output only for
/// failing tests.
pub fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed; .ci/run installs it (apt-get install chromium)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED browser::{test}: chromium not found; install it with \
             `apt-get install chromium` (Debian/Ubuntu) to run this test"
        );
    }
    found
}

/// Ends a process and everything it started (its process group), then
/// reaps it.
fn end(child: &mut Child) {
    if let Ok(pid) = i32::try_from(child.id()) {
        // Chromium forks a zygote and renderers into its group.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pid}")])
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Headless Chromium with a fresh profile, and one page attached.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Uncaught exceptions and console errors of the page, for failures.
    pub errors: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.socket.close(None);
        end(&mut self.child);
    }
}

impl Browser {
    /// Starts `exe` headless with a `width`×`height` window and opens a
    /// blank page to drive.
    pub fn launch(exe: &Path, width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().expect("a temporary profile");
        let mut child = Command::new(exe)
            .args([
                "--headless=new",
                "--remote-debugging-port=0",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--mute-audio",
            ])
            .arg(format!("--window-size={width},{height}"))
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("chromium starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let url = match first_line(stderr, "DevTools listening on ") {
            Some(url) => url,
            None => {
                end(&mut child);
                panic!("chromium printed no DevTools address");
            }
        };
        let mut browser = Browser {
            socket: connect(&url),
            child,
            session: String::new(),
            next_id: 0,
            errors: Vec::new(),
            _profile: profile,
        };
        let target = browser.browser_call("Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].clone();
        let attached = browser.browser_call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        browser
    }

    fn browser_call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// A command to the page; its result. Fails the test on a protocol error.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(method, params, Some(&session))
    }

    fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        let deadline = Instant::now() + PATIENCE;
        loop {
            assert!(
                Instant::now() < deadline,
                "{method}: no answer from chromium"
            );
            let message = match self.socket.read() {
                Ok(Message::Text(t)) => t,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => panic!("{method}: {e}"),
            };
            let value: Value = serde_json::from_str(message.as_str()).unwrap_or(Value::Null);
            if value["id"] == json!(id) {
                if let Some(error) = value.get("error") {
                    panic!("{method}: {error}");
                }
                return value["result"].clone();
            }
            self.event(&value);
        }
    }

    /// Keeps what a failing test would want to know.
    fn event(&mut self, value: &Value) {
        match value["method"].as_str() {
            Some("Runtime.exceptionThrown") => {
                let details = &value["params"]["exceptionDetails"];
                self.errors.push(format!(
                    "{} {}",
                    details["text"].as_str().unwrap_or(""),
                    details["exception"]["description"].as_str().unwrap_or("")
                ));
            }
            Some("Runtime.consoleAPICalled") if value["params"]["type"] == "error" => {
                self.errors.push(value["params"]["args"].to_string());
            }
            _ => {}
        }
    }

    /// Goes to `url` and waits until the page has loaded.
    pub fn open(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
    }

    /// The value of a JavaScript expression (promises awaited).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = result.get("exceptionDetails") {
            panic!("{expression}: {e}");
        }
        result["result"]["value"].clone()
    }

    /// `eval(expression)` as a string ("" when not one).
    pub fn text(&mut self, expression: &str) -> String {
        self.eval(expression).as_str().unwrap_or("").to_string()
    }

    /// Waits until `expression` is truthy; its value.
    pub fn wait_for(&mut self, what: &str, expression: &str) -> Value {
        let deadline = Instant::now() + PATIENCE;
        let wrapped =
            format!("(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()");
        loop {
            let value = self.eval(&wrapped);
            let truthy = match &value {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return value;
            }
            if Instant::now() >= deadline {
                let status = self.eval("document.getElementById('status')?.textContent ?? ''");
                panic!(
                    "waited {PATIENCE:?} for {what}; page errors: {:?}; status: {status}",
                    self.errors
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Focuses the element `selector` finds (as Tab would reach it).
    pub fn focus(&mut self, selector: &str) {
        let found = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; \
             e.scrollIntoView({{block: 'center'}}); e.focus(); return document.activeElement === e; }})()",
            json!(selector)
        ));
        assert_eq!(found, json!(true), "cannot focus {selector}");
    }

    /// One key pressed and released: a character (`"4"`, `"."`, `" "`) or
    /// a named key (`"Tab"`, `"Enter"`, `"ArrowUp"`, `"ArrowDown"`).
    pub fn press(&mut self, key: &str) {
        let (code, vk, text) = match key {
            "Tab" => ("Tab".to_string(), 9, None),
            "Enter" => ("Enter".to_string(), 13, Some("\r")),
            "ArrowUp" => ("ArrowUp".to_string(), 38, None),
            "ArrowDown" => ("ArrowDown".to_string(), 40, None),
            "Backspace" => ("Backspace".to_string(), 8, None),
            " " => ("Space".to_string(), 32, Some(" ")),
            "." => ("Period".to_string(), 190, Some(".")),
            d if d.len() == 1 && d.as_bytes()[0].is_ascii_digit() => {
                (format!("Digit{d}"), i64::from(d.as_bytes()[0]), Some(d))
            }
            other => panic!("no key {other:?} in this client"),
        };
        let mut down = json!({"type": if text.is_some() { "keyDown" } else { "rawKeyDown" },
            "key": key, "code": code, "windowsVirtualKeyCode": vk});
        if let Some(t) = text {
            down["text"] = json!(t);
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk}),
        );
    }

    /// Types `text` into the focused field, as an input method would.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({"text": text}));
    }

    /// The viewport as PNG bytes.
    pub fn screenshot(&mut self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        decode_base64(shot["data"].as_str().expect("image data"))
    }
}

/// Reads `stream` on a thread until a line starts with `prefix`; the rest
/// of that line. The thread goes on draining the stream, so the process
/// never blocks on a full pipe.
fn first_line(stream: impl Read + Send + 'static, prefix: &str) -> Option<String> {
    let (tx, rx) = mpsc::channel();
    let prefix = prefix.to_string();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sent {
                continue;
            }
            if let Some(rest) = line.strip_prefix(&prefix) {
                let _ = tx.send(rest.trim().to_string());
                sent = true;
            }
        }
    });
    rx.recv_timeout(PATIENCE).ok()
}

/// A WebSocket to `ws://host:port/path`, with reads that time out now and
/// then so a silent browser cannot hang a test.
fn connect(url: &str) -> WebSocket<TcpStream> {
    let address = url
        .strip_prefix("ws://")
        .and_then(|rest| rest.split('/').next())
        .expect("a ws:// address");
    let stream = TcpStream::connect(address).expect("connect to chromium");
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .expect("a read timeout");
    let (socket, _) = tungstenite::client(url, stream).expect("the DevTools WebSocket");
    socket
}

fn decode_base64(data: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0);
    for c in data.bytes().filter(|c| *c != b'=') {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

/// `rolefit serve RUBRIC --no-open --port 0`, as a person starts it.
pub struct Server {
    child: Child,
    /// The URL it printed, with the token.
    pub url: String,
    pub port: u16,
    pub token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        end(&mut self.child);
    }
}

impl Server {
    /// Starts `exe serve rubric` in `dir` (Share writes under `dir/output`).
    pub fn start(exe: &Path, rubric: &Path, dir: &Path) -> Server {
        let mut child = Command::new(exe)
            .args(["serve", "--no-open", "--port", "0"])
            .arg(rubric)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn()
            .expect("rolefit serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let Some(url) = first_line(stdout, "rolefit serve: ") else {
            end(&mut child);
            panic!("rolefit serve printed no URL");
        };
        let port = url
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("the URL names a port on 127.0.0.1");
        let token = url
            .split_once("token=")
            .map(|(_, t)| t.to_string())
            .expect("the URL carries a token");
        Server {
            child,
            url,
            port,
            token,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `(VmRSS, VmHWM)` in kB, from `/proc/PID/status`.
    pub fn memory_kb(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .expect("/proc/PID/status");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// One request as the page sends it (our Host, cookie and, for a
    /// POST, Origin): the status code and body.
    pub fn request(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(PATIENCE))
            .expect("a read timeout");
        let body = body.map(Value::to_string).unwrap_or_default();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
             Cookie: rolefit-{port}={token}\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Content-Type: application/json\r\nContent-Length: {len}\r\n\
             Connection: close\r\n\r\n{body}",
            port = self.port,
            token = self.token,
            len = body.len()
        );
        stream.write_all(request.as_bytes()).expect("send");
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        let code = reply
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = reply
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (code, body)
    }

    /// The live updates (`GET /events`), read as they come.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(PATIENCE))
            .expect("a read timeout");
        let request = format!(
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
             Cookie: rolefit-{port}={token}\r\nAccept: text/event-stream\r\n\r\n",
            port = self.port,
            token = self.token,
        );
        stream.write_all(request.as_bytes()).expect("send");
        Events {
            lines: BufReader::new(stream),
            seen: VecDeque::new(),
        }
    }
}

/// A stream of server-sent events.
pub struct Events {
    lines: BufReader<TcpStream>,
    seen: VecDeque<Value>,
}

impl Events {
    /// The next event's data.
    pub fn next(&mut self) -> Value {
        if let Some(v) = self.seen.pop_front() {
            return v;
        }
        let mut line = String::new();
        loop {
            line.clear();
            let n = self.lines.read_line(&mut line).expect("an event");
            assert!(n > 0, "the event stream ended");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return serde_json::from_str(data).expect("event data is JSON");
            }
        }
    }

    /// Waits for the first status past `generation` that is not
    /// `computing`; that status.
    pub fn settled_after(&mut self, generation: u64) -> Value {
        loop {
            let status = self.next();
            if status["generation"].as_u64().unwrap_or(0) > generation
                && status["state"] != "computing"
            {
                return status;
            }
        }
    }
}
