//! The guards every request passes (Jupyter's token, webpack-dev-server's
//! DNS-rebinding fix): our `Host`, then the per-run token — from the URL
//! once, exchanged for an HttpOnly SameSite=Strict cookie — then, on every
//! POST, our `Origin`. Every response gets a Content-Security-Policy and
//! no CORS header.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Shared;
use crate::error::Error;

/// The page's policy: nothing from elsewhere, no inline script or style,
/// never inside another site's frame.
pub(crate) const CSP: &str = "default-src 'self'; frame-ancestors 'none'";

/// 32 random bytes from the system, as hex.
pub(super) fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Refused(format!("no random numbers for the server's token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The cookie's name: one per port, so two servers on this machine do not
/// overwrite each other's (cookies ignore the port).
fn cookie_name(port: u16) -> String {
    format!("rolefit-{port}")
}

/// Compares without stopping at the first difference, so the time taken
/// says nothing about how much of a guess was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refused(why: &'static str) -> Response {
    (StatusCode::FORBIDDEN, why).into_response()
}

/// `Host` is `127.0.0.1:PORT` or `localhost:PORT`: a page of another site
/// that made its name resolve to 127.0.0.1 (DNS rebinding) sends its own.
fn our_host(headers: &HeaderMap, port: u16) -> bool {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| h == format!("127.0.0.1:{port}") || h == format!("localhost:{port}"))
}

/// `Origin` is this server's.
fn our_origin(headers: &HeaderMap, port: u16) -> bool {
    headers
        .get(header::ORIGIN)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|o| {
            o == format!("http://127.0.0.1:{port}") || o == format!("http://localhost:{port}")
        })
}

/// The token in `?token=…`, if the query has one.
fn token_in_query(query: Option<&str>) -> Option<&str> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
}

/// Whether the request carries our cookie.
fn has_cookie(headers: &HeaderMap, shared: &Shared) -> bool {
    let name = cookie_name(shared.port);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .any(|(k, v)| k == name && same(v.as_bytes(), shared.token.as_bytes()))
}

/// The guards, in order; then the handler; then the headers every
/// response carries.
pub(super) async fn guard(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = check(&shared, request, next).await;
    let headers = response.headers_mut();
    // The report's frame sets a stricter one of its own (no script at all).
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The first URL carries the token: no page sends it on as a referrer.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn check(shared: &Shared, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if !our_host(headers, shared.port) {
        return refused("rolefit serve answers only for 127.0.0.1 and localhost on its port");
    }
    if let Some(token) = token_in_query(request.uri().query()) {
        if request.uri().path() != "/" || request.method() != Method::GET {
            return refused("the token is exchanged at / only");
        }
        if !same(token.as_bytes(), shared.token.as_bytes()) {
            return refused("wrong token: open the URL rolefit serve printed");
        }
        // Used: the file that opened the browser goes.
        drop(
            shared
                .opener
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take(),
        );
        return exchange(shared);
    }
    if !has_cookie(headers, shared) {
        return refused("no session: open the URL rolefit serve printed");
    }
    let reads = request.method() == Method::GET || request.method() == Method::HEAD;
    if !reads && !our_origin(headers, shared.port) {
        return refused("a change must come from the page rolefit serve shows");
    }
    next.run(request).await
}

/// The cookie for the token, and a page that goes on to `/`, so the token
/// leaves the address bar. A page of our own rather than a 303: a
/// SameSite=Strict cookie is not sent on a redirect that a file or another
/// site started, and a refresh from this page is our own.
fn exchange(shared: &Shared) -> Response {
    let cookie = format!(
        "{}={}; HttpOnly; SameSite=Strict; Path=/",
        cookie_name(shared.port),
        shared.token
    );
    let body = "<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=\"0;url=/\">\
                <title>rolefit</title><a href=\"/\">Open the rubric</a>\n";
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, v);
    }
    response
}

/// A private file (mode 0600, under an unpredictable name, as tempfile
/// creates it) holding a page that goes on to the URL with the token.
fn private_page(shared: &Shared) -> Option<tempfile::NamedTempFile> {
    let url = format!("http://127.0.0.1:{}/?token={}", shared.port, shared.token);
    let page = format!(
        "<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=\"0;url={url}\">\
         <title>rolefit</title>\n"
    );
    let mut file = tempfile::Builder::new()
        .prefix("rolefit-serve-")
        .suffix(".html")
        .tempfile()
        .ok()?;
    std::io::Write::write_all(&mut file, page.as_bytes()).ok()?;
    Some(file)
}

/// Opens the browser through a private file (mode 0600, removed once the
/// token is exchanged or the server stops), so the token never appears in
/// another process's arguments; only where a desktop is detected. False
/// when it did not.
pub(super) fn open_browser(shared: &Shared) -> bool {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
    {
        "xdg-open"
    } else {
        return false;
    };
    let Some(file) = private_page(shared) else {
        return false;
    };
    let spawned = std::process::Command::new(opener)
        .arg(file.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        // Reaped when it exits (xdg-open hands over to the browser).
        .map(|mut child| std::thread::spawn(move || child.wait()))
        .is_ok();
    if spawned {
        *shared
            .opener
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(file);
    }
    spawned
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use tower::ServiceExt as _;

    use super::private_page;
    use crate::serve::App;

    /// The file that opens the browser is the user's alone, carries the
    /// token, and is gone once the token is exchanged.
    #[test]
    fn the_private_opening_page_is_0600_and_removed_once_used() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let app = runtime
            .block_on(async { App::new(None, 4321, std::path::Path::new("unused")) })
            .unwrap();
        let file = private_page(&app.shared).unwrap();
        let path = file.path().to_path_buf();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains(app.token())
        );
        *app.shared.opener.lock().unwrap() = Some(file);
        let request = Request::get(format!("/?token={}", app.token()))
            .header(header::HOST, "127.0.0.1:4321")
            .body(Body::empty())
            .unwrap();
        let response = runtime.block_on(app.router().oneshot(request)).unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(!path.exists(), "the opening page is still there");
    }
}
