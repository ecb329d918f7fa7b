//! A client that behaves like a browser: it keeps cookies, sends Origin and
//! Sec-Fetch-Site on posts, and takes the CSRF token from the last page it saw.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::HeaderMap;
use reqwest::redirect::Policy;

pub struct Client {
    http: reqwest::Client,
    jar: Arc<Jar>,
    base: String,
    csrf: Mutex<Option<String>>,
}

/// A response, read in full.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn contains(&self, text: &str) -> bool {
        self.body.contains(text)
    }

    /// The `value` of the first element named `field` in the page.
    pub fn field_value(&self, field: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{field}\""))?;
        let tag_start = self.body[..at].rfind('<')?;
        let tag_end = at + self.body[at..].find('>')?;
        let tag = &self.body[tag_start..tag_end];
        let start = tag.find("value=\"")? + "value=\"".len();
        let end = tag[start..].find('"')?;
        Some(tag[start..start + end].to_owned())
    }
}

impl Client {
    pub fn new(addr: SocketAddr) -> Self {
        let jar = Arc::new(Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .build()
            .expect("http client");
        Self {
            http,
            jar,
            base: format!("http://{addr}"),
            csrf: Mutex::new(None),
        }
    }

    /// The same browser, its cookies and form token, talking to `addr`
    /// instead: one of the servers behind a proxy, reached directly.
    pub fn at(&self, addr: SocketAddr) -> Self {
        let http = reqwest::Client::builder()
            .cookie_provider(self.jar.clone())
            .redirect(Policy::none())
            .build()
            .expect("http client");
        Self {
            http,
            jar: self.jar.clone(),
            base: format!("http://{addr}"),
            csrf: Mutex::new(self.csrf.lock().expect("lock").clone()),
        }
    }

    /// The value of cookie `name` as the browser holds it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url: reqwest::Url = self.base.parse().expect("base url");
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_owned))
    }

    /// Sets a cookie as if the server had (to plant stale or foreign values).
    pub fn set_cookie(&self, name: &str, value: &str) {
        let url: reqwest::Url = self.base.parse().expect("base url");
        self.jar
            .add_cookie_str(&format!("{name}={value}; Path=/"), &url);
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        self.read(response).await
    }

    /// Posts a form with the CSRF token of the last page seen, like a browser.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf.lock().expect("lock").clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all, true).await
    }

    /// Posts exactly `fields`; `same_origin` adds the headers a browser sends
    /// for a form of this site.
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)], same_origin: bool) -> Page {
        let mut request = self.http.post(format!("{}{path}", self.base)).form(fields);
        if same_origin {
            request = request
                .header("origin", &self.base)
                .header("sec-fetch-site", "same-origin");
        }
        let response = request.send().await.expect("POST");
        self.read(response).await
    }

    /// Posts a form with the token in the `X-CSRF-Token` header, as a script would.
    pub async fn post_with_header(&self, path: &str, fields: &[(&str, &str)], token: &str) -> Page {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .header("x-csrf-token", token)
            .form(fields)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Posts `fields` as `multipart/form-data`, same origin.
    pub async fn post_multipart(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let boundary = "niudai-test-boundary";
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Uploads `content` as file field `file` of a multipart form, with the
    /// page's CSRF token as its first field, like a browser's upload form.
    pub async fn upload(&self, path: &str, file_name: &str, content: Vec<u8>) -> Page {
        self.upload_with(path, &[], file_name, content).await
    }

    /// `upload`, with more text fields before the file.
    pub async fn upload_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        content: Vec<u8>,
    ) -> Page {
        let token = self.csrf.lock().expect("lock").clone().unwrap_or_default();
        let mut form = reqwest::multipart::Form::new().text("csrf_token", token);
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        let form = form.part(
            "file",
            reqwest::multipart::Part::bytes(content).file_name(file_name.to_owned()),
        );
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .multipart(form)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Posts a hand-made body (a multipart body cut short, say), same origin.
    pub async fn post_body(&self, path: &str, content_type: &str, body: Vec<u8>) -> Page {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Uses `token` as the form token, as if a page had carried it.
    pub fn set_csrf(&self, token: &str) {
        *self.csrf.lock().expect("lock") = Some(token.to_owned());
    }

    /// The form token of the last page seen.
    pub fn csrf_token(&self) -> String {
        self.csrf.lock().expect("lock").clone().unwrap_or_default()
    }

    /// Downloads `path`: status, `Content-Disposition` and bytes.
    pub async fn download_file(&self, path: &str) -> (u16, String, Vec<u8>) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        let status = response.status().as_u16();
        let disposition = response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (
            status,
            disposition,
            response.bytes().await.expect("body").to_vec(),
        )
    }

    /// Downloads `path` as bytes.
    pub async fn download(&self, path: &str) -> (u16, Vec<u8>) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        let status = response.status().as_u16();
        (status, response.bytes().await.expect("body").to_vec())
    }

    /// Posts from another site: the Origin and Sec-Fetch-Site of a cross-site form.
    pub async fn post_cross_site(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf.lock().expect("lock").clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&all)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Opens the login page and submits it.
    pub async fn login(&self, username: &str, password: &str) -> Page {
        self.get("/login").await;
        self.post("/login", &[("username", username), ("password", password)])
            .await
    }

    async fn read(&self, response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body");
        let page = Page {
            status,
            headers,
            body,
        };
        if let Some(token) = page.field_value("csrf_token") {
            *self.csrf.lock().expect("lock") = Some(token);
        }
        page
    }
}
